import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import t from 'tap';

const root = new URL('../', import.meta.url);

t.test('the README example is the file examples/read.mjs and it runs', async (t) => {
  const example = readFileSync(new URL('examples/read.mjs', root), 'utf8');
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const code = example.slice(example.indexOf('\n') + 1);
  t.ok(readme.includes(code.trim()), 'README shows the example verbatim');
  const out = execFileSync(process.execPath, ['examples/read.mjs'], { cwd: root, encoding: 'utf8' });
  t.match(out, /^8 \[ 'id: Int32', 'bool_col: Bool' \]/);
  t.match(out, /4, 5, 6, 7,\s+2, 3, 0, 1/);
  t.match(out, /\n2\n$/);
});

t.test('the README writing example is examples/write.mjs and it runs', async (t) => {
  const example = readFileSync(new URL('examples/write.mjs', root), 'utf8');
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  t.ok(readme.includes(example.slice(example.indexOf('\n') + 1).trim()), 'README shows the example verbatim');
  const out = execFileSync(process.execPath, ['examples/write.mjs'], { cwd: root, encoding: 'utf8' });
  t.equal(out, '[ 400, 400, 200 ]\n333\n');
});

t.test('the README DataFrame example is examples/dataframe.mjs and it runs', async (t) => {
  const example = readFileSync(new URL('examples/dataframe.mjs', root), 'utf8');
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  t.ok(readme.includes(example.slice(example.indexOf('\n') + 1).trim()), 'README shows the example verbatim');
  const out = execFileSync(process.execPath, ['examples/dataframe.mjs'], { cwd: root, encoding: 'utf8' });
  t.match(out, /bool_col: true,\s+fare_count: 3,\s+fare_sum: 12,\s+fare_mean: 4,\s+id_nunique: 3\b/);
  t.match(out, /bool_col: false,\s+fare_count: 3,\s+fare_sum: 75\.6,\s+fare_mean: 25\.2,\s+id_nunique: 3\b/);
  t.match(out, /\]\n6\n2\n$/);
});
