import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { SplitBlockBloomFilter } from '../../src/parquet/filter/bloom_filter.js';
import { bloomInsertReference } from './reference/bloom.js';
import { Random } from './reference/random.js';

t.test('bloomInsert sets the same bits as the reference; bloomCheck agrees with the reader', async (t) => {
  const a = arena();
  const random = new Random(61);
  for (const blocks of [1, 2, 3, 64, 1000]) {
    for (const count of [0, 1, 5, 500]) {
      const hashes = BigUint64Array.from({ length: count }, () => random.bits(64));
      const expected = new Uint8Array(blocks * 32);
      for (const h of hashes) bloomInsertReference(expected, h);
      const bitsetPtr = a.alloc(blocks * 32);
      a.u8().fill(0, bitsetPtr, bitsetPtr + blocks * 32);
      const hashesPtr = a.copyIn(new Uint8Array(hashes.buffer));
      a.wasm.bloomInsert(bitsetPtr, blocks, hashesPtr, count);
      const got = a.u8().slice(bitsetPtr, bitsetPtr + blocks * 32);
      t.ok(Buffer.compare(got, expected) === 0, `${blocks} blocks, ${count} hashes`);
      // Probe with the inserted hashes and as many fresh ones.
      const probes = BigUint64Array.from([...hashes, ...Array.from({ length: 200 }, () => random.bits(64))]);
      const probesPtr = a.copyIn(new Uint8Array(probes.buffer));
      const outPtr = a.alloc(probes.length);
      a.wasm.bloomCheck(bitsetPtr, blocks, probesPtr, probes.length, outPtr);
      const found = a.u8().slice(outPtr, outPtr + probes.length);
      const reader = new SplitBlockBloomFilter(expected);
      let disagree = 0;
      probes.forEach((h, i) => {
        if ((found[i] === 1) !== reader.mightContain(h)) disagree++;
        if (i < count && found[i] !== 1) disagree++;
      });
      t.equal(disagree, 0, `${blocks} blocks, ${count} hashes: bloomCheck`);
      a.reset();
    }
  }
});
