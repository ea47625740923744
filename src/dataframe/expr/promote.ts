// Type rules of the evaluator, following DuckDB's implicit casts: the result type of arithmetic and the common
// type of comparisons and COALESCE.
import type { DataType, IntKind } from '../../columnar/types.js';

const INT_WIDTH: Record<IntKind, number> = {
  int8: 8,
  int16: 16,
  int32: 32,
  int64: 64,
  uint8: 8,
  uint16: 16,
  uint32: 32,
  uint64: 64,
};

/** True for the integer kinds. */
export function isInteger(type: DataType): type is { kind: IntKind } {
  return type.kind in INT_WIDTH;
}

/** True for integers, floats and decimals. */
export function isNumeric(type: DataType): boolean {
  return isInteger(type) || isFloat(type) || type.kind === 'decimal';
}

/** True for the float kinds. */
export function isFloat(type: DataType): boolean {
  return type.kind === 'float16' || type.kind === 'float32' || type.kind === 'float64';
}

/** True for utf8 and large_utf8. */
export function isString(type: DataType): boolean {
  return type.kind === 'utf8' || type.kind === 'large_utf8';
}

/** True for dates, times of day and timestamps. */
export function isTemporal(type: DataType): boolean {
  return type.kind === 'date32' || type.kind === 'date64' || type.kind === 'timestamp';
}

/** Bits and signedness of an integer kind. */
export function intInfo(kind: IntKind): { bits: number; signed: boolean } {
  return { bits: INT_WIDTH[kind], signed: !kind.startsWith('u') };
}

/** The range [min, max] of an integer kind, as numbers (exact below 2^53) and bigints. */
export function intRange(kind: IntKind): { min: bigint; max: bigint } {
  const { bits, signed } = intInfo(kind);
  return signed
    ? { min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n }
    : { min: 0n, max: (1n << BigInt(bits)) - 1n };
}

/**
 * The common integer type of two integer kinds: the wider of two alike, a signed type wide enough for both when
 * signedness differs (uint32 with int32 -> int64). DuckDB widens uint64 with a signed type to HUGEINT (128-bit),
 * which partitions lack: that mix gives float64 here.
 */
export function integerSupertype(a: IntKind, b: IntKind): DataType {
  const x = intInfo(a);
  const y = intInfo(b);
  if (x.signed === y.signed) return { kind: x.bits >= y.bits ? a : b };
  const [signed, unsigned] = x.signed ? [x, y] : [y, x];
  if (signed.bits > unsigned.bits) return { kind: `int${signed.bits}` as IntKind };
  if (unsigned.bits === 64) return { kind: 'float64' };
  return { kind: `int${unsigned.bits * 2}` as IntKind };
}

/**
 * The result type of +, -, *, % (and the common numeric type): float64 if either side is float64 or decimal
 * (DuckDB keeps DECIMAL: decimals compute in float64 here), float32 if either is float32/float16, else the
 * integer supertype. Undefined when a side is not numeric.
 */
export function numericSupertype(a: DataType, b: DataType): DataType | undefined {
  if (!isNumeric(a) || !isNumeric(b)) return undefined;
  if (a.kind === 'float64' || b.kind === 'float64' || a.kind === 'decimal' || b.kind === 'decimal') {
    return { kind: 'float64' };
  }
  if (isFloat(a) || isFloat(b)) return { kind: 'float32' };
  return integerSupertype((a as { kind: IntKind }).kind, (b as { kind: IntKind }).kind);
}

/** True when `value` (an integer) fits integer kind `kind`. */
export function fitsInteger(value: number | bigint, kind: IntKind): boolean {
  const { min, max } = intRange(kind);
  const v = BigInt(value);
  return v >= min && v <= max;
}

/** The type an untyped JS number literal takes next to a column of `hint` (DuckDB binds integer literals to the
 *  other side's integer type when they fit). */
export function numberLiteralType(value: number, hint?: DataType): DataType {
  if (!Number.isInteger(value)) return { kind: 'float64' };
  if (hint && isInteger(hint) && fitsInteger(value, hint.kind)) return hint;
  if (hint && isFloat(hint)) return hint;
  if (fitsInteger(value, 'int32')) return { kind: 'int32' };
  return Number.isSafeInteger(value) ? { kind: 'int64' } : { kind: 'float64' };
}
