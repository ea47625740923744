// Progress per task prefix: a stacked bar (done, running, erred, waiting) and counts per row, and the overall
// percentage in the header (`data-percent` on #progress-total).
import { prefixColor } from './colors.js';
import { formatBytes, formatCount } from './format.js';

export class ProgressView {
  constructor(element, totalElement) {
    this.element = element;
    this.totalElement = totalElement;
  }

  render(store) {
    const rows = store.prefixes.filter((p) => p && p.total > 0);
    let total = 0;
    let done = 0;
    let erred = 0;
    const frag = document.createDocumentFragment();
    for (const p of rows) {
      total += p.total;
      done += p.done;
      erred += p.erred;
      const row = document.createElement('div');
      row.className = 'pg-row';
      row.dataset.prefix = p.name;
      const name = document.createElement('span');
      name.className = 'pg-name';
      name.textContent = p.name;
      const bar = document.createElement('div');
      bar.className = 'pg-bar';
      for (const [part, count, color] of [
        ['done', p.done, prefixColor(p.index)],
        ['running', p.running, prefixColor(p.index, true)],
        ['erred', p.erred, '#c62828'],
      ]) {
        if (count === 0) continue;
        const seg = document.createElement('div');
        seg.className = `pg-${part}`;
        seg.style.width = `${(count / p.total) * 100}%`;
        seg.style.background = color;
        bar.append(seg);
      }
      const counts = document.createElement('span');
      counts.className = 'pg-counts';
      counts.textContent =
        `${formatCount(p.done)} / ${formatCount(p.total)}` +
        (p.running ? ` · ${formatCount(p.running)} processing` : '') +
        (p.waiting ? ` · ${formatCount(p.waiting)} waiting` : '') +
        (p.erred ? ` · ${formatCount(p.erred)} erred` : '') +
        (p.bytes ? ` · ${formatBytes(p.bytes)}` : '');
      row.append(name, bar, counts);
      frag.append(row);
    }
    this.element.replaceChildren(frag);
    const percent = total === 0 ? 0 : Math.floor(((done + erred) / total) * 100);
    this.totalElement.dataset.percent = String(percent);
    this.totalElement.textContent =
      total === 0 ? 'no tasks yet' : `${formatCount(done)} / ${formatCount(total)} tasks (${percent}%)`;
  }
}
