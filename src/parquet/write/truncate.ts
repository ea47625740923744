// Truncated binary bounds (parquet.thrift Statistics: "min_value/max_value ... may be truncated", with
// is_min_value_exact / is_max_value_exact telling readers so; ColumnIndex likewise). A truncated minimum is a prefix
// of the value, so it is not greater; a truncated maximum is a prefix with its last byte (or, for UTF-8 strings, its
// last character) incremented, so it is greater than every value with that prefix.

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const isContinuation = (byte: number): boolean => (byte & 0xc0) === 0x80;

/**
 * A lower bound of `bytes` at most `limit` bytes long: `bytes` itself when it fits, else its longest prefix that
 * fits (for valid UTF-8 with `utf8`, cut at a character boundary so the bound stays valid text).
 */
export function truncateMin(bytes: Uint8Array, limit: number, utf8 = false): Uint8Array {
  if (bytes.length <= limit) return bytes;
  let cut = Math.max(0, Math.floor(limit));
  if (utf8 && isUtf8(bytes)) while (cut > 0 && isContinuation(bytes[cut]!)) cut--;
  return bytes.slice(0, cut);
}

/**
 * An upper bound of `bytes` at most `limit` bytes long: `bytes` itself when it fits, else a prefix whose last byte
 * is incremented (bytes 0xFF are dropped first), or, for valid UTF-8 with `utf8`, a prefix of whole characters
 * whose last character is the next code point (so the bound stays valid text). Undefined when no such bound exists
 * (e.g. the first `limit` bytes are all 0xFF).
 */
export function truncateMax(bytes: Uint8Array, limit: number, utf8 = false): Uint8Array | undefined {
  if (bytes.length <= limit) return bytes;
  const cut = Math.max(0, Math.floor(limit));
  if (utf8 && isUtf8(bytes)) return incrementUtf8Prefix(bytes, cut);
  for (let i = cut - 1; i >= 0; i--) {
    if (bytes[i]! < 0xff) {
      const out = bytes.slice(0, i + 1);
      out[i]!++;
      return out;
    }
  }
  return undefined;
}

/** The longest prefix of whole characters (within `limit` bytes) whose last character can be incremented. */
function incrementUtf8Prefix(bytes: Uint8Array, limit: number): Uint8Array | undefined {
  let end = limit;
  while (end > 0 && isContinuation(bytes[end]!)) end--;
  while (end > 0) {
    let start = end - 1;
    while (start > 0 && isContinuation(bytes[start]!)) start--;
    let next = codePointAt(bytes, start) + 1;
    if (next === 0xd800) next = 0xe000; // surrogates are not characters
    if (next <= 0x10ffff) {
      const encoded = encodeCodePoint(next);
      if (start + encoded.length <= limit) {
        const out = new Uint8Array(start + encoded.length);
        out.set(bytes.subarray(0, start));
        out.set(encoded, start);
        return out;
      }
    }
    end = start;
  }
  return undefined;
}

/** The code point of the (valid) UTF-8 sequence starting at `at`. */
function codePointAt(bytes: Uint8Array, at: number): number {
  const b0 = bytes[at]!;
  if (b0 < 0x80) return b0;
  if (b0 < 0xe0) return ((b0 & 0x1f) << 6) | (bytes[at + 1]! & 0x3f);
  if (b0 < 0xf0) return ((b0 & 0x0f) << 12) | ((bytes[at + 1]! & 0x3f) << 6) | (bytes[at + 2]! & 0x3f);
  return (
    ((b0 & 0x07) << 18) | ((bytes[at + 1]! & 0x3f) << 12) | ((bytes[at + 2]! & 0x3f) << 6) | (bytes[at + 3]! & 0x3f)
  );
}

function encodeCodePoint(cp: number): Uint8Array {
  if (cp < 0x80) return Uint8Array.of(cp);
  if (cp < 0x800) return Uint8Array.of(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  if (cp < 0x10000) return Uint8Array.of(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  return Uint8Array.of(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}
