/**
 * JSON text for values read through apache-arrow's generic getters, for the Arrow types the Parquet reader does not
 * produce (intervals, unions, views, ...). The column formatters handle every type the reader produces directly.
 */
import { formatBase64 } from './binary_text.js';
import { formatFloat64, jsonFloat } from './float_text.js';

/** JSON text of whatever `Vector.get` returned: bigints exactly, bytes as base64, rows and vectors recursively. */
export function jsonOfUnknownValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return jsonFloat(formatFloat64(value));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return JSON.stringify(String(value));
  }
  if (value instanceof Uint8Array) return `"${formatBase64(value)}"`;
  if (ArrayBuffer.isView(value)) {
    return `[${Array.from(value as unknown as ArrayLike<number | bigint>, jsonOfUnknownValue).join(',')}]`;
  }
  if (Array.isArray(value)) return `[${value.map(jsonOfUnknownValue).join(',')}]`;
  const iterable = value as { toArray?: () => unknown; toJSON?: () => unknown };
  if (typeof iterable.toJSON === 'function') {
    const plain = iterable.toJSON();
    if (plain !== value) return jsonOfUnknownValue(plain);
  }
  if (typeof iterable.toArray === 'function')
    return jsonOfUnknownValue(Array.from(iterable.toArray() as Iterable<unknown>));
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonOfUnknownValue(v)}`).join(',')}}`;
}
