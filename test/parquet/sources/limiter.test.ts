import t from 'tap';
import { ConcurrencyLimiter } from '../../../src/parquet/sources/limiter.js';

t.test(
  'never more than the limit in flight; every task runs, in arrival order; failures free their slot',
  async (t) => {
    const limiter = new ConcurrencyLimiter(3);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 20 }, (_, i) =>
      limiter.run(async () => {
        started.push(i);
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 1 + (i % 4)));
        active--;
        if (i % 5 === 0) throw new Error(`task ${i}`);
        return i;
      }),
    );
    const results = await Promise.allSettled(tasks);
    t.equal(peak, 3);
    t.equal(active, 0);
    t.same(
      started,
      Array.from({ length: 20 }, (_, i) => i),
    );
    t.equal(results.filter((r) => r.status === 'rejected').length, 4);
    t.same(await limiter.run(async () => 'after'), 'after');
  },
);
