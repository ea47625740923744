// Footers of local files, kept per thread by path and valid while the file keeps its identity and modification
// (device, inode, size, mtime, ctime), so that a file read again while unchanged is not re-read nor re-decoded
// (issue 16 item 4). Two paths share it: openDataset / Dataset on the calling thread (data-file footers and
// `_metadata` / `_common_metadata` summaries: a repeated readParquet of a dataset costs one stat per file), and
// readParquet's partition tasks on each worker thread (a file's footer is decoded once per thread, whichever task
// reads it). A file rewritten, even in place at the same size with its mtime put back, changes its ctime, so it is
// read afresh. An open takes the identity from the opened descriptor (fstat), so the footer reused is that of the
// file read; footer and schema lookups without an open stat the path.
//
// The capacity is counted in column chunks (row groups x leaf columns, plus schema elements), which is what a
// decoded footer's size grows with: a count of entries would either drop the footers of a dataset of many small
// files every query (the earlier 64-entry FIFO did, with 96 files split differently between threads each query) or
// let a few huge footers grow the heap without bound. Eviction is least-recently-used.
import { type Stats, statSync } from 'node:fs';
import type * as arrow from 'apache-arrow';
import { type OpenOptions, ParquetFile } from '../file.js';
import type { FileMetaData } from '../metadata/types.js';
import type { ParquetSchema } from '../schema.js';
import { bytesSource, openLocalFile } from '../sources/local.js';

/**
 * Default capacity per thread, in column chunks. A decoded column chunk takes about 1.6 KB of heap (measured on the
 * trips `_metadata`: statistics, encodings, paths), so 20,000 is ~32 MB per thread: a thousand files of 20 columns,
 * or the 96-file trips dataset (768 chunks, plus its `_metadata`) many times over.
 */
export const DEFAULT_FOOTER_CACHE_CAPACITY = 20_000;

/** Counters of a footer cache. */
export interface FooterCacheStats {
  /** Opens served from the cache (no footer read). */
  hits: number;
  /** Footers read and decoded (then kept, when they fit and the file is not encrypted). */
  misses: number;
  /** Footers dropped to make room. */
  evictions: number;
  /** Footers held now. */
  entries: number;
  /** Their total weight (column chunks + schema elements). */
  weight: number;
}

/** A cached footer opened as a file: `fromCache` tells whether its footer was read now or reused. */
export interface CachedOpen {
  readonly file: ParquetFile;
  readonly fromCache: boolean;
}

/** A file's footer and the Arrow schema it reads as (with the options' INT96 unit). */
export interface FooterSchema {
  readonly metadata: FileMetaData;
  readonly arrowSchema: arrow.Schema;
  readonly encrypted: boolean;
  readonly fromCache: boolean;
}

interface Entry {
  /** The file's identity and modification when its footer was decoded. */
  readonly identity: string;
  /** Its size then (checked against the file actually opened). */
  readonly size: number;
  readonly metadata: FileMetaData;
  readonly weight: number;
  /** Arrow schemas derived from the footer, by INT96 unit (what openDataset unifies; derived once, not per open). */
  arrowSchemas?: Map<string, arrow.Schema>;
  /** The schema built from the footer by the first open (a file opened from the cache reuses it). */
  schema?: ParquetSchema;
}

/** No bytes: a file made from a cached footer over it only derives schemas (nothing is read from it). */
const NO_BYTES = new Uint8Array(0);

function unitKey(options: OpenOptions): string {
  return String(options.int96TimestampUnit);
}

/** The weight of a footer: its column chunks and schema elements (what its decoded size grows with). */
export function footerWeight(metadata: FileMetaData): number {
  let chunks = 0;
  for (const rowGroup of metadata.rowGroups) chunks += rowGroup.columns.length;
  return chunks + metadata.schema.length + 1;
}

/** Identity and modification of local file `path`, or undefined when it cannot be stat'ed (the open then reports
 *  the error with its context) or is not a regular file. */
function identity(path: string): string | undefined {
  let s: Stats;
  try {
    s = statSync(path);
  } catch {
    return undefined;
  }
  return s.isFile() ? identityOfStats(s) : undefined;
}

/** The identity and modification a stat of a regular file gives (see identity). The times are milliseconds with
 *  their sub-millisecond fraction (a double holds today's times to a fraction of a microsecond): a stat without
 *  bigints costs less, and is taken per file and per query. */
function identityOfStats(s: Stats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

/** Whether `path` is a local file path (not an http(s) URL), the only kind the cache keys. */
function isLocal(path: string): boolean {
  return !/^https?:\/\//i.test(path);
}

/**
 * Decoded footers of local files by path, each valid while the file keeps its identity, least-recently-used first
 * out, holding at most `capacity` column chunks. Encrypted files and opens with decryption options are never cached
 * (their footer depends on keys).
 */
export class FooterCache {
  private readonly entries = new Map<string, Entry>();
  private readonly counters = { hits: 0, misses: 0, evictions: 0 };
  private total = 0;

  /** @param capacity most column chunks (see footerWeight) held; 0 disables the cache. */
  constructor(readonly capacity: number = DEFAULT_FOOTER_CACHE_CAPACITY) {
    if (!(capacity >= 0)) throw new RangeError(`FooterCache: capacity must be >= 0, got ${capacity}`);
  }

  /**
   * Opens local file `path`, reusing its footer (and the schema built from it) when the file is unchanged since it
   * was decoded. The file is opened first and its identity taken from the open descriptor (one fstat, no stat of
   * the path), so the footer reused is that of the very file read.
   */
  async open(path: string, options: OpenOptions = {}): Promise<CachedOpen> {
    if (!this.keyed(path, options)) return { file: await ParquetFile.open(path, options), fromCache: false };
    const { source, stats } = openLocalFile(path);
    const id = stats.isFile() ? identityOfStats(stats) : undefined;
    const known = id === undefined ? undefined : this.get(path, id);
    if (known) {
      const file = ParquetFile.adopt(source, known.metadata, options, known.schema);
      known.schema = file.schema;
      this.counters.hits++;
      return { file, fromCache: true };
    }
    // A miss reads the footer through a file of its own: the descriptor above only served the identity.
    await source.close?.();
    const file = await ParquetFile.open(path, options);
    this.counters.misses++;
    if (id !== undefined && !file.encrypted && file.source.byteLength === source.byteLength) {
      const kept = this.put(path, id, file.source.byteLength, file.metadata);
      if (kept) kept.schema = file.schema;
    }
    return { file, fromCache: false };
  }

  /** The footer of local file `path` (read, then closed, on a miss). */
  async footer(path: string, options: OpenOptions = {}): Promise<{ metadata: FileMetaData; fromCache: boolean }> {
    const id = this.identityOf(path, options);
    const known = id === undefined ? undefined : this.get(path, id)?.metadata;
    if (known) {
      this.counters.hits++;
      return { metadata: known, fromCache: true };
    }
    const file = await ParquetFile.open(path, options);
    await file.close();
    this.counters.misses++;
    if (id !== undefined && !file.encrypted) this.put(path, id, file.source.byteLength, file.metadata);
    return { metadata: file.metadata, fromCache: false };
  }

  /**
   * The footer of local file `path` and its Arrow schema: on a hit neither is read nor derived again, and the file
   * is not even opened (openDataset's schema unification over many files costs a stat per file).
   */
  async schema(path: string, options: OpenOptions = {}): Promise<FooterSchema> {
    const id = this.identityOf(path, options);
    const entry = id === undefined ? undefined : this.get(path, id);
    if (entry) {
      this.counters.hits++;
      let arrowSchema = entry.arrowSchemas?.get(unitKey(options));
      if (!arrowSchema) {
        const view = await ParquetFile.fromMetadata(bytesSource(NO_BYTES, path), entry.metadata, options);
        arrowSchema = view.arrowSchema();
        (entry.arrowSchemas ??= new Map()).set(unitKey(options), arrowSchema);
      }
      return { metadata: entry.metadata, arrowSchema, encrypted: false, fromCache: true };
    }
    const file = await ParquetFile.open(path, options);
    let arrowSchema: arrow.Schema;
    try {
      arrowSchema = file.arrowSchema();
    } finally {
      await file.close();
    }
    this.counters.misses++;
    if (id !== undefined && !file.encrypted) {
      const kept = this.put(path, id, file.source.byteLength, file.metadata);
      if (kept) kept.arrowSchemas = new Map([[unitKey(options), arrowSchema]]);
    }
    return { metadata: file.metadata, arrowSchema, encrypted: file.encrypted, fromCache: false };
  }

  /** Drops every footer (the counters stay). */
  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** Hits, misses, evictions and what is held now. */
  get stats(): FooterCacheStats {
    return { ...this.counters, entries: this.entries.size, weight: this.total };
  }

  // Whether opens of `path` with `options` go through the cache.
  private keyed(path: string, options: OpenOptions): boolean {
    return this.capacity > 0 && !options.decryption && isLocal(path);
  }

  private identityOf(path: string, options: OpenOptions): string | undefined {
    return this.keyed(path, options) ? identity(path) : undefined;
  }

  private get(path: string, id: string): Entry | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    this.entries.delete(path);
    if (entry.identity !== id) {
      // Rewritten since: the stale footer goes now rather than when it would be evicted.
      this.total -= entry.weight;
      return undefined;
    }
    // Re-inserted: a Map iterates in insertion order, so its first key is the least recently used.
    this.entries.set(path, entry);
    return entry;
  }

  private put(path: string, id: string, size: number, metadata: FileMetaData): Entry | undefined {
    const weight = footerWeight(metadata);
    if (weight > this.capacity) return undefined;
    const old = this.entries.get(path);
    if (old) {
      this.entries.delete(path);
      this.total -= old.weight;
    }
    while (this.total + weight > this.capacity) {
      const [oldest, entry] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.total -= entry.weight;
      this.counters.evictions++;
    }
    const entry: Entry = { identity: id, size, metadata, weight };
    this.entries.set(path, entry);
    this.total += weight;
    return entry;
  }
}

/** This thread's footer cache (each worker thread has its own: module state is per thread). */
export const footerCache: FooterCache = new FooterCache();
