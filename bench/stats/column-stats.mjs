// Checksums of decoded columns, in the shape of bench/data/expected.json, so that every reader proves it decoded
// every value: numeric columns give {count, sum}, strings {count, length}, timestamps {count, min, max} in ms.

/** Accumulates the checksum of one column from its values, one at a time (nulls skipped by the caller). */
export class ColumnChecksum {
  constructor(kind) {
    this.kind = kind;
    this.count = 0;
    this.sum = 0;
    this.length = 0;
    this.min = Number.POSITIVE_INFINITY;
    this.max = Number.NEGATIVE_INFINITY;
  }

  /** Adds one non-null value: a number, bigint, string or Date depending on the column kind. */
  add(value) {
    this.count++;
    if (this.kind === 'string') {
      this.length += value.length;
    } else if (this.kind === 'timestamp') {
      const ms = value instanceof Date ? value.getTime() : Number(value);
      if (ms < this.min) this.min = ms;
      if (ms > this.max) this.max = ms;
    } else {
      this.sum += Number(value);
    }
  }

  /** The checksum object compared against expected.json. */
  result() {
    if (this.kind === 'string') return { count: this.count, length: this.length };
    if (this.kind === 'timestamp') return { count: this.count, min: this.min, max: this.max };
    return { count: this.count, sum: this.sum };
  }
}

/** How each generated column is checked. */
export const COLUMN_KINDS = {
  id: 'number',
  key: 'number',
  cat: 'string',
  price: 'number',
  qty: 'number',
  ts: 'timestamp',
  note: 'string',
};
