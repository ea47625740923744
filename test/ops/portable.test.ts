import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { renameSpecFunctions } from '../../src/graph/task.js';
import { localOpName, portableOpName } from '../../src/ops/portable.js';

const root = new URL('../../', import.meta.url);
const srcGroupby = new URL('src/dataframe/ops/groupby.ts', root).href;
const distGroupby = new URL('dist/src/dataframe/ops/groupby.js', root).href;

t.test('package modules get one name for sources and builds, resolved in the install', async (t) => {
  t.equal(portableOpName(`${srcGroupby}#groupbyChunkOp`), 'pkg:tessera/src/dataframe/ops/groupby#groupbyChunkOp');
  t.equal(portableOpName(`${distGroupby}#groupbyChunkOp`), 'pkg:tessera/src/dataframe/ops/groupby#groupbyChunkOp');
  t.equal(portableOpName('inc'), 'inc', 'built-ins unchanged');
  const name = 'pkg:tessera/src/dataframe/ops/groupby#groupbyChunkOp';
  t.equal(localOpName(name, { preferSources: false }), `${distGroupby}#groupbyChunkOp`);
  t.equal(localOpName(name, { preferSources: true }), `${srcGroupby}#groupbyChunkOp`);
  t.throws(() => localOpName('pkg:tessera/src/no/such/module#f', { worker: 'w-7' }), {
    code: 'MODULE_LOAD',
    message: /src\/no\/such\/module on worker w-7/,
  });
  t.throws(() => localOpName('pkg:no-such-package-xyz/index#f', { worker: 'w-7' }), { code: 'MODULE_LOAD' });
});

t.test('uploaded modules resolve to the worker upload dir; modules outside packages must be uploaded', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-portable-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'myops.mjs');
  writeFileSync(file, 'export const f = (x) => x;\n');
  const url = `${pathToFileURL(file).href}#f`;
  t.throws(() => portableOpName(url), { code: 'MODULE_LOAD', message: /uploadModule/ });
  t.equal(portableOpName(url, new Map([[file, 'myops.mjs']])), 'upload:myops.mjs#f');
  t.equal(localOpName('upload:myops.mjs#f', { uploadDir: dir }), url);
  t.throws(() => localOpName('upload:other.mjs#f', { uploadDir: dir, worker: 'w1' }), {
    message: /module other.mjs was not uploaded on worker w1/,
  });
  t.throws(() => localOpName('upload:../x.mjs#f', { uploadDir: dir }), { code: 'MODULE_LOAD' });
});

t.test('renameSpecFunctions rewrites inline tasks and keeps unchanged specs', async (t) => {
  const spec = { fn: 'a', args: [1, { $task: { fn: 'b', args: [{ $ref: 'x' }] } }, { $lit: { fn: 'c' } }] };
  const out = renameSpecFunctions(spec, (f) => f.toUpperCase());
  t.same(out, { fn: 'A', args: [1, { $task: { fn: 'B', args: [{ $ref: 'x' }] } }, { $lit: { fn: 'c' } }] });
  t.equal(
    renameSpecFunctions(spec, (f) => f),
    spec,
  );
});
