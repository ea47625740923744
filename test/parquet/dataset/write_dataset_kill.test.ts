// A process killed while it writes a dataset over an existing one leaves the old dataset intact: the new files
// live only in a hidden staging directory next to it until the commit's rename.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import t from 'tap';
import { openDataset, writeDataset } from '../../../src/parquet/index.js';
import { tableRows, tempDir } from '../../support/dataset_rows.js';

const tmp = tempDir();
t.teardown(() => tmp.remove());

function snapshot(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((path): [string, string] => [path, readFileSync(path).toString('base64')]);
}

t.test('a process killed mid-write leaves the old dataset intact', async (t) => {
  const dir = join(tmp.dir, 'trips');
  const old = arrow.tableFromArrays({ id: Int32Array.from([1, 2, 3]), year: Int32Array.from([1999, 1999, 2000]) });
  await writeDataset(dir, old, { partitionOn: ['year'] });
  const before = snapshot(dir);

  const script = fileURLToPath(new URL('../../support/dataset_write_child.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  t.ok(written, `the child staged two partitions${stderr ? `: ${stderr}` : ''}`);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;

  t.same(snapshot(dir), before, 'the old dataset, byte for byte');
  t.same(tableRows(await (await openDataset(dir)).toTable()), tableRows(old));
  const siblings = readdirSync(tmp.dir).filter((name) => name !== 'trips');
  t.equal(siblings.length, 1, 'one staging directory left behind');
  t.match(siblings[0], /^\.trips\.tessera-tmp-\d+-[0-9a-f]+$/, 'hidden, named after the target');
  t.ok(
    readdirSync(join(tmp.dir, siblings[0] as string), { recursive: true }).some((f) => String(f).endsWith('.parquet')),
    'the staged files were there (the kill came mid-write)',
  );
  const parent = await openDataset(tmp.dir, { useSummaryFiles: false });
  t.same(tableRows(await parent.toTable({ columns: ['id'] })).length, 3, 'a reader of the parent skips the staging');
});
