import { GraphError } from './errors.js';

/**
 * A task key: a string, or a `[name, index]` pair naming one partition of a collection (dask's convention).
 * Keys are compared by value; internally each key has a canonical string id (see {@link keyId}).
 */
export type Key = string | readonly [string, number];

/** True when `value` is a valid key (a string, or a pair of a string and a non-negative integer). */
export function isKey(value: unknown): value is Key {
  if (typeof value === 'string') return true;
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    Number.isInteger(value[1]) &&
    (value[1] as number) >= 0
  );
}

/**
 * The canonical string id of a key: a string key is its own id, a pair is its JSON text (`["name",3]`).
 * String keys that themselves look like such JSON are therefore reserved.
 */
export function keyId(key: Key): string {
  if (typeof key === 'string') return key;
  if (!isKey(key)) throw new GraphError('BAD_KEY', `not a task key: ${safeText(key)}`);
  return `[${JSON.stringify(key[0])},${key[1]}]`;
}

/** The key an id stands for (inverse of {@link keyId}). */
export function keyFromId(id: string): Key {
  if (id.startsWith('["') && id.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(id);
      if (isKey(parsed) && typeof parsed !== 'string') return [parsed[0], parsed[1]];
    } catch {
      // not a pair id: a plain string key that happens to start with [" (see keyId)
    }
  }
  return id;
}

/** A readable form of a key for messages: `name` or `(name, 3)`. */
export function formatKey(key: Key | string): string {
  const k = typeof key === 'string' ? keyFromId(key) : key;
  return typeof k === 'string' ? k : `(${k[0]}, ${k[1]})`;
}

function safeText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
