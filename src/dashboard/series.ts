/**
 * A fixed-size ring of samples with named numeric columns (time first): the dashboard's time series. Pushing is
 * O(1); `since(seq)` returns the samples a client has not seen yet, columnar (one array per column), which is
 * compact in JSON and what uPlot takes as data.
 */
export class SeriesRing<C extends string> {
  private readonly data: Float64Array[];
  /** Samples pushed so far (the sequence number of the next one). */
  pushed = 0;

  constructor(
    readonly columns: readonly C[],
    readonly capacity: number,
  ) {
    this.data = columns.map(() => new Float64Array(capacity));
  }

  /** Appends one sample: a value per column, in `columns` order. */
  push(values: readonly number[]): void {
    const slot = this.pushed % this.capacity;
    for (let c = 0; c < this.data.length; c++) this.data[c]![slot] = values[c] ?? 0;
    this.pushed++;
  }

  /** The samples with sequence >= `seq` still held, oldest first, as `{ column: values[] }`. */
  since(seq = 0): Record<C, number[]> {
    const from = Math.max(seq, this.pushed - this.capacity, 0);
    const out = {} as Record<C, number[]>;
    this.columns.forEach((name, c) => {
      const column = this.data[c]!;
      const values: number[] = [];
      for (let s = from; s < this.pushed; s++) values.push(column[s % this.capacity]!);
      out[name] = values;
    });
    return out;
  }

  /** The latest value of `column` (0 when empty). */
  last(column: C): number {
    if (this.pushed === 0) return 0;
    return this.data[this.columns.indexOf(column)]![(this.pushed - 1) % this.capacity]!;
  }
}
