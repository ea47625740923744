// Plain-TypeScript reference of group ids: a Map from each row's key text to its group, first occurrence first.
import type { Column } from '../../../src/columnar/types.js';
import { valueAt } from '../../../src/columnar/values.js';

/** The text of row i's key (SQL grouping: nulls equal, every NaN equal, -0 equal to +0). */
function keyText(columns: readonly Column[], i: number): string {
  return JSON.stringify(
    columns.map((c) => {
      const v = valueAt(c, i);
      if (v === null) return ['null'];
      if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === 0 ? 0 : v;
      if (typeof v === 'bigint') return `${v}n`;
      if (v instanceof Uint8Array) return Array.from(v);
      return v as unknown;
    }),
  );
}

/** Group ids, group count and first row of each group, as the kernels must compute them. */
export function groupIdsReference(columns: readonly Column[]): {
  ids: number[];
  numGroups: number;
  firstRow: number[];
} {
  const seen = new Map<string, number>();
  const ids: number[] = [];
  const firstRow: number[] = [];
  const count = columns[0]?.length ?? 0;
  for (let i = 0; i < count; i++) {
    const key = keyText(columns, i);
    let id = seen.get(key);
    if (id === undefined) {
      id = seen.size;
      seen.set(key, id);
      firstRow.push(i);
    }
    ids.push(id);
  }
  return { ids, numGroups: seen.size, firstRow };
}
