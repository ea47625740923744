// The partition task of readParquet: runs where the task runs (a worker thread), reading row groups of one file
// with the filter pushed into the reader, and returns a plain Batch in the dataset's schema. The task spec carries
// only the path, row groups, columns, filter and schema: never data.
import * as arrow from 'apache-arrow';
import { concatBatches } from '../../columnar/concat.js';
import { emptyBatch } from '../../columnar/empty.js';
import { batchFromRecordBatch } from '../../columnar/from_arrow.js';
import { fieldToArrow } from '../../columnar/to_arrow.js';
import type { Batch, Field } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';
import { type ConstantColumn, conformBatch } from '../../parquet/dataset/conform_batch.js';
import type { PartitionKind, PartitionValue } from '../../parquet/dataset/filter.js';
import { footerCache } from '../../parquet/dataset/footer_cache.js';
import { constantPartitionData } from '../../parquet/dataset/hive.js';
import { toParquetError } from '../../parquet/errors.js';
import type { OpenOptions } from '../../parquet/file.js';
import type { Filter } from '../../parquet/filter/expression.js';
import { filteredBatches } from '../../parquet/filter/filtered_read.js';

/** A hive partition value appended to every row of a partition. */
export interface PartitionConstant {
  readonly field: Field;
  readonly kind: PartitionKind;
  readonly value: PartitionValue;
}

/** What one readParquet partition reads (plain data). */
export interface ParquetPartitionSpec {
  readonly path: string;
  /** Row groups of the file, in order. */
  readonly rowGroups: readonly number[];
  /** Data columns of the output schema, in order (columns the file lacks are read as nulls). */
  readonly dataFields: readonly Field[];
  /** Hive partition columns, after the data columns. */
  readonly constants: readonly PartitionConstant[];
  /** Data columns read with their dictionaries kept (their fields in `dataFields` are dictionaries). */
  readonly readDictionary?: readonly string[];
  /** Rows to keep (pushed into the reader: row groups and pages it rules out are skipped). */
  readonly filter?: Filter;
  /** Output column order when it is not data columns then partition columns (names of both kinds). */
  readonly order?: readonly string[];
  /** Reader options (checksums, INT96 unit); decryption keys cannot travel in a task. */
  readonly open?: Pick<OpenOptions, 'verifyChecksums' | 'int96TimestampUnit'>;
}

function emptyRecordBatch(length: number): arrow.RecordBatch {
  const data = arrow.makeData({ type: new arrow.Struct([]), length, nullCount: 0, children: [] });
  return new arrow.RecordBatch(new arrow.Schema([]), data);
}

function reorder(batch: Batch, order: readonly string[]): Batch {
  const at = order.map((name) => batch.fields.findIndex((f) => f.name === name));
  return { fields: at.map((i) => batch.fields[i]!), numRows: batch.numRows, columns: at.map((i) => batch.columns[i]!) };
}

/** Reads one readParquet partition (see {@link ParquetPartitionSpec}). */
export const readParquetPartition = defineOp(
  import.meta.url,
  'readParquetPartition',
  async (spec: ParquetPartitionSpec): Promise<Batch> => {
    const fields = [...spec.dataFields, ...spec.constants.map((c) => c.field)];
    const ordered = (b: Batch): Batch => (spec.order ? reorder(b, spec.order) : b);
    if (spec.rowGroups.length === 0) return ordered(emptyBatch(fields));
    const target = spec.dataFields.map(fieldToArrow);
    const constants: ConstantColumn[] = spec.constants.map((c) => {
      const field = fieldToArrow(c.field);
      const column = { name: c.field.name, kind: c.kind, field };
      return { field, data: (length: number) => constantPartitionData(column, c.value, length) };
    });
    const { file } = await footerCache.open(spec.path, spec.open ?? {});
    try {
      const present = new Set(file.schema.root.children.map((c) => c.name));
      const columns = spec.dataFields.map((f) => f.name).filter((name) => present.has(name));
      const rowGroups = [...spec.rowGroups];
      const batches: Batch[] = [];
      if (spec.filter) {
        for await (const b of filteredBatches(file, { filters: spec.filter, columns, rowGroups })) {
          batches.push(batchFromRecordBatch(conformBatch(b, target, constants)));
        }
      } else if (columns.length === 0) {
        for (const index of rowGroups) {
          const rows = file.rowGroups[index]!.numRows;
          batches.push(batchFromRecordBatch(conformBatch(emptyRecordBatch(rows), target, constants)));
        }
      } else {
        for await (const b of file.iterBatches({ columns, rowGroups, readDictionary: spec.readDictionary })) {
          batches.push(batchFromRecordBatch(conformBatch(b, target, constants)));
        }
      }
      if (batches.length === 0) return ordered(emptyBatch(fields));
      return ordered({ ...concatBatches(batches), fields });
    } catch (err) {
      throw toParquetError(err, { file: spec.path });
    } finally {
      await file.close();
    }
  },
);
