import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { compute } from '../../src/scheduler/compute.js';
import type { ProgressEvent } from '../../src/scheduler/progress.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

t.test('no module outside src/dashboard imports it (the dependency goes dashboard -> scheduler)', async (t) => {
  const offenders = sources(SRC)
    .filter((f) => !relative(SRC, f).startsWith('dashboard'))
    .filter((f) => /(from|import\()\s*['"][^'"]*\/dashboard\//.test(readFileSync(f, 'utf8')));
  t.same(offenders, []);
  const hook = readFileSync(join(SRC, 'scheduler', 'dashboard_hook.ts'), 'utf8');
  t.match(hook, /await import\(new URL\(file, import\.meta\.url\)\.href\)/, 'the hook loads it dynamically');
});

t.test('the events feed: start carries the ids, task-finish the results held and their bytes', async (t) => {
  const events: ProgressEvent[] = [];
  const graph = {
    a: { fn: 'inc', args: [1] },
    b: { fn: 'inc', args: [2] },
    c: { fn: 'add', args: [{ $ref: 'a' }, { $ref: 'b' }] },
  };
  t.equal(await compute(graph, 'c', { scheduler: 'sync', onProgress: (e) => events.push(e), progressBar: false }), 5);
  const start = events[0] as ProgressEvent & { type: 'start' };
  t.same([...(start.ids ?? [])].sort(), ['a', 'b', 'c']);
  const finishes = events.filter((e) => e.type === 'task-finish');
  t.same(
    finishes.map((e) => [e.key, e.liveResults, e.liveBytes]),
    [
      ['a', 1, 8],
      ['b', 2, 16],
      ['c', 1, 8],
    ],
    'a and b are released when c finishes; c is kept as the output',
  );
});
