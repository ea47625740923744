// Destinations and inputs of the writer: Node writable streams (with backpressure), user sinks, Tessera batches,
// field ids; each file written is read back.
import { PassThrough, Writable } from 'node:stream';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { batchFromArrow } from '../../../src/columnar/index.js';
import { ParquetFile, ParquetWriter, readTable, writeTable } from '../../../src/parquet/index.js';

const table = arrow.tableFromArrays({
  id: Int32Array.from({ length: 50_000 }, (_, i) => i),
  name: Array.from({ length: 50_000 }, (_, i) => `name-${i % 1000}`),
});

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

t.test('a slow Node writable stream receives the whole file', async (t) => {
  const chunks: Uint8Array[] = [];
  let writes = 0;
  // highWaterMark 1 forces a 'drain' wait after every write.
  const slow = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, done) {
      writes++;
      chunks.push(new Uint8Array(chunk));
      setImmediate(done);
    },
  });
  const finished = new Promise((resolve) => slow.on('finish', resolve));
  await writeTable(slow, table, { rowGroupSize: 20_000 });
  await finished;
  t.ok(writes > 3, 'several writes');
  const back = await readTable(concat(chunks));
  t.equal(back.numRows, 50_000);
  t.same([...(back.getChild('name') ?? [])].slice(0, 3), ['name-0', 'name-1', 'name-2']);
});

t.test('a PassThrough and a user sink get identical bytes', async (t) => {
  const pass = new PassThrough();
  const piped: Uint8Array[] = [];
  pass.on('data', (c: Buffer) => piped.push(new Uint8Array(c)));
  await writeTable(pass, table, { createdBy: 'x' });
  const sunk: Uint8Array[] = [];
  let closed = false;
  await writeTable(
    {
      write: async (bytes: Uint8Array) => {
        sunk.push(bytes.slice());
      },
      close: () => {
        closed = true;
      },
    },
    table,
    { createdBy: 'x' },
  );
  t.ok(closed);
  t.same(Buffer.from(concat(piped)), Buffer.from(concat(sunk)));
});

t.test('Tessera batches are written like the Arrow table they mirror', async (t) => {
  const batch = batchFromArrow(table);
  const sunk: Uint8Array[] = [];
  const writer = await ParquetWriter.open({ write: (b: Uint8Array) => void sunk.push(b.slice()) }, table.schema);
  await writer.write(batch);
  await writer.close();
  const back = await readTable(concat(sunk));
  t.same(back.getChild('id')?.toArray(), table.getChild('id')?.toArray());
  const viaTable: Uint8Array[] = [];
  await writeTable({ write: (b: Uint8Array) => void viaTable.push(b.slice()) }, batch);
  t.equal((await readTable(concat(viaTable))).numRows, 50_000);
});

t.test('field ids from Arrow metadata and from the fieldIds option', async (t) => {
  const schema = new arrow.Schema([
    new arrow.Field('a', new arrow.Int32(), true, new Map([['PARQUET:field_id', '7']])),
    new arrow.Field('b', new arrow.Utf8(), true),
  ]);
  const data = new arrow.Table(schema, {
    a: arrow.vectorFromArray([1, 2], new arrow.Int32()),
    b: arrow.vectorFromArray(['x', 'y'], new arrow.Utf8()),
  } as never);
  const sunk: Uint8Array[] = [];
  await writeTable({ write: (b: Uint8Array) => void sunk.push(b.slice()) }, data, { fieldIds: { b: 9 } });
  const file = await ParquetFile.open(concat(sunk));
  t.same(
    file.metadata.schema.slice(1).map((e) => [e.name, e.fieldId]),
    [
      ['a', 7],
      ['b', 9],
    ],
  );
});
