/**
 * What a connection needs to be trusted: a shared-secret token (checked by HMAC challenge-response, see
 * handshake.ts) and/or mutual TLS with CA verification.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CommError } from './errors.js';

/** Mutual TLS material (PEM text or buffers). Both sides present a certificate signed by `ca` and check the other's. */
export interface TlsOptions {
  readonly ca: string | Buffer;
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

/** Security of a listener or a connection. Both ends must agree: same token (or none), TLS on both or neither. */
export interface SecurityOptions {
  /** Shared secret; every connection proves it knows it without sending it. */
  readonly token?: string;
  readonly tls?: TlsOptions;
}

/** A new random token: 32 random bytes as 64 hex digits (what `tessera token` prints). */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** Reads a token file (its first line, trimmed). Throws BAD_ARGUMENT naming the file if it is missing or empty. */
export function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CommError('BAD_ARGUMENT', `cannot read token file ${path}: ${(err as Error).message}`, undefined, {
      cause: err,
    });
  }
  const token = text.split('\n')[0].trim();
  if (token.length < 16) {
    throw new CommError(
      'BAD_ARGUMENT',
      `token file ${path} holds no token of at least 16 characters (make one with \`tessera token\`)`,
    );
  }
  return token;
}

/** Reads the TLS files named by the CLI flags. All three are needed; throws BAD_ARGUMENT naming what is missing. */
export function readTlsFiles(files: { ca?: string; cert?: string; key?: string }): TlsOptions | undefined {
  const given = [files.ca, files.cert, files.key].filter((f) => f !== undefined).length;
  if (given === 0) return undefined;
  if (given !== 3) throw new CommError('BAD_ARGUMENT', 'TLS needs all of --tls-ca, --tls-cert and --tls-key');
  const read = (path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new CommError('BAD_ARGUMENT', `cannot read TLS file ${path}: ${(err as Error).message}`);
    }
  };
  return { ca: read(files.ca as string), cert: read(files.cert as string), key: read(files.key as string) };
}

/**
 * The proof that a side knows `token`: HMAC-SHA256 over both nonces in a fixed order and the prover's role, so a
 * proof cannot be replayed on another connection nor reflected back to its sender.
 */
export function authProof(
  token: string,
  proverNonce: string,
  verifierNonce: string,
  proverSide: 'server' | 'client',
): Buffer {
  return createHmac('sha256', token).update(`tessera-auth\n${proverSide}\n${verifierNonce}\n${proverNonce}`).digest();
}

/** Constant-time check of a proof received from the peer. */
export function proofMatches(expected: Buffer, received: unknown): boolean {
  if (!(received instanceof Uint8Array) || received.byteLength !== expected.byteLength) return false;
  return timingSafeEqual(expected, received);
}

/** A fresh challenge nonce (hex). */
export function newNonce(): string {
  return randomBytes(24).toString('hex');
}
