import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import type { Registry } from 'prom-client';
import { WebSocket, WebSocketServer } from 'ws';
import { type Asset, loadAssets } from './assets.js';
import { TokenGate } from './auth.js';
import { DashboardError } from './errors.js';
import { type ApiRoute, indexRoute } from './routes.js';

/**
 * What a dashboard streams. The server calls `tick` then `takeDelta` every interval and sends the delta (serialised
 * once) to every open page; a page that connects gets a `snapshot` taken right after a delta, so that the deltas
 * after it apply on top. DashboardState implements it for the local scheduler; a cluster scheduler or a worker
 * implements it over its own state.
 */
export interface StreamSource {
  /** Called once per interval before `takeDelta` (e.g. to sample memory and CPU). */
  tick(time: number): void;
  /** Everything a page needs to draw from scratch. */
  snapshot(time: number): unknown;
  /** Changes since the previous call, or undefined when there are none. */
  takeDelta(time: number): unknown;
}

/** Options of {@link DashboardServer.start}. */
export interface DashboardServerOptions {
  /** Interface to bind. Default 127.0.0.1. Another host requires the token (see TokenGate). */
  host?: string;
  /** Port; 0 for any free one. */
  port: number;
  /** When `port` is taken, listen on any free port instead of failing. */
  fallbackToAnyPort?: boolean;
  /** Token required beyond loopback (generated if absent). */
  token?: string;
  /** Name of the cookie that keeps the token. */
  cookieName?: string;
  /** Page URL paths -> asset paths, e.g. `{ '/': '/static/index.html' }`. */
  pages: Readonly<Record<string, string>>;
  /** JSON routes (an index of them is served at /api). */
  routes: readonly ApiRoute[];
  /** Served as Prometheus text at /metrics. */
  metrics?: Registry;
  source: StreamSource;
  /** Milliseconds between deltas, 100..200 (default 150). */
  intervalMs?: number;
  /** Assets by URL path (default: the page files and uPlot, see loadAssets). */
  assets?: Map<string, Asset>;
}

// A page more than this far behind (bytes queued on its socket) skips deltas and is resynchronised by a snapshot.
const MAX_BUFFERED = 4 * 1024 * 1024;

/**
 * The I/O edge of a dashboard: an HTTP server (node:http) serving pages and assets from the installed package,
 * JSON routes, Prometheus text at /metrics, and a WebSocket at /ws that pushes a snapshot then deltas. Requests
 * pass the TokenGate first. Neither the server nor its sockets keep the process alive.
 */
export class DashboardServer {
  /** The address of the first page, with `?token=` when one is needed. */
  readonly url: string;
  readonly port: number;
  readonly gate: TokenGate;
  private readonly open = new Set<WebSocket>();
  private readonly pending = new Set<WebSocket>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    private readonly options: DashboardServerOptions,
    gate: TokenGate,
    host: string,
  ) {
    this.gate = gate;
    const address = server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : options.port;
    this.url = `http://${urlHost(host)}:${this.port}/${gate.query}`;
    const interval = options.intervalMs ?? 150;
    if (!(interval >= 100 && interval <= 200)) {
      throw new DashboardError('BAD_ARGUMENT', `intervalMs: expected 100..200 ms, got ${interval}`);
    }
    this.timer = setInterval(() => this.flush(), interval);
    this.timer.unref();
  }

  /** Binds and starts serving; rejects with LISTEN_FAILED when the port cannot be had. */
  static async start(options: DashboardServerOptions): Promise<DashboardServer> {
    const host = options.host ?? '127.0.0.1';
    const gate = new TokenGate({ host, token: options.token, cookieName: options.cookieName });
    const assets = options.assets ?? loadAssets();
    const routes = [...options.routes, indexRoute(options.routes)];
    const wss = new WebSocketServer({ noServer: true });
    let self: DashboardServer | undefined;
    const server = createServer((req, res) => {
      handle(req, res, { options, gate, assets, routes }).catch((err: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`dashboard error: ${err.message}`);
      });
    });
    server.on('connection', (socket) => socket.unref());
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(req.url ?? '/', 'http://dashboard').pathname;
      if (path !== '/ws' || gate.check(req, true).kind !== 'allow' || self === undefined) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => self!.accept(ws));
    });
    await listen(server, host, options.port, options.fallbackToAnyPort ?? false);
    server.unref();
    self = new DashboardServer(server, wss, options, gate, host);
    return self;
  }

  /** Pages connected to the stream. */
  get clients(): number {
    return this.open.size + this.pending.size;
  }

  /** Closes every socket and the server. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    for (const ws of [...this.open, ...this.pending]) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.pending.add(ws);
    const forget = (): void => {
      this.open.delete(ws);
      this.pending.delete(ws);
    };
    ws.on('close', forget);
    ws.on('error', forget);
  }

  // One interval: sample, send the delta to up-to-date pages, then a snapshot to new or lagging ones.
  private flush(): void {
    const { source } = this.options;
    const time = performance.timeOrigin + performance.now();
    source.tick(time);
    const delta = source.takeDelta(time);
    if (delta !== undefined && this.open.size > 0) {
      const text = JSON.stringify(delta);
      for (const ws of this.open) {
        if (ws.readyState !== WebSocket.OPEN) continue;
        if (ws.bufferedAmount > MAX_BUFFERED) {
          this.open.delete(ws);
          this.pending.add(ws);
        } else ws.send(text);
      }
    }
    if (this.pending.size > 0) {
      let text: string | undefined;
      for (const ws of this.pending) {
        if (ws.readyState !== WebSocket.OPEN || ws.bufferedAmount > MAX_BUFFERED) continue;
        text ??= JSON.stringify(source.snapshot(time));
        ws.send(text);
        this.pending.delete(ws);
        this.open.add(ws);
      }
    }
  }
}

interface Context {
  readonly options: DashboardServerOptions;
  readonly gate: TokenGate;
  readonly assets: Map<string, Asset>;
  readonly routes: readonly ApiRoute[];
}

async function handle(req: IncomingMessage, res: ServerResponse, context: Context): Promise<void> {
  const { options, gate, assets, routes } = context;
  const path = new URL(req.url ?? '/', 'http://dashboard').pathname;
  const page = options.pages[path];
  const decision = gate.check(req);
  if (decision.kind === 'deny') {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('tessera dashboard: open the URL printed at start-up (it carries ?token=) to get access\n');
    return;
  }
  // Pages drop the token from the address bar (the cookie keeps it); API and /metrics scrapers may send it each time.
  if (decision.kind === 'redirect' && page !== undefined) {
    res.writeHead(302, { location: decision.location, 'set-cookie': decision.setCookie });
    res.end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const asset = assets.get(page ?? path);
  if (asset) {
    res.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
    return;
  }
  const route = routes.find((r) => r.path === path);
  if (route) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(route.handler()));
    return;
  }
  if (path === '/metrics' && options.metrics) {
    const text = await options.metrics.metrics();
    res.writeHead(200, { 'content-type': options.metrics.contentType });
    res.end(text);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`not found: ${path}\n`);
}

function listen(server: Server, host: string, port: number, fallback: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      if (err.code === 'EADDRINUSE' && fallback && port !== 0) {
        listen(server, host, 0, false).then(resolve, reject);
        return;
      }
      reject(new DashboardError('LISTEN_FAILED', `dashboard: cannot listen on ${host}:${port}: ${err.message}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return hostname();
  return host.includes(':') ? `[${host}]` : host;
}
