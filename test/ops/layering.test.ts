// The layering of ops and graph (docs/ARCHITECTURE.md): ops (naming, registering and resolving the functions tasks
// call) is below graph (task specs, which name ops). graph imports ops; nothing in ops imports graph.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const OPS = fileURLToPath(new URL('../../src/ops/', import.meta.url));

/** The module specifiers a TypeScript source imports (static, re-exports and dynamic imports of a literal). */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  return out;
}

t.test('no module of src/ops imports src/graph', async (t) => {
  const files = readdirSync(OPS).filter((f) => f.endsWith('.ts'));
  t.ok(files.includes('portable.ts') && files.includes('registry.ts'), 'the folder was read');
  const offenders: string[] = [];
  for (const f of files) {
    for (const spec of importsOf(readFileSync(join(OPS, f), 'utf8'))) {
      if (/(^|\/)graph\//.test(spec)) offenders.push(`${f} imports ${spec}`);
    }
  }
  t.same(offenders, []);
});

t.test('the import scanner sees the forms it checks', async (t) => {
  t.same(importsOf("import type { A } from '../graph/task.js';\nexport { b } from './x.js';\nawait import('y');"), [
    '../graph/task.js',
    './x.js',
    'y',
  ]);
});
