// Page framework of the Tessera dashboards: a store that applies the server's snapshot and deltas (see
// src/dashboard/state.ts for their shape), a WebSocket connection that feeds it and reconnects, and a render
// loop that redraws the page's views at most once per animation frame after a change. Pages (status.js, and the
// cluster's pages in stage 2) compose views: objects with `render(store)`.

/** Client-side copy of a dashboard's state, kept bounded like the server's. */
export class DashboardStore {
  constructor({ maxBars = 20000, maxSamples = 1200 } = {}) {
    this.maxBars = maxBars;
    this.maxSamples = maxSamples;
    this.seq = -1;
    this.time = 0;
    this.runs = { active: 0, started: 0, finished: 0, failed: 0 };
    this.lanes = [];
    this.prefixes = [];
    this.bars = { lane: [], prefix: [], start: [], end: [], count: [] };
    this.samples = {};
    this.messages = 0;
  }

  /** Applies one message; deltas older than the state are ignored. Returns true when something changed. */
  apply(message) {
    if (message.kind === 'snapshot') {
      this.seq = message.seq;
      this.lanes = message.lanes.slice();
      this.prefixes = [];
      for (const p of message.prefixes) this.prefixes[p.index] = p;
      this.bars = message.bars;
      this.samples = message.samples;
    } else if (message.kind === 'delta') {
      if (this.seq < 0 || message.seq <= this.seq) return false;
      this.seq = message.seq;
      message.lanes.forEach((lane, i) => {
        this.lanes[message.lanesFrom + i] = lane;
      });
      for (const p of message.prefixes) this.prefixes[p.index] = p;
      appendColumns(this.bars, message.bars, this.maxBars);
      appendColumns(this.samples, message.samples, this.maxSamples);
    } else {
      return false;
    }
    this.time = message.time;
    this.runs = message.runs;
    this.messages++;
    return true;
  }
}

function appendColumns(target, extra, max) {
  for (const name of Object.keys(extra)) {
    const column = target[name] ?? [];
    for (const v of extra[name]) column.push(v);
    if (column.length > max) column.splice(0, column.length - max);
    target[name] = column;
  }
}

/**
 * Connects `store` to the dashboard's WebSocket (same origin; the token cookie goes along), redrawing `views`
 * after changes, and reconnecting after a drop. `onStatus(text)` reports the connection state.
 */
export function connect(store, views, { path = '/ws', onStatus = () => {} } = {}) {
  let scheduled = false;
  const render = () => {
    scheduled = false;
    for (const view of views) view.render(store);
  };
  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}${path}`);
    ws.onopen = () => onStatus('live');
    ws.onmessage = (event) => {
      if (store.apply(JSON.parse(event.data)) && !scheduled) {
        scheduled = true;
        requestAnimationFrame(render);
      }
    };
    ws.onclose = () => {
      onStatus('disconnected, retrying');
      store.seq = -1;
      setTimeout(open, 1000);
    };
  };
  open();
  window.addEventListener('resize', () => {
    for (const view of views) view.resize?.();
    render();
  });
}
