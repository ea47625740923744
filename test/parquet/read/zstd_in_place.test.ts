// ZSTD pages of a local file are decoded where the file's bytes were read into kernel memory (no copy of the
// compressed page in): the values match a read of the same file from a buffer, the only bytes copied are the
// decoded values on their way out, and a corrupt page is a BAD_PAGE error, never a hang or wrong values.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { arena } from '../../../src/kernels/arena.js';
import { ParquetError } from '../../../src/parquet/errors.js';
import { ParquetFile } from '../../../src/parquet/file.js';
import { readTable } from '../../../src/parquet/read_table.js';
import { writeTable } from '../../../src/parquet/write/write_table.js';
import { rng as seeded } from '../../support/rng.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-zstd-in-place-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const N = 200_000;
const rng = seeded(15);
// Compressible but not trivial: repeating steps with noise (matches and literals in every block).
const values = Float64Array.from({ length: N }, (_, i) => Math.floor(i / 3) + (rng() < 0.2 ? rng() : 0));
const names = Array.from(
  { length: N },
  (_, i) => `name-${(i * 7919) % 5003}-${i % 11 === 0 ? 'x'.repeat(i % 40) : ''}`,
);
const table = new arrow.Table({
  x: arrow.makeVector(values),
  s: arrow.vectorFromArray(names, new arrow.Utf8()),
});

function column(result: arrow.Table, name: string): unknown[] {
  return [...result.getChild(name)!];
}

for (const pageVersion of [1, 2] as const) {
  t.test(`ZSTD, data page v${pageVersion}: decoded in place, same values as from a buffer`, async (t) => {
    const path = join(dir, `zstd-v${pageVersion}.parquet`);
    await writeTable(path, table, { codec: 'zstd', pageVersion, dictionary: false, dataPageSize: 64 * 1024 });
    const before = arena().bytesCopied;
    const local = await readTable(path, { columns: ['x'], threads: 1 });
    const ratio = (arena().bytesCopied - before) / (N * 8);
    t.ok(ratio > 0.99 && ratio <= 1, `a local file copies ${ratio.toFixed(3)} bytes per decoded byte`);
    t.same(local.getChild('x')!.toArray(), values, 'doubles read back');
    const both = await readTable(path, { threads: 1 });
    const fromBuffer = await readTable(new Uint8Array(readFileSync(path)), { threads: 1 });
    t.same(column(both, 's'), names, 'strings read back');
    t.same(column(both, 's'), column(fromBuffer, 's'), 'strings equal a buffer read');
    t.same(both.getChild('x')!.toArray(), fromBuffer.getChild('x')!.toArray(), 'doubles equal a buffer read');
  });
}

t.test('a corrupt ZSTD page of a local file is BAD_PAGE', async (t) => {
  const path = join(dir, 'zstd-good.parquet');
  await writeTable(path, table, { codec: 'zstd', dictionary: false, dataPageSize: 64 * 1024, pageChecksum: false });
  const file = await ParquetFile.open(path);
  const meta = file.rowGroups[0]!.columns[0]!.metaData!;
  await file.close();
  const start = Number(meta.dataPageOffset);
  const bytes = new Uint8Array(readFileSync(path));
  let cases = 0;
  for (const [from, fill] of [
    [200, 0xff],
    [120, 0x00],
    [400, 0x5a],
  ] as const) {
    const bad = bytes.slice();
    // Inside the first page's body (its header is under 40 bytes): the header stays valid, the frame does not.
    bad.fill(fill, start + from, start + from + 64);
    const badPath = join(dir, `zstd-bad-${from}.parquet`);
    writeFileSync(badPath, bad);
    const error = await readTable(badPath, { columns: ['x'], threads: 1 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    t.ok(error instanceof ParquetError, `bytes ${from}..${from + 64} overwritten with ${fill}: a ParquetError`);
    t.equal((error as ParquetError).code, 'BAD_PAGE', (error as Error).message);
    cases++;
  }
  t.equal(cases, 3);
});
