import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { type DeltaLayout, decodeDeltaBinaryPacked, encodeDeltaBinaryPacked } from './reference/delta.js';
import { Random } from './reference/random.js';

const LAYOUTS: Array<[number, number]> = [
  [128, 4],
  [128, 1],
  [256, 8],
  [256, 2],
  [512, 16],
  [1024, 1],
];

function decode(bytes: Uint8Array, bits: 32 | 64, count: number): { status: number; values: bigint[] } {
  const a = arena();
  const inPtr = a.copyIn(bytes);
  const outPtr = a.alloc(count * (bits / 8));
  const status =
    bits === 32
      ? a.wasm.deltaBinaryPackedDecode32(inPtr, bytes.length, count, outPtr)
      : a.wasm.deltaBinaryPackedDecode64(inPtr, bytes.length, count, outPtr);
  let values: bigint[] = [];
  if (status >= 0) {
    values =
      bits === 32
        ? Array.from(a.view(Int32Array, outPtr, count), (v) => BigInt(v))
        : Array.from(a.view(BigInt64Array, outPtr, count));
  }
  a.reset();
  return { status, values };
}

/** Random sequences of different characters: small steps, wide random values, extremes that wrap. */
function sequence(random: Random, bits: 32 | 64, count: number, kind: number): bigint[] {
  const out: bigint[] = [];
  const min = -(1n << BigInt(bits - 1));
  const max = (1n << BigInt(bits - 1)) - 1n;
  let v = BigInt.asIntN(bits, random.bits(bits));
  for (let i = 0; i < count; i++) {
    switch (kind) {
      case 0:
        v = BigInt.asIntN(bits, v + BigInt(random.below(100)) - 20n);
        break;
      case 1:
        v = BigInt.asIntN(bits, random.bits(random.below(bits + 1)));
        break;
      case 2:
        v = [min, max, 0n, -1n, 1n][random.below(5)]!;
        break;
      default:
        v = BigInt.asIntN(bits, v + 7n);
    }
    out.push(v);
  }
  return out;
}

t.test('DELTA_BINARY_PACKED decode matches the reference encoder, 32 and 64 bits', async (t) => {
  const random = new Random(3);
  for (const bits of [32, 64] as const) {
    for (const [blockSize, miniblocks] of LAYOUTS) {
      for (const count of [0, 1, 2, 31, 32, 33, 127, 128, 129, 200, blockSize + 1, 3 * blockSize + 17, 2500]) {
        const kind = random.below(4);
        const layout: DeltaLayout = {
          blockSize,
          miniblocks,
          bits,
          garbageWidths: random.below(2) === 0,
          padding: random.below(2) === 0,
        };
        const values = sequence(random, bits, count, kind);
        const body = encodeDeltaBinaryPacked(values, layout);
        // A trailing section (what follows the lengths in DELTA_LENGTH_BYTE_ARRAY) must not be consumed.
        const encoded = new Uint8Array(body.length + 5);
        encoded.set(body);
        encoded.fill(0xee, body.length);
        const [reference, consumed] = decodeDeltaBinaryPacked(encoded, bits);
        t.same(reference, values, 'reference round trip');
        t.equal(consumed, body.length, 'reference consumed');
        const name = `${bits}-bit ${blockSize}/${miniblocks} count ${count} kind ${kind}`;
        t.same(decode(encoded, bits, count), { status: body.length, values }, name);
        if (count > 1) {
          const part = 1 + random.below(count - 1);
          const [refPart, refConsumed] = decodeDeltaBinaryPacked(encoded, bits, part);
          t.same(decode(encoded, bits, part), { status: refConsumed, values: refPart }, `${name} first ${part}`);
        }
      }
    }
  }
});

t.test('INT32 streams with deltas computed in 64 bits (DuckDB 1.5): width 33, min delta beyond int32', async (t) => {
  // Such a writer does not wrap the deltas of int32 values: deltas relative to a min delta below -2^31 can need 33
  // bits. Decoding keeps each delta's low 32 bits and sums them wrapping, which gives the int32 values back.
  const MIN = -(2n ** 31n);
  const MAX = 2n ** 31n - 1n;
  const extremes = [MIN, MAX, MIN, 0n, MAX, MAX, MIN, 1n, -1n];
  const random = new Random(11);
  const cases: bigint[][] = [extremes];
  for (const count of [2, 33, 129, 1000, 2500]) {
    cases.push(Array.from({ length: count }, () => BigInt.asIntN(32, random.bits(32))));
  }
  let widest = 0;
  for (const values of cases) {
    for (const [blockSize, miniblocks] of LAYOUTS) {
      const encoded = encodeDeltaBinaryPacked(values, { blockSize, miniblocks, bits: 64, padding: true });
      widest = Math.max(widest, ...miniblockWidths(encoded, blockSize, miniblocks, values.length));
      const name = `${values.length} values, ${blockSize}/${miniblocks}`;
      t.same(decode(encoded, 32, values.length), { status: encoded.length, values }, name);
      const part = Math.max(1, values.length >> 1);
      t.same(decode(encoded, 32, part).values, values.slice(0, part), `${name}, first ${part}`);
    }
  }
  t.equal(widest, 33, 'the streams hold miniblocks of 33 bits');
});

/** The bit widths of the miniblocks holding deltas, block by block (header and min deltas skipped). */
function miniblockWidths(bytes: Uint8Array, blockSize: number, miniblocks: number, count: number): number[] {
  let p = 0;
  const skipVarint = () => {
    while (bytes[p]! & 0x80) p++;
    p++;
  };
  for (let k = 0; k < 4; k++) skipVarint();
  const widths: number[] = [];
  const perMiniblock = blockSize / miniblocks;
  for (let left = count - 1; left > 0; left -= blockSize) {
    skipVarint();
    const used = Math.ceil(Math.min(left, blockSize) / perMiniblock);
    const block = Array.from(bytes.subarray(p, p + miniblocks));
    p += miniblocks;
    for (let m = 0; m < used; m++) p += (perMiniblock * block[m]!) / 8;
    widths.push(...block.slice(0, used));
  }
  return widths;
}

t.test('deltaBinaryPackedCount reads the header', async (t) => {
  const a = arena();
  const bytes = encodeDeltaBinaryPacked([5n, 6n, 7n], { blockSize: 128, miniblocks: 4, bits: 32 });
  const ptr = a.copyIn(bytes);
  t.equal(a.wasm.deltaBinaryPackedCount(ptr, bytes.length), 3);
  t.equal(a.wasm.deltaBinaryPackedCount(ptr, 2), KernelStatus.Truncated);
  a.reset();
});

t.test('the spec examples (block size 8 is invalid, so as 128)', async (t) => {
  // Example 2 of Encodings.md with block size 128, one miniblock: 7, 5, 3, 1, 2, 3, 4, 5.
  const values = [7n, 5n, 3n, 1n, 2n, 3n, 4n, 5n];
  const bytes = encodeDeltaBinaryPacked(values, { blockSize: 128, miniblocks: 1, bits: 32 });
  t.same(Array.from(bytes.subarray(0, 7)), [0x80, 0x01, 1, 8, 14, 3, 2], 'header, min delta -2, width 2');
  t.same(decode(bytes, 32, 8), { status: bytes.length, values });
});

t.test('the last miniblock may lose its padding, nothing else', async (t) => {
  const values = Array.from({ length: 40 }, (_, i) => BigInt(i * i));
  const bytes = encodeDeltaBinaryPacked(values, { blockSize: 128, miniblocks: 4, bits: 64 });
  // 39 deltas: miniblock 0 full (32 deltas), miniblock 1 holds 7 deltas and 25 padding values.
  const [, end] = decodeDeltaBinaryPacked(bytes, 64);
  t.equal(end, bytes.length);
  const needed = bytes.length - Math.floor((25 * widthOfLastMiniblock(bytes)) / 8);
  t.same(decode(bytes.subarray(0, needed), 64, 40), { status: needed, values }, 'padding cut');
  t.equal(decode(bytes.subarray(0, needed - 1), 64, 40).status, KernelStatus.Truncated, 'a value cut');
});

/** Bit width byte of miniblock 1 of the only block: skip the four header varints and the min delta. */
function widthOfLastMiniblock(bytes: Uint8Array): number {
  let pos = 0;
  for (let field = 0; field < 5; field++) while (bytes[pos++]! & 0x80);
  return bytes[pos + 1]!;
}

t.test('DELTA_BINARY_PACKED rejects malformed input', async (t) => {
  const good = encodeDeltaBinaryPacked(
    Array.from({ length: 300 }, (_, i) => BigInt(i * 1000)),
    { blockSize: 128, miniblocks: 4, bits: 32 },
  );
  for (let cut = 0; cut < good.length; cut += 7) {
    t.equal(decode(good.subarray(0, cut), 32, 300).status, KernelStatus.Truncated, `cut at ${cut}`);
  }
  t.equal(decode(good, 32, 301).status, KernelStatus.Truncated, 'count above the header total');
  const header = (size: number, miniblocks: number, total: number) =>
    Uint8Array.from([...uleb(size), ...uleb(miniblocks), ...uleb(total), 0, 0, 0, 0, 0, 0, 0]);
  t.equal(decode(header(100, 1, 2), 32, 2).status, KernelStatus.Invalid, 'block size not a multiple of 128');
  t.equal(decode(header(128, 0, 2), 32, 2).status, KernelStatus.Invalid, 'no miniblocks');
  t.equal(decode(header(128, 3, 2), 32, 2).status, KernelStatus.Invalid, 'miniblocks do not divide');
  t.equal(decode(header(128, 8, 2), 32, 2).status, KernelStatus.Invalid, 'miniblock of 16 values');
  t.equal(decode(header(2 ** 31, 1, 2), 32, 2).status, KernelStatus.Invalid, 'block size 2^31');
  t.equal(decode(header(128, 1, 2 ** 31), 32, 2).status, KernelStatus.Invalid, 'total count 2^31');
  // Bit width 65 in either stream (33..64 in a 32-bit stream decode with wrapping: see the DuckDB test below).
  const wide = Uint8Array.from([0x80, 0x01, 1, 2, 0, 0, 33, ...new Array(600).fill(0)]);
  t.equal(decode(wide, 64, 2).status, 7 + (128 * 33) / 8, 'width 33 is fine for INT64');
  wide[6] = 65;
  t.equal(decode(wide, 64, 2).status, KernelStatus.Invalid, 'width 65 for INT64');
  t.equal(decode(wide, 32, 2).status, KernelStatus.Invalid, 'width 65 for INT32');
  t.equal(
    decode(
      Uint8Array.from([0x80, 0x01, 1, 2, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
      64,
      2,
    ).status,
    KernelStatus.Invalid,
    'min delta varint of 11 bytes',
  );
  // A huge miniblock count with its width bytes missing.
  t.equal(decode(header(2 ** 30, 2 ** 25, 5), 32, 5).status, KernelStatus.Truncated, 'width bytes missing');
});

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n % 128;
    n = Math.floor(n / 128);
    out.push(n > 0 ? byte | 0x80 : byte);
  } while (n > 0);
  return out;
}
