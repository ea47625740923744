// The task a worker thread of a parallel read runs: decode one top-level field of one row group of a local file,
// into SharedArrayBuffers, and return it flattened for the main thread to assemble.
import { statSync } from 'node:fs';
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

// Files this thread has open, by path, size and modification time (a rewritten file is opened afresh): a read is
// many tasks on the same file, and opening it per task cost a file open and a footer parse each (about 2 ms per
// task on a loaded machine, 10% of a worker's time on the bench file). A file unused for CLOSE_AFTER_MS is closed.
const CLOSE_AFTER_MS = 250;
const openFiles = new Map<string, { file: ParquetFile; timer: NodeJS.Timeout }>();

async function openCached(path: string, open: OpenOptions): Promise<ParquetFile> {
  const stat = statSync(path);
  const key = JSON.stringify([path, stat.size, stat.mtimeMs, open]);
  let entry = openFiles.get(key);
  if (entry) clearTimeout(entry.timer);
  const file = entry?.file ?? (await ParquetFile.open(path, open));
  const timer = setTimeout(() => {
    openFiles.delete(key);
    file.close().catch(() => undefined);
  }, CLOSE_AFTER_MS);
  timer.unref();
  entry = { file, timer };
  openFiles.set(key, entry);
  return file;
}

/** Decodes one field of one row group (the file stays open in this thread for the read's next tasks). */
export const readFieldChunk = defineOp(
  import.meta.url,
  'readFieldChunk',
  async (task: FieldChunkTask): Promise<FieldChunkResult> => {
    useSharedOutput();
    try {
      const file = await openCached(task.path, task.open);
      const options = task.readDictionary
        ? { columns: task.columns, readDictionary: task.readDictionary }
        : { columns: task.columns };
      const batch = await file.readRowGroup(task.rowGroup, options);
      return { data: flattenData(batch.data.children[0]!) };
    } catch (err) {
      if (err instanceof ParquetError) return { error: { code: err.code, detail: err.detail, context: err.context } };
      throw err;
    }
  },
);
