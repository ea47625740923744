import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { packBits } from './reference/bitpack.js';
import { encodeRleHybridReference } from './reference/encode.js';
import { Random } from './reference/random.js';

/** Values with runs of every length around the RLE threshold, so both run kinds and the lending case occur. */
function runnyValues(random: Random, count: number, width: number): number[] {
  const out: number[] = [];
  while (out.length < count) {
    const value = Number(random.bits(width));
    const kind = random.below(4);
    const run = kind === 0 ? 1 + random.below(40) : kind === 1 ? 6 + random.below(6) : 1;
    for (let k = 0; k < run && out.length < count; k++) out.push(value);
  }
  return out;
}

function encode(values: readonly number[], width: number, u8: boolean, cap?: number) {
  const a = arena();
  const m = a.mark();
  try {
    const input = u8 ? Uint8Array.from(values) : Uint32Array.from(values);
    const inPtr = a.copyIn(new Uint8Array(input.buffer));
    const outCap = cap ?? 64 + values.length * 6;
    const outPtr = a.alloc(outCap);
    const status = u8
      ? a.wasm.rleHybridEncode8(inPtr, values.length, width, outPtr, outCap)
      : a.wasm.rleHybridEncode32(inPtr, values.length, width, outPtr, outCap);
    const bytes = status >= 0 ? a.u8().slice(outPtr, outPtr + status) : new Uint8Array(0);
    return { status, bytes };
  } finally {
    a.release(m);
  }
}

function decode(bytes: Uint8Array, width: number, count: number): { status: number; values: number[] } {
  const a = arena();
  const m = a.mark();
  try {
    const inPtr = a.copyIn(bytes);
    const outPtr = a.alloc(count * 4);
    const status = a.wasm.rleHybridDecode(inPtr, bytes.length, width, count, outPtr);
    return { status, values: Array.from(a.view(Uint32Array, outPtr, count)) };
  } finally {
    a.release(m);
  }
}

t.test('rleHybridEncode32 matches the reference and decodes back, widths 0..32', async (t) => {
  const random = new Random(11);
  for (let width = 0; width <= 32; width++) {
    for (const count of [0, 1, 2, 7, 8, 9, 16, 17, 100, 1000, 2345]) {
      const values = runnyValues(random, count, width);
      const { status, bytes } = encode(values, width, false);
      t.equal(status, bytes.length, `status, width ${width} count ${count}`);
      t.same(bytes, encodeRleHybridReference(values, width), `bytes, width ${width} count ${count}`);
      const back = decode(bytes, width, count);
      t.equal(back.status, bytes.length, 'decoder consumes everything');
      t.same(back.values, values, `round trip, width ${width} count ${count}`);
    }
  }
});

t.test('rleHybridEncode8 matches the reference and decodes back, widths 0..8', async (t) => {
  const random = new Random(12);
  for (let width = 0; width <= 8; width++) {
    for (const count of [0, 1, 15, 16, 17, 33, 500, 4099]) {
      const values = runnyValues(random, count, width);
      const { status, bytes } = encode(values, width, true);
      t.equal(status, bytes.length);
      t.same(bytes, encodeRleHybridReference(values, width), `bytes, width ${width} count ${count}`);
      t.same(decode(bytes, width, count).values, values, `round trip, width ${width} count ${count}`);
      t.same(bytes, encode(values, width, false).bytes, 'u8 and u32 inputs encode alike');
    }
  }
});

t.test('rleHybridEncode run choices', async (t) => {
  // A constant stream is one RLE run, whatever its length.
  t.same(encode(new Array(1000).fill(3), 2, true).bytes, Uint8Array.from([0xd0, 0x0f, 3]));
  t.same(encode([5], 3, true).bytes, Uint8Array.from([2, 5]), 'a single value is an RLE run');
  t.same(encode([], 3, true).bytes, new Uint8Array(0), 'nothing in, nothing out');
  // 3 distinct values then 13 sevens: the sevens lend 5 values to the group, the other 8 are an RLE run.
  const values = [1, 2, 3, ...new Array(13).fill(7)];
  t.same(encode(values, 3, true).bytes, Uint8Array.from([3, ...packBits([1n, 2n, 3n, 7n, 7n, 7n, 7n, 7n], 3), 16, 7]));
  // Width 0: all zeros, a single RLE run without value bytes.
  t.same(encode(new Array(20).fill(0), 0, true).bytes, Uint8Array.from([40]));
});

t.test('rleHybridEncode rejects bad input and reports a short output', async (t) => {
  t.equal(encode([4], 2, true).status, KernelStatus.Invalid, 'value wider than the width');
  t.equal(encode([0, 1, 2 ** 20], 20, false).status, KernelStatus.Invalid, 'u32 value wider than the width');
  t.equal(encode([1], 9, true).status, KernelStatus.Invalid, 'u8 width 9');
  t.equal(encode([1], 33, false).status, KernelStatus.Invalid, 'width 33');
  t.equal(encode([1], -1, false).status, KernelStatus.Invalid, 'width -1');
  const random = new Random(3);
  const values = runnyValues(random, 500, 5);
  const full = encode(values, 5, true).bytes.length;
  for (const cap of [0, 1, full - 1]) t.equal(encode(values, 5, true, cap).status, KernelStatus.Overflow, `cap ${cap}`);
  t.equal(encode(values, 5, true, full).status, full, 'exact capacity is enough');
});

t.test('rleHybridEncode matches the reference on many short low-cardinality inputs (run-search edges)', async (t) => {
  const random = new Random(13);
  let mismatches = 0;
  for (let iter = 0; iter < 4000; iter++) {
    const count = 1 + random.below(48);
    const ones = random.below(10) / 10;
    const values = Array.from({ length: count }, () => (random.u32() / 2 ** 32 < ones ? 1 : 0));
    const expected = encodeRleHybridReference(values, 1).join();
    if (encode(values, 1, true).bytes.join() !== expected) mismatches++;
    if (encode(values, 1, false).bytes.join() !== expected) mismatches++;
  }
  t.equal(mismatches, 0);
});
