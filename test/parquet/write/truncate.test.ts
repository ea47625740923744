import t from 'tap';
import { truncateMax, truncateMin } from '../../../src/parquet/write/truncate.js';
import { Random } from '../../kernels/reference/random.js';

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));

t.test('values within the limit are returned unchanged', async (t) => {
  const v = text('abc');
  t.equal(truncateMin(v, 3), v);
  t.equal(truncateMax(v, 3), v);
  t.equal(truncateMax(v, 10, true), v);
});

t.test('bytes: min is a prefix, max a prefix with its last byte incremented', async (t) => {
  t.same(truncateMin(Uint8Array.of(1, 2, 3, 4), 2), Uint8Array.of(1, 2));
  t.same(truncateMax(Uint8Array.of(1, 2, 3, 4), 2), Uint8Array.of(1, 3));
  t.same(truncateMax(Uint8Array.of(1, 0xff, 3, 4), 2), Uint8Array.of(2));
  t.equal(truncateMax(Uint8Array.of(0xff, 0xff, 3), 2), undefined, '0xFF.. has no upper bound');
  t.equal(truncateMax(Uint8Array.of(0xff, 0xff, 0xff, 0xff), 3), undefined);
  t.same(truncateMin(Uint8Array.of(5, 6), 0), new Uint8Array(0));
  t.equal(truncateMax(Uint8Array.of(5, 6), 0), undefined);
});

t.test('UTF-8: cuts at character boundaries and increments a whole character', async (t) => {
  // 'é' is 2 bytes, '€' 3, '😀' 4.
  t.equal(str(truncateMin(text('aé€b'), 4, true)), 'aé');
  t.equal(str(truncateMax(text('aé€b'), 4, true)), 'aê');
  t.equal(str(truncateMax(text('ab€'), 3, true)), 'ac');
  t.equal(str(truncateMax(text('az'), 1, true)), 'b');
  t.equal(str(truncateMax(text('zz'), 1, true)), '{');
  // U+007F + 1 needs two bytes: with a limit of 1 the bound must come from an earlier character.
  t.equal(str(truncateMax(text('\u007f\u007fz'), 2, true)), '\u0080');
  t.same(truncateMax(text('\u007fz'), 1, true), undefined);
  t.equal(str(truncateMax(text('a\u007fz'), 2, true)), 'b');
  // The last code point cannot be incremented: drop it and increment the one before.
  t.equal(str(truncateMax(text('a\u{10ffff}\u{10ffff}'), 8, true)), 'b');
  t.equal(truncateMax(text('\u{10ffff}\u{10ffff}'), 6, true), undefined);
  // Before the surrogate range comes U+E000.
  t.equal(str(truncateMax(text('\ud7ffxx'), 3, true)), '\ue000');
  // Invalid UTF-8 falls back to bytes.
  t.same(truncateMax(Uint8Array.of(0xc3, 0x28, 0x41), 2, true), Uint8Array.of(0xc3, 0x29));
});

t.test('random values: min <= value < max, bounds within the limit, valid UTF-8 stays valid', async (t) => {
  const random = new Random(51);
  const alphabet = ['a', 'z', '~', '\u007f', 'é', '߿', 'ࠀ', '€', '\ud7ff', '\ue000', '￿', '😀', '\u{10ffff}'];
  const strict = new TextDecoder('utf-8', { fatal: true });
  let bad = 0;
  for (let i = 0; i < 2000; i++) {
    const utf8 = i % 2 === 0;
    const value = utf8
      ? text(Array.from({ length: random.below(8) }, () => alphabet[random.below(alphabet.length)]).join(''))
      : random.bytes(random.below(10)).map((b) => (random.below(3) === 0 ? 0xff : b));
    const limit = random.below(12);
    const min = truncateMin(value, limit, utf8);
    const max = truncateMax(value, limit, utf8);
    if (min.length > limit && min !== value) bad++;
    if (Buffer.compare(min, value) > 0) bad++;
    if (max !== undefined) {
      if (max !== value && max.length > limit) bad++;
      if (max !== value && Buffer.compare(max, value) <= 0) bad++;
      if (utf8) strict.decode(max);
    }
    if (utf8) strict.decode(min);
  }
  t.equal(bad, 0);
});
