import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { byteStreamSplitReference } from './reference/encode.js';
import { Random } from './reference/random.js';

t.test('byteStreamSplitEncode matches the reference and the decoder undoes it', async (t) => {
  const random = new Random(51);
  const a = arena();
  for (const width of [1, 2, 3, 4, 5, 8, 12, 16]) {
    for (const count of [0, 1, 15, 16, 17, 32, 33, 1000]) {
      const data = random.bytes(count * width);
      const m = a.mark();
      const inPtr = a.copyIn(data);
      const outPtr = a.alloc(data.length);
      a.wasm.byteStreamSplitEncode(inPtr, count, width, outPtr);
      const encoded = a.u8().slice(outPtr, outPtr + data.length);
      t.same(encoded, byteStreamSplitReference(data, width), `width ${width} count ${count}`);
      const backPtr = a.alloc(data.length);
      a.wasm.byteStreamSplitDecode(outPtr, count, width, backPtr);
      t.same(a.u8().slice(backPtr, backPtr + data.length), data, 'decoded back');
      a.release(m);
    }
  }
});
