// Atomic publication of a dataset directory. Every file of a new dataset is written into a staging directory next
// to the target (same parent, so the same filesystem), named `.<name>.tessera-tmp-<pid>-<random>`: the leading
// '.' hides it from dataset readers that walk the parent (ours, pyarrow, Spark skip '.' and '_' names). When every
// file is written and synced, one rename(2) makes the staging directory the target.
//
// Guarantee: a reader that resolves the target path sees either the previous content (or nothing) or the complete
// new dataset, with its _metadata, never a partial one; a failure or a kill at any point before the final rename
// leaves the target untouched.
// - New target (absent, or an empty directory): rename(staging, target) is atomic; it refuses a target that became a
//   non-empty directory or a file meanwhile (ENOTEMPTY / EEXIST / ENOTDIR), so a concurrent writer is never
//   clobbered without overwrite.
// - Existing target with overwrite: POSIX cannot exchange two directories atomically (Linux's
//   renameat2(RENAME_EXCHANGE) is not available to Node), so the old dataset is first renamed aside to
//   `.<name>.tessera-old-<pid>-<random>`, the new one renamed in, then the old one removed. Between the two renames
//   (microseconds) the target path does not exist: a reader gets "no such file", never a mix. If another writer's
//   dataset lands at the target in that gap, the swap is retried (the last writer wins, as with files); if the
//   second rename finally fails, the old dataset is renamed back.
// Limits:
// - A reader that lists the old dataset and opens its files by path later may, after the swap, find them gone or
//   open the new dataset's file of the same name (part.<i>.parquet): the swap is atomic per path lookup, not per
//   multi-step read. Readers that must not mix versions read through `_metadata` and retry on a footer mismatch.
// - A process killed between the two renames of an overwrite leaves no target: the old dataset is complete at
//   `.<name>.tessera-old-*`, the new one complete at `.<name>.tessera-tmp-*` (rename either back by hand).
// - A killed process leaves its staging (or old) directory behind, hidden; nothing removes it automatically, since
//   another live writer (possibly on another host sharing the filesystem) may own a directory of that shape.
// - Durability: data files are fsynced before they are renamed into place, summary files and directories as well;
//   directory fsync is best effort where the platform cannot do it (Windows).
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ParquetError } from '../../errors.js';

/** Where a dataset write goes: the target directory and its staging directory (absolute paths). */
export interface DatasetLocation {
  readonly target: string;
  readonly staging: string;
}

/**
 * Checks the target and creates the staging directory. Without `overwrite`, a target that exists and is not an
 * empty directory is an error here, before anything is written.
 */
export async function createStaging(dir: string, overwrite: boolean): Promise<DatasetLocation> {
  const target = resolve(dir);
  const parent = dirname(target);
  if (parent === target) throw new ParquetError('BAD_ARGUMENT', 'cannot write a dataset at a filesystem root');
  const cwd = resolve('.');
  if (overwrite && (cwd === target || cwd.startsWith(target.endsWith(sep) ? target : `${target}${sep}`))) {
    // Replacing it would pull the directory this process works in from under it (dask refuses the same).
    throw new ParquetError('BAD_ARGUMENT', 'cannot overwrite the current working directory or one of its parents', {
      file: target,
    });
  }
  const existing = await statOrUndefined(target);
  if (existing && !overwrite && !(existing.isDirectory() && (await readdir(target)).length === 0)) {
    throw alreadyExists(target);
  }
  try {
    await mkdir(parent, { recursive: true });
    const staging = join(parent, `.${basename(target)}.tessera-tmp-${uniqueSuffix()}`);
    await mkdir(staging);
    return { target, staging };
  } catch (err) {
    throw ioError(err, target, 'cannot create the staging directory');
  }
}

/**
 * Creates `dirs` (relative segments) under `root` one level at a time, never `root` itself: once the staging
 * directory has been removed (the write failed), a straggling partition task cannot bring it back.
 */
export async function makeDirsUnder(root: string, dirs: readonly string[]): Promise<string> {
  let path = root;
  for (const segment of dirs) {
    path = join(path, segment);
    try {
      await mkdir(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(err, path, 'cannot create directory');
    }
  }
  return path;
}

/** Moves the complete staging directory onto the target (see the file header for the guarantee). */
export async function publishStaging(location: DatasetLocation, overwrite: boolean): Promise<void> {
  const { target, staging } = location;
  await syncDirectoryTree(staging);
  if (!overwrite) await renameNoClobber(staging, target);
  else await swapIn(staging, target);
  await syncDirectory(dirname(target));
}

/**
 * Moves the target aside, the staging directory in, then deletes what was moved aside. When another writer puts
 * its dataset at the target between the two renames, the swap is retried (last writer wins, as for files); when it
 * finally fails, the newest dataset moved aside is put back if the target is still free.
 */
async function swapIn(staging: string, target: string): Promise<void> {
  const asides: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const aside = join(dirname(target), `.${basename(target)}.tessera-old-${uniqueSuffix()}`);
    try {
      await rename(target, aside);
      asides.push(aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(err, target, 'cannot move the old dataset');
    }
    try {
      await rename(staging, target);
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code === 'ENOTEMPTY' || code === 'EEXIST') && attempt < 5) continue;
      const newest = asides.pop();
      if (newest) {
        await rename(newest, target).catch((undo: unknown) => {
          throw ioError(undo, target, `publish failed and the old dataset stays at ${newest}`);
        });
      }
      await removeAll(asides);
      throw ioError(err, target, 'cannot publish the dataset');
    }
  }
  // The new dataset is in place; a failure to delete the old one only leaves a hidden directory behind.
  await removeAll(asides);
}

async function removeAll(paths: readonly string[]): Promise<void> {
  for (const path of paths) await rm(path, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
}

async function renameNoClobber(staging: string, target: string): Promise<void> {
  try {
    await rename(staging, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw alreadyExists(target);
    }
    throw ioError(err, target, 'cannot publish the dataset');
  }
}

/**
 * Removes the staging directory and everything in it. Retries when a partition task still running elsewhere adds
 * an entry while the tree is being removed (ENOTEMPTY).
 */
export async function removeStaging(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 }).catch(() => undefined);
}

/** Writes `chunks` to a new file at `path` and fsyncs it. */
export async function writeSyncedFile(path: string, chunks: readonly Uint8Array[]): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'w');
    for (const chunk of chunks) await handle.write(chunk);
    await handle.sync();
  } catch (err) {
    throw ioError(err, path, 'cannot write');
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function uniqueSuffix(): string {
  return `${process.pid}-${randomBytes(6).toString('hex')}`;
}

async function statOrUndefined(path: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError(err, path, 'cannot stat');
  }
}

/** Syncs `dir` and every directory below it, deepest first (new entries, including subdirectories, become durable). */
async function syncDirectoryTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) if (entry.isDirectory()) await syncDirectoryTree(join(dir, entry.name));
  await syncDirectory(dir);
}

/** fsync of a directory makes renames and new entries in it durable (POSIX); best effort where impossible. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some filesystems cannot open or fsync a directory.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function alreadyExists(path: string): ParquetError {
  return new ParquetError(
    'BAD_ARGUMENT',
    'destination already exists and is not an empty directory; pass overwrite: true to replace it',
    { file: path },
  );
}

function ioError(err: unknown, file: string, what: string): ParquetError {
  if (err instanceof ParquetError) return err;
  return new ParquetError('IO', `${what}: ${(err as Error).message}`, { file }, { cause: err });
}
