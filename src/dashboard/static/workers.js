// The scheduler's workers page: one table row per worker, linking to the worker's own dashboard.
import { ClusterStore, schedulerNav } from './cluster_store.js';
import { formatBytes, formatCount } from './format.js';
import { connect } from './stream.js';

const $ = (id) => document.getElementById(id);
schedulerNav('/workers');
const store = new ClusterStore();

const table = {
  render(s) {
    const workers = s.extra.workers ?? [];
    $('worker-count').textContent = `${workers.length} connected`;
    const rows = workers.map((w) => {
      const tr = document.createElement('tr');
      tr.dataset.worker = w.address;
      const cells = [
        w.address,
        w.name,
        String(w.nthreads),
        formatBytes(w.memory),
        formatBytes(w.managed),
        formatBytes(w.spilled),
        w.memoryLimit ? formatBytes(w.memoryLimit) : 'none',
        `${w.cpu.toFixed(0)}%`,
        Object.entries(w.resources)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
        formatCount(w.processing),
        formatCount(w.executing),
        formatCount(w.ready),
        formatCount(w.done),
        w.status,
      ];
      for (const text of cells) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      const link = document.createElement('td');
      if (w.dashboard) {
        const a = document.createElement('a');
        a.href = w.dashboard;
        a.textContent = 'open';
        a.className = 'worker-link';
        link.append(a);
      } else link.textContent = '-';
      tr.append(link);
      return tr;
    });
    $('workers').tBodies[0].replaceChildren(...rows);
  },
};

connect(store, [table], {
  onStatus: (text) => {
    $('connection').textContent = text;
  },
});
window.tesseraDashboard = { store };
