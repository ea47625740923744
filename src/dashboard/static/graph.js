// The scheduler's graph page: the latest submitted graph (up to a few thousand tasks, laid out in layers on the
// server) as SVG: one circle per task coloured by state, edges as one path. Built once per graph; state changes
// only recolour circles.
import { ClusterStore, schedulerNav } from './cluster_store.js';
import { prefixColor } from './colors.js';
import { connect } from './stream.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const STATE_COLOR = { waiting: '#cfd8dc', processing: '#ffb300', erred: '#c62828' };
schedulerNav('/graph');
const store = new ClusterStore();

class GraphView {
  constructor(element, info) {
    this.element = element;
    this.info = info;
    this.version = 0;
    this.circles = [];
  }

  color(graph, i) {
    const state = graph.nodes.state[i];
    if (state !== 'memory') return STATE_COLOR[state];
    return prefixColor(store.prefixes.findIndex((p) => p && p.name === graph.nodes.prefix[i]));
  }

  // Layers run top to bottom; a layer wider than `cols` wraps onto more rows, so that wide graphs (many roots)
  // still fill a screen-shaped box rather than a thin line.
  build(graph) {
    const { layer, position } = graph.nodes;
    const n = layer.length;
    const cols = Math.max(8, Math.ceil(Math.sqrt(n * 3)));
    const rowsOf = [];
    for (let i = 0; i < n; i++) rowsOf[layer[i]] = Math.max(rowsOf[layer[i]] ?? 0, Math.floor(position[i] / cols) + 1);
    const firstRow = [];
    let rows = 0;
    for (let l = 0; l < rowsOf.length; l++) {
      firstRow[l] = rows;
      rows += (rowsOf[l] ?? 0) + 0.5; // half a row of space between layers
    }
    const step = 16;
    const x = (i) => 10 + (position[i] % cols) * step;
    const y = (i) => 10 + (firstRow[layer[i]] + Math.floor(position[i] / cols)) * step;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${20 + (cols - 1) * step} ${20 + Math.max(0, rows - 1) * step}`);
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', graph.edges.map(([a, b]) => `M${x(a)},${y(a)}L${x(b)},${y(b)}`).join(''));
    path.setAttribute('stroke', '#b0bec5');
    path.setAttribute('stroke-width', '0.6');
    path.setAttribute('fill', 'none');
    svg.append(path);
    this.circles = [];
    for (let i = 0; i < n; i++) {
      const c = document.createElementNS(SVG, 'circle');
      c.setAttribute('cx', String(x(i)));
      c.setAttribute('cy', String(y(i)));
      c.setAttribute('r', '5');
      c.setAttribute('class', 'graph-node');
      const title = document.createElementNS(SVG, 'title');
      title.textContent = graph.nodes.key[i];
      c.append(title);
      svg.append(c);
      this.circles.push(c);
    }
    this.element.replaceChildren(svg);
    this.version = graph.version;
  }

  render(s) {
    const graph = s.graph;
    if (!graph) {
      const omitted = s.extra.graphOmitted ?? 0;
      this.info.textContent = omitted ? `the last graph has ${omitted} tasks: too many to draw` : 'no graph yet';
      return;
    }
    if (graph.version !== this.version) this.build(graph);
    const counts = { waiting: 0, processing: 0, memory: 0, erred: 0 };
    graph.nodes.state.forEach((state, i) => {
      counts[state]++;
      const c = this.circles[i];
      if (c.dataset.state !== state) {
        c.dataset.state = state;
        c.setAttribute('fill', this.color(graph, i));
      }
    });
    this.element.dataset.nodes = String(graph.nodes.key.length);
    this.element.dataset.memory = String(counts.memory);
    this.info.textContent =
      `${graph.nodes.key.length} tasks · ${counts.memory} in memory · ${counts.processing} processing` +
      ` · ${counts.waiting} waiting · ${counts.erred} erred`;
  }
}

const view = new GraphView($('graph'), $('graph-info'));
connect(store, [view], {
  onStatus: (text) => {
    $('connection').textContent = text;
  },
});
window.tesseraDashboard = { store, view };
