// A worker's page: its task stream (threads, and fetches from peers), tasks executing and queued, progress of the
// tasks it received, and its system over time: CPU, memory, network in/out, spill, event-loop lag; transfers per
// peer.
import { barColor, ClusterStore } from './cluster_store.js';
import { prefixColor } from './colors.js';
import { formatBytes, formatCount } from './format.js';
import { ProgressView } from './progress.js';
import { connect } from './stream.js';
import { TaskStreamView } from './task_stream.js';
import { TimeSeriesView } from './timeseries.js';

const $ = (id) => document.getElementById(id);
const bytes = (_u, v) => (v == null ? '' : formatBytes(v));
const counted = (_u, v) => (v == null ? '' : formatCount(v));
const bytesAxis = { scale: 'b', values: (_u, vs) => vs.map((v) => formatBytes(v)) };
const store = new ClusterStore();

const taskStream = new TaskStreamView($('task-stream'), {
  color: barColor(prefixColor),
  laneLabel: (lane) => (lane.thread >= (store.extra.worker?.nthreads ?? 1) ? 'fetches' : `thread ${lane.thread}`),
});
const charts = {
  cpu: new TimeSeriesView($('cpu'), {
    title: 'CPU (% of one core)',
    series: [{ label: 'CPU %', column: 'cpu', scale: '%', color: '#c62828', value: counted }],
    axes: [{ scale: '%' }],
  }),
  memory: new TimeSeriesView($('memory'), {
    title: 'Memory and spill',
    series: [
      { label: 'resident', column: 'memory', scale: 'b', color: '#6a1b9a', value: bytes },
      { label: 'managed', column: 'managed', scale: 'b', color: '#1565c0', value: bytes },
      { label: 'spilled', column: 'spilled', scale: 'b', color: '#616161', value: bytes },
    ],
    axes: [bytesAxis],
  }),
  network: new TimeSeriesView($('network'), {
    title: 'Network with peers (bytes/s)',
    series: [
      { label: 'in', column: 'netInBytesPerSecond', scale: 'b', color: '#2e7d32', value: bytes },
      { label: 'out', column: 'netOutBytesPerSecond', scale: 'b', color: '#ef6c00', value: bytes },
    ],
    axes: [bytesAxis],
  }),
  lag: new TimeSeriesView($('lag'), {
    title: 'Event-loop lag (ms, worst per heartbeat)',
    series: [{ label: 'lag ms', column: 'eventLoopLagMs', scale: 'ms', color: '#00838f', value: counted }],
    axes: [{ scale: 'ms' }],
  }),
  queue: new TimeSeriesView($('queue'), {
    title: 'Tasks executing, queued (ready) and fetches in flight',
    series: [
      { label: 'executing', column: 'executing', scale: 'n', color: '#2e7d32', value: counted },
      { label: 'ready', column: 'ready', scale: 'n', color: '#1565c0', value: counted },
      { label: 'in flight', column: 'inFlight', scale: 'n', color: '#d32f2f', value: counted },
    ],
    axes: [{ scale: 'n' }],
  }),
};
const progress = new ProgressView($('progress'), $('progress-total'));

const tables = {
  render(s) {
    const w = s.extra.worker;
    if (w) $('runs').textContent = `worker ${w.name} · ${w.address} · ${w.nthreads} threads · ${w.status}`;
    const c = s.extra.counts ?? { executing: 0, ready: 0, inFlight: 0 };
    $('task-counts').textContent = `${c.executing} executing · ${c.ready} queued · ${c.inFlight} fetching`;
    const now = Date.now();
    $('executing').tBodies[0].replaceChildren(
      ...(s.extra.executing ?? []).map((t) => {
        const tr = document.createElement('tr');
        for (const text of [t.key, `${((now - t.since) / 1000).toFixed(1)} s`]) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }),
    );
    $('transfers').tBodies[0].replaceChildren(
      ...(s.extra.transfers ?? []).map((p) => {
        const tr = document.createElement('tr');
        tr.dataset.peer = p.peer;
        for (const text of [
          p.peer,
          `${formatBytes(p.inBytesPerSecond)}/s`,
          `${formatBytes(p.outBytesPerSecond)}/s`,
          formatBytes(p.totalIn),
          formatBytes(p.totalOut),
        ]) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }),
    );
  },
};

connect(store, [taskStream, progress, tables, ...Object.values(charts)], {
  onStatus: (text) => {
    $('connection').textContent = text;
  },
});
window.tesseraDashboard = { store, charts, taskStream, progress };
