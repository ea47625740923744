// How a parallel read packs its (row group, field) jobs into pool messages: order kept, big jobs alone, small ones
// paired, and the last jobs alone so the threads finish together.
import t from 'tap';
import { messageGroups } from '../../../src/parquet/parallel/read_parallel.js';

const jobs = (sizes: number[]) => sizes.map((size, id) => ({ id, size }));

t.test('the bench file shape: big chunks alone, small ones in pairs, the tail alone', async (t) => {
  const sizes = [22, 22, 22, 22, 22, 8, 8, 8, 8, 8, 6, 6, 6, 6, 6, 4, 4, 4, 4, 4, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1];
  const groups = messageGroups(jobs(sizes), 2);
  t.same(
    groups.flat().map((j) => j.id),
    sizes.map((_, i) => i),
    'every job once, in the order given',
  );
  t.ok(
    groups.every((g) => g.length <= 2),
    'at most two jobs per message',
  );
  t.same(
    groups.slice(0, 10).map((g) => g.length),
    Array(10).fill(1),
    'jobs over 1/8 of a thread share go alone',
  );
  t.same(
    groups.slice(-4).map((g) => g.length),
    [1, 1, 1, 1],
    'the last 2 jobs per thread go alone',
  );
  const limit = sizes.reduce((a, b) => a + b, 0) / 2 / 8;
  t.ok(
    groups.every((g) => g.length === 1 || g.reduce((s, j) => s + j.size, 0) <= limit),
    'a pair stays within the limit',
  );
  t.ok(groups.length < sizes.length, `fewer messages (${groups.length}) than jobs (${sizes.length})`);
});

t.test('few jobs: each alone; no jobs: no messages', async (t) => {
  t.same(
    messageGroups(jobs([5, 1, 1]), 2).map((g) => g.map((j) => j.id)),
    [[0], [1], [2]],
  );
  t.same(messageGroups([], 2), []);
});
