/** What `tessera convert` reads from: a schema known up front, then record batches of bounded size. */
import type { RecordBatch, Schema } from 'apache-arrow';

/** Rows per batch the text readers produce: bounded memory whatever the input size. */
export const DEFAULT_BATCH_ROWS = 64 * 1024;

/** How far a conversion has got, in the unit the input knows its size in. */
export interface ConversionProgress {
  readonly done: number;
  readonly total: number;
  readonly unit: 'bytes' | 'rows' | 'batches';
}

/** An opened input: its Arrow schema, its batches (iterated once), its progress, and a close. */
export interface BatchSource {
  readonly schema: Schema;
  batches(): AsyncGenerator<RecordBatch, void, undefined>;
  progress(): ConversionProgress;
  close(): Promise<void>;
}
