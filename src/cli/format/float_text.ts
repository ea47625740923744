/**
 * Text for Parquet FLOAT, DOUBLE and FLOAT16 values: the shortest decimal that reads back as the same value of the
 * value's own width (so a FLOAT 0.1 prints "0.1", not the double 0.10000000149011612), in JavaScript's number
 * syntax (which is valid JSON for finite values). -0 prints as "-0" so that the sign survives a round trip.
 * Non-finite values print as "NaN", "Infinity", "-Infinity"; in JSON they become strings (see jsonFloat).
 */

/** Text of a double: JavaScript's shortest round-trip form, "-0" for negative zero. */
export function formatFloat64(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  return String(value);
}

/**
 * Shortest text that rounds back to `value` under `roundTo` (the width's rounding), trying 1..`maxDigits`
 * significant digits; `maxDigits` always round-trips (9 for binary32, 5 for binary16).
 */
function shortestRoundTrip(value: number, roundTo: (x: number) => number, maxDigits: number): string {
  if (!Number.isFinite(value) || value === 0) return formatFloat64(value);
  for (let digits = 1; digits < maxDigits; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (roundTo(candidate) === value) return String(candidate);
  }
  return String(Number(value.toPrecision(maxDigits)));
}

/** Text of a 32-bit float (given as the exact double it widens to). */
export function formatFloat32(value: number): string {
  return shortestRoundTrip(value, Math.fround, 9);
}

/** The number an IEEE 754 binary16 bit pattern stands for. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}

/** `value` rounded to the nearest binary16 (ties to even), as a number. */
export function roundToHalf(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.abs(value);
  if (magnitude >= 65_520) return value > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  // The spacing of binary16 values around `magnitude`: 2^(e-10) for normals, 2^-24 for subnormals.
  const exponent = Math.max(Math.floor(Math.log2(magnitude)), -14);
  let quantum = 2 ** (exponent - 10);
  // log2 can be off by one near powers of two; the quantum must satisfy quantum*1024 <= magnitude < quantum*2048.
  if (exponent > -14 && magnitude < quantum * 1024) quantum /= 2;
  if (magnitude >= quantum * 2048) quantum *= 2;
  const scaled = magnitude / quantum;
  let rounded = Math.round(scaled);
  if (rounded - scaled === 0.5 && rounded % 2 === 1) rounded -= 1;
  return Math.sign(value) * rounded * quantum;
}

/** Text of a binary16 value given as its bit pattern (Parquet FLOAT16, Arrow Float16 storage). */
export function formatFloat16(bits: number): string {
  return shortestRoundTrip(halfToNumber(bits), roundToHalf, 5);
}

/** JSON text of a float given its text: finite values are JSON numbers, NaN and the infinities JSON strings. */
export function jsonFloat(text: string): string {
  return text === 'NaN' || text === 'Infinity' || text === '-Infinity' ? `"${text}"` : text;
}
