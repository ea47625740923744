// The documentation stays inside the repository and true to it: README links docs/ARCHITECTURE.md (not a file
// outside the repository), every path the architecture map names exists, and `npm install` builds (prepare).
import { existsSync, readFileSync } from 'node:fs';
import t from 'tap';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const architecture = readFileSync(new URL('docs/ARCHITECTURE.md', root), 'utf8');

t.test('README links stay inside the repository', async (t) => {
  t.match(readme, /\(docs\/ARCHITECTURE\.md\)/);
  const links = [...readme.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1]!).filter((l) => !/^https?:/.test(l));
  for (const link of links) {
    t.notOk(link.startsWith('../'), `${link} is inside the repository`);
    t.ok(existsSync(new URL(link, root)), `${link} exists`);
  }
  t.match(readme, /writeDataset/);
  t.notMatch(readme, /Coming next \(see the issues\): shuffles, joins and sorting/);
});

t.test('every path the architecture map names exists', async (t) => {
  const paths = new Set<string>();
  for (const m of architecture.matchAll(/\b((?:src|assembly|test|bench|fixtures|docs)\/[\w./*-]*)/g)) {
    const path = m[1]!.replace(/[.,;:)]+$/, '');
    if (!path.includes('*')) paths.add(path);
  }
  t.ok(paths.size > 20, `${paths.size} paths named`);
  for (const path of paths) t.ok(existsSync(new URL(path, root)), path);
});

t.test('npm install builds the package (prepare), and the tests still build first (pretest)', async (t) => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> };
  t.equal(pkg.scripts.prepare, 'npm run build');
  t.equal(pkg.scripts.pretest, 'npm run build');
});
