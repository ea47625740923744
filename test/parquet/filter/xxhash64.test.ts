import t from 'tap';
import { xxhash64 } from '../../../src/parquet/filter/xxhash64.js';

const text = (s: string) => new TextEncoder().encode(s);

t.test('published XXH64 values (seed 0)', async (t) => {
  t.equal(xxhash64(text('')), 0xef46db3751d8e999n);
  t.equal(xxhash64(text('a')), 0xd24ec4f1a98c6e5bn);
  t.equal(xxhash64(text('abc')), 0x44bc2cf5ad770999n);
  t.equal(xxhash64(text('Nobody inspects the spammish repetition')), 0xfbcea83c8a378bf1n);
});

t.test('every length from 0 to 100 hashes into 64 bits, subarrays hash as copies', async (t) => {
  const bytes = new Uint8Array(140).map((_, i) => (i * 37 + 11) & 255);
  for (let n = 0; n <= 100; n++) {
    const h = xxhash64(bytes.subarray(7, 7 + n));
    t.ok(h >= 0n && h < 1n << 64n);
    t.equal(h, xxhash64(bytes.slice(7, 7 + n)));
  }
});
