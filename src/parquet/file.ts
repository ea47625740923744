// ParquetFile: opens a source, reads and checks the footer, and reads row groups into Arrow record batches.
import * as arrow from 'apache-arrow';
import { arena } from '../kernels/arena.js';
import { checkOptions, optionNames } from '../options/check.js';
import { type ArrowColumnType, arrowColumnType, type Int96TimestampUnit } from './arrow_types.js';
import { ChunkBuffer, type ColumnChunkReader, canReadRanges, PrefetchedChunks } from './column_chunk_reader.js';
import type { ColumnDecryptor } from './encryption/column_decryptor.js';
import type { FileDecryptor } from './encryption/file_decryptor.js';
import type { DecodedFooter } from './encryption/footer.js';
import type { DecryptionOptions } from './encryption/keys.js';
import { encryptedPageScanner } from './encryption/page_scanner.js';
import { ParquetError, toParquetError } from './errors.js';
import type { FileMetaData, RowGroup } from './metadata/types.js';
import { checkOpenOptions, ITER_BATCHES_OPTIONS, parquetOptionsError } from './options.js';
import { chunkMetaData, chunkRange, hasDictionaryPage } from './read/chunk_range.js';
import { type ColumnChunkOptions, decodeColumnChunk, decodeColumnChunkInPlace } from './read/column_chunk.js';
import { emptyPhysicalColumn, type PhysicalColumn } from './read/column_output.js';
import { readFooter } from './read/footer.js';
import { isNestedField, type NestedNode, nestedField } from './read/nested/nested_field.js';
import { type LeafChunk, readNestedField } from './read/nested/read_nested.js';
import { toArrowData, toArrowDictionaryData } from './read/to_arrow.js';
import { type ColumnDescriptor, ParquetSchema } from './schema.js';
import {
  type ByteRange,
  type ByteSource,
  type OpenSourceOptions,
  openSource,
  opensOwnSource,
  type SourceInput,
} from './source.js';

/** Options for opening a file. */
export interface OpenOptions extends OpenSourceOptions {
  /** Verify page CRC32 checksums where present (default true). A mismatch is a ParquetError('CHECKSUM'). */
  verifyChecksums?: boolean;
  /** Keys (or a key retriever) and AAD prefix for files written with Parquet modular encryption. */
  decryption?: DecryptionOptions;
  /**
   * Unit INT96 timestamps read in (default 'us', as Spark, DuckDB and Trino; pyarrow's coerce_int96_timestamp_unit).
   * A value that does not fit int64 in that unit is a ParquetError('INVALID_VALUE') naming its column and row.
   */
  int96TimestampUnit?: Int96TimestampUnit;
}

/** Options for reading row groups. */
export interface ReadOptions {
  /** Columns to read: top-level field names or dotted leaf paths (default: all). */
  columns?: readonly string[];
  /**
   * Flat columns to read as Arrow Dictionary vectors (int32 indices into each column chunk's dictionary), as
   * pyarrow's `read_dictionary`: dictionary-encoded chunks are not expanded into one value per row. A chunk written
   * without a dictionary gets the identity dictionary (its values). Not for BOOLEAN, nested or converted
   * (INT96, decimal, narrow integer) columns.
   */
  readDictionary?: readonly string[];
}

/** Options of iterBatches. */
export interface IterBatchesOptions extends ReadOptions {
  /** Row groups to read, in this order (default: all). */
  rowGroups?: readonly number[];
}

/** An open Parquet file: metadata, schema, and row-group reads. */
export class ParquetFile {
  /** The decoded footer. */
  readonly metadata: FileMetaData;
  /** The schema tree and leaf columns. */
  readonly schema: ParquetSchema;
  readonly source: ByteSource;
  private readonly options: OpenOptions;
  private readonly ownsSource: boolean;
  private readonly decryptor?: FileDecryptor;
  private totalRows = 0;

  private constructor(
    source: ByteSource,
    footer: DecodedFooter,
    options: OpenOptions,
    ownsSource: boolean,
    schema?: ParquetSchema,
  ) {
    this.source = source;
    this.metadata = footer.metadata;
    this.decryptor = footer.decryptor;
    this.options = options;
    this.ownsSource = ownsSource;
    try {
      this.schema = schema ?? new ParquetSchema(this.metadata.schema);
    } catch (err) {
      throw toParquetError(err, { file: source.name }, 'BAD_SCHEMA');
    }
    this.validateRowGroups();
    this.decryptor?.decryptColumnMetaData(
      this.metadata,
      this.schema.columns.map((c) => c.name),
    );
  }

  /** Opens `input` (a path, an http(s) URL, the file's bytes, or a byte source) and reads its footer. */
  static async open(input: SourceInput, options: OpenOptions = {}): Promise<ParquetFile> {
    checkOpenOptions(options, 'ParquetFile.open');
    const source = await openSource(input, { http: options.http });
    const ownsSource = opensOwnSource(input);
    try {
      const footer = await readFooter(source, options.decryption);
      return new ParquetFile(source, footer, options, ownsSource);
    } catch (err) {
      if (ownsSource) await source.close?.();
      throw toParquetError(err, { file: source.name }, 'BAD_METADATA');
    }
  }

  /**
   * Opens `input` with a footer already known (from a dataset's `_metadata` summary file, or a footer decoded
   * before), so the file's own footer is not read. Only for plaintext footers: encrypted files need `open`.
   */
  static async fromMetadata(
    input: SourceInput,
    metadata: FileMetaData,
    options: OpenOptions = {},
  ): Promise<ParquetFile> {
    checkOpenOptions(options, 'ParquetFile.fromMetadata');
    const source = await openSource(input, { http: options.http });
    const ownsSource = opensOwnSource(input);
    try {
      return new ParquetFile(source, { metadata }, options, ownsSource);
    } catch (err) {
      if (ownsSource) await source.close?.();
      throw toParquetError(err, { file: source.name }, 'BAD_METADATA');
    }
  }

  /**
   * A file over `source`, which it takes over (its `close` closes the source), with a plaintext footer already
   * decoded, and the schema built from it before (a footer cache keeps both, so that an open builds neither again).
   */
  static adopt(source: ByteSource, metadata: FileMetaData, options: OpenOptions, schema?: ParquetSchema): ParquetFile {
    checkOpenOptions(options, 'ParquetFile.adopt');
    try {
      return new ParquetFile(source, { metadata }, options, true, schema);
    } catch (err) {
      void source.close?.();
      throw toParquetError(err, { file: source.name }, 'BAD_METADATA');
    }
  }

  /** Total number of rows (the sum over row groups). */
  get numRows(): number {
    return this.totalRows;
  }

  /** Whether the file uses Parquet modular encryption (encrypted footer, or plaintext footer with a signature). */
  get encrypted(): boolean {
    return this.decryptor !== undefined;
  }

  /**
   * The decryptor of a column chunk's modules (pages, column and offset index, bloom filter), or undefined when
   * the column is not encrypted. Throws ParquetError('DECRYPTION') when its key is not available.
   */
  columnDecryptor(rowGroupIndex: number, columnIndex: number): ColumnDecryptor | undefined {
    const rowGroup = this.metadata.rowGroups[rowGroupIndex];
    const column = this.schema.columns[columnIndex];
    if (!rowGroup || !column) {
      throw new ParquetError('BAD_ARGUMENT', `no column chunk ${rowGroupIndex}/${columnIndex}`, {
        file: this.source.name,
      });
    }
    return this.decryptor?.columnDecryptor(rowGroupIndex, rowGroup, columnIndex, column.name);
  }

  /** Row-group metadata. */
  get rowGroups(): readonly RowGroup[] {
    return this.metadata.rowGroups;
  }

  /** The Arrow schema of the columns `columns` select (all by default). */
  arrowSchema(columns?: readonly string[], readDictionary?: readonly string[]): arrow.Schema {
    return new arrow.Schema(
      this.selectColumns(columns, readDictionary).map((c) => c.field),
      this.arrowMetadata(),
    );
  }

  /** The Arrow type a leaf column reads as, with this file's options (the INT96 unit). */
  columnArrowType(column: ColumnDescriptor): ArrowColumnType {
    return arrowColumnType(column, this.options);
  }

  /** Reads row group `index` into an Arrow record batch. */
  async readRowGroup(index: number, options: ReadOptions = {}): Promise<arrow.RecordBatch> {
    checkOptions(
      options,
      optionNames<ReadOptions>({ columns: true, readDictionary: true }),
      'readRowGroup',
      parquetOptionsError,
    );
    const selected = this.selectColumns(options.columns, options.readDictionary);
    return this.decodeRowGroup(index, selected, this.fetchColumnChunks(index, selected));
  }

  /**
   * Yields one record batch per row group (all, or `options.rowGroups` in that order). Only the batch being yielded
   * is held: decoded data of earlier row groups is the caller's to keep or drop. On sources that fetch ranges in
   * batches (HTTP) the next row group's column chunks are fetched while the current one is decoded and consumed.
   */
  async *iterBatches(options: IterBatchesOptions = {}): AsyncGenerator<arrow.RecordBatch, void, undefined> {
    checkOptions(options, ITER_BATCHES_OPTIONS, 'iterBatches', parquetOptionsError);
    const indexes = options.rowGroups ?? this.rowGroups.map((_, i) => i);
    for (const index of indexes) this.rowGroupAt(index);
    const selected = this.selectColumns(options.columns, options.readDictionary);
    const prefetch = canReadRanges(this.source);
    let prefetched: ColumnChunkReader | undefined;
    for (let k = 0; k < indexes.length; k++) {
      const chunks = prefetched ?? this.fetchColumnChunks(indexes[k]!, selected);
      const hasNext = k + 1 < indexes.length;
      prefetched = prefetch && hasNext ? this.fetchColumnChunks(indexes[k + 1]!, selected) : undefined;
      yield await this.decodeRowGroup(indexes[k]!, selected, chunks);
    }
  }

  private async decodeRowGroup(
    index: number,
    selected: readonly Selection[],
    chunks: ColumnChunkReader,
  ): Promise<arrow.RecordBatch> {
    const rowGroup = this.rowGroupAt(index);
    const children: arrow.Data[] = [];
    for (const selection of selected) {
      const context = { file: this.source.name, rowGroup: index, column: selection.field.name };
      try {
        children.push(
          selection.nested
            ? await this.readNested(index, selection.nested, chunks)
            : await this.readColumn(index, selection, chunks),
        );
      } catch (err) {
        throw toParquetError(err, context);
      }
    }
    const schema = new arrow.Schema(
      selected.map((c) => c.field),
      this.arrowMetadata(),
    );
    const struct = arrow.makeData({
      type: new arrow.Struct(schema.fields),
      length: rowGroup.numRows,
      nullCount: 0,
      children,
    });
    return new arrow.RecordBatch(schema, struct);
  }

  // --- Fetching the column chunks of a row group (one readRanges batch on sources that support it) ---

  /** Starts fetching the selected column chunks of row group `index`: on a source with readRanges, all of them in
   *  one batch now; otherwise chunk by chunk, into one reused buffer, as the decoder asks for them. */
  private fetchColumnChunks(index: number, selected: readonly Selection[]): ColumnChunkReader {
    const rowGroup = this.rowGroupAt(index);
    if (!canReadRanges(this.source) || rowGroup.numRows === 0) return new ChunkBuffer(this.source);
    const ranges: ByteRange[] = [];
    for (const selection of selected) {
      for (const column of selection.nested ? selection.nested.leaves : [selection.column!]) {
        const chunk = rowGroup.columns[column.columnIndex]!;
        // A chunk whose metadata is unusable is left out here; reading the column reports it with its context.
        if (!chunk.metaData || chunk.filePath) continue;
        try {
          const { start, length } = chunkRange(chunk, this.source.byteLength);
          ranges.push({ offset: start, length });
        } catch {}
      }
    }
    return new PrefetchedChunks(this.source, ranges);
  }

  private rowGroupAt(index: number): RowGroup {
    const rowGroup = this.metadata.rowGroups[index];
    if (!rowGroup) {
      throw new ParquetError('BAD_ARGUMENT', `row group ${index} does not exist (file has ${this.rowGroups.length})`, {
        file: this.source.name,
      });
    }
    return rowGroup;
  }

  // --- end of chunk fetching ---

  /** Closes the file handle if this object opened it. */
  async close(): Promise<void> {
    if (this.ownsSource) await this.source.close?.();
  }

  private async readColumn(
    rowGroupIndex: number,
    selection: Selection,
    chunks: ColumnChunkReader,
  ): Promise<arrow.Data> {
    const column = selection.column!;
    const arrowType = selection.arrowType!;
    const rowGroup = this.metadata.rowGroups[rowGroupIndex]!;
    const dictionaryType = selection.dictionary;
    const options = { ...this.chunkOptions(rowGroupIndex, column), keepDictionary: dictionaryType !== undefined };
    const meta = chunkMetaData(rowGroup, column);
    const toArrow = (physical: PhysicalColumn): arrow.Data =>
      dictionaryType
        ? toArrowDictionaryData(physical, dictionaryType, arrowType, column.typeLength)
        : toArrowData(physical, arrowType, column.typeLength);
    if (rowGroup.numRows === 0) return toArrow(emptyPhysicalColumn(column, dictionaryType !== undefined));
    const { start, length } = chunkRange(rowGroup.columns[column.columnIndex]!, this.source.byteLength);
    const source = this.source;
    if (source.readIntoSync && !options.scanPages) {
      // A local file: its bytes go straight into kernel memory, and only the decoded values are copied out.
      const fill = (target: Uint8Array) => source.readIntoSync!(start, target);
      return toArrow(decodeColumnChunkInPlace(arena(), column, meta, fill, length, rowGroup.numRows, options));
    }
    const bytes = await chunks.read(start, length);
    return toArrow(decodeColumnChunk(arena(), column, meta, bytes, rowGroup.numRows, options));
  }

  private readNested(rowGroupIndex: number, node: NestedNode, chunks: ColumnChunkReader): Promise<arrow.Data> {
    const rowGroup = this.metadata.rowGroups[rowGroupIndex]!;
    const readChunk = async (column: ColumnDescriptor): Promise<LeafChunk> => {
      const options = this.chunkOptions(rowGroupIndex, column);
      const meta = chunkMetaData(rowGroup, column);
      const { start, length } = chunkRange(rowGroup.columns[column.columnIndex]!, this.source.byteLength);
      return { meta, bytes: await chunks.read(start, length), options };
    };
    return readNestedField(arena(), this.schema, node, rowGroup.numRows, readChunk, {
      verifyChecksums: this.options.verifyChecksums,
    });
  }

  /** How to decode a column's chunk in a row group: checksums, and decryption of its pages when it is encrypted
   *  (asked before its metadata is used: an encrypted column's metadata is missing when its key is). */
  private chunkOptions(rowGroupIndex: number, column: ColumnDescriptor): ColumnChunkOptions {
    const decryptor = this.columnDecryptor(rowGroupIndex, column.columnIndex);
    const verifyChecksums = this.options.verifyChecksums;
    if (!decryptor) return { verifyChecksums };
    const meta = chunkMetaData(this.metadata.rowGroups[rowGroupIndex]!, column);
    return {
      verifyChecksums,
      scanPages: encryptedPageScanner(decryptor, { hasDictionaryPage: hasDictionaryPage(meta), verifyChecksums }),
    };
  }

  /** The top-level fields `names` select (top-level names or dotted leaf paths; all by default), in the order first
   *  named. A leaf path inside a struct keeps only the struct members named; lists and maps are read whole. */
  private selectColumns(names?: readonly string[], readDictionary?: readonly string[]): Selection[] {
    const all = this.schema.columns;
    const fields = this.schema.root.children;
    const order: number[] = [];
    const keep = new Map<number, Set<number>>();
    const select = (column: ColumnDescriptor): void => {
      const top = fields.findIndex((f) => f.name === column.path[0]);
      if (!keep.has(top)) {
        keep.set(top, new Set());
        order.push(top);
      }
      keep.get(top)!.add(column.columnIndex);
    };
    const dictionaries = new Set(readDictionary ?? []);
    for (const name of dictionaries) {
      if (!fields.some((f) => f.name === name)) {
        throw new ParquetError('BAD_ARGUMENT', `readDictionary: no column named ${JSON.stringify(name)}`, {
          file: this.source.name,
        });
      }
      if (isNestedField(fields.find((f) => f.name === name)!)) {
        throw new ParquetError(
          'UNSUPPORTED',
          `readDictionary: ${name} is nested; only flat columns keep dictionaries`,
          {
            file: this.source.name,
          },
        );
      }
    }
    if (!names) {
      for (const column of all) select(column);
    } else {
      for (const name of names) {
        const matches = all.filter((c) => c.name === name || c.path[0] === name);
        if (matches.length === 0) {
          throw new ParquetError('BAD_ARGUMENT', `no column named ${JSON.stringify(name)}`, { file: this.source.name });
        }
        for (const m of matches) select(m);
      }
    }
    return order.map((top) => {
      const node = fields[top]!;
      if (isNestedField(node)) {
        try {
          const nested = nestedField(node, this.schema, keep.get(top), this.options);
          return { field: nested.field, nested };
        } catch (err) {
          throw toParquetError(err, { file: this.source.name, column: node.name }, 'BAD_SCHEMA');
        }
      }
      const column = all[node.columnIndex!]!;
      const arrowType = this.columnArrowType(column);
      const dictionary = dictionaries.has(node.name) ? this.dictionaryType(column, arrowType) : undefined;
      const type = dictionary ?? arrowType.type;
      const field = new arrow.Field(column.name, type, column.maxDefinitionLevel > 0, arrowType.metadata);
      return { column, arrowType, field, dictionary };
    });
  }

  /** The Dictionary type a flat column reads as with readDictionary (one per selection: batches share it). */
  private dictionaryType(column: ColumnDescriptor, arrowType: ArrowColumnType): arrow.Dictionary {
    if (arrowType.conversion !== 'none' || arrowType.type.typeId === arrow.Type.Bool) {
      throw new ParquetError(
        'UNSUPPORTED',
        `readDictionary: column ${column.name} (${arrowType.type}) cannot be read as a dictionary`,
        {
          file: this.source.name,
        },
      );
    }
    return new arrow.Dictionary(arrowType.type, new arrow.Int32());
  }

  private arrowMetadata(): Map<string, string> {
    const map = new Map<string, string>();
    for (const kv of this.metadata.keyValueMetadata ?? []) if (kv.value !== undefined) map.set(kv.key, kv.value);
    return map;
  }

  private validateRowGroups(): void {
    const leaves = this.schema.columns.length;
    let total = 0;
    this.metadata.rowGroups.forEach((rg, i) => {
      if (rg.columns.length !== leaves) {
        throw new ParquetError(
          'BAD_METADATA',
          `row group has ${rg.columns.length} column chunks, schema has ${leaves}`,
          {
            file: this.source.name,
            rowGroup: i,
          },
        );
      }
      if (!(rg.numRows >= 0)) {
        throw new ParquetError('BAD_METADATA', `row group has ${rg.numRows} rows`, {
          file: this.source.name,
          rowGroup: i,
        });
      }
      total += rg.numRows;
    });
    // Some writers leave FileMetaData.num_rows at 0 (parquet-testing's repeated_no_annotation); the row groups are
    // what the data holds, so they win, as in DuckDB and pyarrow.
    this.totalRows = total;
  }
}

/** A selected top-level field: a flat column, or a nested field assembled from its leaves. */
interface Selection {
  readonly field: arrow.Field;
  readonly column?: ColumnDescriptor;
  readonly arrowType?: ArrowColumnType;
  readonly nested?: NestedNode;
  /** The Dictionary type, when the column is read with its dictionary kept. */
  readonly dictionary?: arrow.Dictionary;
}
