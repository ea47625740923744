// Assertions shared by the codec tests.
import type { Test } from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { decompress, decompressIntoArena } from '../../src/parquet/codecs/index.js';
import { ParquetError, type ParquetErrorCode } from '../../src/parquet/errors.js';
import { csvLikeText, randomBytes, repetitiveBytes, sameBytes } from './data.js';

/** Checks both entry points decompress `compressed` back to `original`. */
export function assertRoundTrip(
  t: Test,
  codec: number,
  compressed: Uint8Array,
  original: Uint8Array,
  label: string,
): void {
  const out = decompress(codec, compressed, original.length);
  t.ok(sameBytes(out, original), `${label}: decompress`);
  const a = arena();
  const mark = a.mark();
  const ptr = decompressIntoArena(a, codec, compressed, original.length);
  t.ok(sameBytes(a.u8().subarray(ptr, ptr + original.length), original), `${label}: decompressIntoArena`);
  a.release(mark);
}

/** Checks both entry points throw a ParquetError with `code` (and leave the arena as they found it). */
export function assertRejects(
  t: Test,
  codec: number,
  input: Uint8Array,
  uncompressedSize: number,
  code: ParquetErrorCode,
  label: string,
): void {
  const expect = (fn: () => unknown, which: string): void => {
    try {
      fn();
      t.fail(`${label}: ${which} should throw`);
    } catch (err) {
      t.ok(err instanceof ParquetError, `${label}: ${which} throws ParquetError (${String(err)})`);
      t.equal((err as ParquetError).code, code, `${label}: ${which} code`);
    }
  };
  expect(() => decompress(codec, input, uncompressedSize), 'decompress');
  const a = arena();
  const mark = a.mark();
  expect(() => decompressIntoArena(a, codec, input, uncompressedSize), 'decompressIntoArena');
  t.equal(a.mark(), mark, `${label}: arena released`);
  a.release(mark);
}

/** Sizes that cross the interesting boundaries of the formats (empty, tiny, a 64 KiB block, megabytes). */
export const SIZES = [0, 1, 5, 16, 100, 1000, 65535, 65536, 65537, 200_000, 1_500_000];

/** Round-trips random, repetitive and CSV-like data of every size in SIZES through `compress` and `codec`. */
export function assertRoundTrips(t: Test, codec: number, compress: (data: Uint8Array) => Uint8Array): void {
  for (const n of SIZES) {
    for (const [name, data] of [
      ['random', randomBytes(n, n)],
      ['repetitive', repetitiveBytes(n, n)],
      ['csv', csvLikeText(n, n)],
    ] as const) {
      assertRoundTrip(t, codec, compress(data), data, `${name} ${n}`);
    }
  }
}
