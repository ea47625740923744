/**
 * The worker's data: every result it holds, in memory or spilled to disk, least recently used first.
 *
 * The state machine only knows keys and sizes; this store holds the values. The memory manager asks it to spill
 * the least recently used results until the managed bytes fall under a target; `get` reads a spilled result back
 * (and keeps it in memory again as the most recently used). Disk I/O is asynchronous (libuv's thread pool), so
 * spilling never blocks the event loop, and a value stays readable from memory until its file is complete.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkerError } from '../errors.js';
import { isSpillable, readSpillFile, writeSpillFile } from './spill_format.js';

interface InMemory {
  readonly where: 'memory';
  readonly value: unknown;
  readonly nbytes: number;
  /** Set while the value is being written to disk. */
  spilling: boolean;
  /** Known not to survive the spill format: never tried again. */
  unspillable: boolean;
}

interface OnDisk {
  readonly where: 'disk';
  readonly path: string;
  readonly nbytes: number;
  readonly fileBytes: number;
  /** A read in progress (shared by concurrent gets). */
  loading: Promise<unknown> | undefined;
}

type Entry = InMemory | OnDisk;

/** Counters of a {@link DataStore}. */
export interface StoreStats {
  /** Bytes of the values held in memory (the sizes given to `set`). */
  readonly memoryBytes: number;
  /** Bytes (value sizes) of the values on disk now. */
  readonly spilledBytes: number;
  /** Keys on disk now. */
  readonly spilledKeys: number;
  /** Bytes written to disk since the start (file sizes). */
  readonly totalBytesSpilled: number;
  /** Values read back from disk since the start. */
  readonly unspills: number;
}

/** Results held by a worker, in memory or on disk (see the file header). */
export class DataStore {
  private readonly entries = new Map<string, Entry>();
  private readonly dir: string;
  private memory = 0;
  private disk = 0;
  private written = 0;
  private reads = 0;
  private fileSeq = 0;

  /** `dir` is created if needed; spill files go there. */
  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  /** Stores `value` (replacing any previous one) as the most recently used. */
  set(key: string, value: unknown, nbytes: number): void {
    this.delete(key);
    this.entries.set(key, { where: 'memory', value, nbytes, spilling: false, unspillable: false });
    this.memory += nbytes;
  }

  /** Whether the store holds `key` (in memory or on disk). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Whether `key` is held on disk only. */
  isSpilled(key: string): boolean {
    return this.entries.get(key)?.where === 'disk';
  }

  /** The size given when `key` was stored. */
  nbytes(key: string): number | undefined {
    return this.entries.get(key)?.nbytes;
  }

  /** Keys held, least recently used first. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * The value of `key`, read back from disk if it was spilled (it is then in memory again, most recently used).
   * Rejects with WorkerError NOT_FOUND when the store does not hold `key`.
   */
  async get(key: string): Promise<unknown> {
    const entry = this.entries.get(key);
    if (!entry) throw new WorkerError('NOT_FOUND', `worker data store holds no value for key ${key}`, { key });
    if (entry.where === 'memory') {
      this.touch(key, entry);
      return entry.value;
    }
    entry.loading ??= this.unspill(key, entry);
    return entry.loading;
  }

  /** Drops `key` from memory and disk (the file is removed in the background). */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (entry.where === 'memory') this.memory -= entry.nbytes;
    else {
      this.disk -= entry.nbytes;
      void this.removeFile(entry.path);
    }
  }

  /**
   * Spills least recently used values until the bytes in memory are at most `target`. Values being written count
   * as gone. Resolves to the value bytes spilled by this call.
   */
  async spillUntil(target: number): Promise<number> {
    let pendingBytes = 0;
    const writes: Promise<number>[] = [];
    for (const [key, entry] of this.entries) {
      if (this.memory - pendingBytes <= target) break;
      if (entry.where !== 'memory' || entry.spilling || entry.unspillable) continue;
      if (!isSpillable(entry.value)) {
        entry.unspillable = true;
        continue;
      }
      entry.spilling = true;
      pendingBytes += entry.nbytes;
      writes.push(this.spillOne(key, entry));
    }
    const done = await Promise.all(writes);
    return done.reduce((a, b) => a + b, 0);
  }

  /** Current counters. */
  stats(): StoreStats {
    let spilledKeys = 0;
    for (const e of this.entries.values()) if (e.where === 'disk') spilledKeys++;
    return {
      memoryBytes: this.memory,
      spilledBytes: this.disk,
      spilledKeys,
      totalBytesSpilled: this.written,
      unspills: this.reads,
    };
  }

  /** Drops everything and removes the spill directory. */
  clear(): void {
    this.entries.clear();
    this.memory = 0;
    this.disk = 0;
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  private touch(key: string, entry: Entry): void {
    // Map order is insertion order: re-inserting makes the key the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private async spillOne(key: string, entry: InMemory): Promise<number> {
    const name = `${createHash('sha1').update(key).digest('hex').slice(0, 16)}-${++this.fileSeq}.tspl`;
    const path = join(this.dir, name);
    let fileBytes: number;
    try {
      fileBytes = await writeSpillFile(path, key, entry.value);
    } catch {
      // Could not be written (an odd value, a full disk): keep it in memory and do not try it again.
      entry.spilling = false;
      entry.unspillable = true;
      await this.removeFile(path);
      return 0;
    }
    entry.spilling = false;
    if (this.entries.get(key) !== entry) {
      // Deleted or replaced while being written.
      await this.removeFile(path);
      return 0;
    }
    this.written += fileBytes;
    this.memory -= entry.nbytes;
    this.disk += entry.nbytes;
    // Keep the LRU position: a spilled key does not jump ahead of values used after it.
    this.entries.set(key, { where: 'disk', path, nbytes: entry.nbytes, fileBytes, loading: undefined });
    return entry.nbytes;
  }

  private async unspill(key: string, entry: OnDisk): Promise<unknown> {
    let value: unknown;
    try {
      value = await readSpillFile(entry.path, key);
    } finally {
      entry.loading = undefined;
    }
    this.reads++;
    if (this.entries.get(key) === entry) {
      this.entries.delete(key);
      this.disk -= entry.nbytes;
      this.entries.set(key, { where: 'memory', value, nbytes: entry.nbytes, spilling: false, unspillable: false });
      this.memory += entry.nbytes;
      void this.removeFile(entry.path);
    }
    return value;
  }

  private async removeFile(path: string): Promise<void> {
    try {
      await unlink(path);
    } catch {
      // already gone
    }
  }
}
