import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import t from 'tap';
import { openArrowIpc } from '../../../src/cli/convert/arrow_reader.js';
import { InputError } from '../../../src/cli/convert/input_error.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-arrow-'));
const table = tableFromArrays({
  id: Int32Array.from({ length: 25 }, (_, i) => i),
  name: Array.from({ length: 25 }, (_, i) => (i % 5 === 0 ? null : `n${i}`)),
});

for (const format of ['file', 'stream'] as const) {
  t.test(`IPC ${format} format: schema, then batches sliced to batchRows`, async (t) => {
    const path = join(dir, `t.${format}.arrow`);
    writeFileSync(path, tableToIPC(table, format));
    const source = await openArrowIpc(path, 10);
    t.same(
      source.schema.fields.map((f) => f.name),
      ['id', 'name'],
    );
    const sizes: number[] = [];
    const rows: unknown[] = [];
    for await (const batch of source.batches()) {
      sizes.push(batch.numRows);
      for (const row of batch.toArray()) rows.push(row.toJSON());
    }
    await source.close();
    t.same(sizes, [10, 10, 5]);
    t.same(
      rows,
      table.toArray().map((row) => row.toJSON()),
    );
    const progress = source.progress();
    t.same(progress, format === 'file' ? { done: 1, total: 1, unit: 'batches' } : { done: 25, total: 0, unit: 'rows' });
  });
}

t.test('a file that is not Arrow IPC is an InputError', async (t) => {
  for (const [name, bytes] of [
    ['empty.arrow', ''],
    ['text.arrow', 'id,name\n1,a\n'],
  ] as const) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    await t.rejects(openArrowIpc(path), InputError, name);
  }
});
