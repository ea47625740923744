// The published package type-checks in a consumer: `npm pack` (the files a user installs), the tarball unpacked
// into a temporary project's node_modules with the package's dependencies linked from this repository (no
// network), and a consumer script compiled with `tsc --strict` and skipLibCheck false. Needs the build (dist/).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import t from 'tap';

const repo = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tessera-pack-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

// Hard limits: a step that waits on the network or a lock fails the test instead of hanging it.
const run = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });

t.test('a strict consumer type-checks against the packed package', async (t) => {
  // --ignore-scripts: dist/ is built already (pretest); prepare would rebuild it.
  const tarball = run('npm', ['pack', '--ignore-scripts', '--offline', '--silent', '--pack-destination', dir], repo)
    .trim()
    .split('\n')
    .pop()!;
  const modules = join(dir, 'consumer', 'node_modules');
  mkdirSync(modules, { recursive: true });
  run('tar', ['xzf', join(dir, tarball), '-C', modules], dir);
  renameSync(join(modules, 'package'), join(modules, 'tessera'));
  const pkg = JSON.parse(readFileSync(join(modules, 'tessera', 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    files?: string[];
  };
  t.notOk(JSON.stringify(pkg.files).includes('test'), 'tests are not published');
  for (const dep of [...Object.keys(pkg.dependencies ?? {}), '@types/node', 'typescript']) {
    mkdirSync(dirname(join(modules, dep)), { recursive: true });
    symlinkSync(join(repo, 'node_modules', dep), join(modules, dep), 'dir');
  }
  const consumer = join(dir, 'consumer');
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        lib: ['ES2022'],
        types: ['node'],
        exactOptionalPropertyTypes: false,
      },
      include: ['index.ts'],
    }),
  );
  writeFileSync(
    join(consumer, 'index.ts'),
    `import { readTable, writeTable } from 'tessera/parquet';
import { col, Decimal, readParquet, Timestamp } from 'tessera/dataframe';
import { defineOp, ref, task, TaskGraph } from 'tessera/graph';
import { defineOp as defineOp2 } from 'tessera/ops';
import { compute } from 'tessera/scheduler';
import { parseTypeName } from 'tessera/columnar';
import * as tessera from 'tessera';

export const inc = defineOp(import.meta.url, 'inc', (x: number): number => x + 1);
const graph = new TaskGraph({ a: 1, b: task(inc, ref('a')) });
const n: unknown = await compute(graph, 'b', { scheduler: 'sync' });
const table = await readTable('x.parquet', { columns: ['a'] });
await writeTable('y.parquet', table, { codec: 'zstd', signal: AbortSignal.timeout(1000) });
const df = await readParquet('x.parquet');
const total = await df.groupby('k').sum().assign({ f: col('d').cast('float64') }).length().compute();
const m = await df.min('t').compute();
if (m instanceof Timestamp || m instanceof Decimal) console.log(m.toString());
const count: number = total;
console.log(n, count, parseTypeName('double'), defineOp2 === defineOp, tessera.ParquetFile);
`,
  );
  let output = '';
  try {
    output = run(process.execPath, [join(modules, 'typescript', 'bin', 'tsc'), '-p', consumer], consumer);
  } catch (err) {
    output = `${(err as { stdout?: string }).stdout ?? ''}${(err as { stderr?: string }).stderr ?? ''}` || String(err);
  }
  t.equal(output, '', 'tsc reports nothing');
});
