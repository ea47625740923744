/**
 * Types of NDJSON input, inferred from a sample of parsed values: objects become structs (fields in order of first
 * appearance, merged across rows), arrays become lists (of their elements' merged type), integers BIGINT, other
 * numbers DOUBLE (mixed integers and non-integers: DOUBLE), strings VARCHAR, booleans BOOLEAN. Values whose kinds
 * conflict (a string here, an object there) are kept as their JSON text in a VARCHAR column, as DuckDB's read_json
 * keeps them as JSON. A field that is null in every sampled row is VARCHAR.
 */
import { Bool, type DataType, Field, Float64, Int64, List, Struct, Utf8 } from 'apache-arrow';
import { InputError } from './input_error.js';

/** A parsed JSON value; integers outside the safe range may be bigint (see json_text.ts). */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/** The inferred type of a JSON value. */
export type JsonType =
  | { readonly kind: 'null' | 'boolean' | 'bigint' | 'double' | 'string' | 'json' }
  | { readonly kind: 'list'; readonly element: JsonType }
  | { readonly kind: 'struct'; readonly fields: ReadonlyMap<string, JsonType> };

const NULL: JsonType = { kind: 'null' };
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInt64(value: JsonValue): boolean {
  if (typeof value === 'bigint') return value >= INT64_MIN && value <= INT64_MAX;
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** The type of one value. */
export function typeOfJson(value: JsonValue): JsonType {
  if (value === null) return NULL;
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (typeof value === 'string') return { kind: 'string' };
  if (typeof value === 'number' || typeof value === 'bigint') return { kind: isInt64(value) ? 'bigint' : 'double' };
  if (Array.isArray(value))
    return { kind: 'list', element: value.reduce<JsonType>((t, v) => mergeJsonTypes(t, typeOfJson(v)), NULL) };
  const fields = new Map<string, JsonType>();
  for (const [key, v] of Object.entries(value)) fields.set(key, mergeJsonTypes(fields.get(key) ?? NULL, typeOfJson(v)));
  return { kind: 'struct', fields };
}

/** The narrowest type both `a` and `b` values fit. */
export function mergeJsonTypes(a: JsonType, b: JsonType): JsonType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', element: mergeJsonTypes(a.element, b.element) };
  if (a.kind === 'struct' && b.kind === 'struct') {
    const fields = new Map(a.fields);
    for (const [key, type] of b.fields) fields.set(key, mergeJsonTypes(fields.get(key) ?? NULL, type));
    return { kind: 'struct', fields };
  }
  if (a.kind === b.kind) return a;
  if ((a.kind === 'bigint' && b.kind === 'double') || (a.kind === 'double' && b.kind === 'bigint')) {
    return { kind: 'double' };
  }
  return { kind: 'json' };
}

/** Whether values of `type` are written as text: null-only, conflicting, and empty-object types. */
function isText(type: JsonType): boolean {
  return type.kind === 'null' || type.kind === 'json' || (type.kind === 'struct' && type.fields.size === 0);
}

/** The Arrow type values of `type` are read into. */
export function arrowTypeOfJson(type: JsonType): DataType {
  if (isText(type)) return new Utf8();
  switch (type.kind) {
    case 'boolean':
      return new Bool();
    case 'bigint':
      return new Int64();
    case 'double':
      return new Float64();
    case 'list':
      return new List(new Field('item', arrowTypeOfJson(type.element), true));
    case 'struct':
      return new Struct(arrowFieldsOfJson(type));
    default:
      return new Utf8();
  }
}

/** Arrow fields of a struct type (all nullable: a missing key is a null). */
export function arrowFieldsOfJson(type: JsonType & { kind: 'struct' }): Field[] {
  return [...type.fields].map(([name, t]) => new Field(name, arrowTypeOfJson(t), true));
}

/** The SQL-like name of a type, for messages. */
function typeName(type: JsonType): string {
  if (isText(type)) return 'VARCHAR';
  const names: Record<string, string> = { boolean: 'BOOLEAN', bigint: 'BIGINT', double: 'DOUBLE', string: 'VARCHAR' };
  return names[type.kind] ?? type.kind.toUpperCase();
}

/** JSON text of a value (bigints as their digits). */
export function jsonText(value: JsonValue): string {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.entries(value)
      .map(([key, v]) => `${JSON.stringify(key)}:${jsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What is wrong with a value: its JSON text, shortened. */
function describe(value: JsonValue): string {
  const text = jsonText(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Context of the value being converted, for errors. */
export interface JsonLocation {
  readonly line: number;
  /** What the type was inferred from, e.g. "the first 20480 lines". */
  readonly inferredFrom: string;
}

/**
 * Converts `value` to what an apache-arrow builder of `arrowTypeOfJson(type)` takes (bigint for Int64, JSON text
 * for text types, plain objects and arrays for structs and lists). A value that does not fit is an InputError
 * naming the line and the dotted path.
 */
export function toBuilderValue(value: JsonValue | undefined, type: JsonType, path: string, at: JsonLocation): unknown {
  if (value === null || value === undefined) return null;
  if (isText(type)) return typeof value === 'string' ? value : jsonText(value);
  const mismatch = (): InputError =>
    new InputError(`${describe(value)} is not a ${typeName(type)}, the type inferred for it from ${at.inferredFrom}`, {
      line: at.line,
      column: path,
    });
  switch (type.kind) {
    case 'boolean':
    case 'string':
      if (typeof value !== type.kind) throw mismatch();
      return value;
    case 'bigint':
      if (!isInt64(value)) throw mismatch();
      return BigInt(value as number | bigint);
    case 'double':
      if (typeof value !== 'number' && typeof value !== 'bigint') throw mismatch();
      return Number(value);
    case 'list':
      if (!Array.isArray(value)) throw mismatch();
      return value.map((v, k) => toBuilderValue(v, type.element, `${path}[${k}]`, at));
    case 'struct': {
      if (!isObject(value)) throw mismatch();
      const out: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(value)) {
        const fieldType = type.fields.get(key);
        if (fieldType === undefined) {
          throw new InputError(`field ${JSON.stringify(key)} is not in the schema inferred from ${at.inferredFrom}`, {
            line: at.line,
            column: path === '' ? key : `${path}.${key}`,
          });
        }
        out[key] = toBuilderValue(value[key], fieldType, path === '' ? key : `${path}.${key}`, at);
      }
      return out;
    }
    default:
      throw mismatch();
  }
}
