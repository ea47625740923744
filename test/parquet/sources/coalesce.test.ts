import t from 'tap';
import { coalesceRanges } from '../../../src/parquet/sources/coalesce.js';

t.test('adjacent and near ranges merge, distant ones do not', async (t) => {
  const ranges = [
    { offset: 100, length: 50 }, // 100-150
    { offset: 150, length: 50 }, // adjacent: 150-200
    { offset: 210, length: 10 }, // gap 10
    { offset: 1000, length: 5 }, // gap 780
  ];
  t.same(coalesceRanges(ranges, 10), [
    { offset: 100, length: 120, members: [0, 1, 2] },
    { offset: 1000, length: 5, members: [3] },
  ]);
  t.same(coalesceRanges(ranges, 0), [
    { offset: 100, length: 100, members: [0, 1] },
    { offset: 210, length: 10, members: [2] },
    { offset: 1000, length: 5, members: [3] },
  ]);
  t.same(coalesceRanges(ranges, 1000), [{ offset: 100, length: 905, members: [0, 1, 2, 3] }]);
});

t.test('unsorted, overlapping, contained and empty ranges', async (t) => {
  const ranges = [
    { offset: 500, length: 100 },
    { offset: 0, length: 10 },
    { offset: 520, length: 10 }, // inside the first
    { offset: 590, length: 50 }, // overlaps its end
    { offset: 300, length: 0 }, // empty: no request
  ];
  t.same(coalesceRanges(ranges, 0), [
    { offset: 0, length: 10, members: [1] },
    { offset: 500, length: 140, members: [0, 2, 3] },
  ]);
  t.same(coalesceRanges([], 64), []);
});
