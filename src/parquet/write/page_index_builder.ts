// The page index of one column chunk (parquet-format PageIndex.md): the offset index (where each page starts and
// its first row) and the column index (each page's min, max, null count and whether it holds only nulls).
import { BoundaryOrder } from '../metadata/enums.js';
import type { ColumnIndex, OffsetIndex } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';
import { statOrderOf } from './bound_order.js';
import { truncateBounds } from './chunk_statistics.js';
import { physicalKind } from './leaf_data.js';
import { compareBoundValues, type StatOrder, type ValueBounds } from './statistics.js';

export class PageIndexBuilder {
  private readonly order: StatOrder;
  private readonly offsets: number[] = [];
  private readonly sizes: number[] = [];
  private readonly firstRows: number[] = [];
  private readonly nullPages: boolean[] = [];
  private readonly nullCounts: number[] = [];
  private readonly mins: Uint8Array[] = [];
  private readonly maxes: Uint8Array[] = [];
  /** False once a page with values has no bounds (e.g. only NaN): no valid column index exists then. */
  private columnIndexValid: boolean;

  constructor(
    private readonly column: ColumnDescriptor,
    private readonly truncateLength: number,
  ) {
    this.order = statOrderOf(column.element);
    this.columnIndexValid = this.order !== 'none';
  }

  /** Records a data page at chunk-relative `offset`. */
  addPage(
    offset: number,
    compressedSize: number,
    firstRow: number,
    nullCount: number,
    nullPage: boolean,
    bounds: ValueBounds | undefined,
  ): void {
    this.offsets.push(offset);
    this.sizes.push(compressedSize);
    this.firstRows.push(firstRow);
    this.nullPages.push(nullPage);
    this.nullCounts.push(nullCount);
    if (nullPage || bounds === undefined) {
      if (!nullPage) this.columnIndexValid = false;
      // Null pages carry empty byte strings (PageIndex.md: "min_values/max_values ... set to an empty string").
      this.mins.push(new Uint8Array(0));
      this.maxes.push(new Uint8Array(0));
      return;
    }
    const b = truncateBounds(bounds, this.column, this.order, this.truncateLength);
    this.mins.push(b.min);
    this.maxes.push(b.max);
  }

  /** The offset index, with page offsets shifted by the chunk's file offset. */
  offsetIndex(chunkOffset: number): OffsetIndex {
    return {
      pageLocations: this.offsets.map((offset, i) => ({
        offset: offset + chunkOffset,
        compressedPageSize: this.sizes[i] as number,
        firstRowIndex: this.firstRows[i] as number,
      })),
    };
  }

  /** The column index, or undefined when the column's order is undefined or a page's bounds are unknown. */
  columnIndex(): ColumnIndex | undefined {
    if (!this.columnIndexValid || this.offsets.length === 0) return undefined;
    return {
      nullPages: this.nullPages,
      minValues: this.mins,
      maxValues: this.maxes,
      boundaryOrder: this.boundaryOrder(),
      nullCounts: this.nullCounts,
    };
  }

  /** ASCENDING / DESCENDING when the non-null pages' mins and maxes both are (PageIndex.md boundary_order). */
  private boundaryOrder(): number {
    let ascending = true;
    let descending = true;
    let prev = -1;
    const kind = physicalKind(this.column.physicalType);
    for (let i = 0; i < this.mins.length; i++) {
      if (this.nullPages[i]) continue;
      if (prev >= 0) {
        const dMin = compareBoundValues(this.mins[prev] as Uint8Array, this.mins[i] as Uint8Array, kind, this.order);
        const dMax = compareBoundValues(this.maxes[prev] as Uint8Array, this.maxes[i] as Uint8Array, kind, this.order);
        if (dMin > 0 || dMax > 0) ascending = false;
        if (dMin < 0 || dMax < 0) descending = false;
      }
      prev = i;
    }
    if (ascending) return BoundaryOrder.ASCENDING;
    if (descending) return BoundaryOrder.DESCENDING;
    return BoundaryOrder.UNORDERED;
  }
}
