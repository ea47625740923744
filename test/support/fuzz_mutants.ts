// Seeded mutants of Parquet files for the fuzz test: each mutant is a pure function of (fixture bytes, seed, index),
// so a failure is reproduced from the three numbers the test prints.

/** Where in a file mutations aim: the regions of a well-formed file that its reader trusts differently. */
export interface FileLayout {
  /** Offsets of the first page header of each column chunk. */
  readonly chunkStarts: readonly number[];
  /** Offset of the footer's thrift (FileMetaData). */
  readonly footerStart: number;
}

/** A mutated file and a description of what was done to it. */
export interface Mutant {
  readonly bytes: Uint8Array;
  readonly description: string;
}

/** mulberry32: a small, fast, seedable PRNG (returns floats in [0, 1)). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit values that corrupt length and count fields in the ways that matter: huge, negative, zero. */
const SPECIAL_WORDS = [0x7fffffff, 0x80000000, 0xffffffff, 0, 0x40000000, 0x00010000];

/** The `index`-th mutant of `original` under `seed`: one to three mutations, or a truncation. */
export function mutate(original: Uint8Array, layout: FileLayout, seed: number, index: number): Mutant {
  const random = prng((seed * 2654435761 + index * 40503) >>> 0);
  const int = (n: number) => Math.floor(random() * n);
  const bytes = original.slice();
  const steps: string[] = [];
  if (random() < 0.1) {
    const length = int(bytes.byteLength);
    return { bytes: bytes.subarray(0, length), description: `truncate to ${length} bytes` };
  }
  const count = 1 + int(3);
  for (let step = 0; step < count; step++) {
    // Regions, by weight: page headers 30%, footer 20%, the footer length 5%, page data 45%.
    const region = random();
    let offset: number;
    let where: string;
    if (region < 0.3 && layout.chunkStarts.length > 0) {
      // Page headers: thrift compact fields whose sizes and counts drive every later allocation.
      offset = layout.chunkStarts[int(layout.chunkStarts.length)]! + int(24);
      where = 'page header';
    } else if (region < 0.5) {
      offset = layout.footerStart + int(bytes.byteLength - 8 - layout.footerStart);
      where = 'footer';
    } else if (region < 0.55) {
      offset = bytes.byteLength - 8 + int(4);
      where = 'footer length';
    } else {
      offset = 4 + int(Math.max(1, layout.footerStart - 4));
      where = 'page data';
    }
    offset = Math.min(offset, bytes.byteLength - 1);
    const op = int(4);
    if (op === 0) {
      const bit = int(8);
      bytes[offset]! ^= 1 << bit;
      steps.push(`flip bit ${bit} at ${offset} (${where})`);
    } else if (op === 1) {
      const value = int(256);
      bytes[offset] = value;
      steps.push(`byte ${value} at ${offset} (${where})`);
    } else if (op === 2) {
      const word = SPECIAL_WORDS[int(SPECIAL_WORDS.length)]!;
      for (let k = 0; k < 4 && offset + k < bytes.byteLength; k++) bytes[offset + k] = (word >>> (8 * k)) & 0xff;
      steps.push(`u32 0x${word.toString(16)} at ${offset} (${where})`);
    } else {
      // 0xff bytes make thrift varints (sizes, counts, lengths) enormous or overlong.
      const run = 1 + int(6);
      for (let k = 0; k < run && offset + k < bytes.byteLength; k++) bytes[offset + k] = 0xff;
      steps.push(`${run} x 0xff at ${offset} (${where})`);
    }
  }
  return { bytes, description: steps.join('; ') };
}
