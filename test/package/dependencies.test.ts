// Every package in `dependencies` is imported by the published code (src/), and every package src/ imports is a
// dependency: nothing unused ships to users, and nothing used is missing from a clean install.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The package of a bare specifier ('a/b' -> 'a', '@s/a/b' -> '@s/a'), undefined for relative and node: ones. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

t.test('dependencies are exactly the packages src/ imports at run time', async (t) => {
  const used = new Set<string>();
  for (const file of sources(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    // import/export ... from 'x' (not `import type`), import('x'), require('x'), require.resolve('x/...')
    const patterns = [
      /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm,
      /^\s*import\s+'([^']+)'/gm,
      /\bimport\(\s*'([^']+)'\s*\)/g,
      /\brequire(?:\.resolve)?\(\s*'([^']+)'\s*\)/g,
    ];
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const name = packageOf(match[1]!);
        if (name) used.add(name);
      }
    }
  }
  t.same([...used].sort(), Object.keys(pkg.dependencies).sort(), 'dependencies = packages imported by src/');
  t.ok(pkg.devDependencies.thrift, 'thrift is the reference of the metadata tests (devDependency)');
  t.ok(pkg.devDependencies.snappyjs, 'snappyjs is the reference of the snappy tests (devDependency)');
});
