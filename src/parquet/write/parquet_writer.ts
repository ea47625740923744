// Streaming Parquet writer: batches in, row groups out, page indexes and footer at close. Memory is bounded by one
// row group of shredded values (plus the batch being added, and one page being encoded): a row group is buffered in
// storage reused from one row group to the next (leaf_buffer.ts), encoded column chunk by column chunk when full,
// and each page goes to the sink as soon as it is built. What is kept until close grows only by the footer's row
// group metadata and the serialized page index, a few bytes per page. The file appears at its path only when
// close() succeeds (see sink.ts).
import type * as arrow from 'apache-arrow';
import { batchToArrow } from '../../columnar/to_arrow.js';
import type { Batch } from '../../columnar/types.js';
import { ParquetError } from '../errors.js';
import type { ColumnChunk, FileMetaData, KeyValue, RowGroup, SchemaElement, SortingColumn } from '../metadata/types.js';
import { hasParquetPool, parquetPool } from '../parallel/pools.js';
import { defaultReadThreads } from '../parallel/read_parallel.js';
import { ParquetSchema } from '../schema.js';
import { checkColumnOptionNames, checkWriterOptions } from './check_options.js';
import { type EncodedChunk, encodeOnPool } from './chunk_task.js';
import { type WrittenChunk, writeColumnChunk } from './column_chunk_writer.js';
import { footerBytes, MAGIC, PageIndexSpool } from './file_layout.js';
import { LeafBuffer, leafDataBytes } from './leaf_buffer.js';
import type { LeafData } from './leaf_data.js';
import { type ResolvedColumnOptions, resolveColumnOptions, rowGroupLimits, type WriterOptions } from './options.js';
import { schemaFromArrow } from './schema/from_arrow.js';
import { schemaFromParquet } from './schema/from_parquet.js';
import type { WriteSchema } from './schema/write_schema.js';
import { shredBatch } from './shred/shred.js';
import { type ByteSink, openSink, type WriteDestination } from './sink.js';
import { CREATED_BY } from './version.js';

/** A schema to write: an Arrow schema, or an explicit Parquet schema (the footer's flattened SchemaElement list). */
export type WriterSchema = arrow.Schema | readonly SchemaElement[];

/** Options of {@link ParquetWriter.open}: writer options plus how Arrow types map to Parquet. */
export interface ParquetWriterOptions extends WriterOptions {
  /** Write timestamps as INT96 (legacy Impala/Spark), as pyarrow's use_deprecated_int96_timestamps. */
  int96Timestamps?: boolean;
  /** Store decimals of precision <= 18 as INT32/INT64 instead of FIXED_LEN_BYTE_ARRAY. */
  decimalAsInteger?: boolean;
  /** Field ids by dotted Parquet path (override the Arrow field metadata `PARQUET:field_id`; -1 drops one). */
  fieldIds?: Readonly<Record<string, number>>;
  /** Aborting it discards the file (nothing is left at a path destination, the temporary file included) and
   *  makes every pending and later call reject with a ParquetError('ABORTED'). */
  signal?: AbortSignal;
  /**
   * Threads that encode and compress a row group's column chunks. Default: the number of cores, as DuckDB's COPY
   * (1 in a worker thread, so that pools do not nest); 1 keeps all work on the calling thread. With more, each
   * column chunk is a task on the process's pool (shared with parallel reads), its values on shared memory (no copy
   * to the threads), and the calling thread buffers the next row group meanwhile (so two row groups' buffers are
   * held instead of one). The file is byte for byte the same whatever the count. Row groups under 1 MiB of
   * buffered values are encoded on the calling thread; with the default count, so are row groups under 16 MiB
   * until the pool is running (starting its threads costs more than encoding them).
   */
  threads?: number;
}

/** The error of a write stopped by its AbortSignal. */
function abortedError(signal: AbortSignal, file: string): ParquetError {
  return new ParquetError(
    'ABORTED',
    'the write was aborted; nothing was published',
    { file },
    { cause: signal.reason },
  );
}

/** Buffered bytes from which a row group's chunks go to the pool once it runs. */
const POOL_MIN_BYTES = 1 << 20;
/** With the default thread count, buffered bytes from which a row group starts the pool: starting its threads
 *  took 200 ms or more on the loaded bench machine (parallel/read_decision.ts), more than encoding a
 *  row group of a few megabytes on the calling thread. An explicit `threads` starts it from POOL_MIN_BYTES. */
const POOL_START_MIN_BYTES = 16 << 20;

/** What `write` accepts: Arrow record batches and tables, or Tessera's plain-data batches (src/columnar). */
export type WritableData = arrow.RecordBatch | arrow.Table | Batch;

type State = 'open' | 'closed' | 'failed';

/**
 * Writes a Parquet file batch by batch.
 *
 *     const writer = await ParquetWriter.open('out.parquet', table.schema, { codec: 'zstd' });
 *     for (const batch of table.batches) await writer.write(batch);
 *     await writer.close();
 */
export class ParquetWriter {
  private state: State = 'open';
  private offset = MAGIC.byteLength;
  private buffered: LeafBuffer[];
  /** With threads: the other row group's buffers, filled while this one's chunks are encoded on the pool. */
  private spare: LeafBuffer[] | undefined;
  /** With threads: the row group being encoded on the pool and then written (chained after the one before). */
  private inFlight: Promise<void> | undefined;
  private bufferedRows = 0;
  private bufferedBytes = 0;
  private rowsWritten = 0;
  private readonly rowGroups: RowGroup[] = [];
  private readonly pageIndexes = new PageIndexSpool();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly limits: { rows: number; bytes: number };
  private readonly columnOptions: readonly ResolvedColumnOptions[];
  private readonly columns: ParquetSchema['columns'];
  private readonly sortingColumns?: SortingColumn[];
  private onAbort?: () => void;
  private readonly threads: number;
  /** Whether the caller chose the thread count (else the cores: a small write then stays on this thread). */
  private readonly explicitThreads: boolean;

  private constructor(
    private readonly sink: ByteSink,
    private readonly schema: WriteSchema,
    private readonly options: ParquetWriterOptions,
    private readonly keyValues: KeyValue[],
  ) {
    this.columns = new ParquetSchema(schema.elements).columns;
    this.columnOptions = this.columns.map((c) => resolveColumnOptions(options, c.path));
    this.limits = rowGroupLimits(options);
    this.sortingColumns = resolveSortingColumns(options, this.columns);
    this.threads = resolveThreads(options.threads);
    this.explicitThreads = options.threads !== undefined;
    this.buffered = this.newBuffers();
  }

  /** Opens a writer on `dest` (a path: written atomically; a Node writable stream; or an object with write()). */
  static async open(
    dest: WriteDestination,
    schema: WriterSchema,
    options: ParquetWriterOptions = {},
  ): Promise<ParquetWriter> {
    return ParquetWriter.openChecked(dest, schema, options, 'ParquetWriter.open');
  }

  /** @internal ParquetWriter.open, with `where` naming the public function called in error messages. */
  static async openChecked(
    dest: WriteDestination,
    schema: WriterSchema,
    options: ParquetWriterOptions,
    where: string,
  ): Promise<ParquetWriter> {
    checkWriterOptions(options, where);
    const writeSchema = isArrowSchema(schema)
      ? schemaFromArrow(schema, {
          int96Timestamps: options.int96Timestamps,
          decimalAsInteger: options.decimalAsInteger,
          fieldIds: options.fieldIds,
        })
      : schemaFromParquet([...schema]);
    const keyValues = keyValueMetadata(schema, options);
    // Validate options before creating anything on disk.
    const probe = new ParquetSchema(writeSchema.elements).columns;
    checkColumnOptionNames(options, probe, where);
    for (const c of probe) resolveColumnOptions(options, c.path);
    rowGroupLimits(options);
    resolveSortingColumns(options, probe);
    const { signal } = options;
    const name = typeof dest === 'string' ? dest : '<stream>';
    if (signal?.aborted) throw abortedError(signal, name);
    resolveThreads(options.threads);
    const sink = await openSink(dest, { overwrite: options.overwrite });
    const writer = new ParquetWriter(sink, writeSchema, options, keyValues);
    if (signal) writer.watch(signal);
    try {
      if (signal?.aborted) throw abortedError(signal, name);
      await sink.write([MAGIC]);
    } catch (err) {
      await writer.fail();
      throw err;
    }
    return writer;
  }

  /** Discards the file as soon as `signal` aborts (after the step in progress, which cannot be interrupted). */
  private watch(signal: AbortSignal): void {
    this.onAbort = () => {
      // In the queue, so that calls made after the abort settle only once the file is gone.
      this.queue = this.queue.then(() => (this.state === 'open' ? this.fail() : undefined)).catch(() => undefined);
    };
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  private unwatch(): void {
    if (this.onAbort) this.options.signal?.removeEventListener('abort', this.onAbort);
    this.onAbort = undefined;
  }

  /** Rows accepted so far (written or buffered). */
  get numRows(): number {
    return this.rowsWritten + this.bufferedRows;
  }

  /**
   * Adds the rows of `data`. Invalid values (a null in a required column, a decimal too wide for its precision,
   * a value that does not fit the explicit schema) reject with a ParquetError naming the column and row; the batch
   * is then not added and the writer stays usable.
   */
  write(data: WritableData): Promise<void> {
    return this.enqueue(async () => {
      const batches = isArrowData(data) ? ('batches' in data ? data.batches : [data]) : batchToArrow(data).batches;
      for (const batch of batches) await this.addBatch(batch);
    });
  }

  /** Writes what is buffered, the page indexes and the footer, and publishes the file. Returns the footer. */
  close(): Promise<FileMetaData> {
    return this.enqueue(async () => {
      if (this.bufferedRows > 0) await this.flushRowGroup();
      await this.settle();
      this.releaseBuffers();
      const tail = this.pageIndexes.layout(this.offset);
      const metadata = this.fileMetaData();
      await this.append([...tail, ...footerBytes(metadata)]);
      this.state = 'closed';
      this.unwatch();
      try {
        await this.sink.close();
      } catch (err) {
        this.state = 'failed';
        throw err;
      }
      return metadata;
    });
  }

  /** Discards the file: nothing appears at a path destination. */
  abort(): Promise<void> {
    return this.enqueue(() => this.fail());
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const { signal } = this.options;
      if (signal?.aborted) {
        if (this.state === 'open') await this.fail();
        throw abortedError(signal, this.sink.name);
      }
      if (this.state !== 'open') {
        throw new ParquetError(
          'BAD_ARGUMENT',
          `the writer is ${this.state === 'closed' ? 'closed' : 'aborted after an error'}`,
          {
            file: this.sink.name,
          },
        );
      }
      return task();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async fail(): Promise<void> {
    this.state = 'failed';
    this.unwatch();
    // The row group in flight writes nothing more (its task sees the state), but must finish before the abort.
    await this.inFlight?.catch(() => undefined);
    this.inFlight = undefined;
    this.releaseBuffers();
    await this.sink.abort();
  }

  /** Row-group buffers: on shared memory when chunks are encoded on pool threads. */
  private newBuffers(): LeafBuffer[] {
    const shared = this.usesPool();
    return this.columns.map(() => new LeafBuffer(shared));
  }

  /** Whether row groups go to pool threads (more than one thread, and more than one column to spread). */
  private usesPool(): boolean {
    return this.threads > 1 && this.columns.length > 1;
  }

  /** Buffered bytes from which this row group goes to the pool. */
  private poolMinBytes(): number {
    return this.explicitThreads || hasParquetPool(this.threads) ? POOL_MIN_BYTES : POOL_START_MIN_BYTES;
  }

  /** Waits for the row group in flight to be written; its failure fails the file. */
  private async settle(): Promise<void> {
    const inFlight = this.inFlight;
    if (!inFlight) return;
    try {
      await inFlight;
    } catch (err) {
      this.inFlight = undefined;
      if (this.state === 'open') await this.fail();
      throw err;
    } finally {
      this.inFlight = undefined;
    }
  }

  /**
   * Hands the buffered row group to the pool: every column chunk is one task, all queued at once, and the chunks
   * are written in column order once encoded, after the row group before. The calling thread meanwhile fills the
   * other set of buffers with the next row group, and queues it as soon as it is full, so the pool threads never
   * wait between row groups. Two row groups of buffers at most: before refilling a set, the calling thread waits
   * until the row group that used it is written, so a set is never overwritten while a pool thread reads it.
   */
  private async dispatchRowGroup(): Promise<void> {
    const pool = parquetPool(this.threads);
    const data = this.buffered.map((buffer) => buffer.take());
    // Largest chunks first (the pool's queue is FIFO): the last tasks to start are small ones, so no thread is left
    // finishing a big string column while the other waits for the next row group.
    const order = data.map((_, i) => i).sort((a, b) => leafDataBytes(data[b]!) - leafDataBytes(data[a]!));
    const tasks: Promise<EncodedChunk>[] = [];
    for (const i of order) {
      tasks[i] = encodeOnPool(
        pool,
        this.schema.elements,
        i,
        data[i] as LeafData,
        this.columnOptions[i] as ResolvedColumnOptions,
      );
    }
    const encoded = Promise.all(tasks);
    // Awaited below once the row group before is written; a failure meanwhile must not be unhandled.
    encoded.catch(() => undefined);
    const numRows = this.bufferedRows;
    this.rowsWritten += numRows;
    this.bufferedRows = 0;
    this.bufferedBytes = 0;
    const filled = this.buffered;
    this.buffered = this.spare ?? this.newBuffers();
    this.spare = filled;
    const previous = this.inFlight;
    const inFlight = (async () => {
      await previous;
      const chunks = await encoded;
      if (this.state === 'open') await this.writeEncoded(chunks, numRows);
    })();
    // Awaited by the next refill, by close or by fail; until then its failure must not be unhandled.
    inFlight.catch(() => undefined);
    this.inFlight = inFlight;
    // The buffers to fill next held the previous row group: wait until it is written (and so encoded).
    if (previous) {
      try {
        await previous;
      } catch (err) {
        if (this.state === 'open') await this.fail();
        throw err;
      }
    }
  }

  /** Drops the row group storage (kept across row groups while open) even if the writer object is kept. */
  private releaseBuffers(): void {
    this.buffered = this.newBuffers();
    this.spare = undefined;
  }

  private async addBatch(batch: arrow.RecordBatch): Promise<void> {
    let start = 0;
    while (start < batch.numRows) {
      const take = Math.min(batch.numRows - start, this.limits.rows - this.bufferedRows);
      const part = start === 0 && take === batch.numRows ? batch : batch.slice(start, start + take);
      // Shredding validates every value first: a bad batch throws here, before anything is buffered.
      const leaves = shredBatch(part, this.schema, { firstRow: this.numRows });
      let partBytes = 0;
      for (const leaf of leaves) partBytes += leafDataBytes(leaf);
      // The rows the row group will hold: its row limit, or fewer when its byte limit comes first.
      const expectedRows = Math.min(this.limits.rows, Math.ceil((this.limits.bytes * take) / Math.max(partBytes, 1)));
      leaves.forEach((leaf, i) => {
        this.buffered[i]?.append(leaf, expectedRows);
      });
      this.bufferedBytes += partBytes;
      this.bufferedRows += take;
      start += take;
      if (this.bufferedRows >= this.limits.rows || this.bufferedBytes >= this.limits.bytes) await this.flushRowGroup();
    }
  }

  /** Encodes and writes the buffered row group, column chunk by column chunk, then its bloom filters. A failure
   *  here leaves part of a row group in the file, so it aborts the file. */
  private async flushRowGroup(): Promise<void> {
    if (this.usesPool() && this.bufferedBytes >= this.poolMinBytes()) {
      await this.dispatchRowGroup();
      return;
    }
    await this.settle();
    try {
      await this.writeRowGroup();
    } catch (err) {
      if (this.state === 'open') await this.fail();
      throw err;
    }
  }

  /** Writes a row group whose chunks were encoded on the pool (appends do not fail the file here: settle does). */
  private async writeEncoded(parallel: readonly EncodedChunk[], numRows: number): Promise<void> {
    await this.writeChunks(parallel, numRows, (bytes) => this.appendOnly(bytes));
  }

  /** Encodes the buffered row group on this thread and writes it. */
  private async writeRowGroup(): Promise<void> {
    const numRows = this.bufferedRows;
    await this.writeChunks(undefined, numRows, (bytes) => this.append(bytes));
    this.rowsWritten += numRows;
    this.bufferedRows = 0;
    this.bufferedBytes = 0;
  }

  /** Writes one row group's chunks (encoded on the pool, or else encoded here from the buffers), then its bloom
   *  filters, and records the row group in the footer. */
  private async writeChunks(
    parallel: readonly EncodedChunk[] | undefined,
    numRows: number,
    emit: (bytes: readonly Uint8Array[]) => Promise<void>,
  ): Promise<void> {
    const rowGroupStart = this.offset;
    const chunks: ColumnChunk[] = [];
    const blooms: { chunk: ColumnChunk; bytes: Uint8Array }[] = [];
    let uncompressed = 0;
    for (let i = 0; i < this.columns.length; i++) {
      const column = this.columns[i] as ParquetSchema['columns'][number];
      const chunkOffset = this.offset;
      const encoded = parallel?.[i];
      let written: EncodedChunk | WrittenChunk;
      if (encoded) {
        await emit(encoded.pages);
        written = encoded;
      } else {
        // Views of the buffer, valid until the next append: the chunk writer copies whatever it keeps.
        const data = (this.buffered[i] as LeafBuffer).take();
        written = await writeColumnChunk(column, data, this.columnOptions[i] as ResolvedColumnOptions, emit);
      }
      const meta = written.metaData;
      meta.dataPageOffset += chunkOffset;
      if (meta.dictionaryPageOffset !== undefined) meta.dictionaryPageOffset += chunkOffset;
      const chunk: ColumnChunk = { fileOffset: chunkOffset, metaData: meta };
      chunks.push(chunk);
      if (encoded?.pageIndex) {
        // Built on a pool thread at chunk offset 0: the pages move to where the chunk landed.
        const { columnIndex, offsetIndex } = encoded.pageIndex;
        const pageLocations = offsetIndex.pageLocations.map((p) => ({ ...p, offset: p.offset + chunkOffset }));
        this.pageIndexes.addIndexes(chunk, columnIndex, { ...offsetIndex, pageLocations });
      } else if (!encoded && (written as WrittenChunk).pageIndex) {
        this.pageIndexes.add(chunk, (written as WrittenChunk).pageIndex!, chunkOffset);
      }
      if (written.bloomFilter) blooms.push({ chunk, bytes: written.bloomFilter });
      uncompressed += meta.totalUncompressedSize;
    }
    const compressed = this.offset - rowGroupStart;
    for (const bloom of blooms) {
      const meta = bloom.chunk.metaData;
      if (meta) {
        meta.bloomFilterOffset = this.offset;
        meta.bloomFilterLength = bloom.bytes.byteLength;
      }
      await emit([bloom.bytes]);
    }
    this.rowGroups.push({
      columns: chunks,
      totalByteSize: uncompressed,
      numRows,
      sortingColumns: this.sortingColumns,
      fileOffset: rowGroupStart,
      totalCompressedSize: compressed,
      ordinal: this.rowGroups.length,
    });
  }

  /** Appends bytes to the sink; a failing sink aborts the file. */
  private async append(bytes: readonly Uint8Array[]): Promise<void> {
    try {
      await this.appendOnly(bytes);
    } catch (err) {
      await this.fail();
      throw err;
    }
  }

  /** Appends bytes to the sink (the caller handles a failure). */
  private async appendOnly(bytes: readonly Uint8Array[]): Promise<void> {
    await this.sink.write(bytes);
    for (const b of bytes) this.offset += b.byteLength;
  }

  private fileMetaData(): FileMetaData {
    return {
      version: this.options.pageVersion === 2 ? 2 : 1,
      schema: this.schema.elements,
      numRows: this.rowsWritten,
      rowGroups: this.rowGroups,
      keyValueMetadata: this.keyValues.length > 0 ? this.keyValues : undefined,
      createdBy: this.options.createdBy ?? CREATED_BY,
      columnOrders: this.columns.map(() => ({ type: 'TYPE_ORDER' as const })),
    };
  }
}

/** The thread count of `threads` (default: the cores; 1 in a worker thread); throws ParquetError('BAD_ARGUMENT')
 *  on a bad one. */
function resolveThreads(threads: number | undefined): number {
  if (threads === undefined) return defaultReadThreads();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new ParquetError('BAD_ARGUMENT', `threads must be a positive integer, got ${String(threads)}`);
  }
  return threads;
}

function isArrowData(data: WritableData): data is arrow.RecordBatch | arrow.Table {
  return typeof (data as Partial<arrow.Table>).getChild === 'function';
}

function isArrowSchema(schema: WriterSchema): schema is arrow.Schema {
  return !Array.isArray(schema) && typeof (schema as arrow.Schema).fields !== 'undefined';
}

/** Footer key-value metadata: the Arrow schema's metadata, then the options' (which win on equal keys). */
function keyValueMetadata(schema: WriterSchema, options: WriterOptions): KeyValue[] {
  const merged = new Map<string, string>();
  if (isArrowSchema(schema)) for (const [key, value] of schema.metadata) merged.set(key, value);
  for (const [key, value] of Object.entries(options.keyValueMetadata ?? {})) merged.set(key, value);
  return [...merged].map(([key, value]) => ({ key, value }));
}

function resolveSortingColumns(options: WriterOptions, columns: ParquetSchema['columns']): SortingColumn[] | undefined {
  if (!options.sortingColumns?.length) return undefined;
  return options.sortingColumns.map((s) => {
    const index = columns.findIndex((c) => c.name === s.column);
    if (index < 0) {
      throw new ParquetError(
        'BAD_ARGUMENT',
        `sorting column ${JSON.stringify(s.column)} is not a leaf column of the schema`,
      );
    }
    return { columnIdx: index, descending: s.descending ?? false, nullsFirst: s.nullsFirst ?? false };
  });
}
