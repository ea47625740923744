// Inputs for the compression kernel tests: every shape that steers a hash-table match finder down a different
// path (no matches, runs, short periods, long matches, offsets at the copy-encoding boundaries, fragment edges).
import { csvLikeText, randomBytes, repetitiveBytes } from './data.js';

/** `block` random bytes repeated to `n` bytes: every match has offset `block`. */
export function repeatedBlock(n: number, block: number, seed: number): Uint8Array {
  const unit = randomBytes(block, seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = unit[i % block]!;
  return out;
}

/** Random bytes with runs of `run` equal bytes: matches of exactly that length with short offsets. */
function runsOf(n: number, run: number, seed: number): Uint8Array {
  const noise = randomBytes(n, seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(i / (run + 3)) % 2 ? noise[i]! : (i / (run + 3)) & 0xff;
  return out;
}

/** Little-endian int64 sequence from `start`: the PLAIN page of an id column. */
export function int64Sequence(n: number, start: number): Uint8Array {
  const values = new BigInt64Array(Math.ceil(n / 8));
  for (let i = 0; i < values.length; i++) values[i] = BigInt(start + i);
  return new Uint8Array(values.buffer, 0, n);
}

/** Named samples of `n` bytes in every shape. */
export function compressSamples(n: number): [string, Uint8Array][] {
  const samples: [string, Uint8Array][] = [
    ['random', randomBytes(n, n + 1)],
    ['repetitive', repetitiveBytes(n, n + 2)],
    ['csv', csvLikeText(n, n + 3)],
    ['zeros', new Uint8Array(n)],
    ['int64 ids', int64Sequence(n, 1_000_000)],
  ];
  for (const period of [1, 2, 3, 5, 7, 8, 9, 16, 17]) samples.push([`period ${period}`, repeatedBlock(n, period, 40)]);
  for (const block of [2047, 2048, 2049, 65535, 65536, 70_000])
    samples.push([`block ${block}`, repeatedBlock(n, block, 41)]);
  for (const run of [4, 11, 12, 63, 64, 65, 67, 68, 300]) samples.push([`runs ${run}`, runsOf(n, run, 42)]);
  return samples;
}

/** Sizes around the formats' edges: the 12/13-byte LZ4 minimum, 16-byte moves, snappy's 64 KiB fragments. */
export const COMPRESS_SIZES = [
  0, 1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 16, 17, 18, 31, 32, 33, 100, 1000, 4095, 65535, 65536, 65537, 131_077, 300_000,
  2_100_000,
];
