/** The server side: accept connections, run the handshake, hand authenticated Comms to the caller. */
import { createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createServer as createTlsServer } from 'node:tls';
import type { PeerRole } from '../protocol/messages.js';
import { formatAddress, isLoopback } from './address.js';
import { type Comm, type CommOptions, handshake, stderrLogger } from './comm.js';
import { CommError } from './errors.js';

/**
 * The host to put in the listener's address: the bound one, except that a wildcard (0.0.0.0, ::) is not an
 * address anyone can connect to, so this machine's first external IPv4 address stands in for it.
 */
function advertisedHost(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host;
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/** Options of {@link listen}. */
export interface ListenOptions extends CommOptions {
  /** Interface to bind. Default 127.0.0.1. */
  readonly host?: string;
  /** Port; 0 (default) picks a free one. */
  readonly port?: number;
  /** How this side introduces itself in the handshake. */
  readonly role: PeerRole;
  readonly name?: string;
  /** Called with each connection that passed the handshake. */
  readonly onConnection: (comm: Comm) => void;
}

/** A listening server. */
export interface Listener {
  /** `tcp://host:port` (or `tls://`) with the port actually bound (for a wildcard host, this machine's address). */
  readonly address: string;
  readonly port: number;
  /** Connections refused so far (bad handshake, wrong token, oversized frame...), for tests and metrics. */
  readonly refused: number;
  /** Stops accepting; open Comms are not closed (their owners close them). */
  close(): Promise<void>;
}

/**
 * Listens for Tessera connections. Refuses (INSECURE) to bind a non-loopback interface without a token or TLS.
 * A connection that fails the handshake is closed and logged with its reason; other connections are not disturbed.
 */
export function listen(options: ListenOptions): Promise<Listener> {
  const host = options.host ?? '127.0.0.1';
  const security = options.security ?? {};
  if (!isLoopback(host) && security.token === undefined && security.tls === undefined) {
    return Promise.reject(
      new CommError(
        'INSECURE',
        `refusing to listen on ${host} without a token or TLS: anyone who reaches the port could run code. ` +
          'Make a token with `tessera token > token.txt` and pass --token-file token.txt (to every process), ' +
          'or use --tls-ca/--tls-cert/--tls-key',
      ),
    );
  }
  const log = options.log ?? stderrLogger;
  const scheme = security.tls ? 'tls' : 'tcp';
  let refused = 0;
  const onSocket = (socket: Socket): void => {
    socket.setNoDelay(true);
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    handshake(socket, 'server', { role: options.role, name: options.name ?? options.role }, options).then(
      (comm) => options.onConnection(comm),
      (err: Error) => {
        refused++;
        log('warn', `refused connection from ${remote}: ${err.message}`);
      },
    );
  };
  let server: Server;
  if (security.tls) {
    const tlsServer = createTlsServer(
      {
        ca: security.tls.ca,
        cert: security.tls.cert,
        key: security.tls.key,
        requestCert: true,
        rejectUnauthorized: true,
      },
      onSocket,
    );
    tlsServer.on('tlsClientError', (err, socket) => {
      refused++;
      log('warn', `refused TLS connection from ${socket.remoteAddress}:${socket.remotePort}: ${err.message}`);
    });
    server = tlsServer;
  } else {
    server = createServer(onSocket);
  }
  return new Promise((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new CommError('BAD_ARGUMENT', `cannot listen on ${host}:${options.port ?? 0}: ${err.message}`, undefined, {
          cause: err,
        }),
      ),
    );
    server.listen(options.port ?? 0, host, () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        address: formatAddress(scheme, advertisedHost(host), port),
        port,
        get refused() {
          return refused;
        },
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
