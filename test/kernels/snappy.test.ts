import { compress } from 'snappyjs';
import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { type BlockResult, runBlockKernel, runBlockReference } from '../support/block_kernel.js';
import { csvLikeText, randomBytes, repetitiveBytes, sameBytes, seededRandom } from '../support/data.js';
import { snappyDecompressReference } from './reference/snappy.js';

function runKernel(input: Uint8Array, cap: number): BlockResult {
  return runBlockKernel('snappyDecompress', input, cap);
}

function runReference(input: Uint8Array, cap: number): BlockResult {
  return runBlockReference(snappyDecompressReference, input, cap);
}

t.test('round trips snappyjs output of many sizes and shapes', async (t) => {
  const sizes = [0, 1, 2, 7, 15, 16, 17, 63, 64, 65, 100, 1000, 4095, 65536, 65537, 300_000];
  for (const n of sizes) {
    for (const [name, data] of [
      ['random', randomBytes(n, n + 1)],
      ['repetitive', repetitiveBytes(n, n + 2)],
      ['csv', csvLikeText(n, n + 3)],
    ] as const) {
      const packed = compress(data);
      const { status, out } = runKernel(packed, n);
      t.equal(status, n, `${name} ${n}: length`);
      t.ok(sameBytes(out, data), `${name} ${n}: bytes`);
    }
  }
});

t.test('long runs with every small offset (overlapping copies)', async (t) => {
  for (let period = 1; period <= 20; period++) {
    const data = new Uint8Array(5000);
    for (let i = 0; i < data.length; i++) data[i] = (i % period) * 7 + 1;
    const { status, out } = runKernel(compress(data), data.length);
    t.equal(status, data.length);
    t.ok(sameBytes(out, data), `period ${period}`);
  }
});

t.test('output capacity exactly the length (no slack) still decodes', async (t) => {
  const data = repetitiveBytes(1000, 9);
  const { status, out } = runKernel(compress(data), 1000);
  t.equal(status, 1000);
  t.ok(sameBytes(out, data));
});

t.test('matches the reference on random mutations of valid blocks', async (t) => {
  const next = seededRandom(2024);
  let checked = 0;
  for (let round = 0; round < 400; round++) {
    const n = next() % 3000;
    const data = round % 2 ? repetitiveBytes(n, round) : csvLikeText(n, round);
    const packed = compress(data).slice();
    const flips = 1 + (next() % 4);
    for (let k = 0; k < flips && packed.length > 0; k++) packed[next() % packed.length] = next() >>> 24;
    const cut = next() % 4 === 0 ? packed.subarray(0, next() % (packed.length + 1)) : packed;
    const cap = next() % 5 === 0 ? next() % (n + 1) : n + 64;
    const kernel = runKernel(cut, cap);
    const reference = runReference(cut, cap);
    t.equal(kernel.status, reference.status, `round ${round}: status`);
    if (kernel.status >= 0) t.ok(sameBytes(kernel.out, reference.out), `round ${round}: bytes`);
    checked++;
  }
  t.equal(checked, 400);
});

t.test('matches the reference on random byte strings', async (t) => {
  const next = seededRandom(77);
  for (let round = 0; round < 300; round++) {
    const input = randomBytes(next() % 200, round);
    const cap = next() % 4096;
    t.equal(runKernel(input, cap).status, runReference(input, cap).status, `round ${round}`);
  }
});

t.test('malformed blocks give the documented status', async (t) => {
  // Empty input: the preamble is missing.
  t.equal(runKernel(new Uint8Array(0), 10).status, KernelStatus.Truncated);
  // Preamble says 5, a 3-byte literal follows: input ends before the output is complete.
  t.equal(runKernel(Uint8Array.of(5, 0x08, 1, 2, 3), 10).status, KernelStatus.Truncated);
  // Literal of 4 bytes with only 2 present.
  t.equal(runKernel(Uint8Array.of(4, 0x0c, 1, 2), 10).status, KernelStatus.Truncated);
  // Copy-2 tag with its offset cut off.
  t.equal(runKernel(Uint8Array.of(8, 0x00, 9, 0x0e, 1), 10).status, KernelStatus.Truncated);
  // Copy with offset 0.
  t.equal(runKernel(Uint8Array.of(5, 0x00, 9, 0x01, 0x00), 10).status, KernelStatus.Invalid);
  // Copy reaching before the start of the output (offset 2 after one byte).
  t.equal(runKernel(Uint8Array.of(5, 0x00, 9, 0x01, 0x02), 10).status, KernelStatus.Invalid);
  // Copy-4 with a huge offset.
  t.equal(runKernel(Uint8Array.of(5, 0x00, 9, 0x0f, 0xff, 0xff, 0xff, 0xff), 10).status, KernelStatus.Invalid);
  // Preamble larger than the capacity.
  t.equal(runKernel(Uint8Array.of(100, 0x00, 9), 10).status, KernelStatus.Overflow);
  // Output past the preamble: preamble 1, literal of 2.
  t.equal(runKernel(Uint8Array.of(1, 0x04, 1, 2), 10).status, KernelStatus.Overflow);
  // Preamble varint longer than 5 bytes.
  t.equal(runKernel(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x01), 10).status, KernelStatus.Invalid);
  // Preamble over 2^31 - 1.
  t.equal(runKernel(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f), 10).status, KernelStatus.Invalid);
  // Literal with a 4-byte length of 0xffffffff.
  t.equal(runKernel(Uint8Array.of(5, 0xfc, 0xff, 0xff, 0xff, 0xff), 10).status, KernelStatus.Overflow);
});
