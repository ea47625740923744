// One ranged GET (or HEAD) over node:http / node:https, with the body read straight into a buffer of the size the
// caller expects. Failures are classified here as retryable (5xx, 429, resets, timeouts, truncated bodies) or not;
// the retry policy lives in http.ts.
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Redirects followed per request (RFC 9110 §15.4 leaves the limit to the client; browsers use about 20). */
const MAX_REDIRECTS = 5;
/** Headers that carry credentials: not forwarded when a redirect leaves the origin (as fetch does). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** A failed attempt; `retryable` says whether trying again may succeed. */
export class HttpAttemptError extends Error {
  readonly retryable: boolean;
  readonly status: number | undefined;
  /** Delay asked for by a Retry-After header, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: { retryable: boolean; status?: number; retryAfterMs?: number; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'HttpAttemptError';
    this.retryable = init.retryable;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** What the response head says about the bytes it carries. */
export interface ResponseHead {
  readonly status: number;
  readonly statusText: string;
  /** Parsed `Content-Range: bytes start-end/total` (`start`/`end` absent for `bytes *\/total`). */
  readonly contentRange: { start?: number; end?: number; total?: number } | undefined;
  readonly contentLength: number | undefined;
  readonly headers: IncomingHttpHeaders;
}

/** Decides from the head how many body bytes to accept (and where to put them), or throws to refuse the body. */
export type BodyPlan = (head: ResponseHead) => { length: number; target?: Uint8Array };

/** Everything one request needs. */
export interface RangeRequestInit {
  readonly method: 'GET' | 'HEAD';
  /** Value of the Range header, e.g. `bytes=0-99` or `bytes=-65536`; omitted when undefined. */
  readonly range: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly agents: HttpAgents;
  /** Socket inactivity limit: a server that stops sending for this long counts as a reset. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Called for 2xx answers of a GET; statuses >= 300 never reach it. */
  readonly plan: BodyPlan;
}

/** Keep-alive agents shared by a source's requests, so that consecutive ranges reuse connections. */
export interface HttpAgents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

/** Creates keep-alive agents holding at most `maxSockets` connections per origin. */
export function createAgents(maxSockets: number): HttpAgents {
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  };
}

/** Sends the request, following redirects; resolves the head and (for GET) the body planned by `init.plan`. */
export async function sendRangeRequest(
  url: URL,
  init: RangeRequestInit,
): Promise<{ head: ResponseHead; body: Uint8Array }> {
  let current = url;
  let headers = { ...init.headers };
  for (let redirects = 0; ; redirects++) {
    const outcome = await sendOnce(current, headers, init);
    if (!('location' in outcome)) return outcome;
    if (redirects === MAX_REDIRECTS) {
      throw new HttpAttemptError(`more than ${MAX_REDIRECTS} redirects`, { retryable: false });
    }
    const next = new URL(outcome.location, current);
    if (next.origin !== current.origin) headers = withoutCredentials(headers);
    current = next;
  }
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.includes(k.toLowerCase())));
}

type Outcome = { head: ResponseHead; body: Uint8Array } | { location: string };

function sendOnce(url: URL, headers: Record<string, string>, init: RangeRequestInit): Promise<Outcome> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new HttpAttemptError(`unsupported protocol ${url.protocol}`, { retryable: false }));
  }
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise<Outcome>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, outcome?: Outcome): void => {
      if (settled) return;
      settled = true;
      init.signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(outcome!);
    };
    const onAbort = (): void => {
      request.destroy();
      finish(new HttpAttemptError('request aborted: the source was closed', { retryable: false }));
    };
    const requestHeaders: Record<string, string> = { 'accept-encoding': 'identity', ...headers };
    if (init.range !== undefined) requestHeaders['range'] = init.range;
    const request = send(url, {
      method: init.method,
      headers: requestHeaders,
      agent: secure ? init.agents.https : init.agents.http,
    });
    request.setTimeout(init.timeoutMs, () => {
      request.destroy(new HttpAttemptError(`no data for ${init.timeoutMs} ms`, { retryable: true }));
    });
    request.on('error', (err) => finish(asAttemptError(err)));
    request.on('response', (response) => {
      try {
        const outcome = handleResponse(response, init, (body) => finish(undefined, body), finish);
        if (outcome) {
          response.resume();
          finish(undefined, outcome);
        }
      } catch (err) {
        // A refused body (e.g. the whole file instead of a range) is never downloaded: drop the connection now.
        response.destroy();
        finish(asAttemptError(err));
      }
    });
    if (init.signal.aborted) onAbort();
    else init.signal.addEventListener('abort', onAbort);
    request.end();
  });
}

/** Returns an outcome known from the head alone (redirect, HEAD answer), or starts reading the body. */
function handleResponse(
  response: IncomingMessage,
  init: RangeRequestInit,
  done: (outcome: Outcome) => void,
  fail: (error: Error) => void,
): Outcome | undefined {
  const status = response.statusCode ?? 0;
  const head = parseHead(response);
  const location = response.headers.location;
  if (status >= 300 && status < 400 && location) return { location };
  if (status >= 300) throw statusError(head);
  if (init.method === 'HEAD') return { head, body: new Uint8Array(0) };
  const encoding = response.headers['content-encoding'];
  if (encoding && encoding !== 'identity') {
    throw new HttpAttemptError(`server sent a ${encoding}-encoded body, byte ranges need identity`, {
      retryable: false,
    });
  }
  const { length, target } = init.plan(head);
  if (head.contentLength !== undefined && head.contentLength !== length) {
    throw new HttpAttemptError(`server announced ${head.contentLength} bytes, expected ${length}`, {
      retryable: false,
    });
  }
  const body = target ?? new Uint8Array(length);
  let received = 0;
  response.on('data', (chunk: Buffer) => {
    if (received + chunk.byteLength > length) {
      response.destroy();
      fail(new HttpAttemptError(`server sent more than the ${length} bytes expected`, { retryable: false }));
      return;
    }
    body.set(chunk, received);
    received += chunk.byteLength;
  });
  response.on('error', (err) => fail(asAttemptError(err)));
  response.on('close', () => {
    if (received === length && response.complete) done({ head, body });
    else {
      fail(new HttpAttemptError(`connection closed after ${received} of ${length} bytes`, { retryable: true }));
    }
  });
  return undefined;
}

function parseHead(response: IncomingMessage): ResponseHead {
  const lengthHeader = response.headers['content-length'];
  const contentLength = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  return {
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    contentRange: parseContentRange(response.headers['content-range']),
    contentLength,
    headers: response.headers,
  };
}

/** Parses `bytes 0-99/1234`, `bytes 0-99/*` and `bytes *\/1234` (RFC 9110 §14.4). */
export function parseContentRange(value: string | undefined): ResponseHead['contentRange'] {
  if (!value) return undefined;
  const match = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i.exec(value.trim());
  if (!match) return undefined;
  const [, start, end, total] = match;
  return {
    start: start === undefined ? undefined : Number(start),
    end: end === undefined ? undefined : Number(end),
    total: total === undefined || total === '*' ? undefined : Number(total),
  };
}

function statusError(head: ResponseHead): HttpAttemptError {
  const { status } = head;
  // 5xx are server trouble that may pass; 429 asks to slow down; 408 is the server timing out an idle connection.
  const retryable = status >= 500 || status === 429 || status === 408;
  return new HttpAttemptError(`HTTP ${status}${head.statusText ? ` ${head.statusText}` : ''}`, {
    retryable,
    status,
    retryAfterMs: parseRetryAfter(head.headers['retry-after']),
  });
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function asAttemptError(err: unknown): HttpAttemptError {
  if (err instanceof HttpAttemptError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  // Connection-level failures (reset, refused while a server restarts, DNS hiccup, timeouts) may pass on retry.
  return new HttpAttemptError(code ? `${message} (${code})` : message, { retryable: true, cause: err });
}
