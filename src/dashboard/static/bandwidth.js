// The scheduler's bandwidth page: a matrix of bytes/s between each pair of workers (shaded by rate), and the
// cluster's total transfer rate over time.
import { ClusterStore, schedulerNav } from './cluster_store.js';
import { formatBytes } from './format.js';
import { connect } from './stream.js';
import { TimeSeriesView } from './timeseries.js';

const $ = (id) => document.getElementById(id);
schedulerNav('/bandwidth');
const store = new ClusterStore();

const matrix = {
  render(s) {
    const workers = s.extra.workers ?? [];
    const rate = new Map();
    let max = 1;
    for (const p of s.extra.bandwidth ?? []) {
      rate.set(`${p.from} ${p.to}`, p.bytesPerSecond);
      max = Math.max(max, p.bytesPerSecond);
    }
    const head = document.createElement('tr');
    head.append(document.createElement('th'));
    for (const w of workers) {
      const th = document.createElement('th');
      th.textContent = w.name;
      head.append(th);
    }
    const rows = workers.map((from) => {
      const tr = document.createElement('tr');
      const th = document.createElement('td');
      th.textContent = from.name;
      tr.append(th);
      for (const to of workers) {
        const td = document.createElement('td');
        const v = rate.get(`${from.address} ${to.address}`);
        td.dataset.from = from.address;
        td.dataset.to = to.address;
        td.dataset.bytesPerSecond = String(v ?? 0);
        td.textContent = from === to ? '—' : v === undefined ? '' : `${formatBytes(v)}/s`;
        if (v) td.style.background = `rgba(211, 47, 47, ${0.1 + 0.6 * (v / max)})`;
        tr.append(td);
      }
      return tr;
    });
    $('bandwidth').replaceChildren(head, ...rows);
  },
};
const chart = new TimeSeriesView($('transfer-chart'), {
  title: 'Transfers between workers (bytes/s, cluster total)',
  series: [
    {
      label: 'bytes/s',
      column: 'transferBytesPerSecond',
      scale: 'b',
      color: '#d32f2f',
      value: (_u, v) => (v == null ? '' : formatBytes(v)),
    },
  ],
  axes: [{ scale: 'b', values: (_u, vs) => vs.map((v) => formatBytes(v)) }],
});

connect(store, [matrix, chart], {
  onStatus: (text) => {
    $('connection').textContent = text;
  },
});
window.tesseraDashboard = { store };
