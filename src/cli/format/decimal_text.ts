/**
 * Exact decimal text for Parquet DECIMAL values (LogicalTypes.md "DECIMAL": unscaled integer * 10^-scale).
 * Everything goes through integers (number when it is exact, BigInt otherwise), never through a float.
 */

/**
 * Text of `unscaled` * 10^-`scale` with exactly `scale` fraction digits: (-1234, 3) -> "-1.234", (-5, 2) -> "-0.05",
 * (12, 0) -> "12". A negative scale (allowed by Arrow, not by Parquet) appends zeros.
 */
export function formatScaledInteger(unscaled: bigint | number, scale: number): string {
  const negative = unscaled < 0;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale <= 0) {
    if (scale < 0 && digits !== '0') digits += '0'.repeat(-scale);
    return negative ? `-${digits}` : digits;
  }
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const point = digits.length - scale;
  const text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${text}` : text;
}

const TWO_POW_32 = 0x1_0000_0000n;

/**
 * The signed integer stored little-endian two's complement in `wordCount` 32-bit words of `words` starting at `start`
 * (Arrow's Decimal128/256 layout). Returns a number when the value fits in an int32 (the common case, no BigInt).
 */
export function littleEndianWordsToInteger(words: Uint32Array, start: number, wordCount: number): bigint | number {
  const low = words[start]!;
  const extension = low & 0x8000_0000 ? 0xffff_ffff : 0;
  let fitsInLowWord = true;
  for (let k = 1; k < wordCount; k++) {
    if (words[start + k] !== extension) {
      fitsInLowWord = false;
      break;
    }
  }
  if (fitsInLowWord) return low | 0;
  let value = BigInt.asIntN(32, BigInt(words[start + wordCount - 1]!));
  for (let k = wordCount - 2; k >= 0; k--) value = value * TWO_POW_32 + BigInt(words[start + k]!);
  return value;
}

/** The signed integer stored big-endian two's complement in `bytes` (Parquet DECIMAL on BYTE_ARRAY / FIXED, and their statistics). */
export function bigEndianBytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return BigInt.asIntN(bytes.length * 8, value);
}
