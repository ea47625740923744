// Hive partitioning: `key=value` directory names between the dataset root and a file become typed columns.
// Types follow DuckDB's `hive_partitioning=true` (hive_types_autocast), checked against DuckDB 1.x:
// - a key whose every non-null value is a canonical decimal integer (no leading zeros or '+', within int64) is
//   BIGINT (Arrow Int64); "01" is not canonical, so month=01 stays a string, as in DuckDB;
// - a key whose every non-null value is a valid YYYY-MM-DD date is DATE (Arrow Date32, days);
// - anything else (including decimals like 1.5) is VARCHAR (Arrow Utf8).
// Values are URL-decoded (%2F -> '/'), `__HIVE_DEFAULT_PARTITION__` is null. When a file also holds a column of a
// partition key's name, the partition value wins (DuckDB does the same; the file's column is not read).
import * as arrow from 'apache-arrow';
import { ParquetError } from '../errors.js';
import { nullData } from './conform_batch.js';
import type { PartitionKind, PartitionValue } from './filter.js';

/** The null marker Hive, Spark and DuckDB write for a null partition value. */
export const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

/** Raw (decoded, untyped) partition values of one file, in path order. */
export type RawPartition = ReadonlyArray<readonly [key: string, value: string | null]>;

/** The `key=value` segments of `relativeDirs` (directory names from the root to the file), decoded. */
export function parseHivePath(relativeDirs: readonly string[], file: string): RawPartition {
  const out: [string, string | null][] = [];
  for (const segment of relativeDirs) {
    const eq = segment.indexOf('=');
    if (eq <= 0) continue;
    const key = decode(segment.slice(0, eq), file);
    const raw = segment.slice(eq + 1);
    const value = raw === HIVE_NULL ? null : decode(raw, file);
    if (out.some(([k]) => k === key)) {
      throw new ParquetError('BAD_ARGUMENT', `partition key ${key} appears twice in the path`, { file });
    }
    out.push([key, value]);
  }
  return out;
}

function decode(text: string, file: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ParquetError('BAD_ARGUMENT', `malformed URL escape in partition segment ${JSON.stringify(text)}`, {
      file,
    });
  }
}

/** A partition key and its inferred column. */
export interface PartitionColumn {
  readonly name: string;
  readonly kind: PartitionKind;
  readonly field: arrow.Field;
}

/** The partition columns of a set of files, typed across all their values (keys in order of first appearance). */
export function inferPartitionColumns(
  partitions: readonly RawPartition[],
  files: readonly string[],
): PartitionColumn[] {
  const values = new Map<string, (string | null)[]>();
  partitions.forEach((partition, i) => {
    const keys = partition.map(([k]) => k).join('/');
    const first = partitions[0]!.map(([k]) => k).join('/');
    if (keys !== first) {
      throw new ParquetError(
        'BAD_ARGUMENT',
        `hive partition keys differ: ${JSON.stringify(first)} in ${files[0]} vs ${JSON.stringify(keys)}`,
        { file: files[i] },
      );
    }
    for (const [key, value] of partition) {
      if (!values.has(key)) values.set(key, []);
      values.get(key)!.push(value);
    }
  });
  return [...values].map(([name, list]) => {
    const present = list.filter((v): v is string => v !== null);
    const kind: PartitionKind =
      present.length > 0 && present.every(isCanonicalInt64)
        ? 'int64'
        : present.length > 0 && present.every(isIsoDate)
          ? 'date'
          : 'string';
    const type = kind === 'int64' ? new arrow.Int64() : kind === 'date' ? new arrow.DateDay() : new arrow.Utf8();
    return { name, kind, field: new arrow.Field(name, type, true) };
  });
}

const INT64_MAX = 2n ** 63n - 1n;

function isCanonicalInt64(text: string): boolean {
  if (!/^(0|-?[1-9]\d*)$/.test(text)) return false;
  const n = BigInt(text);
  return n <= INT64_MAX && n >= -INT64_MAX - 1n;
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]);
}

/** A raw value in its column's type: bigint for Int64, bigint days since the epoch for dates, else the string. */
export function typedPartitionValue(raw: string | null, kind: PartitionKind): PartitionValue {
  if (raw === null) return null;
  if (kind === 'int64') return BigInt(raw);
  if (kind === 'date') return BigInt(Date.parse(`${raw}T00:00:00Z`) / 86_400_000);
  return raw;
}

/** A column of `length` copies of `value`, in the type of `column`. */
export function constantPartitionData(column: PartitionColumn, value: PartitionValue, length: number): arrow.Data {
  const type = column.field.type;
  if (value === null) return nullData(type, length);
  if (column.kind === 'int64') {
    return arrow.makeData({ type: type as arrow.Int64, length, data: new BigInt64Array(length).fill(value as bigint) });
  }
  if (column.kind === 'date') {
    return arrow.makeData({ type: type as arrow.DateDay, length, data: new Int32Array(length).fill(Number(value)) });
  }
  const bytes = new TextEncoder().encode(value as string);
  const data = new Uint8Array(bytes.length * length);
  const offsets = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) {
    data.set(bytes, i * bytes.length);
    offsets[i + 1] = (i + 1) * bytes.length;
  }
  return arrow.makeData({ type: type as arrow.Utf8, length, valueOffsets: offsets, data });
}
