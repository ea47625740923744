// The zstdDecompress kernel's contract (src/kernels/abi.ts): it writes only inside [out, out + outLen + slack),
// returns the bytes produced or a negative status, and zstdErrorOffset() says where in the input it stopped.
import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { csvLikeText, randomBytes, sameBytes } from '../support/data.js';
import { zstdCompressSimple } from '../support/zstd.js';
import { rawBlock, zstdFrame } from '../support/zstd-frames.js';

const GUARD = 64;

/** Runs the kernel with `outLen` bytes of output, guard bytes around the output and its slack; returns the status,
 *  the output and whether the guards survived. */
function run(input: Uint8Array, outLen: number): { status: number; out: Uint8Array; guardsIntact: boolean } {
  const a = arena();
  const mark = a.mark();
  const slack = a.wasm.zstdSlack();
  const region = a.alloc(GUARD + outLen + slack + GUARD);
  const inPtr = a.alloc(input.length + slack);
  a.u8().fill(0xa5, region, region + GUARD + outLen + slack + GUARD);
  a.u8().set(input, inPtr);
  const status = a.wasm.zstdDecompress(inPtr, input.length, region + GUARD, outLen);
  const u8 = a.u8();
  const before = u8.subarray(region, region + GUARD);
  const after = u8.subarray(region + GUARD + outLen + slack, region + GUARD + outLen + slack + GUARD);
  const guardsIntact = before.every((b) => b === 0xa5) && after.every((b) => b === 0xa5);
  const out = u8.slice(region + GUARD, region + GUARD + Math.max(0, Math.min(outLen, status)));
  a.release(mark);
  return { status, out, guardsIntact };
}

t.test('decodes libzstd frames and writes nothing outside the output and its slack', async (t) => {
  for (const n of [0, 1, 15, 16, 17, 33, 1000, 131072, 131073, 400_000]) {
    for (const [name, data] of [
      ['csv', csvLikeText(n, n + 1)],
      ['random', randomBytes(n, n + 2)],
    ] as const) {
      const { status, out, guardsIntact } = run(zstdCompressSimple(data, 3), n);
      t.equal(status, n, `${name} ${n}: produced`);
      t.ok(sameBytes(out, data), `${name} ${n}: bytes`);
      t.ok(guardsIntact, `${name} ${n}: guards intact`);
    }
  }
});

t.test('too little output is Overflow (-3), with guards intact', async (t) => {
  const data = csvLikeText(50_000, 3);
  const frame = zstdCompressSimple(data, 3);
  for (const outLen of [0, 1, 100, 49_999]) {
    const { status, guardsIntact } = run(frame, outLen);
    t.equal(status, -3, `${outLen} bytes of room`);
    t.ok(guardsIntact, `${outLen}: guards intact`);
  }
});

t.test('statuses and the error offset', async (t) => {
  const a = arena();
  const data = randomBytes(10, 4);
  const frame = zstdFrame({ contentSize: 10 }, [rawBlock(data, true)]);
  t.equal(run(frame.subarray(0, frame.length - 2), 10).status, -1, 'truncated raw block');
  t.equal(a.wasm.zstdErrorOffset(), frame.length - 13, 'offset of the block header');
  const second = frame.slice();
  second[0] = 0; // bad magic in the second frame of the page
  t.equal(run(new Uint8Array([...frame, ...second]), 20).status, -7, 'bad magic');
  t.equal(a.wasm.zstdErrorOffset(), frame.length, 'offset of the second frame');
  t.equal(run(zstdFrame({ contentSize: 10, dictionaryId: 7 }, [rawBlock(data, true)]), 10).status, -4, 'dictionary');
});

t.test(
  'matches from 1 to 17 bytes back, short and long, are copied exactly (the short-distance copy paths)',
  async (t) => {
    // Periodic data of every period under 18, in runs of lengths around the copy widths (4, 8, 16 bytes), separated
    // by random bytes so that each run starts a new match: every distance the wide and doubling copies handle.
    const parts: number[] = [];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    };
    for (let period = 1; period <= 17; period++) {
      for (const length of [3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1000]) {
        const pattern = Array.from({ length: period }, next);
        for (let i = 0; i < length + period; i++) parts.push(pattern[i % period] as number);
        for (let i = 0; i < 5; i++) parts.push(next());
      }
    }
    const data = Uint8Array.from(parts);
    for (const level of [1, 3, 19]) {
      const { status, out, guardsIntact } = run(zstdCompressSimple(data, level), data.length);
      t.equal(status, data.length, `level ${level}: produced`);
      t.ok(sameBytes(out, data), `level ${level}: bytes`);
      t.ok(guardsIntact, `level ${level}: guards intact`);
    }
  },
);
