// The task stream: one row per lane (a thread of a worker), one DOM element per bar (a task, or a run of short
// tasks back to back), placed by CSS percentages over the last `windowMs` of activity and coloured by prefix.
// DOM elements rather than canvas drawing: a few thousand positioned boxes are cheap, and tests can count them.
import { prefixColor } from './colors.js';

const MAX_ELEMENTS = 4000;

export class TaskStreamView {
  constructor(
    element,
    {
      windowMs = 10000,
      laneLabel = (lane) => `thread ${lane.thread}`,
      color = (_name, index) => prefixColor(index),
    } = {},
  ) {
    this.color = color;
    this.element = element;
    this.windowMs = windowMs;
    this.laneLabel = laneLabel;
    this.shownBars = 0;
  }

  render(store) {
    const { bars, lanes, prefixes } = store;
    const n = bars.end.length;
    let right = 0;
    for (let i = Math.max(0, n - 2000); i < n; i++) if (bars.end[i] > right) right = bars.end[i];
    const left = right - this.windowMs;
    const frag = document.createDocumentFragment();
    const tracks = lanes.map((lane) => {
      const row = document.createElement('div');
      row.className = 'ts-lane';
      const label = document.createElement('span');
      label.className = 'ts-label';
      label.textContent = this.laneLabel(lane);
      const track = document.createElement('div');
      track.className = 'ts-track';
      row.append(label, track);
      frag.append(row);
      return track;
    });
    let shown = 0;
    for (let i = n - 1; i >= 0 && shown < MAX_ELEMENTS; i--) {
      if (bars.end[i] < left) continue;
      const track = tracks[bars.lane[i]];
      if (!track) continue;
      const start = Math.max(bars.start[i], left);
      const bar = document.createElement('div');
      bar.className = 'ts-bar';
      const prefix = bars.prefix[i];
      const name = prefixes[prefix]?.name ?? '?';
      bar.style.left = `${((start - left) / this.windowMs) * 100}%`;
      bar.style.width = `${((bars.end[i] - start) / this.windowMs) * 100}%`;
      bar.style.background = this.color(name, prefix);
      const ms = bars.end[i] - bars.start[i];
      bar.title = `${name}: ${bars.count[i]} task${bars.count[i] > 1 ? 's' : ''}, ${ms.toFixed(2)} ms`;
      track.append(bar);
      shown++;
    }
    this.shownBars = shown;
    this.element.replaceChildren(frag);
    this.element.dataset.bars = String(shown);
  }
}
