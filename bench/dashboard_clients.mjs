// Child of bench/dashboard.mjs: N WebSocket clients of a dashboard, each applying every message to the page's own
// store (src/dashboard/static/cluster_store.js: DashboardStore, plus the cluster's extras) as an open page does, minus drawing. Runs in its
// own process, like a browser would. Prints "ready" once every client has its snapshot; on stdin end, prints the
// counts as JSON and exits. Usage: node bench/dashboard_clients.mjs <ws-url> <clients>
import { WebSocket } from 'ws';
import { ClusterStore as DashboardStore } from '../src/dashboard/static/cluster_store.js';

const [url, n] = [process.argv[2], Number(process.argv[3] ?? 5)];
const clients = [];
let ready = 0;
for (let i = 0; i < n; i++) {
  const client = { store: new DashboardStore(), messages: 0, bytes: 0 };
  const ws = new WebSocket(url);
  ws.on('message', (data) => {
    const text = String(data);
    client.messages++;
    client.bytes += text.length;
    const message = JSON.parse(text);
    client.store.apply(message);
    if (message.kind === 'snapshot' && ++ready === n) console.log('ready');
  });
  ws.on('error', (err) => {
    console.error(`client ${i}: ${err.message}`);
    process.exit(1);
  });
  client.ws = ws;
  clients.push(client);
}
process.stdin.resume();
process.stdin.on('end', () => {
  const stats = clients.map((c) => ({ messages: c.messages, bytes: c.bytes, bars: c.store.bars.end.length }));
  console.log(JSON.stringify(stats));
  for (const c of clients) c.ws.terminate();
  process.exit(0);
});
