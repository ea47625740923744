import type { Key } from '../graph/keys.js';

// The "prefix" of a task key groups the tasks of one operation: the key's name before its index, without the
// words that only make it unique (numbers, hex tokens). Colours of the task stream and rows of the progress table
// are per prefix. This is the idea of Dask's key_split, written here from its description.

const cache = new Map<string, string>();
const CACHE_LIMIT = 4096;

/** The prefix of a key: `['read-parquet-1a2b3c4d', 3]` -> `read-parquet`, `'inc-17'` -> `inc`. */
export function keyPrefix(key: Key): string {
  return namePrefix(typeof key === 'string' ? key : key[0]);
}

/** The prefix of a canonical key id (see keyId): `["sum-chunk",4]` -> `sum-chunk`. */
export function idPrefix(id: string): string {
  if (id.charCodeAt(0) === 91 /* [ */ && id.charCodeAt(1) === 34 /* " */) {
    const close = id.lastIndexOf('",');
    if (close > 1) {
      const quoted = id.slice(1, close + 1);
      return namePrefix(quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1));
    }
  }
  return namePrefix(id);
}

/**
 * The prefix of a key name: its first `-`-separated word, then the following words while they are made of
 * letters only and are not an 8-character hex token. Names of pair keys repeat, so results are cached (bounded).
 */
export function namePrefix(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const prefix = computePrefix(name);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, prefix);
  return prefix;
}

function computePrefix(full: string): string {
  const name = withoutLayerToken(full);
  let end = name.indexOf('-');
  if (end < 0) return name;
  for (;;) {
    const next = name.indexOf('-', end + 1);
    const wordEnd = next < 0 ? name.length : next;
    if (!lettersOnly(name, end + 1, wordEnd) || (wordEnd - end - 1 === 8 && hexOnly(name, end + 1, wordEnd))) break;
    end = wordEnd;
    if (next < 0) break;
  }
  return name.slice(0, end);
}

// The DataFrame names layers `<name>-<session token: 6 base36 chars>-<counter, base36>` (uniqueName in
// src/dataframe/graph.ts). The token may happen to be all letters, so this shape is dropped before the word rule.
function withoutLayerToken(name: string): string {
  const last = name.lastIndexOf('-');
  const before = last > 0 ? name.lastIndexOf('-', last - 1) : -1;
  if (before <= 0 || last - before - 1 !== 6 || last === name.length - 1) return name;
  if (!base36(name, before + 1, last) || !base36(name, last + 1, name.length)) return name;
  return name.slice(0, before);
}

function base36(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

function lettersOnly(s: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  return true;
}

function hexOnly(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) | 32;
    if (!((c >= 97 && c <= 102) || (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57))) return false;
  }
  return true;
}
