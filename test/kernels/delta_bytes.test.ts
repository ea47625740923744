import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { Random } from './reference/random.js';
import { splitPrefixes, toOffsetsAndBytes } from './reference/values.js';

function assemble(prefixes: Int32Array, suffixLens: Int32Array, suffix: Uint8Array, outCap: number, base: number) {
  const a = arena();
  const count = prefixes.length;
  const prefixPtr = a.copyIn(new Uint8Array(prefixes.buffer, prefixes.byteOffset, prefixes.byteLength));
  const suffixLensPtr = a.copyIn(new Uint8Array(suffixLens.buffer, suffixLens.byteOffset, suffixLens.byteLength));
  const suffixPtr = a.copyIn(suffix);
  const offsetsPtr = a.alloc((count + 1) * 4);
  const bytesPtr = a.alloc(outCap);
  const status = a.wasm.deltaByteArrayAssemble(
    prefixPtr,
    suffixLensPtr,
    count,
    suffixPtr,
    suffix.length,
    offsetsPtr,
    bytesPtr,
    outCap,
    base,
  );
  const offsets = a.view(Int32Array, offsetsPtr, count + 1).slice();
  const bytes = status >= 0 ? a.u8().slice(bytesPtr, bytesPtr + status) : new Uint8Array(0);
  a.reset();
  return { status, offsets, bytes };
}

t.test('deltaByteArrayAssemble rebuilds values with shared prefixes', async (t) => {
  const random = new Random(61);
  for (const count of [0, 1, 2, 50, 1000]) {
    const values: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const previous = values[i - 1] ?? new Uint8Array(0);
      const keep = random.below(previous.length + 1);
      const next = new Uint8Array(keep + random.below(12));
      next.set(previous.subarray(0, keep));
      next.set(random.bytes(next.length - keep), keep);
      values.push(next);
    }
    const [prefixes, suffixLens, suffix] = splitPrefixes(values);
    const base = random.below(50);
    const [offsets, bytes] = toOffsetsAndBytes(values, base);
    t.same(
      assemble(prefixes, suffixLens, suffix, bytes.length, base),
      { status: bytes.length, offsets, bytes },
      `count ${count}`,
    );
  }
});

t.test('deltaByteArrayAssemble rejects malformed lengths', async (t) => {
  const suffix = Uint8Array.from([1, 2, 3, 4]);
  t.equal(
    assemble(Int32Array.of(1), Int32Array.of(1), suffix, 10, 0).status,
    KernelStatus.Invalid,
    'prefix on the first value',
  );
  t.equal(
    assemble(Int32Array.of(0, 3), Int32Array.of(2, 1), suffix, 10, 0).status,
    KernelStatus.Invalid,
    'prefix > previous',
  );
  t.equal(
    assemble(Int32Array.of(0, -1), Int32Array.of(2, 1), suffix, 10, 0).status,
    KernelStatus.Invalid,
    'negative prefix',
  );
  t.equal(assemble(Int32Array.of(0), Int32Array.of(-1), suffix, 10, 0).status, KernelStatus.Invalid, 'negative suffix');
  t.equal(
    assemble(Int32Array.of(0, 0), Int32Array.of(2, 3), suffix, 10, 0).status,
    KernelStatus.Truncated,
    'suffix bytes short',
  );
  t.equal(
    assemble(Int32Array.of(0), Int32Array.of(2 ** 31 - 1), suffix, 10, 0).status,
    KernelStatus.Truncated,
    'huge suffix',
  );
  t.equal(
    assemble(Int32Array.of(0, 2), Int32Array.of(2, 2), suffix, 5, 0).status,
    KernelStatus.Overflow,
    'output too small',
  );
  t.equal(
    assemble(Int32Array.of(0), Int32Array.of(2), suffix, 10, 2 ** 31 - 1).status,
    KernelStatus.Invalid,
    'offset past 2^31 - 1',
  );
});
