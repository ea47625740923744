import t from 'tap';
import { snappyCompress } from '../../../src/parquet/codecs/snappy-compress.js';
import { leadingLiteral, snappyLiteralsInto } from '../../../src/parquet/read/snappy_direct.js';
import { Random } from '../../kernels/reference/random.js';

/** A hand-built snappy block: preamble, then elements (literal bytes, or [len, dist] copies). */
function block(size: number, elements: Array<Uint8Array | [number, number]>): Uint8Array {
  const out: number[] = [];
  for (let v = size; ; v >>>= 7) {
    if (v < 0x80) {
      out.push(v);
      break;
    }
    out.push((v & 0x7f) | 0x80);
  }
  for (const e of elements) {
    if (e instanceof Uint8Array) {
      const n = e.length - 1;
      if (n < 60) out.push(n << 2);
      else out.push(61 << 2, n & 0xff, n >>> 8); // two length bytes
      out.push(...e);
    } else {
      const [len, dist] = e;
      out.push(((len - 1) << 2) | 2, dist & 0xff, dist >>> 8); // copy with a 2-byte offset
    }
  }
  return Uint8Array.from(out);
}

t.test('incompressible data: every window of the output, written in place', async (t) => {
  const random = new Random(3);
  const data = random.bytes(300_000);
  const compressed = snappyCompress(data);
  for (const [skip, length] of [
    [0, data.length],
    [7, data.length - 7],
    [70_000, 1000],
    [0, 0],
  ]) {
    const dest = new Uint8Array(length + 20).fill(0xee);
    t.ok(snappyLiteralsInto(compressed, data.length, skip!, dest, 10, length!), `window ${skip}+${length}`);
    t.same(dest.subarray(10, 10 + length!), data.subarray(skip!, skip! + length!), `bytes ${skip}+${length}`);
    t.ok(
      dest.subarray(0, 10).every((b) => b === 0xee) && dest.subarray(10 + length!).every((b) => b === 0xee),
      'nothing outside the window',
    );
  }
});

t.test('copies, overlapping ones included, are replayed in the output', async (t) => {
  const random = new Random(5);
  const a = random.bytes(5000);
  const b = random.bytes(3000);
  // a, then 64 bytes from 5000 back (plain copy), then 40 bytes at distance 3 (a repeating pattern), then b.
  const expected = new Uint8Array(5000 + 64 + 40 + 3000);
  expected.set(a);
  expected.set(a.subarray(64, 128), 5000);
  for (let i = 0; i < 40; i++) expected[5064 + i] = expected[5064 + i - 3]!;
  expected.set(b, 5104);
  const compressed = block(expected.length, [a, [64, 4936], [40, 3], b]);
  const dest = new Uint8Array(expected.length - 2);
  t.ok(snappyLiteralsInto(compressed, expected.length, 2, dest, 0, expected.length - 2));
  t.same(dest, expected.subarray(2));
});

t.test('declines what it should leave to the kernel', async (t) => {
  const random = new Random(9);
  const dest = new Uint8Array(1 << 16);
  // Compressible: many short elements.
  const text = new TextEncoder().encode('abcdefgh-0123-'.repeat(4000));
  t.notOk(snappyLiteralsInto(snappyCompress(text), text.length, 0, dest, 0, 1000), 'short elements');
  // Long literals first, then many short copies: handed over part-way.
  const long = random.bytes(60_000);
  const mixed: Array<Uint8Array | [number, number]> = [long.subarray(0, 30_000), long.subarray(30_000)];
  for (let i = 0; i < 5000; i++) mixed.push([4, 100]);
  t.notOk(snappyLiteralsInto(block(80_000, mixed), 80_000, 0, new Uint8Array(80_000), 0, 80_000), 'turns compressible');
  const data = random.bytes(4000);
  const good = block(4000, [data]);
  t.ok(snappyLiteralsInto(good, 4000, 0, dest, 0, 4000), 'the well-formed block');
  t.notOk(snappyLiteralsInto(good, 4001, 0, dest, 0, 4000), 'size other than declared');
  t.notOk(snappyLiteralsInto(good.subarray(0, 3000), 4000, 0, dest, 0, 4000), 'truncated literal');
  t.notOk(snappyLiteralsInto(good, 4000, 100, dest, 0, 3901), 'window past the end');
  const early = block(4010, [data, [10, 4000]]);
  t.notOk(snappyLiteralsInto(early, 4010, 8, dest, 0, 4002), 'copy from before the window');
  t.ok(snappyLiteralsInto(early, 4010, 0, dest, 0, 4010), 'the same copy from inside the window');
  t.notOk(snappyLiteralsInto(block(4010, [data, [10, 4001]]), 4010, 0, dest, 0, 4010), 'offset before the start');
  t.notOk(snappyLiteralsInto(block(4010, [data, [10, 0]]), 4010, 0, dest, 0, 4010), 'offset 0');
});

t.test('leadingLiteral finds the first literal', async (t) => {
  const data = new Random(1).bytes(1000);
  t.same(leadingLiteral(block(1000, [data])), { offset: 5, length: 1000 });
  t.same(leadingLiteral(block(10, [data.subarray(0, 10)])), { offset: 2, length: 10 });
  t.equal(leadingLiteral(block(1000, [data]).subarray(0, 500)), undefined, 'truncated');
  t.equal(leadingLiteral(block(20, [[4, 1]])), undefined, 'a copy first');
  t.equal(leadingLiteral(new Uint8Array(0)), undefined, 'empty');
});

t.test('readTable: incompressible doubles read straight from snappy literals equal the values written', async (t) => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const arrow = await import('apache-arrow');
  const { readTable } = await import('../../../src/parquet/read_table.js');
  const { writeTable } = await import('../../../src/parquet/write/write_table.js');
  const dir = mkdtempSync(join(tmpdir(), 'tessera-snappy-direct-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const n = 50_000;
  const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 7.1) * 1e9 + i);
  const withNulls = Array.from(values, (v, i) => (i % 13 === 5 ? null : v));
  const table = new arrow.Table({
    dense: arrow.makeVector(values),
    nulls: arrow.vectorFromArray(withNulls, new arrow.Float64()),
  });
  for (const pageVersion of [1, 2] as const) {
    const path = join(dir, `d${pageVersion}.parquet`);
    await writeTable(path, table, { codec: 'snappy', pageVersion, dictionary: false, rowGroupSize: 20_000 });
    const read = await readTable(path, { threads: 1 });
    t.same(Array.from(read.getChild('dense')!), Array.from(values), `dense, v${pageVersion}`);
    t.same(read.getChild('dense')!.nullCount, 0);
    t.same(read.getChild('nulls')!.toArray().length, n);
    t.same(
      Array.from(read.getChild('nulls')!, (v) => v),
      withNulls,
      `with nulls, v${pageVersion}`,
    );
  }
});
