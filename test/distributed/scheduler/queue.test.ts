import t from 'tap';
import { RootQueue } from '../../../src/distributed/scheduler/state/queue.js';
import { TaskGroup, TaskState } from '../../../src/distributed/scheduler/state/task.js';

const group = new TaskGroup('root');
const task = (i: number, priority: number): TaskState =>
  new TaskState(`root-${i}` as never, group, undefined, [0, priority], 0);

t.test('removed tasks are dropped from the heap once stale entries outnumber live ones', async (t) => {
  const queue = new RootQueue();
  const tasks = Array.from({ length: 5000 }, (_, i) => task(i, (i * 7919) % 5000));
  for (const x of tasks) queue.push(x);
  t.equal(queue.entries, 5000);
  // Remove every task with an even priority, then most of the rest: a forgotten graph's tasks.
  for (const x of tasks) if (x.priority[1]! % 2 === 0) queue.remove(x);
  t.equal(queue.size, 2500);
  t.ok(queue.entries <= 2 * queue.size + 1, `heap rebuilt: ${queue.entries} entries for ${queue.size} live`);
  for (const x of tasks) if (x.priority[1]! % 2 === 1 && x.priority[1]! >= 101) queue.remove(x);
  t.equal(queue.size, 50);
  t.ok(queue.entries <= 1024, `small heap left: ${queue.entries}`);
  // The live tasks still come out in priority order.
  const out: number[] = [];
  for (let x = queue.pop(); x; x = queue.pop()) out.push(x.priority[1]!);
  t.same(
    out,
    Array.from({ length: 50 }, (_, i) => 2 * i + 1),
  );
  t.equal(queue.size, 0);
});

t.test('a task queued again after removal keeps one live entry', async (t) => {
  const queue = new RootQueue();
  const tasks = Array.from({ length: 3000 }, (_, i) => task(i, i));
  for (const x of tasks) queue.push(x);
  for (const x of tasks) queue.remove(x);
  queue.push(tasks[42]!);
  queue.push(tasks[7]!);
  t.equal(queue.size, 2);
  t.equal(queue.pop()?.priority[1], 7);
  t.equal(queue.pop()?.priority[1], 42);
  t.equal(queue.pop(), undefined);
});
