import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { Random } from './reference/random.js';
import { encodeByteStreamSplit } from './reference/values.js';

t.test('byteStreamSplitDecode inverts the reference encoder for any width', async (t) => {
  const a = arena();
  const random = new Random(51);
  for (const width of [1, 2, 3, 4, 5, 8, 12, 16]) {
    for (const count of [0, 1, 15, 16, 17, 31, 32, 100, 1027]) {
      const values = random.bytes(count * width);
      const streams = encodeByteStreamSplit(values, width);
      const inPtr = a.wasm.memory.buffer.byteLength - streams.length;
      const outPtr = a.alloc(values.length);
      t.ok(inPtr >= outPtr + values.length);
      a.u8().set(streams, inPtr);
      a.wasm.byteStreamSplitDecode(inPtr, count, width, outPtr);
      t.same(a.u8().slice(outPtr, outPtr + values.length), values, `width ${width} count ${count}`);
      a.reset();
    }
  }
});
