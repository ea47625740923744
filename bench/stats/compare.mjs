// Compares a reader's checksums with bench/data/expected.json; any difference is a failed run.

// Summing doubles in another order changes the last bits; everything else must match exactly.
const RELATIVE_TOLERANCE = { price: { sum: 1e-9 } };

/** Returns a list of mismatches (empty when the reader decoded exactly the expected data). */
export function compareChecksums(actual, expected, columns) {
  const problems = [];
  if (actual.rows !== expected.rows) problems.push(`rows: got ${actual.rows}, expected ${expected.rows}`);
  const got = Object.keys(actual.columns).sort();
  const want = [...columns].sort();
  if (got.join() !== want.join()) problems.push(`columns: got [${got}], expected [${want}]`);
  for (const name of columns) {
    const a = actual.columns[name];
    if (!a) continue;
    for (const [key, value] of Object.entries(expected.columns[name])) {
      const tolerance = RELATIVE_TOLERANCE[name]?.[key] ?? 0;
      const ok =
        tolerance === 0 ? a[key] === value : Math.abs(a[key] - value) <= tolerance * Math.max(1, Math.abs(value));
      if (!ok) problems.push(`${name}.${key}: got ${a[key]}, expected ${value}`);
    }
  }
  return problems;
}

/**
 * undefined when two engines' result rows are equal (same order; numbers to 1e-9 relative, since engines sum in
 * different orders), else a sentence saying what differs first.
 */
export function sameRows(a, b) {
  if (a.length !== b.length) return `group count ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    for (const k of new Set([...Object.keys(a[i]), ...Object.keys(b[i])])) {
      const x = a[i][k];
      const y = b[i][k];
      const ok = typeof x === 'number' ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)) : x === y;
      if (!ok) return `row ${i} ${k}: ${x} vs ${y}`;
    }
  }
  return undefined;
}
