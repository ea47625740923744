// `npm run bench` runs every benchmark of bench/: each script whose header gives its own `node bench/<name>.mjs`
// command is in the script, except the child processes and data generators that the benchmarks start themselves.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import t from 'tap';

const root = new URL('../../', import.meta.url);
const bench = new URL('bench/', root);

/** Started by other benchmarks (child processes, page clients) or data generators they call: not run on their own. */
const NOT_STANDALONE = new Set([
  'child.mjs',
  'nested-child.mjs',
  'write-child.mjs',
  'zstd-read-child.mjs',
  'dashboard_clients.mjs',
  'generate.mjs',
  'scan_data.mjs',
]);

t.test('npm run bench builds, then runs every standalone benchmark once', async (t) => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts.bench!;
  t.ok(script.startsWith('npm run build && '), 'builds first (the benchmarks import dist/)');
  const run = [...script.matchAll(/node bench\/([\w.-]+\.mjs)/g)].map((m) => m[1]!);
  t.equal(new Set(run).size, run.length, 'each benchmark once');
  for (const f of run) t.ok(existsSync(new URL(f, bench)), `bench/${f} exists`);
  const standalone = readdirSync(bench)
    .filter((f) => f.endsWith('.mjs') && !NOT_STANDALONE.has(f))
    .filter((f) => readFileSync(new URL(f, bench), 'utf8').includes(`node bench/${f}`));
  t.ok(standalone.includes('cluster.mjs') && standalone.includes('read-threads.mjs'), 'the scan found the headers');
  t.same(
    standalone.filter((f) => !run.includes(f)),
    [],
    'no benchmark left out',
  );
});

t.test('every module of dist/ a benchmark imports has its source in src/', async (t) => {
  // The benchmarks import the build (dist/src/**.js); a moved or renamed source would only fail mid-run.
  const missing: string[] = [];
  let seen = 0;
  for (const dir of ['', 'readers/', 'stats/']) {
    const folder = new URL(dir, bench);
    for (const f of readdirSync(folder).filter((x) => x.endsWith('.mjs'))) {
      const text = readFileSync(new URL(f, folder), 'utf8');
      for (const m of text.matchAll(/['"`](?:\.\.\/)+dist\/(src\/[\w/.-]+)\.js['"`]/g)) {
        seen++;
        if (!existsSync(new URL(`${m[1]}.ts`, root))) missing.push(`bench/${dir}${f}: ${m[1]}.js`);
      }
    }
  }
  t.ok(seen > 20, `${seen} imports of dist/ checked`);
  t.same(missing, []);
});
