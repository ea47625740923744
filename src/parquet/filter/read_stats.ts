// What a filtered read skipped: the counters a caller gets through the `onStats` option.

/** Counters of one filtered read. Totals describe a full read of the same columns and row groups. */
export interface ReadStats {
  readonly rowGroups: {
    total: number;
    read: number;
    /** Skipped because min/max/null-count statistics prove no row matches. */
    skippedByStatistics: number;
    /** Skipped because a bloom filter proves an `=` / `in` value absent. */
    skippedByBloomFilter: number;
    /** Skipped because the page index left no page to read. */
    skippedByPageIndex: number;
  };
  /** Data pages of the column chunks read or skipped, as their offset indexes list them (0 without page index). */
  readonly pages: { total: number; read: number };
  /** Bytes of the selected and filter columns' chunks; `read` includes page-index and bloom-filter bytes. */
  readonly bytes: { total: number; read: number };
  readonly rows: { total: number; read: number; matched: number };
}

/** Fresh, zeroed counters. */
export function emptyReadStats(): ReadStats {
  return {
    rowGroups: { total: 0, read: 0, skippedByStatistics: 0, skippedByBloomFilter: 0, skippedByPageIndex: 0 },
    pages: { total: 0, read: 0 },
    bytes: { total: 0, read: 0 },
    rows: { total: 0, read: 0, matched: 0 },
  };
}
