// One 64-bit word per row (as two int32 halves) for columns whose values fit in 64 bits: the key of the radix
// distinct pair sets (pair_set.ts). Equal values give equal words as SQL's DISTINCT compares them: every integer
// type widens to a signed 64-bit integer (uint64 keeps its bit pattern), floats widen to f64 with -0 = +0 and every
// NaN one value, bool is 0/1, temporal types are their integer counts, and a dictionary column is its values. Words
// are only compared within one column (one type), so an int and a float of the same value need not agree.
import { isNumberLike } from '../../columnar/layout.js';
import type { Column, DataType } from '../../columnar/types.js';
import { float16ToNumber } from '../../columnar/values.js';
import { AlgorithmError } from './errors.js';

/** The low and high 32 bits of each row's word; null rows hold unspecified words. */
export interface ValueWords {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
}

/** Whether a column of `type` has one 64-bit word per value (see the file header). */
export function hasValueWords(type: DataType): boolean {
  if (type.kind === 'dictionary') return hasValueWords(type.value);
  if (type.kind === 'interval') return type.unit === 'year_month';
  return type.kind === 'bool' || isNumberLike(type);
}

/** The rows' words of a column whose type passes {@link hasValueWords}. */
export function valueWords(column: Column): ValueWords {
  const n = column.length;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  if (column.type.kind === 'dictionary') {
    dictionaryWords(column, lo, hi);
    return { lo, hi };
  }
  const values = column.values;
  if (!values) throw new AlgorithmError('MALFORMED_COLUMN', `${column.type.kind} column without values`);
  if (column.type.kind === 'bool') {
    const bits = values as Uint8Array;
    for (let i = 0; i < n; i++) lo[i] = (bits[i >> 3]! >> (i & 7)) & 1;
  } else if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    const words = new Int32Array(values.buffer, values.byteOffset, n * 2);
    for (let i = 0; i < n; i++) {
      lo[i] = words[2 * i]!;
      hi[i] = words[2 * i + 1]!;
    }
  } else if (values instanceof Float64Array) {
    floatWords(values, n, lo, hi);
  } else if (values instanceof Float32Array) {
    floatWords(Float64Array.from(values.subarray(0, n)), n, lo, hi);
  } else if (column.type.kind === 'float16') {
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) f[i] = float16ToNumber(values[i] as number);
    floatWords(f, n, lo, hi);
  } else if (values instanceof Uint32Array) {
    for (let i = 0; i < n; i++) lo[i] = values[i]! | 0;
  } else if (values instanceof Int32Array || values instanceof Int16Array || values instanceof Int8Array) {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      lo[i] = v;
      hi[i] = v >> 31;
    }
  } else {
    const small = values as Uint8Array | Uint16Array;
    for (let i = 0; i < n; i++) lo[i] = small[i]!;
  }
  return { lo, hi };
}

/** Canonical f64 words: -0 as +0, every NaN as one quiet NaN. */
function floatWords(values: Float64Array, n: number, lo: Int32Array, hi: Int32Array): void {
  const words = new Int32Array(values.buffer, values.byteOffset, n * 2);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v === 0) continue; // +0 and -0: words 0, 0
    if (Number.isNaN(v)) {
      hi[i] = 0x7ff80000;
      continue;
    }
    lo[i] = words[2 * i]!;
    hi[i] = words[2 * i + 1]!;
  }
}

/** The words of a dictionary column: its dictionary's words gathered by code (null rows are skipped). */
function dictionaryWords(column: Column, lo: Int32Array, hi: Int32Array): void {
  const dictionary = column.dictionary;
  const codes = column.values;
  if (!dictionary || !codes) {
    throw new AlgorithmError('MALFORMED_COLUMN', 'dictionary column without its dictionary or codes');
  }
  const words = valueWords(dictionary);
  const size = dictionary.length;
  const validity = column.nullCount > 0 ? column.validity : undefined;
  for (let i = 0; i < column.length; i++) {
    if (validity && ((validity[i >> 3]! >> (i & 7)) & 1) === 0) continue;
    const code = Number(codes[i]!);
    if (!(code >= 0 && code < size)) {
      throw new AlgorithmError('MALFORMED_COLUMN', `dictionary code ${code} at row ${i} outside ${size} values`);
    }
    lo[i] = words.lo[code]!;
    hi[i] = words.hi[code]!;
  }
}
