import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { type BlockResult, runBlockKernel, runBlockReference } from '../support/block_kernel.js';
import { csvLikeText, randomBytes, repetitiveBytes, sameBytes, seededRandom } from '../support/data.js';
import { lz4CompressBlock, lz4LiteralBlock } from '../support/lz4.js';
import { lz4BlockDecompressReference } from './reference/lz4.js';

function runKernel(input: Uint8Array, cap: number): BlockResult {
  return runBlockKernel('lz4BlockDecompress', input, cap);
}

function runReference(input: Uint8Array, cap: number): BlockResult {
  return runBlockReference(lz4BlockDecompressReference, input, cap);
}

t.test('round trips lz4js blocks of many sizes and shapes', async (t) => {
  const sizes = [0, 1, 14, 15, 16, 17, 63, 64, 65, 270, 1000, 4095, 65536, 65537, 300_000];
  for (const n of sizes) {
    for (const [name, data] of [
      ['random', randomBytes(n, n + 1)],
      ['repetitive', repetitiveBytes(n, n + 2)],
      ['csv', csvLikeText(n, n + 3)],
    ] as const) {
      const block = lz4CompressBlock(data);
      const { status, out } = runKernel(block, n);
      t.equal(status, n, `${name} ${n}: length`);
      t.ok(sameBytes(out, data), `${name} ${n}: bytes`);
    }
  }
});

t.test('literal-only blocks, including long literal lengths', async (t) => {
  for (const n of [0, 14, 15, 269, 270, 271, 1000]) {
    const data = randomBytes(n, n);
    const { status, out } = runKernel(lz4LiteralBlock(data), n);
    t.equal(status, n);
    t.ok(sameBytes(out, data));
  }
});

t.test('long runs with every small offset (overlapping copies)', async (t) => {
  for (let period = 1; period <= 20; period++) {
    const data = new Uint8Array(5000);
    for (let i = 0; i < data.length; i++) data[i] = (i % period) * 7 + 1;
    const { status, out } = runKernel(lz4CompressBlock(data), data.length);
    t.equal(status, data.length);
    t.ok(sameBytes(out, data), `period ${period}`);
  }
});

t.test('matches the reference on random mutations of valid blocks', async (t) => {
  const next = seededRandom(99);
  for (let round = 0; round < 400; round++) {
    const n = next() % 3000;
    const data = round % 2 ? repetitiveBytes(n, round) : csvLikeText(n, round);
    const block = lz4CompressBlock(data).slice();
    const flips = 1 + (next() % 4);
    for (let k = 0; k < flips && block.length > 0; k++) block[next() % block.length] = next() >>> 24;
    const cut = next() % 4 === 0 ? block.subarray(0, next() % (block.length + 1)) : block;
    const cap = next() % 5 === 0 ? next() % (n + 1) : n + 64;
    const kernel = runKernel(cut, cap);
    const reference = runReference(cut, cap);
    t.equal(kernel.status, reference.status, `round ${round}: status`);
    if (kernel.status >= 0) t.ok(sameBytes(kernel.out, reference.out), `round ${round}: bytes`);
  }
});

t.test('matches the reference on random byte strings', async (t) => {
  const next = seededRandom(5);
  for (let round = 0; round < 300; round++) {
    const input = randomBytes(next() % 200, round);
    const cap = next() % 4096;
    t.equal(runKernel(input, cap).status, runReference(input, cap).status, `round ${round}`);
  }
});

t.test('malformed blocks give the documented status', async (t) => {
  t.equal(runKernel(new Uint8Array(0), 10).status, KernelStatus.Truncated);
  // Literal length 3 with 1 byte present.
  t.equal(runKernel(Uint8Array.of(0x30, 1), 10).status, KernelStatus.Truncated);
  // Extended literal length with the length bytes cut off.
  t.equal(runKernel(Uint8Array.of(0xf0, 255), 1000).status, KernelStatus.Truncated);
  // One literal then an offset cut in half.
  t.equal(runKernel(Uint8Array.of(0x10, 1, 0), 10).status, KernelStatus.Truncated);
  // Offset 0.
  t.equal(runKernel(Uint8Array.of(0x10, 1, 0, 0, 0x00), 10).status, KernelStatus.Invalid);
  // Offset before the start of the output.
  t.equal(runKernel(Uint8Array.of(0x10, 1, 2, 0, 0x00), 10).status, KernelStatus.Invalid);
  // Match running past the capacity.
  t.equal(runKernel(Uint8Array.of(0x1f, 1, 1, 0, 50, 0x00), 20).status, KernelStatus.Overflow);
  // Literals past the capacity.
  t.equal(runKernel(Uint8Array.of(0x50, 1, 2, 3, 4, 5), 4).status, KernelStatus.Overflow);
  // A long run of 255 length bytes cannot describe more than the capacity.
  const bomb = new Uint8Array(10000).fill(255);
  bomb[0] = 0xf0;
  t.equal(runKernel(bomb, 100).status, KernelStatus.Overflow);
});
