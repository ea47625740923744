// Finding a dataset's files: a directory tree, a glob, or an explicit list. Like pyarrow, names starting with '.'
// or '_' are skipped while walking (Spark's _SUCCESS, .crc files, _temporary dirs); the summary files `_metadata`
// and `_common_metadata` at the root are reported separately. Files are returned sorted, so row order is stable.
import { readdirSync, type Stats, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ParquetError } from '../errors.js';
import { globMatcher, hasGlobSyntax, splitGlob } from './glob.js';

/** A data file and the directory names between the dataset root and it (where hive `key=value` segments live). */
export interface DiscoveredFile {
  readonly path: string;
  readonly dirs: readonly string[];
}

/** What a dataset input resolves to. */
export interface Discovery {
  readonly files: DiscoveredFile[];
  /** `_metadata` at the root, when present. */
  readonly metadataFile?: string;
  /** `_common_metadata` at the root, when present. */
  readonly commonMetadataFile?: string;
}

/** Resolves a directory, glob pattern, single file, or list of files. */
export function discoverFiles(input: string | readonly string[]): Discovery {
  if (typeof input !== 'string') {
    if (input.length === 0) throw new ParquetError('BAD_ARGUMENT', 'openDataset: empty list of files');
    // An explicit list has no root: every key=value directory on the path counts, as in DuckDB.
    return { files: input.map((path) => ({ path, dirs: dirsOf(path) })) };
  }
  if (hasGlobSyntax(input)) return discoverGlob(input);
  const stat = statOrThrow(input);
  if (!stat.isDirectory()) return { files: [{ path: input, dirs: dirsOf(input) }] };
  const files = walk(input, () => true);
  if (files.length === 0) throw new ParquetError('BAD_ARGUMENT', `no Parquet files under ${input}`);
  return { files, ...summaryFiles(input) };
}

function discoverGlob(pattern: string): Discovery {
  const normalized = pattern.split(sep).join('/');
  const { base, rest } = splitGlob(normalized);
  statOrThrow(base);
  const matches = globMatcher(rest);
  // Like DuckDB, every key=value directory on a matched path is a partition, including those in the glob's base.
  const files = walk(base, (relativePath) => matches(relativePath)).map(({ path }) => ({ path, dirs: dirsOf(path) }));
  if (files.length === 0) throw new ParquetError('BAD_ARGUMENT', `no files match ${pattern}`);
  return { files, ...summaryFiles(base) };
}

function walk(root: string, accept: (relativePath: string) => boolean): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  // `dirs`: the directory names from the root down to `dir` (a file's relative path is them and its name).
  const visit = (dir: string, dirs: readonly string[]): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path, [...dirs, entry.name]);
      else if (entry.isFile() || (entry.isSymbolicLink() && statSync(path).isFile())) {
        if (accept([...dirs, entry.name].join('/'))) out.push({ path, dirs });
      }
    }
  };
  visit(root, []);
  return out;
}

function summaryFiles(root: string): { metadataFile?: string; commonMetadataFile?: string } {
  const isFile = (path: string): boolean => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  const metadata = join(root, '_metadata');
  const common = join(root, '_common_metadata');
  return {
    ...(isFile(metadata) ? { metadataFile: metadata } : {}),
    ...(isFile(common) ? { commonMetadataFile: common } : {}),
  };
}

function dirsOf(path: string): string[] {
  return path.split(/[\\/]/).slice(0, -1);
}

function statOrThrow(path: string): Stats {
  try {
    return statSync(path);
  } catch (err) {
    throw new ParquetError('IO', `cannot read ${path}: ${(err as Error).message}`, { file: path }, { cause: err });
  }
}
