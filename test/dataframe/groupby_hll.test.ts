// groupby nuniqueApprox: each group's estimate equals that of one HyperLogLog sketch (hllOfColumn) of the
// group's values, however the rows were partitioned, combined and split; and it stays within a few standard errors
// of the exact distinct count.
import t from 'tap';
import { columnFromValues } from '../../src/columnar/build.js';
import { hllEstimate, hllOfColumn } from '../../src/dataframe/algorithms/hyperloglog.js';
import { fromRecords } from '../../src/dataframe/index.js';
import { Random } from '../kernels/reference/random.js';

t.test('per-group sketches equal one sketch of the group values', async (t) => {
  const random = new Random(31);
  const rows: { g: string | null; v: number | null; s: string }[] = [];
  for (let i = 0; i < 40000; i++) {
    const g = random.below(20) === 0 ? null : `g${random.below(2) === 0 ? 0 : random.below(8)}`;
    const v = random.below(15) === 0 ? null : random.below(g === 'g3' ? 30 : 20000);
    rows.push({ g, v, s: `s${random.below(3000)}` });
  }
  const df = fromRecords(rows, { npartitions: 9 });
  for (const options of [{}, { splitEvery: 2, splitOut: 3 }, { hllPrecision: 8 }]) {
    const p = (options as { hllPrecision?: number }).hllPrecision ?? 12;
    for (const scheduler of ['sync', 'threads'] as const) {
      const out = await df
        .groupby('g', { dropna: false })
        .agg({ v: ['nuniqueApprox', 'nunique'], s: 'nuniqueApprox' }, options)
        .compute({ scheduler });
      const got = out.toArray().map((r) => r.toJSON());
      t.equal(got.length, 9, 'groups');
      for (const r of got) {
        const members = rows.filter((x) => x.g === r.g);
        const want = (name: 'v' | 's') =>
          Math.round(
            hllEstimate(
              hllOfColumn(
                columnFromValues(
                  name === 'v' ? { kind: 'float64' } : { kind: 'utf8' },
                  members.map((x) => x[name]),
                ),
                p,
              ),
            ),
          );
        t.equal(Number(r.v_nuniqueApprox), want('v'), `${r.g} v ${JSON.stringify(options)} ${scheduler}`);
        t.equal(Number(r.s_nuniqueApprox), want('s'), `${r.g} s`);
        const exact = Number(r.v_nunique);
        const se = 1.04 / Math.sqrt(2 ** p);
        t.ok(Math.abs(Number(r.v_nuniqueApprox) - exact) <= Math.max(2, 4 * se * exact), `${r.g}: within 4 SE`);
      }
    }
  }
});
