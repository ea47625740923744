/** Text for binary values: base64 for opaque bytes, canonical 8-4-4-4-12 form for UUIDs (LogicalTypes.md "UUID"). */

/** Standard base64 (RFC 4648 section 4, with padding) of `length` bytes of `bytes` starting at `start`. */
export function formatBase64(bytes: Uint8Array, start = 0, length = bytes.length - start): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, length).toString('base64');
}

/** Lowercase "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" of the 16 bytes of `bytes` at `start` (big-endian, as stored). */
export function formatUuid(bytes: Uint8Array, start = 0): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset + start, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
