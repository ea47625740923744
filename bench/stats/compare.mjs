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
