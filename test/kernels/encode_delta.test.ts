import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { encodeDeltaBinaryPacked } from './reference/delta.js';
import { Random } from './reference/random.js';

/** Sequences of different characters: small steps, random widths, extremes whose deltas wrap, constant steps. */
function sequence(random: Random, bits: 32 | 64, count: number, kind: number): bigint[] {
  const out: bigint[] = [];
  const min = -(1n << BigInt(bits - 1));
  const max = (1n << BigInt(bits - 1)) - 1n;
  let v = BigInt.asIntN(bits, random.bits(bits));
  for (let i = 0; i < count; i++) {
    if (kind === 0) v = BigInt.asIntN(bits, v + BigInt(random.below(100)) - 20n);
    else if (kind === 1) v = BigInt.asIntN(bits, random.bits(random.below(bits + 1)));
    else if (kind === 2) v = [min, max, 0n, -1n, 1n][random.below(5)]!;
    else v = BigInt.asIntN(bits, v + 7n);
    out.push(v);
  }
  return out;
}

function encode(values: readonly bigint[], bits: 32 | 64, cap?: number): { status: number; bytes: Uint8Array } {
  const a = arena();
  const m = a.mark();
  try {
    const input = bits === 32 ? Int32Array.from(values, Number) : BigInt64Array.from(values);
    const inPtr = a.copyIn(new Uint8Array(input.buffer));
    // The kernel wants room for the worst case of each block it starts: 14 bytes + 128 values of full width.
    const outCap = cap ?? 25 + Math.ceil(Math.max(values.length - 1, 0) / 128) * (14 + 16 * bits);
    const outPtr = a.alloc(Math.max(outCap, 0));
    const status =
      bits === 32
        ? a.wasm.deltaBinaryPackedEncode32(inPtr, values.length, outPtr, outCap)
        : a.wasm.deltaBinaryPackedEncode64(inPtr, values.length, outPtr, outCap);
    return { status, bytes: status >= 0 ? a.u8().slice(outPtr, outPtr + status) : new Uint8Array(0) };
  } finally {
    a.release(m);
  }
}

function decode(bytes: Uint8Array, bits: 32 | 64, count: number): { status: number; values: bigint[] } {
  const a = arena();
  const m = a.mark();
  try {
    const inPtr = a.copyIn(bytes);
    const outPtr = a.alloc(count * (bits / 8));
    const status =
      bits === 32
        ? a.wasm.deltaBinaryPackedDecode32(inPtr, bytes.length, count, outPtr)
        : a.wasm.deltaBinaryPackedDecode64(inPtr, bytes.length, count, outPtr);
    const values =
      bits === 32
        ? Array.from(a.view(Int32Array, outPtr, count), (v) => BigInt(v))
        : Array.from(a.view(BigInt64Array, outPtr, count));
    return { status, values };
  } finally {
    a.release(m);
  }
}

t.test('deltaBinaryPackedEncode matches the reference (block 128, 4 miniblocks) and decodes back', async (t) => {
  const random = new Random(21);
  for (const bits of [32, 64] as const) {
    for (const count of [0, 1, 2, 31, 32, 33, 128, 129, 130, 257, 1000, 4099]) {
      for (let kind = 0; kind < 4; kind++) {
        const values = sequence(random, bits, count, kind);
        const { status, bytes } = encode(values, bits);
        t.equal(status, bytes.length);
        t.same(
          bytes,
          encodeDeltaBinaryPacked(values, { blockSize: 128, miniblocks: 4, bits }),
          `${bits} ${count} ${kind}`,
        );
        const back = decode(bytes, bits, count);
        t.equal(back.status, bytes.length, 'decoder consumes everything');
        t.same(back.values, values, `round trip, ${bits} bits, count ${count}, kind ${kind}`);
      }
    }
  }
});

t.test('deltaBinaryPackedEncode: wraparound deltas at the extremes', async (t) => {
  for (const bits of [32, 64] as const) {
    const min = -(1n << BigInt(bits - 1));
    const max = (1n << BigInt(bits - 1)) - 1n;
    const values = [max, min, max, min, 0n, min, -1n, max, max, min];
    const { bytes } = encode(values, bits);
    t.same(decode(bytes, bits, values.length).values, values, `${bits} bits`);
  }
});

t.test('deltaBinaryPackedEncode reports a short output', async (t) => {
  const values = sequence(new Random(2), 32, 500, 1);
  const full = encode(values, 32).bytes.length;
  t.equal(encode(values, 32, 10).status, KernelStatus.Overflow, 'no room for the header');
  t.equal(encode(values, 32, 100).status, KernelStatus.Overflow, 'no room for the blocks');
  t.equal(encode(values, 32, full).status, KernelStatus.Overflow, 'each block needs its worst case');
  t.equal(encode(values, 32, -1).status, KernelStatus.Invalid, 'negative capacity');
});
