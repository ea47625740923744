// Hand-built zstd frames (test/support/zstd-frames.ts) for the cases a compressor does not choose on request:
// raw and RLE blocks, every Frame_Content_Size width, checksums, skippable and concatenated frames, dictionaries,
// repeat offsets across blocks, and windows far beyond zstd-codec's heap.
import t from 'tap';
import { CompressionCodec, decompress } from '../../../src/parquet/codecs/index.js';
import { assertRejects, assertRoundTrip } from '../../support/codec-assert.js';
import { randomBytes, sameBytes } from '../../support/data.js';
import { zstdCompressWithRawDictionary, zstdReferenceDecompress } from '../../support/zstd.js';
import {
  concat,
  rawBlock,
  rleBlock,
  type Sequence,
  sequencesBlock,
  skippableFrame,
  xxh64,
  zstdFrame,
} from '../../support/zstd-frames.js';

const ZSTD = CompressionCodec.ZSTD;

/** Applies sequences to literals the way RFC 8878 3.1.1.4-3.1.1.5 describes (the test's own reference). */
function execute(history: number[], literals: Uint8Array, sequences: Sequence[], reps: number[]): void {
  let lit = 0;
  for (const s of sequences) {
    for (let i = 0; i < s.literals; i++) history.push(literals[lit++]!);
    let offset: number;
    if (s.offsetValue > 3) {
      offset = s.offsetValue - 3;
      reps.splice(0, 3, offset, reps[0]!, reps[1]!);
    } else {
      const index = s.offsetValue - 1 + (s.literals === 0 ? 1 : 0);
      offset = index === 3 ? reps[0]! - 1 : reps[index]!;
      if (index === 1) reps.splice(0, 2, offset, reps[0]!);
      else if (index > 1) reps.splice(0, 3, offset, reps[0]!, reps[1]!);
    }
    const from = history.length - offset;
    for (let i = 0; i < s.match; i++) history.push(history[from + i]!);
  }
  for (; lit < literals.length; lit++) history.push(literals[lit]!);
}

t.test('xxh64 of the test support matches the specification vectors', async (t) => {
  t.equal(xxh64(new Uint8Array(0)), 0xef46db3751d8e999n, 'empty input');
  t.equal(xxh64(new TextEncoder().encode('a')), 0xd24ec4f1a98c6e5bn, '"a"');
});

t.test('raw and RLE blocks, single segment, every content size width', async (t) => {
  const data = randomBytes(300, 1);
  const single = zstdFrame({ contentSize: 300, singleSegment: true }, [rawBlock(data, true)]);
  assertRoundTrip(t, ZSTD, single, data, 'single segment, 2-byte FCS');
  const tiny = zstdFrame({ contentSize: 7, singleSegment: true }, [rleBlock(0x41, 7, true)]);
  assertRoundTrip(t, ZSTD, tiny, new Uint8Array(7).fill(0x41), 'single segment, 1-byte FCS, RLE block');
  const big = 70_000;
  const expected = concat([data, new Uint8Array(big - 300).fill(9)]);
  const fourByte = zstdFrame({ contentSize: big, windowDescriptor: 0x30 }, [
    rawBlock(data),
    rleBlock(9, big - 300, true),
  ]);
  assertRoundTrip(t, ZSTD, fourByte, expected, '4-byte FCS');
  t.ok(sameBytes(zstdReferenceDecompress(fourByte)!, expected), 'libzstd agrees on the hand-built frame');
  const noSize = zstdFrame({ windowDescriptor: 0x30 }, [rawBlock(data), rleBlock(9, big - 300, true)]);
  assertRoundTrip(t, ZSTD, noSize, expected, 'no FCS');
  assertRoundTrip(
    t,
    ZSTD,
    zstdFrame({ contentSize: 0, singleSegment: true }, [rawBlock(new Uint8Array(0), true)]),
    new Uint8Array(0),
    'empty frame',
  );
});

t.test('a Frame_Content_Size that disagrees with the blocks is BAD_PAGE', async (t) => {
  const data = randomBytes(300, 2);
  const frame = zstdFrame({ contentSize: 301, windowDescriptor: 0 }, [rawBlock(data, true)]);
  assertRejects(t, ZSTD, frame, 301, 'BAD_PAGE', 'FCS one more than the blocks');
  t.throws(() => decompress(ZSTD, frame, 301), /Frame_Content_Size/, 'the message names the field');
  assertRejects(t, ZSTD, frame, 300, 'BAD_PAGE', 'FCS larger than the page');
});

t.test('content checksums are verified', async (t) => {
  const data = randomBytes(5000, 3);
  const good = zstdFrame({ contentSize: 5000, checksumOf: data }, [
    rawBlock(data.subarray(0, 1000)),
    rawBlock(data.subarray(1000), true),
  ]);
  assertRoundTrip(t, ZSTD, good, data, 'checksum of two raw blocks');
  t.ok(sameBytes(zstdReferenceDecompress(good)!, data), 'libzstd accepts the checksum too');
  const bad = good.slice();
  bad[bad.length - 2]! ^= 1;
  assertRejects(t, ZSTD, bad, 5000, 'BAD_PAGE', 'checksum off by one bit');
  t.throws(() => decompress(ZSTD, bad, 5000), /checksum/, 'the message says checksum');
  const flipped = good.slice();
  flipped[20]! ^= 0x10; // inside the first raw block: same size, other content
  assertRejects(t, ZSTD, flipped, 5000, 'BAD_PAGE', 'content changed under the checksum');
});

t.test('skippable frames are skipped, concatenated frames are decoded in order', async (t) => {
  const a = randomBytes(1000, 4);
  const b = new Uint8Array(3000).fill(7);
  const frames = concat([
    skippableFrame(randomBytes(10, 5), 0),
    zstdFrame({ contentSize: 1000, checksumOf: a }, [rawBlock(a, true)]),
    skippableFrame(new Uint8Array(0), 0xf),
    zstdFrame({ windowDescriptor: 8 }, [rleBlock(7, 3000, true)]),
    skippableFrame(randomBytes(100, 6), 3),
  ]);
  assertRoundTrip(t, ZSTD, frames, concat([a, b]), 'skippable, frame, skippable, frame, skippable');
  assertRejects(
    t,
    ZSTD,
    skippableFrame(randomBytes(10, 5)).subarray(0, 12),
    0,
    'BAD_PAGE',
    'truncated skippable frame',
  );
});

t.test('frames needing a dictionary are refused with a clear error', async (t) => {
  const data = randomBytes(100, 7);
  const withId = zstdFrame({ contentSize: 100, dictionaryId: 0x1234 }, [rawBlock(data, true)]);
  assertRejects(t, ZSTD, withId, 100, 'BAD_PAGE', 'Dictionary_ID 0x1234');
  t.throws(() => decompress(ZSTD, withId, 100), /dictionary/, 'the message says dictionary');
  // Dictionary_ID present but 0 means "no dictionary" (3.1.1.1.3).
  assertRoundTrip(t, ZSTD, zstdFrame({ contentSize: 100, dictionaryId: 0 }, [rawBlock(data, true)]), data, 'id 0');
  // A raw-content dictionary leaves no id in the frame; its matches reach before the frame start.
  const dictionary = new TextEncoder().encode('the quick brown fox jumps over the lazy dog '.repeat(40));
  const text = new TextEncoder().encode('the lazy dog jumps over the quick brown fox '.repeat(3));
  const frame = zstdCompressWithRawDictionary(text, dictionary);
  assertRejects(t, ZSTD, frame, text.length, 'BAD_PAGE', 'matches into a raw-content dictionary');
});

t.test('reserved bits and block types are refused', async (t) => {
  const data = randomBytes(50, 8);
  assertRejects(
    t,
    ZSTD,
    zstdFrame({ contentSize: 50, reservedBit: true }, [rawBlock(data, true)]),
    50,
    'BAD_PAGE',
    'reserved bit',
  );
  const frame = zstdFrame({ contentSize: 50 }, [rawBlock(data, true)]);
  const reservedType = frame.slice();
  reservedType[frame.length - 50 - 3]! |= 0b110; // block type 3
  t.throws(() => decompress(ZSTD, reservedType, 50), /reserved/, 'the message says reserved');
  assertRejects(t, ZSTD, reservedType, 50, 'BAD_PAGE', 'reserved block type');
});

t.test('sequences with repeat offsets across blocks agree with libzstd and the specification', async (t) => {
  const history: number[] = [];
  const reps = [1, 4, 8];
  const blocks: Uint8Array[] = [];
  const add = (literals: Uint8Array, sequences: Sequence[], last = false): void => {
    blocks.push(sequencesBlock(literals, sequences, last));
    execute(history, literals, sequences, reps);
  };
  // New offsets (Offset_Value > 3), literal length 4, match length 8 (one code per kind and block).
  add(randomBytes(40, 9), [
    { literals: 4, match: 8, offsetValue: 3 + 3 },
    { literals: 4, match: 8, offsetValue: 3 + 2 },
    { literals: 4, match: 8, offsetValue: 3 + 3 },
  ]);
  // Literal length 0: Offset_Value 2 and 3 mean Repeat_Offset3 and Repeat_Offset1 - 1.
  add(new Uint8Array(0), [
    { literals: 0, match: 5, offsetValue: 2 },
    { literals: 0, match: 5, offsetValue: 3 },
    { literals: 0, match: 5, offsetValue: 2 },
  ]);
  // Literal length 1: Offset_Value 1 is Repeat_Offset1.
  add(randomBytes(3, 10), [
    { literals: 1, match: 6, offsetValue: 1 },
    { literals: 1, match: 6, offsetValue: 1 },
  ]);
  // Literal length 0 and Offset_Value 1: Repeat_Offset2 (swapped with the first).
  add(randomBytes(2, 11), [
    { literals: 0, match: 4, offsetValue: 1 },
    { literals: 0, match: 4, offsetValue: 1 },
  ]);
  // Literal lengths 16..17 and Offset_Value 2..3 with literals: Repeat_Offset2 and Repeat_Offset3.
  add(
    randomBytes(33, 12),
    [
      { literals: 16, match: 3, offsetValue: 2 },
      { literals: 17, match: 3, offsetValue: 3 },
    ],
    true,
  );
  const expected = Uint8Array.from(history);
  const frame = zstdFrame({ contentSize: expected.length, checksumOf: expected }, blocks);
  const reference = zstdReferenceDecompress(frame);
  t.ok(reference && sameBytes(reference, expected), 'libzstd decodes the frame to the specification result');
  assertRoundTrip(t, ZSTD, frame, expected, 'repeat offsets');
});

t.test('sequences whose extra bits exceed 31 (the second refill of the sequence loop)', async (t) => {
  const history: number[] = [];
  const reps = [1, 4, 8];
  const head = randomBytes(20_000, 23);
  history.push(...head);
  // Literals length code 33 (14 bits), match length code 50 (14 bits), offset code 14: 42 extra bits a sequence.
  const sequences: Sequence[] = [
    { literals: 16_384, match: 16_387, offsetValue: 3 + 20_000 },
    { literals: 16_400, match: 16_500, offsetValue: 3 + 30_000 },
  ];
  const literals = randomBytes(16_384 + 16_400 + 7, 24);
  execute(history, literals, sequences, reps);
  const expected = Uint8Array.from(history);
  const frame = zstdFrame({ contentSize: expected.length, windowDescriptor: 0x30 }, [
    rawBlock(head),
    sequencesBlock(literals, sequences, true),
  ]);
  const reference = zstdReferenceDecompress(frame);
  t.ok(reference && sameBytes(reference, expected), 'libzstd decodes the frame to the specification result');
  assertRoundTrip(t, ZSTD, frame, expected, 'long lengths and offsets');
});

t.test('Repeat_Mode tables: the previous block of the frame, never one of an earlier frame', async (t) => {
  const history: number[] = [];
  const reps = [1, 4, 8];
  const sequences: Sequence[] = [
    { literals: 5, match: 9, offsetValue: 3 + 5 },
    { literals: 5, match: 9, offsetValue: 3 + 6 },
  ];
  const first = randomBytes(10, 21);
  const second = randomBytes(10, 22);
  execute(history, first, sequences, reps);
  execute(history, second, sequences, reps);
  const expected = Uint8Array.from(history);
  // The second block repeats the first block's RLE tables (the decoder keeps them in place between blocks). RFC
  // 8878 3.1.1.3.2.1: "Note that this includes RLE_Mode, so if Repeat_Mode follows RLE_Mode, the same symbol will
  // be repeated". zstd-codec's libzstd refuses this frame, so the reference here is the test's own execution.
  const frame = zstdFrame({ contentSize: expected.length }, [
    sequencesBlock(first, sequences),
    sequencesBlock(second, sequences, true, true),
  ]);
  assertRoundTrip(t, ZSTD, frame, expected, 'repeated tables');
  // A frame that starts with Repeat_Mode has no tables to repeat, even right after a frame that had some.
  const orphan = zstdFrame({ contentSize: expected.length / 2 }, [sequencesBlock(first, sequences, true, true)]);
  t.throws(() => decompress(ZSTD, orphan, expected.length / 2), /no previous one/, 'the message says why');
  assertRejects(t, ZSTD, concat([frame, orphan]), expected.length * 1.5, 'BAD_PAGE', 'repeat in a new frame');
});

t.test('matches far behind: windows beyond zstd-codec heap (offset code 25, 32 MiB back)', async (t) => {
  const head = randomBytes(4096, 13);
  const fill = 40 << 20;
  const blocks = [rawBlock(head)];
  for (let done = 0; done < fill; done += 128 << 10)
    blocks.push(rleBlock(done & 0xff, Math.min(128 << 10, fill - done)));
  const produced = head.length + fill;
  // One match copying 1000 bytes from 100 bytes into `head`: offset produced - 100, Offset_Value offset + 3.
  const offset = produced - 100;
  blocks.push(sequencesBlock(new Uint8Array(0), [{ literals: 0, match: 1000, offsetValue: offset + 3 }], true));
  t.ok(offset + 3 >= 2 ** 25, `Offset_Value ${offset + 3} needs a 25-bit offset code`);
  const expected = new Uint8Array(produced + 1000);
  expected.set(head);
  for (let done = 0; done < fill; done += 128 << 10)
    expected.fill(done & 0xff, head.length + done, head.length + Math.min(fill, done + (128 << 10)));
  expected.set(head.subarray(100, 1100), produced);
  const frame = zstdFrame({ windowDescriptor: (16 << 3) | 0 }, blocks); // 64 MiB window
  assertRoundTrip(t, ZSTD, frame, expected, '64 MiB window, 40 MiB page');
  // The same match one byte further back than the frame holds.
  const tooFar = zstdFrame({ windowDescriptor: 16 << 3 }, [
    ...blocks.slice(0, -1),
    sequencesBlock(new Uint8Array(0), [{ literals: 0, match: 1000, offsetValue: produced + 1 + 3 }], true),
  ]);
  assertRejects(t, ZSTD, tooFar, expected.length, 'BAD_PAGE', 'offset before the frame start');
});

t.test('matches never reach into the previous frame', async (t) => {
  const first = zstdFrame({ contentSize: 100 }, [rawBlock(randomBytes(100, 14), true)]);
  const second = zstdFrame({ contentSize: 10 }, [
    sequencesBlock(randomBytes(2, 15), [{ literals: 2, match: 8, offsetValue: 3 + 50 }], true),
  ]);
  assertRejects(t, ZSTD, concat([first, second]), 110, 'BAD_PAGE', 'offset into the previous frame');
  t.throws(() => decompress(ZSTD, concat([first, second]), 110), /before the start of its frame/, 'message');
});

t.test('a repeat offset of 0 is refused; an offset of exactly the bytes produced is not', async (t) => {
  // Literal length 0 and Offset_Value 3: Repeat_Offset1 - 1, which is 0 at a frame start (offsets 1, 4, 8).
  const zero = zstdFrame({ contentSize: 10 }, [
    rawBlock(randomBytes(5, 25)),
    sequencesBlock(new Uint8Array(0), [{ literals: 0, match: 5, offsetValue: 3 }], true),
  ]);
  t.throws(() => decompress(ZSTD, zero, 10), /before the start of its frame/, 'offset 0');
  assertRejects(t, ZSTD, zero, 10, 'BAD_PAGE', 'offset 0');
  // Offset 7 after 7 bytes reaches the frame's first byte: valid. Offset 8 would not be.
  const head = randomBytes(7, 26);
  const history = [...head];
  execute(history, new Uint8Array(0), [{ literals: 0, match: 9, offsetValue: 3 + 7 }], [1, 4, 8]);
  const edge = zstdFrame({ contentSize: history.length }, [
    rawBlock(head),
    sequencesBlock(new Uint8Array(0), [{ literals: 0, match: 9, offsetValue: 3 + 7 }], true),
  ]);
  assertRoundTrip(t, ZSTD, edge, Uint8Array.from(history), 'offset = bytes produced');
  const over = zstdFrame({ contentSize: history.length }, [
    rawBlock(head),
    sequencesBlock(new Uint8Array(0), [{ literals: 0, match: 9, offsetValue: 3 + 8 }], true),
  ]);
  assertRejects(t, ZSTD, over, history.length, 'BAD_PAGE', 'offset one past the frame start');
});
