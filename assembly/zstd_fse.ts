// FSE for the ZSTD decoder (RFC 8878 4.1): reading a table description (normalized counts, 4.1.1), building a
// decoding table from it (spreading symbols over the states, 4.1.1 "FSE table construction"), and the three
// predefined tables of sequence codes (3.1.1.3.2.2).
//
// A decoding table entry is 8 bytes: u16 next-state base, u8 number of state bits, u8 number of extra bits, u32
// baseline. For sequence codes the symbol is resolved to (baseline, extra bits) when the table is built, so the
// sequence loop adds the extra bits to the baseline without a second lookup; other tables keep the symbol as the
// baseline.
import { NEXT, NORM, Z_FSE, Z_TRUNCATED } from './zstd_state';

/** Table kinds: what a symbol becomes in an entry. */
export const KIND_SYMBOL: u32 = 0;
export const KIND_LITERAL_LENGTH: u32 = 1;
export const KIND_MATCH_LENGTH: u32 = 2;
export const KIND_OFFSET: u32 = 3;

/** Largest symbol and accuracy log per sequence code kind (3.1.1.3.2.1). */
export const LL_MAX_SYMBOL: u32 = 35;
export const ML_MAX_SYMBOL: u32 = 52;
export const OF_MAX_SYMBOL: u32 = 31;
export const LL_MAX_LOG: u32 = 9;
export const ML_MAX_LOG: u32 = 9;
export const OF_MAX_LOG: u32 = 8;

// Literals_Length_Code and Match_Length_Code baselines and extra bits (3.1.1.3.2.1.1).
const LL_BASE = memory.data<u32>([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024,
  2048, 4096, 8192, 16384, 32768, 65536,
]);
const LL_BITS = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
]);
const ML_BASE = memory.data<u32>([
  3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
  34, 35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099, 8195, 16387, 32771, 65539,
]);
const ML_BITS = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3,
  3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
]);

// Predefined distributions (3.1.1.3.2.2).
const LL_DEFAULT = memory.data<i16>([
  4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1,
]);
const ML_DEFAULT = memory.data<i16>([
  1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1,
]);
const OF_DEFAULT = memory.data<i16>([
  1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
]);

/** Accuracy log of the last description read by readNCount, and its number of symbols. */
export let ncLog: u32 = 0;
export let ncSymbols: u32 = 0;

/**
 * Reads an FSE table description (4.1.1) of at most `avail` bytes at `ip` into NORM (i16 per symbol) and sets
 * ncLog and ncSymbols. Returns the bytes it used, or Z_FSE / Z_TRUNCATED. May read 4 bytes past `ip + avail`
 * (the caller's input has slack); never uses them.
 */
export function readNCount(ip: usize, avail: usize, maxSymbol: u32, maxLog: u32): i32 {
  if (avail < 1) return Z_TRUNCATED;
  const log = (<u32>load<u8>(ip) & 15) + 5;
  if (log > maxLog) return Z_FSE;
  const limitBits = (<u64>avail) << 3;
  let bitPos: u32 = 4;
  // Probabilities still to hand out, plus one (the spec's "remaining" counter).
  let remaining: i32 = (1 << log) + 1;
  let threshold: i32 = 1 << log;
  let nbBits: u32 = log + 1;
  let symbol: u32 = 0;
  while (remaining > 1) {
    if (symbol > maxSymbol || <u64>bitPos > limitBits) return symbol > maxSymbol ? Z_FSE : Z_TRUNCATED;
    const word = load<u32>(ip + (bitPos >> 3)) >> (bitPos & 7);
    // Values below `max` fit in nbBits - 1 bits; the rest take nbBits (4.1.1).
    const max = 2 * threshold - 1 - remaining;
    let value = <i32>(word & <u32>(threshold - 1));
    if (value < max) {
      bitPos += nbBits - 1;
    } else {
      value = <i32>(word & <u32>(2 * threshold - 1));
      if (value >= threshold) value -= max;
      bitPos += nbBits;
    }
    const count = value - 1;
    remaining -= count < 0 ? -count : count;
    if (remaining < 1) return Z_FSE;
    store<i16>(NORM + ((<usize>symbol) << 1), <i16>count);
    symbol++;
    if (count === 0) {
      // A zero probability is followed by 2-bit repeat flags: 3 means three more zeros and another flag.
      while (true) {
        if (<u64>bitPos > limitBits) return Z_TRUNCATED;
        const flag = (load<u32>(ip + (bitPos >> 3)) >> (bitPos & 7)) & 3;
        bitPos += 2;
        if (symbol + flag > maxSymbol + 1) return Z_FSE;
        for (let k: u32 = 0; k < flag; k++) {
          store<i16>(NORM + ((<usize>symbol) << 1), 0);
          symbol++;
        }
        if (flag !== 3) break;
      }
    }
    while (remaining < threshold) {
      nbBits--;
      threshold >>= 1;
    }
  }
  const used = (bitPos + 7) >> 3;
  if (<usize>used > avail) return Z_TRUNCATED;
  ncLog = log;
  ncSymbols = symbol;
  return <i32>used;
}

/**
 * Builds the decoding table of `symbols` normalized counts (i16 at `norm`, -1 meaning "less than one") with
 * accuracy `log` into `table`, resolving symbols by `kind`. Returns 0 or Z_FSE.
 */
export function buildTable(norm: usize, symbols: u32, log: u32, table: usize, kind: u32): i32 {
  const size: u32 = 1 << log;
  const mask = size - 1;
  let high = size - 1;
  // Symbols of probability "less than one" take the last states, one each.
  for (let s: u32 = 0; s < symbols; s++) {
    const count = <i32>load<i16>(norm + ((<usize>s) << 1));
    if (count === -1) {
      store<u32>(table + ((<usize>high) << 3), s, 4);
      high--;
      store<u16>(NEXT + ((<usize>s) << 1), 1);
    } else {
      store<u16>(NEXT + ((<usize>s) << 1), <u16>count);
    }
  }
  // The others are spread with a fixed step that skips the states taken above.
  const step = (size >> 1) + (size >> 3) + 3;
  let pos: u32 = 0;
  for (let s: u32 = 0; s < symbols; s++) {
    const count = <i32>load<i16>(norm + ((<usize>s) << 1));
    for (let i = 0; i < count; i++) {
      store<u32>(table + ((<usize>pos) << 3), s, 4);
      do {
        pos = (pos + step) & mask;
      } while (pos > high);
    }
  }
  if (pos !== 0) return Z_FSE;
  for (let u: u32 = 0; u < size; u++) {
    const entry = table + ((<usize>u) << 3);
    const s = load<u32>(entry, 4);
    const counter = NEXT + ((<usize>s) << 1);
    const next = <u32>load<u16>(counter);
    store<u16>(counter, <u16>(next + 1));
    const bits = log - (31 - clz<u32>(next));
    store<u16>(entry, <u16>((next << bits) - size));
    store<u8>(entry, <u8>bits, 2);
    resolve(entry, s, kind);
  }
  return 0;
}

/** Builds the one-state table of an RLE_Mode symbol (no state bits). Returns 0 or Z_FSE past `maxSymbol`. */
export function buildRleTable(symbol: u32, maxSymbol: u32, table: usize, kind: u32): i32 {
  if (symbol > maxSymbol) return Z_FSE;
  store<u16>(table, 0);
  store<u8>(table, 0, 2);
  resolve(table, symbol, kind);
  return 0;
}

/** Writes the extra bits and baseline of `symbol` into `entry`. */
function resolve(entry: usize, symbol: u32, kind: u32): void {
  let base = symbol;
  let extra: u32 = 0;
  if (kind === KIND_LITERAL_LENGTH) {
    base = load<u32>(LL_BASE + ((<usize>symbol) << 2));
    extra = load<u8>(LL_BITS + <usize>symbol);
  } else if (kind === KIND_MATCH_LENGTH) {
    base = load<u32>(ML_BASE + ((<usize>symbol) << 2));
    extra = load<u8>(ML_BITS + <usize>symbol);
  } else if (kind === KIND_OFFSET) {
    // Offset_Value = (1 << code) + code extra bits (3.1.1.3.2.1.1).
    base = (<u32>1) << symbol;
    extra = symbol;
  }
  store<u8>(entry, <u8>extra, 3);
  store<u32>(entry, base, 4);
}

let predefinedBuilt = false;

/** Builds the three predefined tables once per instance. */
export function buildPredefined(llTable: usize, ofTable: usize, mlTable: usize): void {
  if (predefinedBuilt) return;
  buildTable(LL_DEFAULT, 36, 6, llTable, KIND_LITERAL_LENGTH);
  buildTable(OF_DEFAULT, 29, 5, ofTable, KIND_OFFSET);
  buildTable(ML_DEFAULT, 53, 6, mlTable, KIND_MATCH_LENGTH);
  predefinedBuilt = true;
}
