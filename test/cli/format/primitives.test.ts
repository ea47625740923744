import t from 'tap';
import { formatBase64, formatUuid } from '../../../src/cli/format/binary_text.js';
import {
  bigEndianBytesToBigInt,
  formatScaledInteger,
  littleEndianWordsToInteger,
} from '../../../src/cli/format/decimal_text.js';
import {
  formatFloat16,
  formatFloat32,
  formatFloat64,
  halfToNumber,
  jsonFloat,
  roundToHalf,
} from '../../../src/cli/format/float_text.js';
import { formatDate, formatTimeOfDay, formatTimestamp } from '../../../src/cli/format/temporal_text.js';

t.test('formatScaledInteger: exact fraction digits, signs, leading zeros', async (t) => {
  t.equal(formatScaledInteger(-12340n, 3), '-12.340');
  t.equal(formatScaledInteger(5, 3), '0.005');
  t.equal(formatScaledInteger(12, 0), '12');
  t.equal(formatScaledInteger(-5, 2), '-0.05');
  t.equal(formatScaledInteger(0, 2), '0.00');
  t.equal(formatScaledInteger(0n, 0), '0');
  t.equal(formatScaledInteger(-1n, 1), '-0.1');
  t.equal(formatScaledInteger(123, -2), '12300');
  t.equal(formatScaledInteger(0, -2), '0');
  t.equal(formatScaledInteger(10n ** 38n - 1n, 38), `0.${'9'.repeat(38)}`);
});

t.test('littleEndianWordsToInteger: two-complement words, fast and BigInt paths', async (t) => {
  t.equal(littleEndianWordsToInteger(new Uint32Array([5, 0, 0, 0]), 0, 4), 5);
  t.equal(littleEndianWordsToInteger(new Uint32Array([0xfffffffb, 0xffffffff, 0xffffffff, 0xffffffff]), 0, 4), -5);
  t.equal(littleEndianWordsToInteger(new Uint32Array([0x80000000, 0, 0, 0]), 0, 4), 2n ** 31n);
  t.equal(littleEndianWordsToInteger(new Uint32Array([0, 1, 0, 0]), 0, 4), 2n ** 32n);
  t.equal(littleEndianWordsToInteger(new Uint32Array([0, 0, 0, 0x80000000]), 0, 4), -(2n ** 127n));
  t.equal(littleEndianWordsToInteger(new Uint32Array([9, 9, 1, 0, 0, 0]), 2, 4), 1);
  const max256 = new Uint32Array(8).fill(0xffffffff);
  max256[7] = 0x7fffffff;
  t.equal(littleEndianWordsToInteger(max256, 0, 8), 2n ** 255n - 1n);
});

t.test('bigEndianBytesToBigInt', async (t) => {
  t.equal(bigEndianBytesToBigInt(new Uint8Array([])), 0n);
  t.equal(bigEndianBytesToBigInt(new Uint8Array([0xff])), -1n);
  t.equal(bigEndianBytesToBigInt(new Uint8Array([0x00, 0xff])), 255n);
  t.equal(bigEndianBytesToBigInt(new Uint8Array([0xfb, 0x2e])), -1234n);
});

t.test('formatDate: epoch, before 1970, leap days, far years', async (t) => {
  t.equal(formatDate(0), '1970-01-01');
  t.equal(formatDate(-1), '1969-12-31');
  t.equal(formatDate(11016), '2000-02-29');
  t.equal(formatDate(-719528), '0000-01-01');
  t.equal(formatDate(-719529), '-000001-12-31');
  t.equal(formatDate(2932896), '9999-12-31');
  t.equal(formatDate(2932897), '+010000-01-01');
  t.equal(formatDate(2147483647), '+5881580-07-11');
  t.equal(formatDate(-2147483648), '-5877641-06-23');
  for (const days of [-1_000_000, -719_530, -1, 0, 59, 365, 19_000, 2_932_896]) {
    t.equal(formatDate(days), new Date(days * 86_400_000).toISOString().slice(0, -14), `days ${days}`);
  }
});

t.test('formatTimeOfDay: fraction digits of the unit', async (t) => {
  t.equal(formatTimeOfDay(0, 'MILLISECOND'), '00:00:00.000');
  t.equal(formatTimeOfDay(0n, 'MICROSECOND'), '00:00:00.000000');
  t.equal(formatTimeOfDay(0n, 'NANOSECOND'), '00:00:00.000000000');
  t.equal(formatTimeOfDay(0, 'SECOND'), '00:00:00');
  t.equal(formatTimeOfDay(86_399_999, 'MILLISECOND'), '23:59:59.999');
  t.equal(formatTimeOfDay(45_296_000_007n, 'MICROSECOND'), '12:34:56.000007');
  t.equal(formatTimeOfDay(86_399_999_999_999n, 'NANOSECOND'), '23:59:59.999999999');
  t.equal(formatTimeOfDay(86_400_000, 'MILLISECOND'), '24:00:00.000');
  t.equal(formatTimeOfDay(-1, 'MILLISECOND'), '-00:00:00.001');
  t.equal(formatTimeOfDay(9_223_372_036_854_775_807n, 'NANOSECOND'), '2562047:47:16.854775807');
});

t.test('formatTimestamp: units, UTC suffix, before 1970, extremes', async (t) => {
  t.equal(formatTimestamp(0n, 'MICROSECOND', true), '1970-01-01T00:00:00.000000Z');
  t.equal(formatTimestamp(0n, 'MILLISECOND', false), '1970-01-01T00:00:00.000');
  t.equal(formatTimestamp(1n, 'NANOSECOND', false), '1970-01-01T00:00:00.000000001');
  t.equal(formatTimestamp(1_700_000_000n, 'SECOND', true), '2023-11-14T22:13:20Z');
  t.equal(formatTimestamp(-1n, 'MICROSECOND', true), '1969-12-31T23:59:59.999999Z');
  t.equal(formatTimestamp(-1n, 'NANOSECOND', false), '1969-12-31T23:59:59.999999999');
  t.equal(formatTimestamp(-86_400_001n, 'MILLISECOND', false), '1969-12-30T23:59:59.999');
  t.equal(formatTimestamp(951_782_400_123_456n, 'MICROSECOND', true), '2000-02-29T00:00:00.123456Z');
  t.equal(formatTimestamp(9_223_372_036_854_775_807n, 'NANOSECOND', true), '2262-04-11T23:47:16.854775807Z');
  t.equal(formatTimestamp(-9_223_372_036_854_775_808n, 'NANOSECOND', false), '1677-09-21T00:12:43.145224192');
  t.equal(formatTimestamp(9_223_372_036_854_775_807n, 'MICROSECOND', false), '+294247-01-10T04:00:54.775807');
  t.equal(formatTimestamp(-9_223_372_036_854_775_808n, 'SECOND', true), '-292277022657-01-27T08:29:52Z');
  t.equal(formatTimestamp(-62_167_219_200_001n, 'MILLISECOND', false), '-000001-12-31T23:59:59.999');
  // Near 2^53 the float quotient can round up across a day boundary.
  t.equal(formatTimestamp(9_007_199_254_740_991n, 'NANOSECOND', false), '1970-04-15T05:59:59.254740991');
  t.equal(formatTimestamp(8_639_999_999_999_999n, 'MICROSECOND', false), '2243-10-16T23:59:59.999999');
});

t.test('formatFloat64 / jsonFloat', async (t) => {
  t.equal(formatFloat64(0.1), '0.1');
  t.equal(formatFloat64(-0), '-0');
  t.equal(formatFloat64(0), '0');
  t.equal(formatFloat64(1e21), '1e+21');
  t.equal(formatFloat64(5e-324), '5e-324');
  t.equal(formatFloat64(Number.NaN), 'NaN');
  t.equal(jsonFloat(formatFloat64(Number.NaN)), '"NaN"');
  t.equal(jsonFloat(formatFloat64(Number.POSITIVE_INFINITY)), '"Infinity"');
  t.equal(jsonFloat(formatFloat64(Number.NEGATIVE_INFINITY)), '"-Infinity"');
  t.equal(jsonFloat(formatFloat64(-1.5)), '-1.5');
  t.same(JSON.parse(jsonFloat(formatFloat64(1e21))), 1e21);
});

t.test('formatFloat32: shortest text that reads back as the same float32', async (t) => {
  t.equal(formatFloat32(Math.fround(0.1)), '0.1');
  t.equal(formatFloat32(Math.fround(1 / 3)), '0.33333334');
  t.equal(formatFloat32(Math.fround(3.4028234663852886e38)), '3.4028235e+38');
  t.equal(formatFloat32(Math.fround(1.401298464324817e-45)), '1e-45');
  t.equal(formatFloat32(Math.fround(16777217)), '16777216');
  t.equal(formatFloat32(-0), '-0');
  t.equal(formatFloat32(Number.NaN), 'NaN');
  let seed = 7;
  const bits = new Uint32Array(1);
  const asFloat = new Float32Array(bits.buffer);
  for (let n = 0; n < 2000; n++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bits[0] = (seed * 2654435761) >>> 0;
    const value = asFloat[0]!;
    if (!Number.isFinite(value)) continue;
    const text = formatFloat32(value);
    t.equal(Math.fround(Number(text)), value);
    const significant = text.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
    t.ok(significant.length <= 9, `${value} -> ${text}`);
  }
});

t.test('float16: decoding, rounding and shortest text', async (t) => {
  t.equal(halfToNumber(0x3c00), 1);
  t.equal(halfToNumber(0xc000), -2);
  t.equal(halfToNumber(0x7bff), 65504);
  t.equal(halfToNumber(0x0001), 2 ** -24);
  t.equal(halfToNumber(0x0400), 2 ** -14);
  t.equal(halfToNumber(0x7c00), Number.POSITIVE_INFINITY);
  t.equal(halfToNumber(0xfc00), Number.NEGATIVE_INFINITY);
  t.ok(Number.isNaN(halfToNumber(0x7e00)));
  t.ok(Object.is(halfToNumber(0x8000), -0));
  t.equal(formatFloat16(0x2e66), '0.1');
  t.equal(formatFloat16(0x3555), '0.3333');
  t.equal(formatFloat16(0x7bff), '65500');
  t.equal(formatFloat16(0x0001), '6e-8');
  t.equal(formatFloat16(0x8000), '-0');
  t.equal(formatFloat16(0x7c00), 'Infinity');
  t.equal(formatFloat16(0xfe00), 'NaN');
  t.equal(roundToHalf(65519), 65504);
  t.equal(roundToHalf(65520), Number.POSITIVE_INFINITY);
  t.equal(roundToHalf(1 + 2 ** -11), 1, 'tie to even');
  t.equal(roundToHalf(1 + 3 * 2 ** -11), 1 + 2 ** -9, 'tie to even, upwards');
  for (let bits = 0; bits < 0x7c00; bits++) {
    const value = halfToNumber(bits);
    if (roundToHalf(value) !== value) t.fail(`roundToHalf(${value}) is not itself`);
    const text = formatFloat16(bits);
    if (roundToHalf(Number(text)) !== value) t.fail(`${bits.toString(16)} -> ${text} does not read back`);
  }
});

t.test('binary: base64 and UUID', async (t) => {
  const bytes = new Uint8Array([0xff, 0x00, 0x10, 0x41, 0x42]);
  t.equal(formatBase64(bytes), '/wAQQUI=');
  t.equal(formatBase64(bytes, 3, 2), 'QUI=');
  t.equal(formatBase64(new Uint8Array(0)), '');
  const uuid = Uint8Array.from(Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex'));
  t.equal(formatUuid(uuid), '00112233-4455-6677-8899-aabbccddeeff');
  const padded = new Uint8Array(20);
  padded.set(uuid, 4);
  t.equal(formatUuid(padded, 4), '00112233-4455-6677-8899-aabbccddeeff');
});
