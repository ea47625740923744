// The writer's publishing rules (issue 4, "Safety"): the file appears at its path only when complete; an error or
// a kill mid-write leaves nothing there; an existing file is replaced only with overwrite: true.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import t, { type Test } from 'tap';
import { ParquetError, ParquetWriter, readTable, writeTable } from '../../../src/parquet/index.js';

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-write-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const table = arrow.tableFromArrays({ id: Int32Array.from([1, 2, 3]), name: ['a', 'b', 'c'] });

t.test('the file appears only at close', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'out.parquet');
  const writer = await ParquetWriter.open(path, table.schema, { rowGroupSize: 2 });
  await writer.write(table);
  t.notOk(existsSync(path), 'nothing at the path while writing (a row group was already flushed)');
  await writer.close();
  t.ok(existsSync(path));
  t.same(readdirSync(dir), ['out.parquet'], 'no temporary file left behind');
  const back = await readTable(path);
  t.same(back.getChild('id')?.toArray(), Int32Array.from([1, 2, 3]));
});

t.test('abort leaves nothing', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'out.parquet');
  const writer = await ParquetWriter.open(path, table.schema, { rowGroupSize: 1 });
  await writer.write(table);
  await writer.abort();
  t.same(readdirSync(dir), []);
  await t.rejects(writer.write(table), { code: 'BAD_ARGUMENT' }, 'an aborted writer refuses more data');
});

t.test('an invalid batch is refused and the rows before it are kept', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'out.parquet');
  const schema = new arrow.Schema([new arrow.Field('x', new arrow.Int32(), false)]);
  const writer = await ParquetWriter.open(path, schema);
  await writer.write(arrow.tableFromArrays({ x: Int32Array.from([1, 2]) }).batches[0] as arrow.RecordBatch);
  const withNull = arrow.makeData({
    type: new arrow.Int32(),
    length: 3,
    nullCount: 1,
    nullBitmap: Uint8Array.of(0b101),
    data: Int32Array.from([7, 0, 9]),
  });
  const bad = new arrow.RecordBatch(
    schema,
    arrow.makeData({ type: new arrow.Struct(schema.fields), length: 3, children: [withNull] }),
  );
  const err = await writer.write(bad).catch((e: unknown) => e);
  t.ok(err instanceof ParquetError, 'a ParquetError');
  t.match(String((err as Error).message), /x/, 'names the column');
  t.match(String((err as Error).message), /row 3/, 'names the row (counted from the file start)');
  t.notOk(existsSync(path), 'nothing published');
  await writer.close();
  const back = await readTable(path);
  t.same([...(back.getChild('x')?.toArray() ?? [])], [1, 2]);
});

t.test('an existing file is kept unless overwrite is set', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'out.parquet');
  writeFileSync(path, 'precious');
  await t.rejects(writeTable(path, table), { code: 'BAD_ARGUMENT', message: /already exists/ });
  t.equal(readFileSync(path, 'utf8'), 'precious');
  t.same(readdirSync(dir), ['out.parquet']);
  await writeTable(path, table, { overwrite: true });
  t.equal((await readTable(path)).numRows, 3);
  t.same(readdirSync(dir), ['out.parquet']);
});

t.test('a file created at the path while writing is not clobbered without overwrite', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'out.parquet');
  const writer = await ParquetWriter.open(path, table.schema);
  await writer.write(table);
  writeFileSync(path, 'someone else');
  await t.rejects(writer.close(), { code: 'BAD_ARGUMENT', message: /already exists/ });
  t.equal(readFileSync(path, 'utf8'), 'someone else');
  t.same(readdirSync(dir), ['out.parquet'], 'the temporary file is removed');
});

t.test('a process killed mid-write leaves no file at the path', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'killed.parquet');
  const script = fileURLToPath(new URL('../../support/write_child.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script, path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const written = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('written')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  t.ok(written, `the child wrote its row groups${stderr ? `: ${stderr}` : ''}`);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  t.notOk(existsSync(path), 'no file at the target');
  const leftovers = readdirSync(dir);
  t.ok(
    leftovers.every((name) => name.startsWith('.killed.parquet.') && name.endsWith('.tmp')),
    'only a hidden temporary file may remain',
  );
});
