// A process killed while it writes a dataset over an existing one leaves the old dataset intact: the new files
// live only in a hidden staging directory next to it until the commit's rename.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import t, { type Test } from 'tap';
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

/** Runs `script` on `dir`, waits for "written" on its stdout, then kills it with SIGKILL. */
async function killAfterWrites(t: Test, script: string, dir: string): Promise<void> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, path, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const written = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 120_000);
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
}

const old = arrow.tableFromArrays({ id: Int32Array.from([1, 2, 3]), year: Int32Array.from([1999, 1999, 2000]) });

for (const [what, script] of [
  ['writeDataset steps', '../../support/dataset_write_child.ts'],
  ['DataFrame.toParquet', '../../support/to_parquet_child.ts'],
] as const) {
  t.test(`${what}: a process killed mid-write leaves the old dataset intact`, async (t) => {
    const parent = join(tmp.dir, what.replace(/\W/g, '-'));
    mkdirSync(parent);
    const dir = join(parent, 'trips');
    await writeDataset(dir, old, { partitionOn: ['year'] });
    const before = snapshot(dir);
    await killAfterWrites(t, script, dir);
    t.same(snapshot(dir), before, 'the old dataset, byte for byte');
    t.same(tableRows(await (await openDataset(dir)).toTable()), tableRows(old));
    const siblings = readdirSync(parent).filter((name) => name !== 'trips');
    t.equal(siblings.length, 1, 'one staging directory left behind');
    t.match(siblings[0], /^\.trips\.tessera-tmp-\d+-[0-9a-f]+$/, 'hidden, named after the target');
    t.ok(
      readdirSync(join(parent, siblings[0] as string), { recursive: true }).some((f) => String(f).endsWith('.parquet')),
      'the staged files were there (the kill came mid-write)',
    );
    const reader = await openDataset(parent, { useSummaryFiles: false });
    t.equal((await reader.toTable({ columns: ['id'] })).numRows, 3, 'a reader of the parent skips the staging');
  });
}
