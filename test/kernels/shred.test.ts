import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { Random } from './reference/random.js';
import {
  compactBytesReference,
  compactFixedReference,
  flatOptionalReference,
  listExpandReference,
  nullableReference,
} from './reference/shred.js';

function copyIn(bytes: Uint8Array): number {
  return arena().copyIn(bytes);
}

function i32In(values: Int32Array): number {
  const a = arena();
  const ptr = a.alloc(values.byteLength);
  a.view(Int32Array, ptr, values.length).set(values);
  return ptr;
}

t.test('shredFlatOptional matches the reference on random bitmaps and offsets', async (t) => {
  const a = arena();
  const random = new Random(11);
  for (const count of [0, 1, 7, 8, 9, 63, 64, 65, 1000]) {
    for (const bitOffset of [0, 1, 5, 7]) {
      const mark = a.mark();
      // mostly-valid, mostly-null and mixed bitmaps
      const mode = random.below(3);
      const validity = random
        .bytes((bitOffset + count + 7) >>> 3)
        .map((b) => (mode === 0 ? b | 0xfe : mode === 1 ? b & 1 : b));
      const expected = flatOptionalReference(validity, bitOffset, count);
      const vPtr = copyIn(validity);
      const defPtr = a.alloc(count);
      const posPtr = a.alloc(count * 4);
      const valid = a.wasm.shredFlatOptional(vPtr, bitOffset, count, defPtr, posPtr);
      t.equal(valid, expected.positions.length, `count ${count} offset ${bitOffset}`);
      t.same(a.view(Uint8Array, defPtr, count), expected.def);
      t.same(a.view(Int32Array, posPtr, valid), expected.positions);
      a.release(mark);
    }
  }
});

t.test(
  'shredNullable matches the reference, in place too, and reports the first null of a required node',
  async (t) => {
    const a = arena();
    const random = new Random(12);
    for (let round = 0; round < 40; round++) {
      const mark = a.mark();
      const count = random.below(200);
      const length = 1 + random.below(300);
      const def = Uint8Array.from({ length: count }, () => random.below(4));
      const idx = Int32Array.from({ length: count }, () => (random.below(4) === 0 ? -1 : random.below(length)));
      const bitOffset = random.below(8);
      const validity = random.below(4) === 0 ? undefined : random.bytes((bitOffset + length + 7) >>> 3);
      const increment = random.below(4) === 0 ? 0 : 1;
      const expected = nullableReference(def, idx, validity, bitOffset, increment);
      const defPtr = copyIn(def);
      const idxPtr = i32In(idx);
      const vPtr = validity ? copyIn(validity) : 0;
      const inPlace = round % 2 === 0;
      const defOut = inPlace ? defPtr : a.alloc(count);
      const idxOut = inPlace ? idxPtr : a.alloc(count * 4);
      const status = a.wasm.shredNullable(defPtr, idxPtr, count, vPtr, bitOffset, increment, defOut, idxOut);
      t.equal(status, expected.status, `round ${round}`);
      if (status === 0) {
        t.same(a.view(Uint8Array, defOut, count), expected.def);
        t.same(a.view(Int32Array, idxOut, count), expected.idx);
      }
      a.release(mark);
    }
  },
);

t.test('shredListLength / shredListExpand / shredPositions match the reference', async (t) => {
  const a = arena();
  const random = new Random(13);
  for (let round = 0; round < 40; round++) {
    const mark = a.mark();
    const lists = 1 + random.below(50);
    const offsets = new Int32Array(lists + 1);
    for (let i = 1; i <= lists; i++) offsets[i] = offsets[i - 1]! + random.below(4);
    const childLength = offsets[lists]!;
    if (round % 10 === 9) offsets[1 + random.below(lists)]! -= 5; // broken offsets
    const count = random.below(80);
    const def = Uint8Array.from({ length: count }, () => 1 + random.below(3));
    const rep = round % 3 === 0 ? undefined : Uint8Array.from({ length: count }, () => random.below(2));
    const idx = Int32Array.from({ length: count }, () => (random.below(5) === 0 ? -1 : random.below(lists)));
    const elemRep = 2;
    const expected = listExpandReference(def, rep, idx, offsets, childLength, elemRep);
    const defPtr = copyIn(def);
    const repPtr = rep ? copyIn(rep) : 0;
    const idxPtr = i32In(idx);
    const offPtr = i32In(offsets);
    const total = a.wasm.shredListLength(idxPtr, count, offPtr, childLength);
    if (!expected) {
      t.equal(total, -1, `round ${round}: bad offsets`);
      a.release(mark);
      continue;
    }
    t.equal(total, expected.def.length, `round ${round}`);
    const dOut = a.alloc(total);
    const rOut = a.alloc(total);
    const iOut = a.alloc(total * 4);
    a.wasm.shredListExpand(defPtr, repPtr, idxPtr, count, offPtr, elemRep, dOut, rOut, iOut);
    t.same(a.view(Uint8Array, dOut, total), expected.def);
    t.same(a.view(Uint8Array, rOut, total), expected.rep);
    t.same(a.view(Int32Array, iOut, total), expected.idx);
    const posOut = a.alloc(total * 4);
    const live = a.wasm.shredPositions(iOut, total, posOut);
    t.same(
      a.view(Int32Array, posOut, live),
      expected.idx.filter((v) => v >= 0),
    );
    a.release(mark);
  }
});

t.test('compactFixed and compactBytes match the reference', async (t) => {
  const a = arena();
  const random = new Random(14);
  for (const count of [0, 1, 9, 100, 777]) {
    for (const width of [1, 2, 4, 8, 16, 3]) {
      const mark = a.mark();
      const bitOffset = random.below(8);
      const mode = random.below(3);
      const validity = random
        .bytes((bitOffset + count + 7) >>> 3)
        .map((b) => (mode === 0 ? b | 0xf7 : mode === 1 ? b & 0x10 : b));
      const values = random.bytes(count * width);
      const expected = compactFixedReference(values, validity, bitOffset, count, width);
      const vPtr = copyIn(validity);
      const inPtr = copyIn(values);
      const outPtr = a.alloc(count * width);
      const n = a.wasm.compactFixed(inPtr, vPtr, bitOffset, count, width, outPtr);
      t.equal(n * width, expected.length, `count ${count} width ${width}`);
      t.same(a.u8().slice(outPtr, outPtr + n * width), expected);
      a.release(mark);
    }
    const mark = a.mark();
    const offsets = new Int32Array(count + 1);
    for (let i = 1; i <= count; i++) offsets[i] = offsets[i - 1]! + random.below(20);
    const data = random.bytes(offsets[count]!);
    const bitOffset = random.below(8);
    const validity = random.bytes((bitOffset + count + 7) >>> 3);
    const expected = compactBytesReference(offsets, data, validity, bitOffset);
    const vPtr = copyIn(validity);
    const offPtr = i32In(offsets);
    const dataPtr = copyIn(data);
    const outOff = a.alloc((count + 1) * 4);
    const outData = a.alloc(data.length);
    const n = a.wasm.compactBytes(offPtr, dataPtr, vPtr, bitOffset, count, outOff, outData);
    t.equal(n, expected.offsets.length - 1);
    t.same(a.view(Int32Array, outOff, n + 1), expected.offsets);
    t.same(a.u8().slice(outData, outData + expected.data.length), expected.data);
    a.release(mark);
  }
});
