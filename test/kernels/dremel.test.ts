import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { getBit } from './reference/bitmap.js';
import { firstBadLevel, levelsToSlotsReference, type NodeLevels } from './reference/dremel.js';
import { Random } from './reference/random.js';

/** Random levels of a column nested `depth` lists deep, each list and element optional: definition 2k + 1 means
 *  list k exists, 2k + 2 that it has an element. Generated row by row so that they are consistent. */
function randomLevels(random: Random, rows: number, depth: number): { rep: Uint8Array; def: Uint8Array } {
  const rep: number[] = [];
  const def: number[] = [];
  const emit = (r: number, level: number): void => {
    // at list `level` (0-based), repetition r: either end here with a definition below the element, or recurse
    const choice = random.below(6);
    if (level === depth) {
      rep.push(r);
      def.push(2 * depth + (choice === 0 ? 0 : 1));
      return;
    }
    if (choice === 0) {
      rep.push(r);
      def.push(2 * level); // list null
      return;
    }
    if (choice === 1) {
      rep.push(r);
      def.push(2 * level + 1); // list empty
      return;
    }
    const n = 1 + random.below(3);
    for (let k = 0; k < n; k++) emit(k === 0 ? r : level + 1, level + 1);
  };
  for (let row = 0; row < rows; row++) emit(0, 0);
  return { rep: Uint8Array.from(rep), def: Uint8Array.from(def) };
}

function runKernel(rep: Uint8Array | undefined, def: Uint8Array, node: NodeLevels, bitOffset: number) {
  const a = arena();
  const count = def.length;
  const repPtr = rep ? a.copyIn(rep) : 0;
  const defPtr = a.copyIn(def);
  const validityPtr = a.alloc(Math.ceil((bitOffset + count) / 8) + 8);
  a.u8().fill(0xa5, validityPtr, validityPtr + Math.ceil((bitOffset + count) / 8) + 8);
  const offsetsPtr = a.alloc((count + 1) * 4);
  const countsPtr = a.alloc(8);
  const { slotDef, slotRep, validDef, elemDef, elemRep } = node;
  const slots = a.wasm.levelsToSlots(
    repPtr,
    defPtr,
    count,
    slotDef,
    slotRep,
    validDef,
    elemDef,
    elemRep,
    validityPtr,
    bitOffset,
    offsetsPtr,
    countsPtr,
  );
  if (slots < 0) return { slots, validity: [], offsets: [], valid: 0, elements: 0 };
  const bitmap = a.u8().slice(validityPtr, validityPtr + Math.ceil((bitOffset + count) / 8) + 8);
  const validity = Array.from({ length: slots }, (_, i) => getBit(bitmap, bitOffset + i) === 1);
  const offsets = elemRep > 0 ? Array.from(a.view(Int32Array, offsetsPtr, slots + 1)) : [];
  const [valid, elements] = a.view(Uint32Array, countsPtr, 2);
  return { slots, validity, offsets, valid: valid!, elements: elements! };
}

t.test('levelsToSlots matches the reference on random nested levels, every node of the column', async (t) => {
  const random = new Random(77);
  for (const depth of [1, 2, 3]) {
    for (const rows of [0, 1, 5, 200]) {
      const { rep, def } = randomLevels(random, rows, depth);
      // list k: its slots are the elements of list k - 1 (or rows); valid at 2k + 1; elements at 2k + 2
      const nodes: NodeLevels[] = [];
      for (let k = 0; k < depth; k++) {
        nodes.push({ slotDef: 2 * k, slotRep: k, validDef: 2 * k + 1, elemDef: 2 * k + 2, elemRep: k + 1 });
      }
      nodes.push({ slotDef: 2 * depth, slotRep: depth, validDef: 2 * depth + 1, elemDef: 0, elemRep: 0 });
      for (const [k, node] of nodes.entries()) {
        for (const bitOffset of [0, 3]) {
          const expected = levelsToSlotsReference(rep, def, node);
          const actual = runKernel(rep, def, node, bitOffset);
          const what = `depth ${depth} rows ${rows} node ${k} offset ${bitOffset}`;
          t.equal(actual.slots, expected.validity.length, `${what}: slots`);
          t.same(actual.validity, expected.validity, `${what}: validity`);
          t.same(actual.offsets, expected.offsets, `${what}: offsets`);
          t.equal(actual.valid, expected.valid, `${what}: valid`);
          if (node.elemRep > 0) t.equal(actual.elements, expected.elements, `${what}: elements`);
          arena().reset();
        }
      }
      // the row count is the number of entries with repetition 0
      t.equal(
        runKernel(rep, def, { slotDef: 0, slotRep: 0, validDef: 0, elemDef: 0, elemRep: 0 }, 0).slots,
        rows,
        `depth ${depth} rows ${rows}: rows`,
      );
      arena().reset();
    }
  }
});

t.test('levelsToSlots: flat levels without repetition, empty input, and a repeat of an empty list', async (t) => {
  const def = Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 1, 1]);
  const result = runKernel(undefined, def, { slotDef: 0, slotRep: 0, validDef: 1, elemDef: 0, elemRep: 0 }, 5);
  t.equal(result.slots, 9);
  t.same(
    result.validity,
    Array.from(def, (d) => d === 1),
  );
  t.equal(result.valid, 6);
  t.equal(
    runKernel(undefined, new Uint8Array(0), { slotDef: 0, slotRep: 0, validDef: 1, elemDef: 2, elemRep: 1 }, 0).slots,
    0,
  );
  // rows: [1] then a repeat at level 1 with definition 1 (the list is empty there): inconsistent
  const bad = runKernel(
    Uint8Array.from([0, 1]),
    Uint8Array.from([2, 1]),
    {
      slotDef: 0,
      slotRep: 0,
      validDef: 1,
      elemDef: 2,
      elemRep: 1,
    },
    0,
  );
  t.equal(bad.slots, KernelStatus.Invalid);
  arena().reset();
});

t.test('checkLevels and narrowLevels match the reference', async (t) => {
  const a = arena();
  const random = new Random(78);
  const repDef = Uint8Array.from([0, 2, 4, 6]);
  for (let trial = 0; trial < 200; trial++) {
    const count = random.below(40);
    const rep = Uint8Array.from({ length: count }, () => random.below(4));
    const def = Uint8Array.from({ length: count }, () =>
      random.below(3) === 0 ? random.below(9) : 6 + random.below(2),
    );
    const expected = firstBadLevel(rep, def, 3, 7, repDef);
    const wide = Uint32Array.from(def);
    const widePtr = a.copyIn(new Uint8Array(wide.buffer));
    const defPtr = a.alloc(count);
    a.wasm.narrowLevels(widePtr, count, defPtr);
    t.same(a.u8().slice(defPtr, defPtr + count), def, 'narrowLevels');
    const result = a.wasm.checkLevels(a.copyIn(rep), defPtr, count, 3, 7, a.copyIn(repDef));
    t.equal(result, expected < 0 ? 0 : -(expected + 1) - 16, `trial ${trial}`);
    a.reset();
  }
});
