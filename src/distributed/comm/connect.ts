/** The client side: open a connection to `tcp://host:port` / `tls://host:port` and run the handshake. */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { PeerRole } from '../protocol/messages.js';
import { parseAddress } from './address.js';
import { type Comm, type CommOptions, handshake } from './comm.js';
import { CommError } from './errors.js';
import { SocketInput } from './input.js';

/** Options of {@link connect}. */
export interface ConnectOptions extends CommOptions {
  /** How this side introduces itself in the handshake. */
  readonly role: PeerRole;
  readonly name?: string;
  /** How long to keep trying while the peer refuses TCP connections (it may be starting), ms. Default 10,000. */
  readonly timeoutMs?: number;
}

/**
 * Connects to `address` and completes the handshake. Retries while the port refuses connections, until
 * `timeoutMs`. Rejects with CommError: CONNECT_FAILED / TIMEOUT, AUTH_FAILED (wrong or missing token),
 * VERSION_MISMATCH, BAD_HANDSHAKE, or BAD_ARGUMENT for a bad address or a tls:// address without TLS options.
 */
export async function connect(address: string, options: ConnectOptions): Promise<Comm> {
  const { scheme, host, port } = parseAddress(address);
  const tls = options.security?.tls;
  if (scheme === 'tls' && !tls) {
    throw new CommError('BAD_ARGUMENT', `${address} uses TLS: pass the TLS options (--tls-ca, --tls-cert, --tls-key)`);
  }
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let delay = 20;
  for (;;) {
    let socket: Socket;
    let input: SocketInput;
    try {
      ({ socket, input } = await openSocket(scheme, host, port, options));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const retry = code === 'ECONNREFUSED' || code === 'ECONNRESET';
      if (!retry || Date.now() + delay > deadline) {
        throw new CommError(
          retry ? 'TIMEOUT' : 'CONNECT_FAILED',
          `cannot connect to ${address}: ${(err as Error).message}`,
          `${host}:${port}`,
          { cause: err },
        );
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 500);
      continue;
    }
    return handshake(socket, 'client', { role: options.role, name: options.name ?? options.role }, options, input);
  }
}

// A plain TCP socket reads through `onread` (received frames land straight in their SharedArrayBuffers, see
// input.ts); a TLS socket decrypts into its own buffers, so it delivers `data` events.
function openSocket(
  scheme: 'tcp' | 'tls',
  host: string,
  port: number,
  options: ConnectOptions,
): Promise<{ socket: Socket; input: SocketInput }> {
  return new Promise((resolve, reject) => {
    const tls = options.security?.tls;
    const direct = scheme === 'tls' && tls ? undefined : new SocketInput();
    const socket =
      scheme === 'tls' && tls
        ? tlsConnect({
            host,
            port,
            ca: tls.ca,
            cert: tls.cert,
            key: tls.key,
            // Trust is "signed by the cluster's CA", checked by rejectUnauthorized; hosts are addressed by IP, so
            // certificate host names are not required to match.
            checkServerIdentity: () => undefined,
          })
        : netConnect({ host, port, onread: (direct as SocketInput).onread });
    const ready = scheme === 'tls' ? 'secureConnect' : 'connect';
    socket.once(ready, () => {
      socket.off('error', reject);
      socket.setNoDelay(true);
      resolve({ socket, input: direct ?? SocketInput.fromEvents(socket) });
    });
    socket.once('error', reject);
  });
}
