// The status page of the local scheduler: task stream, progress per prefix, results held, tasks/s, memory and CPU.
import { formatBytes, formatCount } from './format.js';
import { ProgressView } from './progress.js';
import { connect, DashboardStore } from './stream.js';
import { TaskStreamView } from './task_stream.js';
import { TimeSeriesView, throughput } from './timeseries.js';

const $ = (id) => document.getElementById(id);
const mb = (_u, v) => (v == null ? '' : formatBytes(v));
const store = new DashboardStore();

const charts = {
  results: new TimeSeriesView($('results'), {
    title: 'Results held by the scheduler',
    series: [
      {
        label: 'results',
        column: 'liveResults',
        scale: 'n',
        color: '#1565c0',
        value: (_u, v) => (v == null ? '' : formatCount(v)),
      },
      { label: 'bytes', column: 'liveBytes', scale: 'b', color: '#ef6c00', value: mb },
    ],
    axes: [
      { scale: 'n' },
      { scale: 'b', side: 1, values: (_u, vs) => vs.map((v) => formatBytes(v)), grid: { show: false } },
    ],
  }),
  throughput: new TimeSeriesView($('throughput'), {
    title: 'Tasks finished per second',
    series: [
      {
        label: 'tasks/s',
        values: throughput,
        scale: 'n',
        color: '#2e7d32',
        value: (_u, v) => (v == null ? '' : formatCount(v)),
      },
    ],
    axes: [{ scale: 'n' }],
  }),
  memory: new TimeSeriesView($('memory'), {
    title: 'Process memory',
    series: [
      { label: 'resident', column: 'rssBytes', scale: 'b', color: '#6a1b9a', value: mb },
      { label: 'JS heap', column: 'heapUsedBytes', scale: 'b', color: '#00838f', value: mb },
    ],
    axes: [{ scale: 'b', values: (_u, vs) => vs.map((v) => formatBytes(v)) }],
  }),
  cpu: new TimeSeriesView($('cpu'), {
    title: 'Process CPU (% of one core, all threads)',
    series: [
      {
        label: 'CPU %',
        column: 'cpuPercent',
        scale: '%',
        color: '#c62828',
        value: (_u, v) => (v == null ? '' : `${v.toFixed(0)}%`),
      },
    ],
    axes: [{ scale: '%' }],
  }),
};
const taskStream = new TaskStreamView($('task-stream'));
const progress = new ProgressView($('progress'), $('progress-total'));
const summary = {
  render(s) {
    const { active, finished, failed } = s.runs;
    $('runs').textContent =
      `${active} running compute${active === 1 ? '' : 's'} · ${finished} finished · ${failed} failed`;
  },
};

connect(store, [taskStream, progress, summary, ...Object.values(charts)], {
  onStatus: (text) => {
    $('connection').textContent = text;
  },
});

// For tests and for poking around in the devtools console.
window.tesseraDashboard = { store, charts, taskStream, progress };
