// Range coalescing: on a remote source every request costs a round trip, so ranges separated by a small gap are
// fetched as one request (the gap's bytes are downloaded and dropped), as arrow-rs' object_store and pyarrow's
// ReadRangeCache do.
import type { ByteRange } from './byte_source.js';

/** A request covering one or more of the asked ranges. */
export interface CoalescedRange extends ByteRange {
  /** Indexes (into the asked ranges) of the ranges this request covers. */
  readonly members: readonly number[];
}

/**
 * Groups `ranges` into requests: ranges are sorted by offset, and a range starting at most `maxGap` bytes after the
 * end of the current request (or overlapping it) extends that request. Empty ranges need no bytes and join no request.
 */
export function coalesceRanges(ranges: readonly ByteRange[], maxGap: number): CoalescedRange[] {
  const order = ranges
    .map((range, index) => ({ range, index }))
    .filter(({ range }) => range.length > 0)
    .sort((a, b) => a.range.offset - b.range.offset);
  const requests: { offset: number; end: number; members: number[] }[] = [];
  for (const { range, index } of order) {
    const last = requests[requests.length - 1];
    const end = range.offset + range.length;
    if (last && range.offset - last.end <= maxGap) {
      last.end = Math.max(last.end, end);
      last.members.push(index);
    } else {
      requests.push({ offset: range.offset, end, members: [index] });
    }
  }
  return requests.map(({ offset, end, members }) => ({ offset, length: end - offset, members }));
}
