// The task a worker thread of a parallel read runs: decode one top-level field of one row group of a local file,
// into SharedArrayBuffers, and return it flattened for the main thread to assemble.
import { defineOp } from '../../ops/registry.js';
import { ParquetError } from '../errors.js';
import { type OpenOptions, ParquetFile } from '../file.js';
import { useSharedOutput } from '../read/out_memory.js';
import { type FlatData, flattenData } from './transfer.js';

/** What a field task returns: the column, or the ParquetError it raised (code and context survive the trip). */
export type FieldChunkResult =
  | { readonly data: FlatData }
  | { readonly error: { code: ParquetError['code']; detail: string; context: ParquetError['context'] } };

/** Arguments of one field task. */
export interface FieldChunkTask {
  readonly path: string;
  readonly open: OpenOptions;
  readonly rowGroup: number;
  /** The names that select the field (its top-level name, or the leaf paths the caller named). */
  readonly columns: readonly string[];
  readonly readDictionary?: readonly string[];
}

/** Decodes one field of one row group (opening the file in this thread; its footer is small next to the chunk). */
export const readFieldChunk = defineOp(
  import.meta.url,
  'readFieldChunk',
  async (task: FieldChunkTask): Promise<FieldChunkResult> => {
    useSharedOutput();
    let file: ParquetFile | undefined;
    try {
      file = await ParquetFile.open(task.path, task.open);
      const options = task.readDictionary
        ? { columns: task.columns, readDictionary: task.readDictionary }
        : { columns: task.columns };
      const batch = await file.readRowGroup(task.rowGroup, options);
      return { data: flattenData(batch.data.children[0]!) };
    } catch (err) {
      if (err instanceof ParquetError) return { error: { code: err.code, detail: err.detail, context: err.context } };
      throw err;
    } finally {
      await file?.close();
    }
  },
);
