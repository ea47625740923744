// combineSlots (assembly/multi_key.ts): the combined slot of several keys' slots equals slot1 * card2 + slot2 ...
import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { Random } from './reference/random.js';

t.test('combined slots of three keys equal the reference, and decompose back into each key slot', async (t) => {
  const random = new Random(5);
  const cards = [7, 1, 130];
  const n = 1000;
  const slots = cards.map((card) => Int32Array.from({ length: n }, () => random.below(card)));
  const a = arena();
  const mark = a.mark();
  try {
    const acc = a.alloc(n * 4);
    for (const [k, card] of cards.entries()) {
      const ptr = a.copyIn(new Uint8Array(slots[k]!.buffer));
      a.wasm.combineSlots(acc, ptr, n, card, k === 0);
    }
    const got = Array.from(a.view(Int32Array, acc, n));
    const expected = Array.from(
      { length: n },
      (_, i) => (slots[0]![i]! * cards[1]! + slots[1]![i]!) * cards[2]! + slots[2]![i]!,
    );
    t.same(got, expected);
    const back = got.map((s) => [
      Math.floor(s / (cards[1]! * cards[2]!)),
      Math.floor(s / cards[2]!) % cards[1]!,
      s % cards[2]!,
    ]);
    t.same(
      back,
      Array.from({ length: n }, (_, i) => slots.map((s) => s[i]!)),
    );
  } finally {
    a.release(mark);
  }
});
