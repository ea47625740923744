// Arrow integer-backed values (integers, dates, times, timestamps, durations) to INT32 / INT64 / INT96 columns:
// unit changes (LogicalTypes.md TIME / TIMESTAMP units; seconds are written as milliseconds, as pyarrow does),
// Date64 milliseconds to DATE days, and range checks against the column's integer type.
import * as arrow from 'apache-arrow';
import { ParquetError } from '../../errors.js';
import { Type } from '../../metadata/enums.js';
import type { LogicalType, TimeUnit } from '../../metadata/types.js';
import type { PhysicalValues } from '../leaf_data.js';
import type { WriteLeaf } from '../schema/write_schema.js';
import type { ValueFailure } from './decimal.js';
import { gatherNumeric, type NumericArray, type Positions } from './gather.js';

/** How a source value becomes the stored value: times 10^exponent (exponent < 0 must divide exactly), or a floor
 *  division (Date64 milliseconds to days). */
interface Rescale {
  readonly exponent: number;
  readonly floorDivisor?: bigint;
}

const UNIT_DIGITS: Record<TimeUnit, number> = { MILLIS: 3, MICROS: 6, NANOS: 9 };
const MS_PER_DAY = 86_400_000n;
const NS_PER_DAY = 86_400_000_000_000n;
const JULIAN_DAY_OF_EPOCH = 2_440_588n;

/** True if `type` is one of the Arrow types this module converts. */
export function isIntegerBacked(type: arrow.DataType): boolean {
  switch (type.typeId) {
    case arrow.Type.Int:
    case arrow.Type.Date:
    case arrow.Type.Time:
    case arrow.Type.Timestamp:
    case arrow.Type.Duration:
      return true;
    default:
      return false;
  }
}

/** The values at `positions` of integer-backed Arrow data, as the leaf's INT32, INT64 or INT96 values. */
export function integersToPhysical(
  data: arrow.Data,
  positions: Positions,
  leaf: WriteLeaf,
  fail: ValueFailure,
): PhysicalValues {
  const type = data.type as arrow.DataType;
  const count = data.length;
  const source = data.values as NumericArray;
  const rescale = rescaleFor(type, leaf);
  if (leaf.physicalType === Type.INT96) return int96(gatherNumeric(source, positions, count), rescale, fail);
  const is64 = leaf.physicalType === Type.INT64;
  const [min, max] = targetRange(leaf.logicalType, is64);
  const gathered = gatherNumeric(source, positions, count);
  if (rescale.exponent === 0 && rescale.floorDivisor === undefined) {
    const fast = withoutChecks(gathered, is64, min, max);
    if (fast) return fast;
  }
  if (gathered instanceof BigInt64Array || gathered instanceof BigUint64Array) {
    return fromBigInts(gathered, rescale, is64, min, max, fail);
  }
  return fromNumbers(gathered as Exclude<NumericArray, BigInt64Array | BigUint64Array>, rescale, is64, min, max, fail);
}

/** The unit change from an Arrow temporal type to the leaf's logical type; plain integers are written as they are. */
function rescaleFor(type: arrow.DataType, leaf: WriteLeaf): Rescale {
  const logical = leaf.logicalType;
  const mismatch = (): never => {
    throw new ParquetError('BAD_ARGUMENT', `Arrow ${type} cannot be written to a ${describe(leaf)} column`, {
      column: leaf.name,
    });
  };
  if (leaf.physicalType === Type.INT96) {
    if (type.typeId !== arrow.Type.Timestamp) mismatch();
    return { exponent: 9 - arrowUnitDigits((type as arrow.Timestamp).unit) };
  }
  switch (type.typeId) {
    case arrow.Type.Timestamp:
      if (logical?.type === 'TIMESTAMP') {
        return { exponent: UNIT_DIGITS[logical.unit] - arrowUnitDigits((type as arrow.Timestamp).unit) };
      }
      return logical && logical.type !== 'INTEGER' ? mismatch() : { exponent: 0 };
    case arrow.Type.Time:
      if (logical?.type === 'TIME') {
        return { exponent: UNIT_DIGITS[logical.unit] - arrowUnitDigits((type as arrow.Time).unit) };
      }
      return logical && logical.type !== 'INTEGER' ? mismatch() : { exponent: 0 };
    case arrow.Type.Date:
      if (logical?.type === 'DATE') {
        const millis = (type as arrow.Date_).unit === arrow.DateUnit.MILLISECOND;
        return millis ? { exponent: 0, floorDivisor: MS_PER_DAY } : { exponent: 0 };
      }
      return logical && logical.type !== 'INTEGER' ? mismatch() : { exponent: 0 };
    case arrow.Type.Duration:
      return logical && logical.type !== 'INTEGER' ? mismatch() : { exponent: 0 };
    default:
      return logical?.type === 'DECIMAL' ? mismatch() : { exponent: 0 };
  }
}

function arrowUnitDigits(unit: arrow.TimeUnit): number {
  return unit === arrow.TimeUnit.SECOND
    ? 0
    : unit === arrow.TimeUnit.MILLISECOND
      ? 3
      : unit === arrow.TimeUnit.MICROSECOND
        ? 6
        : 9;
}

/** Inclusive range of stored values: the INTEGER logical type's, else the physical type's. */
function targetRange(logical: LogicalType | undefined, is64: boolean): [bigint, bigint] {
  if (logical?.type === 'INTEGER') {
    const bits = BigInt(logical.bitWidth);
    return logical.isSigned ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
  }
  return is64 ? [-(1n << 63n), (1n << 63n) - 1n] : [-(1n << 31n), (1n << 31n) - 1n];
}

const SOURCE_RANGES = new Map<unknown, [bigint, bigint]>([
  [Int8Array, [-128n, 127n]],
  [Uint8Array, [0n, 255n]],
  [Int16Array, [-32768n, 32767n]],
  [Uint16Array, [0n, 65535n]],
  [Int32Array, [-(1n << 31n), (1n << 31n) - 1n]],
  [Uint32Array, [0n, (1n << 32n) - 1n]],
  [BigInt64Array, [-(1n << 63n), (1n << 63n) - 1n]],
  [BigUint64Array, [0n, (1n << 64n) - 1n]],
]);

/** When every value of the source type fits the target range, the values need no look: widen or reinterpret. */
function withoutChecks(values: NumericArray, is64: boolean, min: bigint, max: bigint): PhysicalValues | undefined {
  const range = SOURCE_RANGES.get(values.constructor);
  if (!range || range[0] < min || range[1] > max) return undefined;
  if (is64) {
    if (values instanceof BigInt64Array) return { kind: 'int64', data: values };
    if (values instanceof BigUint64Array) {
      return { kind: 'int64', data: new BigInt64Array(values.buffer, values.byteOffset, values.length) };
    }
    const out = new BigInt64Array(values.length);
    for (let k = 0; k < values.length; k++) out[k] = BigInt(values[k] as number);
    return { kind: 'int64', data: out };
  }
  if (values instanceof Int32Array) return { kind: 'int32', data: values };
  if (values instanceof Uint32Array) {
    return { kind: 'int32', data: new Int32Array(values.buffer, values.byteOffset, values.length) };
  }
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) return undefined;
  return { kind: 'int32', data: Int32Array.from(values as Int16Array) };
}

function fromNumbers(
  values: Exclude<NumericArray, BigInt64Array | BigUint64Array>,
  rescale: Rescale,
  is64: boolean,
  minB: bigint,
  maxB: bigint,
  fail: ValueFailure,
): PhysicalValues {
  // 32-bit sources: exact in doubles, even times 10^9 (below 2^63 only approximately: checked against the range).
  const factor = 10 ** Math.max(rescale.exponent, 0);
  const divisor = 10 ** Math.max(-rescale.exponent, 0);
  const floorDivisor = rescale.floorDivisor === undefined ? 1 : Number(rescale.floorDivisor);
  const min = Number(minB);
  const max = Number(maxB);
  const n = values.length;
  const out32 = is64 ? undefined : new Int32Array(n);
  const out64 = is64 ? new BigInt64Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    let v = values[k]! * factor;
    if (divisor !== 1) {
      if (v % divisor !== 0) fail(k, `value ${values[k]} would lose precision in the column's time unit`);
      v /= divisor;
    }
    if (floorDivisor !== 1) v = Math.floor(v / floorDivisor);
    if (v < min || v > max) fail(k, `value ${values[k]} is out of range for the column`);
    if (out32) out32[k] = v;
    else out64![k] = BigInt(v);
  }
  return out32 ? { kind: 'int32', data: out32 } : { kind: 'int64', data: out64! };
}

function fromBigInts(
  values: BigInt64Array | BigUint64Array,
  rescale: Rescale,
  is64: boolean,
  min: bigint,
  max: bigint,
  fail: ValueFailure,
): PhysicalValues {
  const factor = 10n ** BigInt(Math.max(rescale.exponent, 0));
  const divisor = 10n ** BigInt(Math.max(-rescale.exponent, 0));
  const floorDivisor = rescale.floorDivisor;
  const n = values.length;
  const out32 = is64 ? undefined : new Int32Array(n);
  const out64 = is64 ? new BigInt64Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    let v = values[k]! * factor;
    if (divisor !== 1n) {
      if (v % divisor !== 0n) fail(k, `value ${values[k]} would lose precision in the column's time unit`);
      v /= divisor;
    }
    if (floorDivisor !== undefined) v = floorDiv(v, floorDivisor);
    if (v < min || v > max) fail(k, `value ${values[k]} is out of range for the column`);
    if (out32) out32[k] = Number(v);
    else out64![k] = v; // wraps unsigned 64-bit values to their two's complement bits
  }
  return out32 ? { kind: 'int32', data: out32 } : { kind: 'int64', data: out64! };
}

/** INT96 timestamps (the legacy Impala layout): nanoseconds of the day (8 bytes LE), then the Julian day (4 bytes). */
function int96(values: NumericArray, rescale: Rescale, fail: ValueFailure): PhysicalValues {
  const n = values.length;
  const out = new Uint8Array(n * 12);
  const view = new DataView(out.buffer);
  const factor = 10n ** BigInt(rescale.exponent);
  for (let k = 0; k < n; k++) {
    const nanos = BigInt(values[k]!) * factor;
    const day = floorDiv(nanos, NS_PER_DAY);
    const julian = day + JULIAN_DAY_OF_EPOCH;
    if (julian < 0n || julian > 0x7fffffffn) fail(k, `timestamp ${values[k]} is out of range for INT96`);
    view.setBigInt64(k * 12, nanos - day * NS_PER_DAY, true);
    view.setInt32(k * 12 + 8, Number(julian), true);
  }
  return { kind: 'int96', data: out };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function describe(leaf: WriteLeaf): string {
  const physical = Object.entries(Type).find(([, v]) => v === leaf.physicalType)?.[0] ?? String(leaf.physicalType);
  return leaf.logicalType ? `${physical} ${leaf.logicalType.type}` : physical;
}
