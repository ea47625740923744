// Truncated and mutated zstd frames: the kernel must reject them with a ParquetError (BAD_PAGE) or, when a
// mutation happens to leave a valid stream, return the page size; never trap, throw anything else, or hang (tap's
// timeout bounds the file). Frames that carry a checksum must never decode to wrong bytes.
import t from 'tap';
import { CompressionCodec, decompress } from '../../../src/parquet/codecs/index.js';
import { ParquetError } from '../../../src/parquet/errors.js';
import { csvLikeText, randomBytes, repetitiveBytes, sameBytes, seededRandom } from '../../support/data.js';
import { zstdCompress, zstdCompressSimple } from '../../support/zstd.js';
import { concat, xxh64 } from '../../support/zstd-frames.js';

const ZSTD = CompressionCodec.ZSTD;

/** Adds a Content_Checksum to a single libzstd frame (sets the descriptor flag, appends the XXH64 low 32 bits). */
function withChecksum(frame: Uint8Array, content: Uint8Array): Uint8Array {
  const copy = frame.slice();
  copy[4]! |= 4;
  const sum = Number(xxh64(content) & 0xffffffffn);
  return concat([copy, Uint8Array.of(sum & 0xff, (sum >>> 8) & 0xff, (sum >>> 16) & 0xff, sum >>> 24)]);
}

interface Seed {
  name: string;
  data: Uint8Array;
  frame: Uint8Array;
  checksummed: boolean;
}

function seeds(): Seed[] {
  const text = csvLikeText(40_000, 1);
  const mixed = csvLikeText(300_000, 2);
  for (let i = 0; i < mixed.length; i += 11) mixed[i] = (i * 31) & 0xff;
  const runs = repetitiveBytes(20_000, 3);
  const raw = randomBytes(3000, 4);
  return [
    { name: 'csv level 3', data: text, frame: zstdCompressSimple(text, 3), checksummed: false },
    {
      name: 'csv level 19, checksum',
      data: text,
      frame: withChecksum(zstdCompressSimple(text, 19), text),
      checksummed: true,
    },
    {
      name: 'mixed 300 KB level 9 (several blocks)',
      data: mixed,
      frame: zstdCompressSimple(mixed, 9),
      checksummed: false,
    },
    {
      name: 'mixed streamed level 1, checksum',
      data: mixed,
      frame: withChecksum(zstdCompress(mixed, 1), mixed),
      checksummed: true,
    },
    { name: 'runs level 1', data: runs, frame: zstdCompressSimple(runs, 1), checksummed: false },
    {
      name: 'random (raw blocks), checksum',
      data: raw,
      frame: withChecksum(zstdCompressSimple(raw, 5), raw),
      checksummed: true,
    },
  ];
}

/** Decodes, returning 'ok' or 'rejected'; any error other than a BAD_PAGE ParquetError is rethrown. */
function attempt(input: Uint8Array, size: number): { outcome: 'ok' | 'rejected'; out?: Uint8Array } {
  try {
    return { outcome: 'ok', out: decompress(ZSTD, input, size) };
  } catch (err) {
    if (err instanceof ParquetError && err.code === 'BAD_PAGE') return { outcome: 'rejected' };
    throw err;
  }
}

t.test('every truncation is rejected', async (t) => {
  for (const seed of seeds()) {
    const { frame, data } = seed;
    const step = Math.max(1, Math.floor(frame.length / 300));
    let rejected = 0;
    let tried = 0;
    for (let cut = 0; cut < frame.length; cut += step) {
      tried++;
      if (cut === 0 && data.length === 0) continue;
      if (attempt(frame.subarray(0, cut), data.length).outcome === 'rejected') rejected++;
    }
    t.equal(rejected, tried, `${seed.name}: ${tried} truncations of ${frame.length} bytes all rejected`);
  }
});

t.test('mutated frames are rejected or decode to the page size, never to wrong checksummed bytes', async (t) => {
  const next = seededRandom(99);
  const MUTATIONS = 1000;
  for (const seed of seeds()) {
    let rejected = 0;
    let decoded = 0;
    let wrongChecksummed = 0;
    for (let m = 0; m < MUTATIONS; m++) {
      const mutated = seed.frame.slice();
      const edits = 1 + (next() % 4);
      for (let e = 0; e < edits; e++) {
        const at = next() % mutated.length;
        const how = next() % 3;
        if (how === 0) mutated[at]! ^= 1 << (next() % 8);
        else if (how === 1) mutated[at] = next() & 0xff;
        else mutated[at] = 0;
      }
      const { outcome, out } = attempt(mutated, seed.data.length);
      if (outcome === 'rejected') {
        rejected++;
        continue;
      }
      decoded++;
      if (out!.length !== seed.data.length) t.fail(`${seed.name}: decoded ${out!.length} bytes`);
      if (seed.checksummed && !sameBytes(out!, seed.data) && seed.frame.length > 0) wrongChecksummed++;
    }
    t.equal(rejected + decoded, MUTATIONS, `${seed.name}: ${rejected} rejected, ${decoded} decoded`);
    t.ok(rejected > MUTATIONS / 2, `${seed.name}: most mutations are caught (${rejected})`);
    t.equal(wrongChecksummed, 0, `${seed.name}: no checksummed frame decodes to other bytes`);
  }
});
