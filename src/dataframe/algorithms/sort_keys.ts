// Order-preserving unsigned images of sort-key columns, the input of the radix argsort kernels
// (assembly/radix_argsort.ts): comparing images as unsigned integers orders rows the way DuckDB's ORDER BY does.
// - signed integers (and dates, times, timestamps, durations): the sign bit flipped;
// - floats: negative values complemented, others with the sign bit set (IEEE 754 bit patterns then order
//   numerically); every NaN becomes the all-ones image, above +Infinity, and -0 sorts as +0 (equal, as in SQL);
// - decimals: 64-bit words, least significant first, the top one with its sign bit flipped;
// - strings and binary: dense ranks in raw byte order (UTF-8 byte order = code point order), see byteRanks;
// - dictionaries: the ranks of their dictionary's values, gathered by index.
// Descending keys complement their images. Nulls get image 0 (so they keep their relative order) and a flag that is
// more significant than the value: folded into bit 32 of a 32-bit image, or a pass of its own after 64-bit ones.
import { isValid, offsetAt } from '../../columnar/layout.js';
import type { Column } from '../../columnar/types.js';
import { AlgorithmError } from './errors.js';
import { argsortImages } from './radix_argsort.js';

/** One radix pass: `width` 32 (one u32 word per row) or 64 (two words per row, little-endian). */
export interface KeyImage {
  readonly width: 32 | 64;
  readonly words: Uint32Array;
}

/** Where nulls go: before or after every value, whatever the direction. */
export type NaPosition = 'first' | 'last';

/** The radix passes of one sort key, least significant first. */
export function keyImages(column: Column, ascending: boolean, naPosition: NaPosition): KeyImage[] {
  const images = valueImages(column);
  if (!ascending) for (const image of images) complement(image.words);
  const n = column.length;
  const hasNulls = column.type.kind === 'null' || column.nullCount > 0 || dictionaryNulls(column);
  if (!hasNulls) return images;
  const nullFlag = naPosition === 'last' ? 1 : 0;
  const flags = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (isNullRow(column, i)) {
      flags[i] = nullFlag;
      for (const image of images) {
        if (image.width === 32) image.words[i] = 0;
        else image.words[2 * i] = image.words[2 * i + 1] = 0;
      }
    } else {
      flags[i] = 1 - nullFlag;
    }
  }
  const last = images[images.length - 1];
  if (images.length === 1 && last?.width === 32) {
    const words = new Uint32Array(2 * n);
    for (let i = 0; i < n; i++) {
      words[2 * i] = last.words[i]!;
      words[2 * i + 1] = flags[i]!;
    }
    return [{ width: 64, words }];
  }
  return [...images, { width: 32, words: flags }];
}

function complement(words: Uint32Array): void {
  for (let i = 0; i < words.length; i++) words[i] = ~words[i]! >>> 0;
}

function dictionaryNulls(column: Column): boolean {
  return column.type.kind === 'dictionary' && (column.dictionary?.nullCount ?? 0) > 0;
}

function isNullRow(column: Column, i: number): boolean {
  if (!isValid(column, i)) return true;
  if (column.type.kind !== 'dictionary') return false;
  return !isValid(column.dictionary!, Number(column.values![i]!));
}

function words32(column: Column): Uint32Array {
  const v = column.values!;
  return new Uint32Array(v.buffer, v.byteOffset, (v.byteLength >> 2) as number);
}

function valueImages(column: Column): KeyImage[] {
  const n = column.length;
  const { type } = column;
  const values = column.values;
  switch (type.kind) {
    case 'null':
      return [{ width: 32, words: new Uint32Array(n) }];
    case 'bool': {
      const bits = values as Uint8Array;
      const words = new Uint32Array(n);
      for (let i = 0; i < n; i++) words[i] = (bits[i >> 3]! >> (i & 7)) & 1;
      return [{ width: 32, words }];
    }
    case 'int8':
    case 'int16':
    case 'int32':
    case 'date32': {
      const src = values as Int8Array | Int16Array | Int32Array;
      const words = new Uint32Array(n);
      for (let i = 0; i < n; i++) words[i] = (src[i]! ^ 0x80000000) >>> 0;
      return [{ width: 32, words }];
    }
    case 'time':
      if (type.unit === 's' || type.unit === 'ms') return valueImages({ ...column, type: { kind: 'int32' } });
      return valueImages({ ...column, type: { kind: 'int64' } });
    case 'uint8':
    case 'uint16':
    case 'uint32':
      return [{ width: 32, words: Uint32Array.from(values as Uint8Array | Uint16Array | Uint32Array) }];
    case 'int64':
    case 'date64':
    case 'timestamp':
    case 'duration': {
      const words = words32(column).slice(0, 2 * n);
      for (let i = 1; i < words.length; i += 2) words[i] = (words[i]! ^ 0x80000000) >>> 0;
      return [{ width: 64, words }];
    }
    case 'uint64':
      return [{ width: 64, words: words32(column).slice(0, 2 * n) }];
    case 'float16': {
      const src = values as Uint16Array;
      const words = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        let bits = src[i]!;
        if (bits === 0x8000) bits = 0;
        const nan = (bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0;
        words[i] = nan ? 0xffff : bits & 0x8000 ? ~bits & 0xffff : bits | 0x8000;
      }
      return [{ width: 32, words }];
    }
    case 'float32': {
      const src = values as Float32Array;
      const bitsOf = words32(column);
      const words = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const v = src[i]!;
        if (Number.isNaN(v)) words[i] = 0xffffffff;
        else if (v === 0) words[i] = 0x80000000;
        else {
          const bits = bitsOf[i]!;
          words[i] = (bits & 0x80000000 ? ~bits : bits | 0x80000000) >>> 0;
        }
      }
      return [{ width: 32, words }];
    }
    case 'float64': {
      const src = values as Float64Array;
      const bitsOf = words32(column);
      const words = new Uint32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const v = src[i]!;
        if (Number.isNaN(v)) {
          words[2 * i] = words[2 * i + 1] = 0xffffffff;
        } else if (v === 0) {
          words[2 * i + 1] = 0x80000000;
        } else if (bitsOf[2 * i + 1]! & 0x80000000) {
          words[2 * i] = ~bitsOf[2 * i]! >>> 0;
          words[2 * i + 1] = ~bitsOf[2 * i + 1]! >>> 0;
        } else {
          words[2 * i] = bitsOf[2 * i]!;
          words[2 * i + 1] = (bitsOf[2 * i + 1]! | 0x80000000) >>> 0;
        }
      }
      return [{ width: 64, words }];
    }
    case 'decimal': {
      const stride = type.bitWidth / 32;
      const src = values as Uint32Array;
      const images: KeyImage[] = [];
      for (let w = 0; w < stride; w += 2) {
        const words = new Uint32Array(2 * n);
        const top = w + 2 === stride;
        for (let i = 0; i < n; i++) {
          words[2 * i] = src[i * stride + w]!;
          words[2 * i + 1] = top ? (src[i * stride + w + 1]! ^ 0x80000000) >>> 0 : src[i * stride + w + 1]!;
        }
        images.push({ width: 64, words });
      }
      return images;
    }
    case 'utf8':
    case 'large_utf8':
    case 'binary':
    case 'large_binary':
    case 'fixed_size_binary':
      return [{ width: 32, words: byteRanks(column) }];
    case 'dictionary': {
      const dictionaryRanks = denseRanks(column.dictionary!);
      const words = new Uint32Array(n);
      for (let i = 0; i < n; i++) words[i] = dictionaryRanks[Number(values![i]!)] ?? 0;
      return [{ width: 32, words }];
    }
    default:
      throw new AlgorithmError('UNSUPPORTED_TYPE', `cannot sort by a column of type ${type.kind}`);
  }
}

/** Dense ranks (0 for the smallest value, equal values equal ranks; nulls 0) of a column's values. */
function denseRanks(column: Column): Uint32Array {
  const images = valueImages(column);
  if (images.length === 1 && images[0]!.width === 32 && isByteType(column)) return images[0]!.words;
  // Non-string dictionaries are small: order them by their images with a comparison sort.
  const n = column.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const compare = (a: number, b: number): number => {
    for (let k = images.length - 1; k >= 0; k--) {
      const { width, words } = images[k]!;
      for (let w = width === 64 ? 1 : 0; w >= 0; w--) {
        const x = width === 64 ? words[2 * a + w]! : words[a]!;
        const y = width === 64 ? words[2 * b + w]! : words[b]!;
        if (x !== y) return x < y ? -1 : 1;
      }
    }
    return 0;
  };
  order.sort(compare);
  const ranks = new Uint32Array(n);
  let rank = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && compare(order[k - 1]!, order[k]!) !== 0) rank++;
    ranks[order[k]!] = rank;
  }
  return ranks;
}

function isByteType(column: Column): boolean {
  const kind = column.type.kind;
  return kind === 'utf8' || kind === 'large_utf8' || kind === 'binary' || kind === 'large_binary';
}

/** Row starts of a byte column (`length + 1` of them). */
function byteStarts(column: Column): Float64Array {
  const n = column.length;
  const starts = new Float64Array(n + 1);
  if (column.type.kind === 'fixed_size_binary') {
    const width = column.type.byteWidth;
    for (let i = 0; i <= n; i++) starts[i] = i * width;
  } else {
    for (let i = 0; i <= n; i++) starts[i] = offsetAt(column.offsets!, i);
  }
  return starts;
}

const PREFIX_BYTES = 8;

/**
 * Dense ranks of the rows of a byte column in unsigned byte order (shorter first on a common prefix), null rows 0.
 * A radix argsort on the first 8 bytes (big-endian, zero-padded) orders most rows; runs sharing those 8 bytes are
 * then ordered by a comparison of the remaining bytes and lengths.
 */
export function byteRanks(column: Column): Uint32Array {
  const n = column.length;
  const data = column.data ?? (column.values as Uint8Array | undefined) ?? new Uint8Array(0);
  const starts = byteStarts(column);
  const prefix = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    if (!isValid(column, i)) continue;
    const s = starts[i]!;
    const e = Math.min(starts[i + 1]!, s + PREFIX_BYTES);
    let hi = 0;
    let lo = 0;
    for (let k = 0; k < 4; k++) hi = hi * 256 + (s + k < e ? data[s + k]! : 0);
    for (let k = 4; k < 8; k++) lo = lo * 256 + (s + k < e ? data[s + k]! : 0);
    prefix[2 * i] = lo;
    prefix[2 * i + 1] = hi;
  }
  const samePrefix = (a: number, b: number) =>
    prefix[2 * a] === prefix[2 * b] && prefix[2 * a + 1] === prefix[2 * b + 1];
  const compareRest = (a: number, b: number): number => {
    const la = starts[a + 1]! - starts[a]!;
    const lb = starts[b + 1]! - starts[b]!;
    const common = Math.min(la, lb);
    const sa = starts[a]!;
    const sb = starts[b]!;
    for (let k = Math.min(PREFIX_BYTES, common); k < common; k++) {
      const x = data[sa + k]!;
      const y = data[sb + k]!;
      if (x !== y) return x - y;
    }
    return la - lb;
  };
  const order = argsortImages([{ width: 64, words: prefix }], n);
  const rows: number[] = [];
  for (let k = 0; k < n; k++) if (isValid(column, order[k]!)) rows.push(order[k]!);
  const ranks = new Uint32Array(n);
  let rank = 0;
  for (let k = 0; k < rows.length; ) {
    let end = k + 1;
    while (end < rows.length && samePrefix(rows[k]!, rows[end]!)) end++;
    const run = end - k > 1 ? rows.slice(k, end).sort(compareRest) : [rows[k]!];
    if (k > 0) rank++;
    ranks[run[0]!] = rank;
    for (let r = 1; r < run.length; r++) {
      if (compareRest(run[r - 1]!, run[r]!) !== 0) rank++;
      ranks[run[r]!] = rank;
    }
    k = end;
  }
  return ranks;
}
