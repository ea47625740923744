// Type names as strings ('float64', 'DOUBLE', 'decimal(10,2)', 'timestamp[us, UTC]') -> DataType, so that a user
// can write col('d').cast('float64') instead of a JSON descriptor. Names are Arrow's kinds plus DuckDB's SQL names.
import type { DataType, TimeUnit } from './types.js';

const SIMPLE: Record<string, DataType> = {};
function alias(type: DataType, ...names: string[]): void {
  for (const n of [type.kind, ...names]) SIMPLE[n] = type;
}
alias({ kind: 'null' });
alias({ kind: 'bool' }, 'boolean');
alias({ kind: 'int8' }, 'tinyint');
alias({ kind: 'int16' }, 'smallint');
alias({ kind: 'int32' }, 'integer', 'int');
alias({ kind: 'int64' }, 'bigint', 'long');
alias({ kind: 'uint8' }, 'utinyint');
alias({ kind: 'uint16' }, 'usmallint');
alias({ kind: 'uint32' }, 'uinteger');
alias({ kind: 'uint64' }, 'ubigint');
alias({ kind: 'float16' }, 'halffloat');
alias({ kind: 'float32' }, 'float', 'real');
alias({ kind: 'float64' }, 'double');
alias({ kind: 'utf8' }, 'string', 'varchar', 'text');
alias({ kind: 'large_utf8' }, 'large_string');
alias({ kind: 'binary' }, 'blob', 'bytes');
alias({ kind: 'large_binary' });
alias({ kind: 'date32' }, 'date');
alias({ kind: 'date64' });
alias({ kind: 'timestamp', unit: 'us' }, 'datetime');
alias({ kind: 'timestamp', unit: 'us', timezone: 'UTC' }, 'timestamptz', 'timestamp with time zone');

const UNITS = new Set<TimeUnit>(['s', 'ms', 'us', 'ns']);

/** The names {@link parseTypeName} accepts without parameters. */
export const TYPE_NAMES: readonly string[] = Object.keys(SIMPLE);

/**
 * The DataType a type name stands for (case-insensitive): Arrow kinds ('float64', 'utf8', 'date32'), SQL names
 * ('DOUBLE', 'VARCHAR', 'BIGINT'), 'decimal(p, s)', 'timestamp[unit]' or 'timestamp[unit, tz]', 'time[unit]',
 * 'duration[unit]'. Throws a TypeError naming the accepted forms for anything else.
 */
export function parseTypeName(name: string): DataType {
  const text = name.trim().toLowerCase().replace(/\s+/g, ' ');
  const simple = SIMPLE[text];
  if (simple) return simple;
  const decimal = /^(?:decimal|numeric)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(text);
  if (decimal) {
    const precision = Number(decimal[1]);
    const scale = Number(decimal[2] ?? 0);
    if (precision < 1 || precision > 76 || scale > precision) {
      throw new TypeError(`type ${JSON.stringify(name)}: decimal precision must be 1..76 and scale <= precision`);
    }
    return { kind: 'decimal', precision, scale, bitWidth: precision > 38 ? 256 : 128 };
  }
  const unitType = /^(timestamp|time|duration)\s*\[\s*(s|ms|us|ns)\s*(?:,\s*([^\]]+?)\s*)?\]$/.exec(text);
  if (unitType && UNITS.has(unitType[2] as TimeUnit)) {
    const unit = unitType[2] as TimeUnit;
    const kind = unitType[1] as 'timestamp' | 'time' | 'duration';
    if (kind === 'timestamp') {
      // keep the timezone's spelling ('UTC', 'Europe/Paris') from the original text
      const tz = /,\s*([^\]]+?)\s*\]$/.exec(name)?.[1];
      return tz ? { kind, unit, timezone: tz } : { kind, unit };
    }
    if (!unitType[3]) return { kind, unit };
  }
  throw new TypeError(
    `unknown type name ${JSON.stringify(name)}: use one of ${TYPE_NAMES.join(', ')}, decimal(p, s), ` +
      'timestamp[s|ms|us|ns] or timestamp[unit, timezone], time[unit], duration[unit], or a DataType object',
  );
}

/** A DataType, or the type a name stands for (see parseTypeName). */
export function toDataType(type: DataType | string): DataType {
  if (typeof type === 'string') return parseTypeName(type);
  if (type === null || typeof type !== 'object' || typeof (type as { kind?: unknown }).kind !== 'string') {
    throw new TypeError(`expected a type name or a DataType object ({ kind: ... }), got ${String(type)}`);
  }
  return type;
}
