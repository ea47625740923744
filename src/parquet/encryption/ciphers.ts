// AES ciphers of Parquet modular encryption (Encryption.md sections 4.1, 4.2 and 5.1), on node:crypto.
// A serialized module is `length (4 bytes LE) | nonce (12) | ciphertext | tag (16, GCM only)`, where length counts
// everything after itself.
import { type CipherGCMTypes, createCipheriv, createDecipheriv, timingSafeEqual } from 'node:crypto';
import { ParquetError } from '../errors.js';

export const NONCE_LENGTH = 12;
export const GCM_TAG_LENGTH = 16;
const LENGTH_FIELD = 4;

/** The result of decrypting one serialized module. */
export interface DecryptedModule {
  plaintext: Uint8Array;
  /** Bytes the serialized module takes (length field included), i.e. where the next structure starts. */
  moduleLength: number;
}

/** Checks that `key` is an AES key (128, 192 or 256 bits) and returns the cipher-name prefix for it. */
export function aesName(key: Uint8Array): string {
  if (key.byteLength !== 16 && key.byteLength !== 24 && key.byteLength !== 32) {
    throw new ParquetError('DECRYPTION', `an AES key has 16, 24 or 32 bytes, not ${key.byteLength}`);
  }
  return `aes-${key.byteLength * 8}`;
}

function gcmName(key: Uint8Array): CipherGCMTypes {
  return `${aesName(key)}-gcm` as CipherGCMTypes;
}

/** Decrypts and authenticates the AES-GCM module at `offset` of `bytes`; `what` names it in errors. */
export function decryptGcmModule(
  key: Uint8Array,
  bytes: Uint8Array,
  offset: number,
  aad: Uint8Array,
  what: string,
): DecryptedModule {
  const body = moduleBody(bytes, offset, NONCE_LENGTH + GCM_TAG_LENGTH, what);
  const nonce = body.subarray(0, NONCE_LENGTH);
  const ciphertext = body.subarray(NONCE_LENGTH, body.byteLength - GCM_TAG_LENGTH);
  const tag = body.subarray(body.byteLength - GCM_TAG_LENGTH);
  const decipher = createDecipheriv(gcmName(key), key, nonce, { authTagLength: GCM_TAG_LENGTH });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const head = decipher.update(ciphertext);
  try {
    const tail = decipher.final();
    return { plaintext: concat(head, tail), moduleLength: LENGTH_FIELD + body.byteLength };
  } catch (err) {
    throw new ParquetError(
      'DECRYPTION',
      `${what}: AES-GCM authentication failed (wrong key or AAD prefix, or the data was modified)`,
      {},
      { cause: err },
    );
  }
}

/**
 * Decrypts the AES-CTR module at `offset` of `bytes` (pages under AES_GCM_CTR_V1). CTR carries no tag, so a wrong
 * key is not detected here: the page header, which is always GCM, has already authenticated the key.
 */
export function decryptCtrModule(key: Uint8Array, bytes: Uint8Array, offset: number, what: string): DecryptedModule {
  const body = moduleBody(bytes, offset, NONCE_LENGTH, what);
  // The IV is the nonce followed by a 32-bit big-endian counter whose initial value is 1 (Encryption.md 4.2).
  const iv = new Uint8Array(16);
  iv.set(body.subarray(0, NONCE_LENGTH), 0);
  iv[15] = 1;
  const decipher = createDecipheriv(`${aesName(key)}-ctr`, key, iv);
  const plaintext = concat(decipher.update(body.subarray(NONCE_LENGTH)), decipher.final());
  return { plaintext, moduleLength: LENGTH_FIELD + body.byteLength };
}

/**
 * Verifies a plaintext footer's signature (Encryption.md 5.5): the GCM tag of `signed` under `key`, `nonce` and
 * `aad` must equal `tag`. Throws ParquetError('DECRYPTION') when it does not.
 */
export function verifyGcmSignature(
  key: Uint8Array,
  signed: Uint8Array,
  nonce: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
): void {
  const cipher = createCipheriv(gcmName(key), key, nonce, { authTagLength: GCM_TAG_LENGTH });
  cipher.setAAD(aad);
  cipher.update(signed);
  cipher.final();
  const computed = cipher.getAuthTag();
  if (tag.byteLength !== GCM_TAG_LENGTH || !timingSafeEqual(computed, tag)) {
    throw new ParquetError(
      'DECRYPTION',
      'plaintext footer signature does not verify (wrong footer key or AAD prefix, or the footer was modified)',
    );
  }
}

/** The bytes after a module's length field, bounded by `bytes`. */
function moduleBody(bytes: Uint8Array, offset: number, minimum: number, what: string): Uint8Array {
  if (offset + LENGTH_FIELD > bytes.byteLength) {
    throw new ParquetError('DECRYPTION', `${what}: truncated encrypted module (no length field)`, { offset });
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset + offset, LENGTH_FIELD).getUint32(0, true);
  const available = bytes.byteLength - offset - LENGTH_FIELD;
  if (length < minimum || length > available) {
    throw new ParquetError(
      'DECRYPTION',
      `${what}: encrypted module of ${length} bytes (${available} available, at least ${minimum} needed)`,
      { offset },
    );
  }
  return bytes.subarray(offset + LENGTH_FIELD, offset + LENGTH_FIELD + length);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (b.byteLength === 0) return a;
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
