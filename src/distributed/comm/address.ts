import { CommError } from './errors.js';

/** A parsed `tcp://host:port` or `tls://host:port` address. */
export interface ParsedAddress {
  readonly scheme: 'tcp' | 'tls';
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `tcp://host:port`, `tls://host:port` or a bare `host:port` (tcp). IPv6 hosts are written in brackets
 * (`tcp://[::1]:8786`). Throws BAD_ARGUMENT naming the address otherwise.
 */
export function parseAddress(address: string): ParsedAddress {
  const m = /^(?:(tcp|tls):\/\/)?(\[[^\]]+\]|[^:/\s]+):(\d{1,5})$/.exec(address);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65535) {
    throw new CommError(
      'BAD_ARGUMENT',
      `bad address ${JSON.stringify(address)}: expected tcp://host:port or tls://host:port`,
    );
  }
  const host = m[2].startsWith('[') ? m[2].slice(1, -1) : m[2];
  return { scheme: (m[1] ?? 'tcp') as 'tcp' | 'tls', host, port };
}

/** The address string of `scheme`, `host` and `port` (brackets around IPv6 hosts). */
export function formatAddress(scheme: 'tcp' | 'tls', host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** True when `host` is a loopback name or address (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
