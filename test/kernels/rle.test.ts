import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { getBit } from './reference/bitmap.js';
import { Random } from './reference/random.js';
import { decodeRleHybrid, encodeRleHybrid } from './reference/rle.js';

/** Values with runs, so the encoder has RLE runs to choose. */
function runnyValues(random: Random, count: number, width: number): number[] {
  const out: number[] = [];
  while (out.length < count) {
    const value = Number(random.bits(width));
    const run = random.below(3) === 0 ? 1 + random.below(40) : 1;
    for (let k = 0; k < run && out.length < count; k++) out.push(value);
  }
  return out;
}

function decode(bytes: Uint8Array, width: number, count: number): { status: number; values: number[] } {
  const a = arena();
  const inPtr = a.copyIn(bytes);
  const outPtr = a.alloc(count * 4);
  const status = a.wasm.rleHybridDecode(inPtr, bytes.length, width, count, outPtr);
  const values = status >= 0 ? Array.from(a.view(Uint32Array, outPtr, count)) : [];
  a.reset();
  return { status, values };
}

t.test('rleHybridDecode matches the reference on mixed runs, all widths', async (t) => {
  const random = new Random(7);
  for (let width = 0; width <= 32; width++) {
    for (const count of [0, 1, 5, 8, 17, 100, 1000, 3001]) {
      const values = runnyValues(random, count, width);
      const encoded = encodeRleHybrid(values, width, random);
      const [expected, consumed] = decodeRleHybrid(encoded, width, count);
      t.same(expected, values, 'reference round trip');
      const { status, values: got } = decode(encoded, width, count);
      t.equal(status, consumed, `consumed, width ${width} count ${count}`);
      t.same(got, values, `values, width ${width} count ${count}`);
    }
  }
});

t.test('rleHybridDecode: partial decode and cut padding of the last bit-packed run', async (t) => {
  // One bit-packed run of 16 values of width 3 (6 bytes); 10 values need 4 bytes.
  const bytes = Uint8Array.from([(2 << 1) | 1, 0x88, 0xc6, 0xfa, 0x88, 0xc6, 0xfa]);
  t.same(decode(bytes, 3, 10), { status: 7, values: [0, 1, 2, 3, 4, 5, 6, 7, 0, 1] });
  t.equal(decode(bytes.subarray(0, 5), 3, 10).status, 5, 'padding cut: consumed up to the end');
  t.equal(decode(bytes.subarray(0, 4), 3, 10).status, KernelStatus.Truncated, 'needed bytes cut');
});

t.test('rleHybridDecode rejects malformed input', async (t) => {
  t.equal(decode(new Uint8Array(0), 3, 1).status, KernelStatus.Truncated, 'empty input');
  t.equal(decode(Uint8Array.from([1 << 1]), 8, 1).status, KernelStatus.Truncated, 'missing RLE value');
  t.equal(decode(Uint8Array.from([0x80, 0x80]), 8, 1).status, KernelStatus.Truncated, 'cut varint');
  t.equal(
    decode(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), 8, 1).status,
    KernelStatus.Invalid,
    'long varint',
  );
  t.equal(decode(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x7f]), 8, 1).status, KernelStatus.Invalid, 'header > 2^32');
  t.equal(decode(Uint8Array.from([2, 1]), 33, 1).status, KernelStatus.Invalid, 'width 33');
  t.equal(decode(Uint8Array.from([2, 1]), -1, 1).status, KernelStatus.Invalid, 'width -1');
  t.equal(decode(Uint8Array.from([2, 8]), 3, 1).status, KernelStatus.Invalid, 'RLE value wider than the width');
  // Empty runs are skipped; a stream of nothing but empty runs ends at the input's end.
  t.equal(decode(new Uint8Array(10_000).fill(0), 0, 5).status, KernelStatus.Truncated, 'zero-length RLE runs');
  t.equal(decode(new Uint8Array(10_000).fill(1), 4, 5).status, KernelStatus.Truncated, 'zero-length bit-packed runs');
  t.same(decode(Uint8Array.from([0, 0, 4, 3]), 2, 2), { status: 4, values: [3, 3] }, 'empty run then a real one');
  // A huge bit-packed run in a short buffer.
  t.equal(decode(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2]), 8, 100).status, KernelStatus.Truncated);
});

function decodeBits(bytes: Uint8Array, count: number, bitOffset: number, fill: number) {
  const a = arena();
  const inPtr = a.copyIn(bytes);
  const outLen = Math.ceil((bitOffset + count) / 8) + 1;
  const outPtr = a.alloc(outLen);
  a.u8().fill(fill, outPtr, outPtr + outLen);
  const status = a.wasm.rleHybridDecodeBits(inPtr, bytes.length, count, outPtr, bitOffset);
  const out = a.u8().slice(outPtr, outPtr + outLen);
  a.reset();
  return { status, out };
}

t.test('rleHybridDecodeBits matches the reference and keeps surrounding bits', async (t) => {
  const random = new Random(11);
  for (const count of [0, 1, 3, 8, 9, 64, 100, 1234]) {
    for (const bitOffset of [0, 1, 5, 8, 13]) {
      const values = runnyValues(random, count, 1);
      const encoded = encodeRleHybrid(values, 1, random);
      const [, consumed] = decodeRleHybrid(encoded, 1, count);
      for (const fill of [0x00, 0xff]) {
        const { status, out } = decodeBits(encoded, count, bitOffset, fill);
        t.equal(status, consumed, `consumed, count ${count} offset ${bitOffset}`);
        const got = values.map((_, i) => getBit(out, bitOffset + i));
        t.same(got, values, `bits, count ${count} offset ${bitOffset}`);
        const outside: number[] = [];
        for (let i = 0; i < out.length * 8; i++) {
          if (i < bitOffset || i >= bitOffset + count) outside.push(getBit(out, i));
        }
        t.ok(
          outside.every((b) => b === (fill ? 1 : 0)),
          'bits outside the range are untouched',
        );
      }
    }
  }
});

t.test('rleHybridDecodeBits rejects malformed input', async (t) => {
  t.equal(decodeBits(Uint8Array.from([4, 2]), 2, 0, 0).status, KernelStatus.Invalid, 'boolean value 2');
  t.equal(decodeBits(Uint8Array.from([4]), 2, 0, 0).status, KernelStatus.Truncated, 'missing value');
  t.equal(decodeBits(Uint8Array.from([3]), 2, 0, 0).status, KernelStatus.Truncated, 'missing packed byte');
  t.equal(decodeBits(new Uint8Array(100), 2, 0, 0).status, KernelStatus.Truncated, 'empty runs only');
});

/** rleHybridToValidity over `bytes` into a bitmap pre-filled with `fill`, from bit `bitOffset`. */
function toValidity(bytes: Uint8Array, width: number, count: number, maxDef: number, bitOffset: number, fill: number) {
  const a = arena();
  const inPtr = a.copyIn(bytes);
  const bitmapBytes = Math.ceil((bitOffset + count) / 8) + 8;
  const outPtr = a.alloc(bitmapBytes);
  a.u8().fill(fill, outPtr, outPtr + bitmapBytes);
  const scratch = a.alloc(count * 4);
  const status = a.wasm.rleHybridToValidity(inPtr, bytes.length, width, count, maxDef, outPtr, bitOffset, scratch);
  const bitmap = a.u8().slice(outPtr, outPtr + bitmapBytes);
  a.reset();
  return { status, bitmap };
}

t.test('rleHybridToValidity: the bits of rleHybridDecode + level == maxDef, neighbours kept', async (t) => {
  const random = new Random(11);
  for (const width of [1, 2, 3]) {
    const maxDef = (1 << width) - 1 - (width === 3 ? 2 : 0);
    for (const count of [0, 1, 7, 8, 9, 100, 1000, 3001]) {
      for (const bitOffset of [0, 3, 8, 13]) {
        for (const fill of [0x00, 0xff]) {
          const values = runnyValues(random, count, width).map((v) => Math.min(v, maxDef));
          const encoded = encodeRleHybrid(values, width, random);
          const { status, bitmap } = toValidity(encoded, width, count, maxDef, bitOffset, fill);
          const what = `width ${width} count ${count} offset ${bitOffset} fill ${fill}`;
          t.equal(status, values.filter((v) => v === maxDef).length, `non-null count, ${what}`);
          let wrong = -1;
          for (let i = 0; i < bitmap.length * 8 && wrong < 0; i++) {
            const inRange = i >= bitOffset && i < bitOffset + count;
            const want = inRange ? values[i - bitOffset] === maxDef : fill === 0xff;
            if ((getBit(bitmap, i) === 1) !== want) wrong = i;
          }
          t.equal(wrong, -1, `bits, ${what}`);
        }
      }
    }
  }
});

t.test('rleHybridToValidity rejects what rleHybridDecode rejects', async (t) => {
  t.equal(toValidity(new Uint8Array(0), 1, 1, 1, 0, 0).status, KernelStatus.Truncated, 'empty input');
  t.equal(toValidity(Uint8Array.from([1 << 1]), 1, 1, 1, 0, 0).status, KernelStatus.Truncated, 'missing RLE value');
  t.equal(toValidity(Uint8Array.from([4 << 1, 2]), 1, 4, 1, 0, 0).status, KernelStatus.Invalid, 'level too wide');
  t.equal(toValidity(Uint8Array.from([(2 << 1) | 1, 0xff]), 1, 16, 1, 0, 0).status, KernelStatus.Truncated, 'cut run');
  t.equal(toValidity(Uint8Array.from([2]), 33, 1, 1, 0, 0).status, KernelStatus.Invalid, 'bit width 33');
});
