// Seeded test data: random bytes, repetitive runs, and CSV-like text (the kind of bytes Parquet pages hold).

/** A seeded 32-bit linear congruential generator returning integers in [0, 2^32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    // Mix the high bits down: the low bits of an LCG have short periods.
    return (state ^ (state >>> 16)) >>> 0;
  };
}

/** `n` uniformly random bytes (incompressible). */
export function randomBytes(n: number, seed: number): Uint8Array {
  const next = seededRandom(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = next() >>> 24;
  return out;
}

/** `n` bytes of short random runs drawn from a small alphabet (compressible, with many overlapping matches). */
export function repetitiveBytes(n: number, seed: number): Uint8Array {
  const next = seededRandom(seed);
  const out = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    const value = next() % 4;
    const run = 1 + (next() % 40);
    out.fill(value, i, Math.min(n, i + run));
    i += run;
  }
  return out;
}

const CATEGORIES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

/** About `n` bytes of CSV-like lines (id, key, category, price, timestamp, note), cut to exactly `n`. */
export function csvLikeText(n: number, seed: number): Uint8Array {
  const next = seededRandom(seed);
  const lines: string[] = [];
  let length = 0;
  for (let id = 0; length < n; id++) {
    const r = next();
    const line =
      `${id},${r % 100000},${CATEGORIES[r % CATEGORIES.length]},${(r % 1000000) / 100},` +
      `2024-${String(1 + (r % 12)).padStart(2, '0')}-${String(1 + (r % 28)).padStart(2, '0')}T` +
      `${String(r % 24).padStart(2, '0')}:${String(r % 60).padStart(2, '0')}:00Z,` +
      `note ${(next() >>> 4).toString(36)}\n`;
    lines.push(line);
    length += line.length;
  }
  return new TextEncoder().encode(lines.join('')).subarray(0, n);
}

/** Whether two byte arrays hold the same bytes (fast enough for megabytes, unlike a deep-equality assertion). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
