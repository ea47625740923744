import { readFileSync } from 'node:fs';
import type * as arrow from 'apache-arrow';
import t from 'tap';
import { ParquetError } from '../../../src/parquet/errors.js';
import { ParquetFile } from '../../../src/parquet/file.js';
import { readBatches } from '../../../src/parquet/read_batches.js';
import { readTable } from '../../../src/parquet/read_table.js';
import { httpSource } from '../../../src/parquet/sources/http.js';
import { generateParquet } from '../../support/duckdb_parquet.js';
import { RangeServer } from '../../support/range_server.js';

// 400k rows in row groups of 100k: each column chunk holds hundreds of KiB, as in real files.
const generated = await generateParquet(400_000, 100_000);
const fileBytes = new Uint8Array(readFileSync(generated.path));
const tiny = new Uint8Array(
  readFileSync(new URL('../../../fixtures/parquet-testing/data/alltypes_plain.parquet', import.meta.url)),
);
const nested = new Uint8Array(
  readFileSync(new URL('../../../fixtures/parquet-testing/data/nested_structs.rust.parquet', import.meta.url)),
);
const server = await RangeServer.start({ 'data.parquet': fileBytes, 'tiny.parquet': tiny, 'nested.parquet': nested });
const url = server.url('data.parquet');
// Retries in tests wait milliseconds, not the default hundreds.
const fast = { retryBaseMs: 1 };

t.teardown(async () => {
  await server.close();
  generated.remove();
});
t.beforeEach(() => {
  server.requests.length = 0;
  server.faults.length = 0;
  server.ignoreRange = false;
  server.delayMs = 0;
  server.maxActive = 0;
  server.refuseSuffix = false;
  server.redirects.clear();
});

function columnValues(table: arrow.Table | arrow.RecordBatch, name: string): unknown[] {
  return [...table.getChild(name)!];
}

/** Index of the first difference between two value lists, -1 if equal (tap's deep equality is slow on 100k values). */
function firstDifference(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

async function localTable(columns: string[]): Promise<arrow.Table> {
  return readTable(generated.path, { columns });
}

/** Bytes of the column chunks of `columns` over all row groups, and the footer length (with its 8-byte trailer). */
async function chunkAndFooterBytes(columns: string[]): Promise<{ chunks: number; footer: number; rowGroups: number }> {
  const file = await ParquetFile.open(generated.path);
  try {
    let chunks = 0;
    for (const rowGroup of file.rowGroups) {
      for (const column of file.schema.columns) {
        if (columns.includes(column.name))
          chunks += rowGroup.columns[column.columnIndex]!.metaData!.totalCompressedSize;
      }
    }
    const view = new DataView(fileBytes.buffer, fileBytes.byteOffset, fileBytes.byteLength);
    const footer = view.getUint32(fileBytes.byteLength - 8, true) + 8;
    return { chunks, footer, rowGroups: file.rowGroups.length };
  } finally {
    await file.close();
  }
}

t.test('two columns over HTTP: at most 1.2x their chunks + footer, in at most row groups + 2 requests', async (t) => {
  const columns = ['a', 'b'];
  const table = await readTable(url, { columns });
  const expected = await localTable(columns);
  t.equal(table.numRows, 400_000);
  for (const name of columns)
    t.equal(firstDifference(columnValues(table, name), columnValues(expected, name)), -1, name);

  const { chunks, footer, rowGroups } = await chunkAndFooterBytes(columns);
  t.ok(rowGroups >= 4, `${rowGroups} row groups`);
  const fetched = server.bytesSent;
  t.ok(fetched <= 1.2 * (chunks + footer), `fetched ${fetched} bytes, chunks ${chunks} + footer ${footer}`);
  t.ok(server.requests.length <= rowGroups + 2, `${server.requests.length} requests for ${rowGroups} row groups`);
  t.ok(
    server.requests.every((r) => r.range !== undefined && r.status === 206),
    'every request is a range answered 206',
  );
});

t.test('URL objects are HTTP sources too, and readBatches streams them', async (t) => {
  let rows = 0;
  for await (const batch of readBatches(new URL(url), { columns: ['id'] })) rows += batch.numRows;
  t.equal(rows, 400_000);
});

t.test('custom headers arrive on every request', async (t) => {
  const headers = { authorization: 'Bearer secret-token', 'x-tessera-test': 'yes' };
  const table = await readTable(url, { columns: ['c'], http: { headers } });
  t.equal(table.numRows, 400_000);
  t.ok(server.requests.length >= 2);
  for (const request of server.requests) {
    t.equal(request.headers.authorization, headers.authorization);
    t.equal(request.headers['x-tessera-test'], 'yes');
  }
});

t.test('503 twice, then success: retried', async (t) => {
  server.faults.push({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
  const table = await readTable(url, { columns: ['d'], http: fast });
  t.equal(table.numRows, 400_000);
  t.equal(firstDifference(columnValues(table, 'd'), columnValues(await localTable(['d']), 'd')), -1);
  t.equal(server.requests.filter((r) => r.status === 503).length, 2);
});

t.test('a 5xx that persists ends in an IO error after the retries', async (t) => {
  for (let i = 0; i < 10; i++) server.faults.push({ kind: 'status', status: 502 });
  const error = await readTable(url, { http: { ...fast, retries: 2 } }).catch((e: unknown) => e);
  t.ok(error instanceof ParquetError && error.code === 'IO', String(error));
  t.match(String((error as Error).message), /HTTP 502.*after 3 attempts/);
  t.equal(server.requests.length, 3);
});

t.test('404 is a clear IO error naming the status and the URL, without retries', async (t) => {
  const missing = server.url('missing.parquet');
  const error = await readTable(`${missing}?signature=hidden`, { http: fast }).catch((e: unknown) => e);
  t.ok(error instanceof ParquetError && error.code === 'IO', String(error));
  const message = (error as Error).message;
  t.match(message, /HTTP 404 Not Found/);
  t.match(message, missing);
  t.notMatch(message, /hidden/, 'the query string (signatures) stays out of messages');
  t.equal(server.requests.length, 1);
});

t.test('a server that ignores Range is a clear IO error, not a whole download', async (t) => {
  server.ignoreRange = true;
  const error = await readTable(url, { http: fast }).catch((e: unknown) => e);
  t.ok(error instanceof ParquetError && error.code === 'IO', String(error));
  t.match((error as Error).message, /ignored the Range header/);
  t.equal(server.requests.length, 1, 'no retry, no second request');
});

t.test('a server that ignores Range still serves a file smaller than the footer prefetch', async (t) => {
  server.ignoreRange = true;
  const table = await readTable(server.url('tiny.parquet'), { columns: ['id'] });
  t.equal(
    firstDifference(columnValues(table, 'id'), columnValues(await readTable(tiny, { columns: ['id'] }), 'id')),
    -1,
  );
  t.equal(server.requests.length, 1, 'the whole (tiny) file came with the first request');
});

t.test('a connection reset mid-body is retried', async (t) => {
  const source = await httpSource(url, fast);
  try {
    server.requests.length = 0;
    server.faults.push({ kind: 'reset' });
    const bytes = await source.read(4, 300_000);
    t.ok(Buffer.from(bytes).equals(fileBytes.subarray(4, 300_004)), 'the bytes of the range');
    t.equal(server.requests.length, 2);
    t.ok(server.requests[0]!.bytes < 300_000, 'the first answer was cut short');
  } finally {
    await source.close?.();
  }
});

t.test('a reset during a row-group batch is retried and the table is right', async (t) => {
  const file = await ParquetFile.open(url, { http: fast });
  try {
    server.faults.push({ kind: 'reset' });
    const batch = await file.readRowGroup(1, { columns: ['a', 'b'] });
    const expected = await ParquetFile.open(generated.path);
    const local = await expected.readRowGroup(1, { columns: ['a', 'b'] });
    await expected.close();
    for (const name of ['a', 'b']) t.equal(firstDifference(columnValues(batch, name), columnValues(local, name)), -1);
  } finally {
    await file.close();
  }
});

t.test('distant ranges are separate requests, in parallel up to maxConcurrency', async (t) => {
  server.delayMs = 20;
  const columns = ['id', 'b', 'd'];
  const file = await ParquetFile.open(url, { http: { maxConcurrency: 2, coalesceGap: 0 } });
  try {
    server.requests.length = 0;
    server.maxActive = 0;
    const batch = await file.readRowGroup(0, { columns });
    t.equal(batch.numRows, file.rowGroups[0]!.numRows);
    t.equal(server.requests.length, 3, 'three distant chunks, three requests');
    t.equal(server.maxActive, 2, 'two at a time');
  } finally {
    await file.close();
  }
});

t.test('adjacent chunks of a row group are one request', async (t) => {
  const file = await ParquetFile.open(url);
  try {
    server.requests.length = 0;
    await file.readRowGroup(2, { columns: ['id', 'a', 'b', 'c'] });
    t.equal(server.requests.length, 1);
  } finally {
    await file.close();
  }
});

t.test('a server that refuses suffix ranges: the size comes from HEAD', async (t) => {
  server.refuseSuffix = true;
  const table = await readTable(url, { columns: ['a'] });
  t.equal(table.numRows, 400_000);
  t.same(
    server.requests.slice(0, 2).map((r) => [r.method, r.status]),
    [
      ['GET', 400],
      ['HEAD', 200],
    ],
  );
});

t.test('redirects are followed with the Range and the headers', async (t) => {
  server.redirects.set('/moved.parquet', '/data.parquet');
  const table = await readTable(server.url('moved.parquet'), {
    columns: ['c'],
    http: { headers: { authorization: 'Bearer x' } },
  });
  t.equal(table.numRows, 400_000);
  const served = server.requests.filter((r) => r.path === '/data.parquet');
  t.ok(served.length >= 2);
  t.ok(served.every((r) => r.status === 206 && r.headers.authorization === 'Bearer x'));
});

t.test('nested columns: all their leaves come in the row group batch', async (t) => {
  // The suffix prefetch holds this whole small file, so lower it to see the column chunks fetched by range.
  const table = await readTable(server.url('nested.parquet'), { http: { footerPrefetch: 1024 } });
  const local = await readTable(nested);
  t.equal(table.numRows, local.numRows);
  const json = (x: arrow.Table) => JSON.stringify(x.toArray(), (_, v) => (typeof v === 'bigint' ? String(v) : v));
  t.equal(json(table), json(local));
  const file = await ParquetFile.open(nested);
  const rowGroups = file.rowGroups.length;
  await file.close();
  t.ok(server.requests.length <= rowGroups + 3, `${server.requests.length} requests for ${rowGroups} row groups`);
});

t.test('reads after close fail cleanly', async (t) => {
  const source = await httpSource(url);
  await source.close?.();
  const error = await source.read(4, 100).catch((e: unknown) => e);
  t.ok(error instanceof ParquetError && error.code === 'IO', String(error));
});

t.test('breaking out of readBatches over HTTP closes the source without stray errors', async (t) => {
  let batches = 0;
  for await (const batch of readBatches(url, { columns: ['a'] })) {
    batches++;
    t.ok(batch.numRows > 0);
    break;
  }
  t.equal(batches, 1);
  // The prefetch of the next row group was aborted or finished: give it a moment to settle, no rejection must escape.
  await new Promise((resolve) => setTimeout(resolve, 50));
});

t.test('bad arguments', async (t) => {
  await t.rejects(httpSource('ftp://example.com/x.parquet'), { code: 'BAD_ARGUMENT' });
  await t.rejects(httpSource(url, { maxConcurrency: 0 }), { code: 'BAD_ARGUMENT' });
});
