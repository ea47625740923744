import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { levelsToValidityReference } from './reference/bitmap.js';
import { Random } from './reference/random.js';

t.test('defLevelsToValidity matches the reference at every bit offset', async (t) => {
  const a = arena();
  const random = new Random(5);
  for (const count of [0, 1, 7, 8, 9, 16, 33, 100, 1001]) {
    for (const bitOffset of [0, 1, 3, 7, 8, 12]) {
      const maxDef = 1 + random.below(3);
      const levels = Uint32Array.from({ length: count }, () => random.below(maxDef + 1));
      const outLen = Math.ceil((bitOffset + count) / 8) + 2;
      const fill = random.u32() & 0xff;
      const expected = new Uint8Array(outLen).fill(fill);
      const expectedSet = levelsToValidityReference(levels, maxDef, expected, bitOffset);
      const levelsPtr = a.copyIn(new Uint8Array(levels.buffer));
      const outPtr = a.copyIn(new Uint8Array(outLen).fill(fill));
      const set = a.wasm.defLevelsToValidity(levelsPtr, count, maxDef, outPtr, bitOffset);
      t.equal(set, expectedSet, `set bits, count ${count} offset ${bitOffset}`);
      t.same(a.u8().slice(outPtr, outPtr + outLen), expected, `bitmap, count ${count} offset ${bitOffset}`);
      a.reset();
    }
  }
});
