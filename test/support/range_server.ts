// A small HTTP server on 127.0.0.1 that serves files with Range support (RFC 9110 §14) and records every request,
// with faults that tests switch on: error statuses, a connection reset mid-body, ignoring Range.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fault applied to the next GET. */
export type Fault = { kind: 'status'; status: number } | { kind: 'reset' };

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly range: string | undefined;
  readonly headers: IncomingHttpHeaders;
  status: number;
  /** Body bytes written for this request (for a reset, the part sent before the reset). */
  bytes: number;
}

/** The server, its URL, what it has seen, and the switches for faults. */
export class RangeServer {
  readonly requests: RecordedRequest[] = [];
  /** Faults applied, in order, to the next GETs (one each). */
  readonly faults: Fault[] = [];
  /** Answer every GET with 200 and the whole file, as a server without Range support does. */
  ignoreRange = false;
  /** Answer suffix ranges (`bytes=-n`) with 400, as a few servers do. */
  refuseSuffix = false;
  /** Paths answered with a 302 to another path. */
  readonly redirects = new Map<string, string>();
  /** Delay before answering, to make requests overlap. */
  delayMs = 0;
  /** Most requests being answered at once. */
  maxActive = 0;
  private active = 0;

  private constructor(
    private readonly server: Server,
    private readonly files: ReadonlyMap<string, Uint8Array>,
  ) {}

  /** Starts a server on 127.0.0.1 (a free port) serving `files` by path (`/name`). */
  static async start(files: Record<string, Uint8Array>): Promise<RangeServer> {
    const map = new Map(Object.entries(files).map(([name, bytes]) => [`/${name}`, bytes]));
    const server = createServer();
    const instance = new RangeServer(server, map);
    server.on('request', (req, res) => {
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        range: req.headers.range,
        headers: req.headers,
        status: 0,
        bytes: 0,
      };
      instance.requests.push(record);
      instance.active++;
      instance.maxActive = Math.max(instance.maxActive, instance.active);
      res.on('close', () => instance.active--);
      setTimeout(() => instance.answer(record, res), instance.delayMs);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return instance;
  }

  /** URL of a served file. */
  url(name: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${name}`;
  }

  /** Body bytes sent so far, over all requests. */
  get bytesSent(): number {
    return this.requests.reduce((sum, r) => sum + r.bytes, 0);
  }

  /** Stops listening and drops open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(record: RecordedRequest, res: ServerResponse): void {
    const redirect = this.redirects.get(record.path);
    if (redirect) {
      res.writeHead(302, { location: redirect });
      this.end(record, res, 302);
      return;
    }
    const file = this.files.get(record.path);
    if (!file) {
      this.end(record, res, 404);
      return;
    }
    const size = file.byteLength;
    if (record.method === 'HEAD') {
      res.writeHead(200, { 'content-length': size, 'accept-ranges': 'bytes' });
      this.end(record, res, 200);
      return;
    }
    if (record.method !== 'GET') {
      this.end(record, res, 405);
      return;
    }
    const fault = this.faults.shift();
    if (fault?.kind === 'status') {
      this.end(record, res, fault.status);
      return;
    }
    if (this.refuseSuffix && record.range?.startsWith('bytes=-')) {
      this.end(record, res, 400);
      return;
    }
    const range = this.ignoreRange ? undefined : parseRange(record.range, size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { 'content-range': `bytes */${size}` });
      this.end(record, res, 416);
      return;
    }
    const [start, end] = range ?? [0, size - 1];
    const body = file.subarray(start, end + 1);
    const headers: Record<string, string | number> = { 'content-length': body.byteLength, 'accept-ranges': 'bytes' };
    if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    record.status = range ? 206 : 200;
    res.writeHead(record.status, headers);
    if (fault?.kind === 'reset') {
      const half = body.subarray(0, body.byteLength >> 1);
      record.bytes = half.byteLength;
      res.write(half, () => res.socket?.destroy());
      return;
    }
    record.bytes = body.byteLength;
    res.end(body);
  }

  private end(record: RecordedRequest, res: ServerResponse, status: number): void {
    record.status = status;
    if (!res.headersSent) res.writeHead(status);
    res.end();
  }
}

/** Parses one `bytes=a-b`, `bytes=a-` or `bytes=-n` range; undefined when absent (serve the whole file). */
function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header);
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}
