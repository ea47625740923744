/**
 * The on-disk format of a spilled result (one file per key, under `<local dir>/spill/`).
 *
 * A result is written as the same frames the comm layer sends it with (src/distributed/comm/serialize.ts): a
 * msgpack header in which every typed array is replaced by a frame number, plus the raw bytes of each typed array.
 * A partition's columns (typed arrays on SharedArrayBuffers) are thus written straight from their memory, and read
 * back straight into new SharedArrayBuffers, one per frame, so a read-back partition can go to worker threads
 * without a copy.
 *
 * Layout, little-endian:
 *
 * | offset        | size   | field                                                                  |
 * |---------------|--------|------------------------------------------------------------------------|
 * | 0             | 4      | magic `TSPL` (ASCII)                                                   |
 * | 4             | 4      | u32 format version (1)                                                 |
 * | 8             | 4      | u32 frame count n (>= 1; frame 0 is the msgpack header)                |
 * | 12            | 4      | u32 reserved, 0                                                        |
 * | 16            | 8 * n  | u64 byte length of each frame                                          |
 * | 16 + 8n, ...  |        | the frames in order, each starting at a multiple of 8 (zero padding)   |
 *
 * The header decodes to `{ key, value }`: the file names its own key, so a spill directory can be inspected (and a
 * file checked against the key it was read for).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { decodeMessage, encodeMessage } from '../../comm/serialize.js';
import { WorkerError } from '../errors.js';

/** First four bytes of a spill file. */
export const SPILL_MAGIC = 'TSPL';
/** Version written in byte 4; files of another version are refused. */
export const SPILL_VERSION = 1;

const align8 = (n: number): number => (n + 7) & ~7;

/** Writes `value` (of `key`) to `path` in the spill format; resolves to the file's size in bytes. */
export async function writeSpillFile(path: string, key: string, value: unknown): Promise<number> {
  const frames = encodeMessage({ key, value });
  const head = Buffer.alloc(16 + 8 * frames.length);
  head.write(SPILL_MAGIC, 0, 'ascii');
  head.writeUInt32LE(SPILL_VERSION, 4);
  head.writeUInt32LE(frames.length, 8);
  head.writeUInt32LE(0, 12);
  for (let i = 0; i < frames.length; i++) head.writeBigUInt64LE(BigInt(frames[i]!.byteLength), 16 + 8 * i);
  const file = await open(path, 'w');
  let offset = 0;
  try {
    offset = await writeAll(file, head, offset);
    const zeros = new Uint8Array(8);
    for (const frame of frames) {
      const start = align8(offset);
      if (start > offset) offset = await writeAll(file, zeros.subarray(0, start - offset), offset);
      offset = await writeAll(file, frame, offset);
    }
  } finally {
    await file.close();
  }
  return offset;
}

/**
 * Reads a spill file back. Typed arrays come back on new SharedArrayBuffers. Throws WorkerError SPILL_FORMAT naming
 * the file when it is not a spill file, has another version, is truncated, or holds another key than `key`.
 */
export async function readSpillFile(path: string, key: string): Promise<unknown> {
  const file = await open(path, 'r');
  try {
    const bad = (what: string): WorkerError =>
      new WorkerError('SPILL_FORMAT', `spill file ${path} (key ${key}): ${what}`, { key });
    const fixed = Buffer.alloc(16);
    if ((await file.read(fixed, 0, 16, 0)).bytesRead < 16) throw bad('shorter than its 16-byte preamble');
    if (fixed.toString('ascii', 0, 4) !== SPILL_MAGIC)
      throw bad(`bad magic ${JSON.stringify(fixed.toString('latin1', 0, 4))}`);
    const version = fixed.readUInt32LE(4);
    if (version !== SPILL_VERSION) throw bad(`format version ${version}, this worker reads ${SPILL_VERSION}`);
    const n = fixed.readUInt32LE(8);
    if (n < 1 || n > 1 << 24) throw bad(`implausible frame count ${n}`);
    const lengths = Buffer.alloc(8 * n);
    if ((await file.read(lengths, 0, 8 * n, 16)).bytesRead < 8 * n) throw bad('truncated frame table');
    const size = (await file.stat()).size;
    let offset = 16 + 8 * n;
    const frames: Uint8Array[] = [];
    for (let i = 0; i < n; i++) {
      const length = Number(lengths.readBigUInt64LE(8 * i));
      offset = align8(offset);
      if (offset + length > size) throw bad(`frame ${i} of ${length} bytes runs past the end of the file`);
      // Data frames go into their own SharedArrayBuffer: the decoded typed arrays are views on it.
      const frame = i === 0 ? new Uint8Array(length) : new Uint8Array(new SharedArrayBuffer(length));
      await readAll(file, frame, offset);
      frames.push(frame);
      offset += length;
    }
    let decoded: unknown;
    try {
      decoded = decodeMessage(frames);
    } catch (err) {
      throw bad(`header does not decode: ${(err as Error).message}`);
    }
    const record = decoded as { key?: unknown; value?: unknown } | null;
    if (record === null || typeof record !== 'object' || record.key !== key) {
      throw bad(`holds key ${JSON.stringify((record as { key?: unknown } | null)?.key)}`);
    }
    return record.value;
  } finally {
    await file.close();
  }
}

async function writeAll(file: FileHandle, bytes: Uint8Array, position: number): Promise<number> {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await file.write(bytes, done, bytes.byteLength - done, position + done);
    done += bytesWritten;
  }
  return position + done;
}

async function readAll(file: FileHandle, into: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < into.byteLength) {
    const { bytesRead } = await file.read(into, done, into.byteLength - done, position + done);
    if (bytesRead === 0) throw new WorkerError('SPILL_FORMAT', `spill file truncated at byte ${position + done}`);
    done += bytesRead;
  }
}

/**
 * True when `value` survives the spill format unchanged: primitives, bigints, plain objects, arrays, typed arrays,
 * Sets and Dates. Class instances and Maps would come back as plain objects, and functions not at all, so such values
 * stay in memory.
 */
export function isSpillable(value: unknown, budget = { left: 1_000_000 }): boolean {
  if (--budget.left < 0) return false;
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null || ArrayBuffer.isView(value) || value instanceof Date) return true;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return false; // not a frame type
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isSpillable(value[i], budget)) return false;
    return true;
  }
  // Maps decode as plain objects through the comm layer's msgpack settings: kept in memory.
  if (value instanceof Map) return false;
  if (value instanceof Set) {
    for (const v of value) if (!isSpillable(v, budget)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in value) if (!isSpillable((value as Record<string, unknown>)[k], budget)) return false;
  return true;
}
