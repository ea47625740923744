// Expressions over one dictionary-encoded column (issue 16 item 1): `zone = 'X'`, `zone >= 'M'`, `contains(zone,
// 'port')`... are evaluated once per dictionary entry, not once per row, and the per-entry results are gathered by
// code. Every expression op is row-wise (a row's result depends only on that row), so the entry's result is the
// row's result. Rows that are null use one extra null entry appended to the dictionary, so null tests and SQL null
// propagation come out exactly as they would on the values. Partitions and files with different dictionaries need
// nothing special: each batch evaluates over its own dictionary.
import { allocBitmap } from '../../columnar/alloc.js';
import { concatColumns } from '../../columnar/concat.js';
import { getBit } from '../../columnar/layout.js';
import { takeColumn } from '../../columnar/take.js';
import type { Batch, Column } from '../../columnar/types.js';
import { broadcast } from './broadcast.js';
import type { Expr } from './types.js';

/** The one column name `expr` reads; undefined when it reads none or more than one. */
function soleColumn(expr: Expr): string | undefined {
  let name: string | undefined;
  let several = false;
  const visit = (e: Expr): void => {
    if (several) return;
    if (e.op === 'col') {
      if (name !== undefined && name !== e.name) several = true;
      name = e.name;
      return;
    }
    if ('args' in e) for (const a of e.args) visit(a);
  };
  visit(expr);
  return several ? undefined : name;
}

/** An expression's evaluation over the dictionary of the one column it reads, and how to gather it back to rows. */
export interface DictionaryView {
  /** The dictionary's entries plus one null entry, as a one-column batch of the value type. */
  readonly batch: Batch;
  /** For each row, the entry of `batch` holding its value (the null entry for null rows). */
  readonly entries: Int32Array;
}

/**
 * The dictionary view of `expr` over `batch`, when `expr` reads exactly one column, that column is a dictionary,
 * and the dictionary is small next to the rows (otherwise per-row evaluation is as cheap and undefined is returned).
 */
export function dictionaryView(expr: Expr, batch: Batch): DictionaryView | undefined {
  if (expr.op === 'col' || expr.op === 'lit' || expr.op === 'alias') return undefined;
  const name = soleColumn(expr);
  if (name === undefined) return undefined;
  const at = batch.fields.findIndex((f) => f.name === name);
  const column = at >= 0 ? batch.columns[at] : undefined;
  if (column?.type.kind !== 'dictionary' || !column.dictionary || !column.values) return undefined;
  const dictionary = column.dictionary;
  const n = column.length;
  // One evaluation per entry pays when entries are fewer than rows; a dictionary merged from many partitions and
  // then filtered down may not be.
  if (dictionary.length * 2 > n) return undefined;
  const valueType = column.type.value;
  const nullEntry = dictionary.length;
  const codes = column.values as ArrayLike<number>;
  const entries = new Int32Array(n);
  const validity = column.nullCount > 0 ? column.validity : undefined;
  for (let i = 0; i < n; i++) {
    const code = Number(codes[i]);
    if (validity && !getBit(validity, i)) entries[i] = nullEntry;
    else if (code >= 0 && code < nullEntry) entries[i] = code;
    else throw new RangeError(`expression: dictionary code ${code} at row ${i} outside a dictionary of ${nullEntry}`);
  }
  const values = concatColumns([dictionary, broadcast(valueType, null, 1)]);
  return {
    batch: { fields: [{ name, type: valueType, nullable: true }], numRows: values.length, columns: [values] },
    entries,
  };
}

/** The per-entry result `perEntry` gathered to one value per row of `view`. */
export function gatherEntries(perEntry: Column, view: DictionaryView): Column {
  const { entries } = view;
  if (perEntry.type.kind !== 'bool') return takeColumn(perEntry, entries);
  // Booleans (every predicate): one byte per entry, then bits per row, without a per-row bit gather.
  const m = perEntry.length;
  const state = new Uint8Array(m); // 0 false, 1 true, 2 null
  const bits = perEntry.values as Uint8Array;
  const valid = perEntry.nullCount > 0 ? perEntry.validity : undefined;
  for (let e = 0; e < m; e++) state[e] = valid && !getBit(valid, e) ? 2 : getBit(bits, e) ? 1 : 0;
  const n = entries.length;
  const values = allocBitmap(n);
  const anyNull = state.includes(2);
  const validity = anyNull ? allocBitmap(n) : undefined;
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const s = state[entries[i]!]!;
    if (s === 1) values[i >> 3]! |= 1 << (i & 7);
    if (validity) {
      if (s === 2) nullCount++;
      else validity[i >> 3]! |= 1 << (i & 7);
    }
  }
  return validity
    ? { type: { kind: 'bool' }, length: n, nullCount, validity, values }
    : { type: { kind: 'bool' }, length: n, nullCount: 0, values };
}
