// HTTP(S) byte source: reads a remote Parquet file with Range requests (RFC 9110 §14), so only the footer and the
// column chunks the reader needs cross the network.
//
// Transport: node:http / node:https rather than the global fetch. In Node 20 fetch is still marked experimental, its
// bodies arrive as web streams (an extra copy and promise per chunk), and it hides the socket; with node:http a
// keep-alive agent caps the connections per source, a body is written straight into the buffer the reader will
// decode, and resets and timeouts surface as plain errors that are easy to classify as retryable.
//
// Opening costs one request: a suffix range (`Range: bytes=-65536`) answers the file size (Content-Range) and brings
// the footer, which the reader asks for next, in the same round trip.
//
// A server that ignores Range answers 200 with the whole file. That is accepted only when the whole file is no larger
// than what was asked for (a file smaller than the suffix fetched on open); anything else is a ParquetError('IO')
// raised before the body is read, because silently downloading a large file range after range would be far worse
// than failing.
import { checkOptions } from '../../options/check.js';
import { ParquetError } from '../errors.js';
import { HTTP_OPTIONS, parquetOptionsError } from '../options.js';
import { type ByteRange, type ByteSource, checkRange } from './byte_source.js';
import { coalesceRanges } from './coalesce.js';
import {
  createAgents,
  type HttpAgents,
  HttpAttemptError,
  type ResponseHead,
  sendRangeRequest,
} from './http_request.js';
import { ConcurrencyLimiter } from './limiter.js';

/** Options of httpSource. */
export interface HttpSourceOptions {
  /** Headers sent with every request (authorization, cookies, ...). */
  headers?: Readonly<Record<string, string>>;
  /** Requests in flight at once (default 4). */
  maxConcurrency?: number;
  /** Retries after a 5xx, 429, 408, a reset, a timeout or a truncated body (default 3). */
  retries?: number;
  /** First retry delay in ms; it doubles on every retry, with jitter (default 100). */
  retryBaseMs?: number;
  /** Ranges separated by at most this many bytes are fetched in one request (default 64 KiB). */
  coalesceGap?: number;
  /** Bytes fetched from the end of the file when it is opened: the footer usually fits (default 64 KiB). */
  footerPrefetch?: number;
  /** A request that receives nothing for this long is aborted and retried (default 30 s). */
  timeoutMs?: number;
}

const DEFAULTS = {
  maxConcurrency: 4,
  retries: 3,
  retryBaseMs: 100,
  // Column chunks of one row group are laid out back to back, so selected neighbours merge at any gap; 64 KiB also
  // swallows small unselected chunks between them (cheaper than a round trip) while a large unselected chunk
  // (usually hundreds of KiB or more) is skipped.
  coalesceGap: 64 * 1024,
  footerPrefetch: 64 * 1024,
  timeoutMs: 30_000,
};
/** Longest wait between attempts, whatever the backoff or Retry-After says. */
const MAX_RETRY_DELAY_MS = 30_000;

/** Settings of an open source, defaults applied. */
type Settings = Required<Omit<HttpSourceOptions, 'headers'>> & { headers: Readonly<Record<string, string>> };

/**
 * Opens `url` as a byte source read with HTTP Range requests. One request on open learns the size and prefetches the
 * footer; `readRanges` merges nearby ranges and runs at most `maxConcurrency` requests at once.
 */
export async function httpSource(url: string | URL, options: HttpSourceOptions = {}): Promise<ByteSource> {
  checkOptions(options, HTTP_OPTIONS, 'httpSource', parquetOptionsError);
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ParquetError('BAD_ARGUMENT', `not an http(s) URL: ${redactUrl(parsed)}`);
  }
  const settings = resolveSettings(options);
  const source = new HttpByteSource(parsed, settings);
  try {
    await source.probe();
  } catch (err) {
    await source.close();
    throw err;
  }
  return source;
}

function resolveSettings(options: HttpSourceOptions): Settings {
  const settings = { ...DEFAULTS, headers: {}, ...stripUndefined(options) };
  const checks: [keyof typeof DEFAULTS, number][] = [
    ['maxConcurrency', 1],
    ['retries', 0],
    ['retryBaseMs', 0],
    ['coalesceGap', 0],
    ['footerPrefetch', 8],
    ['timeoutMs', 1],
  ];
  for (const [key, min] of checks) {
    if (!Number.isSafeInteger(settings[key]) || settings[key] < min) {
      throw new ParquetError('BAD_ARGUMENT', `httpSource option ${key} must be an integer >= ${min}`);
    }
  }
  return settings;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The URL as shown in errors: no credentials, no query string (presigned URLs carry signatures there). */
function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
}

class HttpByteSource implements ByteSource {
  readonly name: string;
  byteLength = 0;
  private readonly agents: HttpAgents;
  private readonly limiter: ConcurrencyLimiter;
  private readonly closing = new AbortController();
  /** The last bytes of the file, fetched on open (starting at `tailOffset`). */
  private tail: Uint8Array = new Uint8Array(0);
  private tailOffset = 0;

  constructor(
    private readonly url: URL,
    private readonly settings: Settings,
  ) {
    this.name = redactUrl(url);
    this.agents = createAgents(settings.maxConcurrency);
    this.limiter = new ConcurrencyLimiter(settings.maxConcurrency);
  }

  /** Learns the size with a suffix range, keeping the bytes; falls back to HEAD if the server refuses suffixes. */
  async probe(): Promise<void> {
    const prefetch = this.settings.footerPrefetch;
    try {
      const { head, body } = await this.request(`bytes=-${prefetch}`, (h) => this.planProbe(h));
      this.byteLength = head.status === 206 ? head.contentRange!.total! : body.byteLength;
      this.tail = body;
      this.tailOffset = this.byteLength - body.byteLength;
      return;
    } catch (err) {
      // 416 answers a suffix range on an empty file; a few servers also refuse suffix ranges with 400/405/416/501.
      const status = statusOf(err);
      if (status !== 400 && status !== 405 && status !== 416 && status !== 501) throw err;
    }
    const { head } = await this.request(undefined, () => ({ length: 0 }), 'HEAD');
    if (head.contentLength === undefined) {
      throw this.ioError('server states no Content-Length and refuses suffix ranges: cannot learn the file size');
    }
    if (head.headers['accept-ranges'] === 'none') {
      throw this.ioError('server does not accept Range requests (Accept-Ranges: none)');
    }
    this.byteLength = head.contentLength;
  }

  private planProbe(head: ResponseHead): { length: number } {
    if (head.status === 206) {
      const range = head.contentRange;
      if (range?.start === undefined || range.end === undefined || range.total === undefined) {
        throw new HttpAttemptError('206 answer without a usable Content-Range', { retryable: false });
      }
      if (range.end !== range.total - 1 || range.end < range.start) {
        throw new HttpAttemptError(`suffix range answered with bytes ${range.start}-${range.end}/${range.total}`, {
          retryable: false,
        });
      }
      return { length: range.end - range.start + 1 };
    }
    return { length: this.acceptWholeBody(head, this.settings.footerPrefetch) };
  }

  /** A 200 carries the whole file: accepted only when it is no larger than the `asked` bytes. */
  private acceptWholeBody(head: ResponseHead, asked: number): number {
    if (head.status === 200 && head.contentLength !== undefined && head.contentLength <= asked) {
      return head.contentLength;
    }
    const size = head.contentLength === undefined ? 'a body of unknown size' : `the whole ${head.contentLength} bytes`;
    throw new HttpAttemptError(
      `server ignored the Range header (HTTP ${head.status} with ${size} instead of 206 Partial Content); ` +
        'remote files are read by range and never downloaded whole: use a server with Range support or download the file first',
      { retryable: false, status: head.status },
    );
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    checkRange(offset, length, this.byteLength, this.name);
    const cached = this.fromTail(offset, length);
    if (cached) return cached;
    return this.fetchRange(offset, length);
  }

  async readInto(offset: number, target: Uint8Array): Promise<void> {
    checkRange(offset, target.byteLength, this.byteLength, this.name);
    const cached = this.fromTail(offset, target.byteLength);
    if (cached) target.set(cached);
    else await this.fetchRange(offset, target.byteLength, target);
  }

  async readRanges(ranges: readonly ByteRange[]): Promise<Uint8Array[]> {
    const results: Uint8Array[] = new Array(ranges.length);
    const remote: ByteRange[] = [];
    const remoteIndex: number[] = [];
    ranges.forEach((range, i) => {
      checkRange(range.offset, range.length, this.byteLength, this.name);
      const cached = this.fromTail(range.offset, range.length);
      if (cached) results[i] = cached;
      else {
        remote.push(range);
        remoteIndex.push(i);
      }
    });
    const requests = coalesceRanges(remote, this.settings.coalesceGap);
    await Promise.all(
      requests.map(async (request) => {
        const body = await this.fetchRange(request.offset, request.length);
        for (const member of request.members) {
          const range = remote[member]!;
          const start = range.offset - request.offset;
          results[remoteIndex[member]!] = body.subarray(start, start + range.length);
        }
      }),
    );
    return results;
  }

  async close(): Promise<void> {
    if (!this.closing.signal.aborted) this.closing.abort();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private fromTail(offset: number, length: number): Uint8Array | undefined {
    if (length === 0) return new Uint8Array(0);
    const start = offset - this.tailOffset;
    if (start < 0 || start + length > this.tail.byteLength) return undefined;
    return this.tail.subarray(start, start + length);
  }

  private async fetchRange(offset: number, length: number, target?: Uint8Array): Promise<Uint8Array> {
    const { body } = await this.request(`bytes=${offset}-${offset + length - 1}`, (head) => {
      if (head.status === 206) {
        const range = head.contentRange;
        if (range?.start !== offset || range.end !== offset + length - 1) {
          const got = range ? `${range.start ?? '*'}-${range.end ?? '*'}` : 'no Content-Range';
          throw new HttpAttemptError(`asked for bytes ${offset}-${offset + length - 1}, server sent ${got}`, {
            retryable: false,
          });
        }
        if (range.total !== undefined && range.total !== this.byteLength) {
          throw new HttpAttemptError(`file size changed on the server (${this.byteLength} -> ${range.total} bytes)`, {
            retryable: false,
          });
        }
        return { length, target };
      }
      // A 200 is the whole file: usable only when the range asked is the whole file.
      this.acceptWholeBody(head, offset === 0 ? length : 0);
      return { length, target };
    });
    return body;
  }

  /** Sends one request through the concurrency limit, retrying retryable failures with exponential backoff. */
  private async request(
    range: string | undefined,
    plan: (head: ResponseHead) => { length: number; target?: Uint8Array },
    method: 'GET' | 'HEAD' = 'GET',
  ): Promise<{ head: ResponseHead; body: Uint8Array }> {
    const { retries, retryBaseMs, headers, timeoutMs } = this.settings;
    for (let attempt = 0; ; attempt++) {
      if (this.closing.signal.aborted) throw this.ioError('source is closed');
      try {
        return await this.limiter.run(() =>
          sendRangeRequest(this.url, {
            method,
            range,
            headers,
            agents: this.agents,
            timeoutMs,
            signal: this.closing.signal,
            plan,
          }),
        );
      } catch (err) {
        const failure =
          err instanceof HttpAttemptError ? err : new HttpAttemptError(String(err), { retryable: false, cause: err });
        if (!failure.retryable || attempt >= retries || this.closing.signal.aborted) {
          const tries = attempt > 0 ? `, after ${attempt + 1} attempts` : '';
          throw this.ioError(`${failure.message} (${method}${range ? ` ${range}` : ''}${tries})`, failure);
        }
        // Jitter keeps parallel requests that failed together from retrying in lockstep.
        const backoff = retryBaseMs * 2 ** attempt * (0.5 + Math.random() / 2);
        await sleep(Math.min(Math.max(backoff, failure.retryAfterMs ?? 0), MAX_RETRY_DELAY_MS), this.closing.signal);
      }
    }
  }

  private ioError(detail: string, cause?: HttpAttemptError): ParquetError {
    return new ParquetError('IO', detail, { file: this.name }, cause ? { cause } : undefined);
  }
}

function statusOf(err: unknown): number | undefined {
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof HttpAttemptError ? cause.status : undefined;
}

/** Waits `ms`, or less if `signal` aborts (closing a source must not wait out a backoff). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
