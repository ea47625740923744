// Horizontal bars, one row per worker (DOM boxes sized by CSS percentages; no canvas): memory split into managed,
// unmanaged and spilled, and tasks processing. Rows carry data attributes so tests can read what is drawn.
import { formatBytes, formatCount } from './format.js';

function row(label, parts, scale, text) {
  const el = document.createElement('div');
  el.className = 'wk-row';
  const name = document.createElement('span');
  name.textContent = label;
  const bar = document.createElement('div');
  bar.className = 'wk-bar';
  for (const [value, color, title] of parts) {
    if (!(value > 0)) continue;
    const seg = document.createElement('div');
    seg.style.width = `${Math.min(100, (value / scale) * 100)}%`;
    seg.style.background = color;
    seg.title = title;
    bar.append(seg);
  }
  const counts = document.createElement('span');
  counts.textContent = text;
  el.append(name, bar, counts);
  return el;
}

/** Memory per worker: managed (results), unmanaged (the rest of the RSS), spilled (on disk). */
export class WorkerMemoryView {
  constructor(element) {
    this.element = element;
  }

  render(store) {
    const workers = store.extra.workers ?? [];
    let scale = 1;
    for (const w of workers) scale = Math.max(scale, w.memoryLimit || 0, w.memory + w.spilled);
    this.element.replaceChildren(
      ...workers.map((w) => {
        const el = row(
          w.name,
          [
            [w.managed, '#1565c0', `managed ${formatBytes(w.managed)}`],
            [w.unmanaged, '#90caf9', `unmanaged ${formatBytes(w.unmanaged)}`],
            [w.spilled, '#9e9e9e', `spilled ${formatBytes(w.spilled)}`],
          ],
          scale,
          `${formatBytes(w.memory)}${w.spilled ? ` + ${formatBytes(w.spilled)} spilled` : ''}`,
        );
        el.dataset.worker = w.address;
        el.dataset.memory = String(w.memory);
        return el;
      }),
    );
  }
}

/** Tasks processing per worker (committed by the scheduler, not finished), with those executing. */
export class WorkerProcessingView {
  constructor(element, stealsElement) {
    this.element = element;
    this.stealsElement = stealsElement;
  }

  render(store) {
    const workers = store.extra.workers ?? [];
    let scale = 1;
    for (const w of workers) scale = Math.max(scale, w.processing);
    this.element.replaceChildren(
      ...workers.map((w) => {
        const el = row(
          w.name,
          [[w.processing, '#2e7d32', `${w.processing} processing`]],
          scale,
          `${formatCount(w.processing)} processing · ${formatCount(w.done)} done`,
        );
        el.dataset.worker = w.address;
        el.dataset.processing = String(w.processing);
        return el;
      }),
    );
    const steals = store.extra.steals ?? { requested: 0, moved: 0 };
    if (this.stealsElement) {
      this.stealsElement.textContent = `${formatCount(steals.moved)} stolen (${formatCount(steals.requested)} asked)`;
    }
  }
}
