import t from 'tap';
import { ByteSink } from '../../../src/parquet/read/column_output.js';
import { outBytesUnfilled, outInt32Unfilled } from '../../../src/parquet/read/out_memory.js';

t.test('unfilled output has the asked length and its own buffer', async (t) => {
  for (const length of [0, 10, 4096, 1 << 20]) {
    const bytes = outBytesUnfilled(length);
    t.equal(bytes.byteLength, length, `bytes ${length}`);
    t.equal(bytes.buffer.byteLength, length, `buffer ${length}`);
    const ints = outInt32Unfilled(length);
    t.equal(ints.length, length, `int32 ${length}`);
    t.equal(ints.buffer.byteLength, length * 4, `int32 buffer ${length}`);
  }
});

t.test('ByteSink hands out its bytes with nothing unspecified behind them', async (t) => {
  // Dirty the allocator's free memory first, so that unfilled memory would show through if finish() left it.
  for (let i = 0; i < 8; i++) outBytesUnfilled(1 << 20).fill(0xab);
  const sink = new ByteSink(1 << 20);
  const part = new Uint8Array(700_000).fill(7);
  sink.append(part);
  const out = sink.finish();
  t.equal(out.byteLength, 700_000);
  t.ok(
    out.every((b) => b === 7),
    'the bytes appended',
  );
  const whole = new Uint8Array(out.buffer);
  t.equal(whole.byteLength, 1 << 20, 'kept in its first buffer (more than half used)');
  t.ok(
    whole.subarray(700_000).every((b) => b === 0),
    'zeros past the end',
  );
});
