import { decompressBlock } from 'lz4js';
import t from 'tap';
import { lz4RawCompress } from '../../src/parquet/codecs/lz4-compress.js';
import { runBlockKernel, runBlockReference } from '../support/block_kernel.js';
import { COMPRESS_SIZES, compressSamples } from '../support/compress_samples.js';
import { csvLikeText, repetitiveBytes, sameBytes } from '../support/data.js';
import { lz4CompressBlock } from '../support/lz4.js';
import { lz4BlockDecompressReference } from './reference/lz4.js';

/** Checks the end-of-block rules of lz4_Block_format.md that lenient decoders do not enforce: the last sequence
 *  is literals only, the last 5 bytes are literals, the last match starts at least 12 bytes before the end, and
 *  every offset is 1..65535 behind. Returns a description of the first violation, or undefined. */
function checkBlockRules(block: Uint8Array, n: number): string | undefined {
  let ip = 0;
  let op = 0;
  for (;;) {
    const token = block[ip++]!;
    let literals = token >>> 4;
    if (literals === 15) for (let b = 255; b === 255; literals += b) b = block[ip++]!;
    ip += literals;
    op += literals;
    if (ip === block.length) return op === n ? undefined : `ends at ${op} of ${n}`;
    if (ip > block.length) return 'literals past the end';
    const offset = block[ip]! | (block[ip + 1]! << 8);
    ip += 2;
    if (offset === 0 || offset > op) return `offset ${offset} at ${op}`;
    let match = (token & 15) + 4;
    if ((token & 15) === 15) for (let b = 255; b === 255; match += b) b = block[ip++]!;
    if (op > n - 12) return `match starts at ${op}, within 12 bytes of the end ${n}`;
    op += match;
    if (op > n - 5) return `match ends at ${op}, within the last 5 bytes of ${n}`;
  }
}

t.test(
  'blocks decode back with the reference decoder, the kernel decoder and lz4js, and follow the rules',
  async (t) => {
    for (const n of COMPRESS_SIZES) {
      for (const [name, data] of compressSamples(n)) {
        const block = lz4RawCompress(data);
        const label = `${name} ${n}`;
        t.ok(block.length <= n + Math.floor(n / 255) + 16, `${label}: within the size bound`);
        const violation = checkBlockRules(block, n);
        if (violation) t.fail(`${label}: ${violation}`);
        const reference = runBlockReference(lz4BlockDecompressReference, block, n);
        t.equal(reference.status, n, `${label}: reference length`);
        if (!sameBytes(reference.out, data)) t.fail(`${label}: reference bytes`);
        const kernel = runBlockKernel('lz4BlockDecompress', block, n);
        if (!sameBytes(kernel.out, data)) t.fail(`${label}: kernel decoder bytes`);
        const out = new Uint8Array(n);
        const end = decompressBlock(block, out, 0, block.length, 0);
        if (end !== n || !sameBytes(out, data)) t.fail(`${label}: lz4js bytes`);
      }
    }
  },
);

t.test('compresses about as well as lz4js', async (t) => {
  for (const [name, data] of [
    ['csv', csvLikeText(1 << 20, 1)],
    ['repetitive', repetitiveBytes(1 << 20, 2)],
  ] as const) {
    const ours = lz4RawCompress(data).length;
    const theirs = lz4CompressBlock(data).length;
    t.ok(ours <= theirs * 1.05, `${name}: ${ours} bytes vs lz4js ${theirs}`);
  }
});
