import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import t from 'tap';

const root = new URL('../../../', import.meta.url);

t.test('the README cluster example is examples/cluster.mjs and it runs (built code, real processes)', async (t) => {
  const example = readFileSync(new URL('examples/cluster.mjs', root), 'utf8');
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  t.ok(readme.includes(example.slice(example.indexOf('\n') + 1).trim()), 'README shows the example verbatim');
  const out = execFileSync(process.execPath, ['examples/cluster.mjs'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 90_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  t.match(out, /bool_col: false, id_count: 4, id_sum: 16n/);
  t.match(out, /bool_col: true, id_count: 4, id_sum: 12n/);
  t.match(out, /\n42\n$/);
});
