import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** How a dashboard server admits browsers. */
export interface AccessOptions {
  /** Interface the server binds. */
  readonly host: string;
  /** The secret to present; when absent and `host` is not loopback, one is generated. */
  readonly token?: string;
  /** Cookie that keeps the token after the first visit. Default `tessera-dashboard`. */
  readonly cookieName?: string;
}

/** The verdict on one request: let it through, redirect to drop the token from the URL (setting the cookie), or refuse. */
export type AccessDecision =
  | { readonly kind: 'allow' }
  | { readonly kind: 'redirect'; readonly location: string; readonly setCookie: string }
  | { readonly kind: 'deny' };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True when `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/**
 * The token check of a dashboard, independent of what it serves (the cluster's scheduler and workers reuse it with
 * the cluster token). On loopback without a token everything is allowed. Otherwise a request must carry the token,
 * either once as `?token=` in the URL (answered by a redirect to the same URL without it, setting an HttpOnly,
 * SameSite=Strict cookie) or in that cookie. Comparison is constant-time.
 */
export class TokenGate {
  /** The token, or undefined when none is required. */
  readonly token: string | undefined;
  readonly cookieName: string;
  private readonly expected: Buffer | undefined;

  constructor(options: AccessOptions) {
    this.cookieName = options.cookieName ?? 'tessera-dashboard';
    this.token = options.token ?? (isLoopback(options.host) ? undefined : randomBytes(18).toString('base64url'));
    this.expected = this.token === undefined ? undefined : Buffer.from(this.token);
  }

  /** The query string to append to the server's URL the first time (`?token=...`), or ''. */
  get query(): string {
    return this.token === undefined ? '' : `?token=${encodeURIComponent(this.token)}`;
  }

  /** Decides on an HTTP request; `upgrade` requests (WebSocket) are never redirected. */
  check(request: IncomingMessage, upgrade = false): AccessDecision {
    if (this.expected === undefined) return { kind: 'allow' };
    const url = new URL(request.url ?? '/', 'http://dashboard');
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (!this.matches(given)) return { kind: 'deny' };
      if (upgrade) return { kind: 'allow' };
      url.searchParams.delete('token');
      const setCookie = `${this.cookieName}=${encodeURIComponent(given)}; HttpOnly; SameSite=Strict; Path=/`;
      return { kind: 'redirect', location: url.pathname + url.search, setCookie };
    }
    const cookie = readCookie(request.headers.cookie, this.cookieName);
    return cookie !== undefined && this.matches(cookie) ? { kind: 'allow' } : { kind: 'deny' };
  }

  private matches(candidate: string): boolean {
    const given = Buffer.from(candidate);
    return given.length === this.expected!.length && timingSafeEqual(given, this.expected!);
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
