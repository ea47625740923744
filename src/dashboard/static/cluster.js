// The scheduler's status page: task stream across workers and threads (transfers and spills drawn in), progress
// per prefix, memory and tasks processing per worker, steals, and the cluster's totals over time.
import { barColor, ClusterStore, schedulerNav } from './cluster_store.js';
import { prefixColor } from './colors.js';
import { formatBytes, formatCount } from './format.js';
import { ProgressView } from './progress.js';
import { connect } from './stream.js';
import { TaskStreamView } from './task_stream.js';
import { TimeSeriesView, throughput } from './timeseries.js';
import { WorkerMemoryView, WorkerProcessingView } from './worker_bars.js';

const $ = (id) => document.getElementById(id);
const bytes = (_u, v) => (v == null ? '' : formatBytes(v));
const counted = (_u, v) => (v == null ? '' : formatCount(v));
schedulerNav('/status');
const store = new ClusterStore();

const workerOf = (address) => (store.extra.workers ?? []).find((w) => w.address === address);
const taskStream = new TaskStreamView($('task-stream'), {
  color: barColor(prefixColor),
  laneLabel: (lane) => {
    const w = workerOf(lane.worker);
    const name = w?.name ?? lane.worker;
    return w && lane.thread >= w.nthreads ? `${name} io` : `${name} #${lane.thread}`;
  },
});
const charts = {
  throughput: new TimeSeriesView($('throughput'), {
    title: 'Tasks finished per second (cluster)',
    series: [{ label: 'tasks/s', values: throughput, scale: 'n', color: '#2e7d32', value: counted }],
    axes: [{ scale: 'n' }],
  }),
  memory: new TimeSeriesView($('memory'), {
    title: 'Cluster memory',
    series: [
      { label: 'resident', column: 'memory', scale: 'b', color: '#6a1b9a', value: bytes },
      { label: 'managed', column: 'managed', scale: 'b', color: '#1565c0', value: bytes },
      { label: 'spilled', column: 'spilled', scale: 'b', color: '#616161', value: bytes },
    ],
    axes: [{ scale: 'b', values: (_u, vs) => vs.map((v) => formatBytes(v)) }],
  }),
  cpu: new TimeSeriesView($('cpu'), {
    title: 'CPU of the workers (% of one core, summed)',
    series: [{ label: 'CPU %', column: 'cpu', scale: '%', color: '#c62828', value: counted }],
    axes: [{ scale: '%' }],
  }),
  steals: new TimeSeriesView($('steal-chart'), {
    title: 'Tasks processing, and tasks stolen (cumulative)',
    series: [
      { label: 'processing', column: 'processing', scale: 'n', color: '#2e7d32', value: counted },
      { label: 'stolen', column: 'stealsMoved', scale: 'n', color: '#ef6c00', value: counted },
    ],
    axes: [{ scale: 'n' }],
  }),
};
const progress = new ProgressView($('progress'), $('progress-total'));
const memory = new WorkerMemoryView($('worker-memory'));
const processing = new WorkerProcessingView($('worker-processing'), $('steals'));
const summary = {
  render(s) {
    const n = (s.extra.workers ?? []).length;
    $('runs').textContent = `${n} worker${n === 1 ? '' : 's'} · ${s.runs.active} running · ${s.runs.finished} finished`;
  },
};

connect(store, [taskStream, progress, memory, processing, summary, ...Object.values(charts)], {
  onStatus: (text) => {
    $('connection').textContent = text;
  },
});
window.tesseraDashboard = { store, charts, taskStream, progress, memory, processing };
