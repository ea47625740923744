// Shared by the shredding tests: one-column batches and readable views of LeafData.
import * as arrow from 'apache-arrow';
import type { LeafData } from '../../../../src/parquet/write/leaf_data.js';
import { schemaFromArrow } from '../../../../src/parquet/write/schema/from_arrow.js';
import type { WriteSchema } from '../../../../src/parquet/write/schema/write_schema.js';
import { type ShredOptions, shredBatch } from '../../../../src/parquet/write/shred/shred.js';

/** A record batch of the given columns (each one Data), with fields of the given nullability. */
export function batchOf(
  columns: Record<string, { data: arrow.Data; nullable?: boolean; metadata?: Map<string, string> }>,
): arrow.RecordBatch {
  const fields = Object.entries(columns).map(
    ([name, c]) => new arrow.Field(name, c.data.type, c.nullable ?? true, c.metadata),
  );
  const children = Object.values(columns).map((c) => c.data);
  const length = children[0]?.length ?? 0;
  const schema = new arrow.Schema(fields);
  return new arrow.RecordBatch(
    schema,
    arrow.makeData({ type: new arrow.Struct(fields), length, nullCount: 0, children }),
  );
}

/** One column built with vectorFromArray. */
export function column(values: unknown[], type: arrow.DataType): arrow.Data {
  return arrow.vectorFromArray(values, type).data[0]! as arrow.Data;
}

/** Shreds a batch with the schema derived from its own Arrow schema. */
export function shredOwn(
  batch: arrow.RecordBatch,
  options?: ShredOptions,
): { schema: WriteSchema; leaves: LeafData[] } {
  const schema = schemaFromArrow(batch.schema);
  return { schema, leaves: shredBatch(batch, schema, options) };
}

/** The values of a leaf as plain JS values (strings for byte arrays, numbers, bigints, byte lists). */
export function valuesOf(leaf: LeafData): unknown[] {
  const v = leaf.values;
  switch (v.kind) {
    case 'byte_array': {
      const out: string[] = [];
      for (let i = 0; i + 1 < v.offsets.length; i++) {
        out.push(Buffer.from(v.data.subarray(v.offsets[i]!, v.offsets[i + 1]!)).toString());
      }
      return out;
    }
    case 'fixed_len_byte_array':
    case 'int96': {
      const width = v.kind === 'int96' ? 12 : v.width;
      const out: number[][] = [];
      for (let i = 0; i < v.data.length; i += width) out.push([...v.data.subarray(i, i + width)]);
      return out;
    }
    default:
      return [...v.data];
  }
}

/** Definition and repetition levels as plain arrays (undefined stays undefined). */
export function levelsOf(leaf: LeafData): { def?: number[]; rep?: number[] } {
  return {
    ...(leaf.defLevels ? { def: [...leaf.defLevels] } : {}),
    ...(leaf.repLevels ? { rep: [...leaf.repLevels] } : {}),
  };
}
