import t from 'tap';
import { taskDependencies } from '../../src/graph/task.js';

t.test('taskDependencies dedupes in first-use order, past the set threshold too', async (t) => {
  const refs = [];
  for (let i = 0; i < 100; i++) refs.push({ $ref: `x-${i % 70}` }, { $ref: ['y', i % 3] });
  const deps = taskDependencies({ fn: 'list', args: [refs, { $ref: 'x-5' }] });
  const expected: string[] = [];
  for (let i = 0; i < 70; i++) {
    expected.push(`x-${i}`);
    if (i < 3) expected.push(JSON.stringify(['y', i]));
  }
  t.same(deps, expected);
});
