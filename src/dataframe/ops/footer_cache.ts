// Footers of the local files this thread has read, so that partition tasks over the row groups of one file decode
// its footer once per thread instead of once per task (issue 16 item 4: a file of 77 row groups read as 77
// partitions parsed its 77-row-group footer 77 times). An entry is keyed by the file's identity and modification
// (device, inode, size, mtime): a file rewritten in place is read afresh.
import { statSync } from 'node:fs';
import { type OpenOptions, ParquetFile } from '../../parquet/file.js';
import type { FileMetaData } from '../../parquet/metadata/types.js';

/** Footers kept per thread (the oldest is dropped first). */
const CAPACITY = 64;
const footers = new Map<string, FileMetaData>();

function identity(path: string): string | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}\0${path}`;
  } catch {
    return undefined; // opening reports the error with its context
  }
}

/** Opens the local file `path`, reusing a footer this thread decoded before when the file is unchanged. */
export async function openCachedFooter(path: string, options: OpenOptions): Promise<ParquetFile> {
  const key = options.decryption ? undefined : identity(path);
  const known = key === undefined ? undefined : footers.get(key);
  if (known) return ParquetFile.fromMetadata(path, known, options);
  const file = await ParquetFile.open(path, options);
  if (key !== undefined && !file.encrypted) {
    if (footers.size >= CAPACITY) footers.delete(footers.keys().next().value!);
    footers.set(key, file.metadata);
  }
  return file;
}
