// The store of the cluster's pages: the task part as DashboardStore, plus what a cluster message carries whole
// (workers, bandwidth, steals on the scheduler; worker, executing, counts, transfers on a worker) and the graph
// (whole when new, then state changes as [node, state] pairs).
import { DashboardStore } from './stream.js';

const BASE = new Set(['kind', 'seq', 'time', 'runs', 'lanesFrom', 'lanes', 'prefixes', 'bars', 'samples']);
export const GRAPH_STATES = ['waiting', 'processing', 'memory', 'erred'];

export class ClusterStore extends DashboardStore {
  constructor(options) {
    super(options);
    this.extra = {};
    this.graph = null;
  }

  apply(message) {
    if (!super.apply(message)) return false;
    for (const [key, value] of Object.entries(message)) {
      if (BASE.has(key) || key === 'graph' || key === 'graphStates') continue;
      this.extra[key] = value;
    }
    if (message.graph !== undefined) this.graph = message.graph;
    if (message.graphStates && this.graph) {
      const states = this.graph.nodes.state;
      for (let i = 0; i < message.graphStates.length; i += 2) {
        states[message.graphStates[i]] = GRAPH_STATES[message.graphStates[i + 1]];
      }
      this.graphChanged = true;
    }
    return true;
  }
}

/** The navigation bar of the scheduler's pages. */
export function schedulerNav(current) {
  const nav = document.querySelector('nav');
  if (!nav) return;
  for (const [path, label] of [
    ['/status', 'Status'],
    ['/workers', 'Workers'],
    ['/bandwidth', 'Bandwidth'],
    ['/graph', 'Graph'],
  ]) {
    const a = document.createElement('a');
    a.href = path;
    a.textContent = label;
    if (path === current) a.className = 'current';
    nav.append(a);
  }
}

/** Colour of a task-stream bar: transfers red, spills grey, tasks by prefix. */
export function barColor(prefixColor) {
  return (name, index) => (name === '[transfer]' ? '#d32f2f' : name === '[spill]' ? '#616161' : prefixColor(index));
}
