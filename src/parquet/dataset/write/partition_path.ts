// Hive directory names for partition values, written the way DuckDB's `COPY ... (PARTITION_BY ...)` and pyarrow's
// hive partitioning write them, so either reads our datasets back (checked against DuckDB 1.x):
// - integers and decimals as their decimal text, booleans as true/false, strings as they are;
// - dates as YYYY-MM-DD; timestamps as `YYYY-MM-DD HH:MM:SS[.fraction]` (trailing zeros of the fraction dropped),
//   with `+00` appended when the timestamp has a time zone (the instant is UTC);
// - every segment URL-escaped (encodeURIComponent: '/', '=', ' ', ':', '%', non-ASCII ... become %XX), as DuckDB does;
// - null as `__HIVE_DEFAULT_PARTITION__`.
// Hive readers infer types back from the text (see ../hive.ts): integer keys come back as int64, dates as date32,
// everything else as a string.
import type { DataType } from '../../../columnar/types.js';
import type { Value } from '../../../columnar/values.js';
import { ParquetError } from '../../errors.js';
import { HIVE_NULL } from '../hive.js';

/** Kinds a dataset can be partitioned on. */
const PARTITIONABLE = new Set([
  'bool',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float32',
  'float64',
  'utf8',
  'large_utf8',
  'date32',
  'date64',
  'timestamp',
  'decimal',
]);

/** Throws unless a column of `type` can be a partition key (dictionary columns count as their value type). */
export function checkPartitionType(name: string, type: DataType): void {
  const value = type.kind === 'dictionary' ? type.value : type;
  if (!PARTITIONABLE.has(value.kind)) {
    throw new ParquetError('BAD_ARGUMENT', `cannot partition on column ${name} of type ${value.kind}`, {
      column: name,
    });
  }
}

/** The directory name `key=value` for `value` (a value of a column of `type`, see valueAt); both sides escaped. */
export function hiveSegment(key: string, type: DataType, value: Value): string {
  const text = partitionText(type, value);
  return `${encodeURIComponent(key)}=${text === null ? HIVE_NULL : encodeURIComponent(text)}`;
}

/** The unescaped text of `value` (as valueAt returns it for a column of `type`), or null. */
export function partitionText(type: DataType, value: Value): string | null {
  if (value === null) return null;
  if (type.kind === 'dictionary') return partitionText(type.value, value);
  switch (type.kind) {
    case 'bool':
      return value ? 'true' : 'false';
    case 'float32':
    case 'float64':
      return formatFloat(value as number);
    case 'date32':
      return formatDate(Number(value) * 86_400_000);
    case 'date64':
      return formatDate(Number(value));
    case 'timestamp':
      return formatTimestamp(BigInt(value as number | bigint), type.unit, type.timezone !== undefined);
    case 'decimal':
      return formatDecimal(value as bigint, type.scale);
    default:
      return String(value);
  }
}

/** Doubles as DuckDB prints them: shortest round-trip digits, whole numbers with ".0" (1.0, not 1). */
function formatFloat(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  return String(x);
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const UNITS_PER_SECOND = { s: 1n, ms: 1_000n, us: 1_000_000n, ns: 1_000_000_000n } as const;
const FRACTION_DIGITS = { s: 0, ms: 3, us: 6, ns: 9 } as const;

function formatTimestamp(value: bigint, unit: keyof typeof UNITS_PER_SECOND, utc: boolean): string {
  const perSecond = UNITS_PER_SECOND[unit];
  let seconds = value / perSecond;
  let fraction = value % perSecond;
  if (fraction < 0n) {
    fraction += perSecond;
    seconds -= 1n;
  }
  const iso = new Date(Number(seconds) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  const digits = fraction.toString().padStart(FRACTION_DIGITS[unit], '0').replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${digits ? `.${digits}` : ''}${utc ? '+00' : ''}`;
}

function formatDecimal(value: bigint, scale: number): string {
  if (scale <= 0) return (value * 10n ** BigInt(-scale)).toString();
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
