// "Did you mean ...?": the valid name closest to a misspelt one.

/** Names other libraries use for an option, mapped to the name here (pyarrow's, pandas', DuckDB's). */
const SYNONYMS: Readonly<Record<string, string>> = {
  compression: 'codec',
  compressioncodec: 'codec',
  filter: 'filters',
};

/** Edit distance between `a` and `b` (insertions, deletions, substitutions; Levenshtein), two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** `name` without case and separators: `row_group_size`, `RowGroupSize` and `row-group-size` compare equal. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/**
 * The valid name closest to `name`: one that differs only in case or separators (snake_case for camelCase), a
 * known synonym (`compression` for `codec`), else the one at the least edit distance (earlier names win ties).
 * Undefined only when there is no valid name.
 */
export function closestName(name: string, valid: readonly string[]): string | undefined {
  const key = normalized(name);
  const same = valid.find((v) => normalized(v) === key);
  if (same !== undefined) return same;
  const synonym = SYNONYMS[key];
  if (synonym !== undefined && valid.includes(synonym)) return synonym;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of valid) {
    const distance = editDistance(key, normalized(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
