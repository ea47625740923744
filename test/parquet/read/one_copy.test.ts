// Issue 16 "one copy": a local file's column chunks are read straight into kernel memory and decoded there, so the
// only bytes copied between JavaScript and kernel memory are the decoded values on their way out.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { arena } from '../../../src/kernels/arena.js';
import { readTable } from '../../../src/parquet/read_table.js';
import { writeTable } from '../../../src/parquet/write/write_table.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-one-copy-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const N = 300_000;
const values = Float64Array.from({ length: N }, (_, i) => Math.sin(i) * 1e6 + i / 7);
const table = new arrow.Table({ x: arrow.makeVector(values) });

/** Bytes the arena copied while reading `path`'s column x, per decoded byte, and the values read. */
async function copiesPerByte(source: string | Uint8Array): Promise<{ ratio: number; read: Float64Array }> {
  const before = arena().bytesCopied;
  // threads: 1, since the arena counted is this thread's (a parallel read decodes in the workers' arenas).
  const result = await readTable(source, { columns: ['x'], threads: 1 });
  const copied = arena().bytesCopied - before;
  const read = new Float64Array(result.numRows);
  let at = 0;
  for (const chunk of result.getChild('x')!.data) {
    read.set(chunk.values as Float64Array, at);
    at += chunk.length;
  }
  return { ratio: copied / (N * 8), read };
}

for (const codec of ['uncompressed', 'snappy'] as const) {
  for (const pageVersion of [1, 2] as const) {
    t.test(
      `PLAIN doubles, ${codec}, data page v${pageVersion}: at most one byte copied per byte decoded`,
      async (t) => {
        const path = join(dir, `x-${codec}-v${pageVersion}.parquet`);
        await writeTable(path, table, {
          codec,
          pageVersion,
          dictionary: false,
          rowGroupSize: 100_000,
          dataPageSize: 64 * 1024,
          pageChecksum: true,
        });
        const local = await copiesPerByte(path);
        t.same(local.read, values, 'values read back');
        t.ok(local.ratio > 0.99 && local.ratio <= 1, `copied ${local.ratio.toFixed(3)} bytes per decoded byte`);
        // The same file from memory: its pages are copied into kernel memory once (checksum and decoding share the
        // copy), the values out once.
        const inMemory = await copiesPerByte(new Uint8Array(readFileSync(path)));
        t.same(inMemory.read, values, 'values read back from a buffer');
        t.ok(
          inMemory.ratio > 1.9 && inMemory.ratio <= 2.01,
          `a buffer source copies ${inMemory.ratio.toFixed(3)} bytes per decoded byte`,
        );
      },
    );
  }
}

t.test('a nullable column read in place keeps its nulls and values', async (t) => {
  const path = join(dir, 'nullable.parquet');
  const withNulls = Array.from({ length: 50_000 }, (_, i) => (i % 7 === 3 ? null : i * 0.5));
  const nullable = new arrow.Table({ y: arrow.vectorFromArray(withNulls, new arrow.Float64()) });
  await writeTable(path, nullable, { codec: 'snappy', dictionary: false, dataPageSize: 16 * 1024 });
  const result = await readTable(path, { threads: 1 });
  t.same(result.getChild('y')!.toArray().length, withNulls.length);
  t.same([...result.getChild('y')!].slice(0, 20), withNulls.slice(0, 20));
  t.same(result.getChild('y')!.nullCount, withNulls.filter((v) => v === null).length);
});
