import { compress as snappyjsCompress, uncompress as snappyjsUncompress } from 'snappyjs';
import t from 'tap';
import { snappyCompress } from '../../src/parquet/codecs/snappy-compress.js';
import { runBlockKernel, runBlockReference } from '../support/block_kernel.js';
import { COMPRESS_SIZES, compressSamples } from '../support/compress_samples.js';
import { csvLikeText, repetitiveBytes, sameBytes } from '../support/data.js';
import { snappyDecompressReference } from './reference/snappy.js';

t.test('blocks decode back with the reference decoder, the kernel decoder and snappyjs', async (t) => {
  for (const n of COMPRESS_SIZES) {
    for (const [name, data] of compressSamples(n)) {
      const block = snappyCompress(data);
      const label = `${name} ${n}`;
      t.ok(block.length <= 32 + n + Math.floor(n / 6), `${label}: within the size bound`);
      const reference = runBlockReference(snappyDecompressReference, block, n);
      t.equal(reference.status, n, `${label}: reference length`);
      if (!sameBytes(reference.out, data)) t.fail(`${label}: reference bytes`);
      const kernel = runBlockKernel('snappyDecompress', block, n);
      if (!sameBytes(kernel.out, data)) t.fail(`${label}: kernel decoder bytes`);
      if (!sameBytes(snappyjsUncompress(block), data)) t.fail(`${label}: snappyjs bytes`);
    }
  }
});

t.test('compresses as well as the reference algorithm (snappyjs, a port of it)', async (t) => {
  for (const [name, data] of [
    ['csv', csvLikeText(1 << 20, 1)],
    ['repetitive', repetitiveBytes(1 << 20, 2)],
  ] as const) {
    const ours = snappyCompress(data).length;
    const theirs = snappyjsCompress(data).length;
    t.ok(ours <= theirs * 1.01, `${name}: ${ours} bytes vs snappyjs ${theirs}`);
  }
});

t.test('the kernel never reads its scratch state from a previous call', async (t) => {
  // Same input after a different one: the static hash table is cleared per fragment, so the output is identical.
  const data = csvLikeText(100_000, 5);
  const first = snappyCompress(data);
  snappyCompress(repetitiveBytes(200_000, 6));
  t.ok(sameBytes(snappyCompress(data), first));
});
