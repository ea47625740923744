// Writer options: file-wide settings, per-column overrides, and their resolution into the settings one column
// chunk is written with. Defaults follow pyarrow / arrow-rs where they agree (snappy, dictionary on with a 1 MiB
// dictionary page limit, 1 MiB data pages of at most 20,000 rows, 1Mi-row row groups, statistics and page index on).
import { ParquetError } from '../errors.js';
import { CompressionCodec, Encoding } from '../metadata/enums.js';

/** Compression of data and dictionary pages. */
export type CodecName = 'uncompressed' | 'snappy' | 'gzip' | 'brotli' | 'zstd' | 'lz4_raw';

/** Value encodings that can be asked for explicitly (dictionary encoding is the `dictionary` option). */
export type EncodingName =
  | 'PLAIN'
  | 'RLE'
  | 'DELTA_BINARY_PACKED'
  | 'DELTA_LENGTH_BYTE_ARRAY'
  | 'DELTA_BYTE_ARRAY'
  | 'BYTE_STREAM_SPLIT';

/** Bloom filter settings: sized for `ndv` distinct values at false-positive probability `fpp`. */
export interface BloomFilterOptions {
  /** Expected distinct values per column chunk (default: the chunk's dictionary size, else its value count). */
  ndv?: number;
  /** False-positive probability (default 0.05, as arrow-rs). */
  fpp?: number;
}

/** Settings that apply to a column chunk; given file-wide or per column. */
export interface ColumnWriteOptions {
  /** Page compression (default 'snappy'). */
  codec?: CodecName;
  /** Codec level (zstd 1..22, gzip 0..9, brotli 0..11); the codec's default when absent. */
  compressionLevel?: number;
  /** Dictionary-encode the column (default true; never for booleans). */
  dictionary?: boolean;
  /** Largest PLAIN size of a chunk's dictionary in bytes before falling back (default 1 MiB). */
  dictionaryPageSizeLimit?: number;
  /** Encoding when the column is not dictionary-encoded, or after fallback. Default: PLAIN with v1 pages; with v2
   *  pages DELTA_BINARY_PACKED for integers, DELTA_BYTE_ARRAY for byte arrays, RLE for booleans, PLAIN otherwise. */
  encoding?: EncodingName;
  /** Chunk statistics (min, max, null count) in the footer (default true). */
  statistics?: boolean;
  /** Column index and offset index (default true). */
  pageIndex?: boolean;
  /** Split-block bloom filter (default off). */
  bloomFilter?: boolean | BloomFilterOptions;
  /** Longest min/max of byte-array values in the column index; longer ones are truncated (default 64). */
  columnIndexTruncateLength?: number;
  /** Longest min/max of byte-array values in chunk statistics; longer ones are truncated (default 4096). */
  statisticsTruncateLength?: number;
}

/** A sorting column declared in each row group's `sorting_columns`. */
export interface SortingColumnOption {
  /** Dotted path of the leaf column. */
  column: string;
  descending?: boolean;
  nullsFirst?: boolean;
}

/** Options of `ParquetWriter.open` and `writeTable`. */
export interface WriterOptions extends ColumnWriteOptions {
  /** Data page format (default 1). */
  pageVersion?: 1 | 2;
  /** Target size of a data page before compression, in bytes (default 1 MiB). */
  dataPageSize?: number;
  /** Most rows in a data page (default 20,000). */
  dataPageRowLimit?: number;
  /** Most rows in a row group (default 1,048,576). A batch that does not fit the room left in the current row
   *  group starts a new one (batches are split only when larger than a row group). */
  rowGroupSize?: number;
  /** Most buffered bytes (values and levels before encoding) in a row group (default 256 MiB). */
  rowGroupBytes?: number;
  /** Write a CRC32 of every page (default false). */
  pageChecksum?: boolean;
  /** Per-column overrides, by dotted leaf path (`a.b.c`) or by top-level field name (applies to its leaves). */
  columns?: Readonly<Record<string, ColumnWriteOptions>>;
  sortingColumns?: readonly SortingColumnOption[];
  /** Key-value metadata stored in the footer. */
  keyValueMetadata?: Readonly<Record<string, string>>;
  /** Replace an existing file at the destination path (default false: an existing file is an error). */
  overwrite?: boolean;
  /** The footer's created_by (default `tessera version <v>`). */
  createdBy?: string;
}

/** What one column chunk is written with. */
export interface ResolvedColumnOptions {
  readonly codec: number;
  readonly compressionLevel?: number;
  readonly dictionary: boolean;
  readonly dictionaryPageSizeLimit: number;
  /** Encoding of non-dictionary pages asked for explicitly; undefined: the default for the type and page version. */
  readonly encoding?: number;
  readonly statistics: boolean;
  readonly pageIndex: boolean;
  readonly bloomFilter?: BloomFilterOptions;
  readonly columnIndexTruncateLength: number;
  readonly statisticsTruncateLength: number;
  readonly pageVersion: 1 | 2;
  readonly dataPageSize: number;
  readonly dataPageRowLimit: number;
  readonly pageChecksum: boolean;
}

const CODECS: Record<CodecName, number> = {
  uncompressed: CompressionCodec.UNCOMPRESSED,
  snappy: CompressionCodec.SNAPPY,
  gzip: CompressionCodec.GZIP,
  brotli: CompressionCodec.BROTLI,
  zstd: CompressionCodec.ZSTD,
  lz4_raw: CompressionCodec.LZ4_RAW,
};

/** The codec number of a codec name (case-insensitive; `none` and `lz4` accepted as pyarrow does). */
export function codecByName(name: string): number {
  const key = name.toLowerCase();
  if (key === 'none') return CompressionCodec.UNCOMPRESSED;
  if (key === 'lz4') return CompressionCodec.LZ4_RAW; // pyarrow's 'lz4' writes LZ4_RAW as well
  const codec = CODECS[key as CodecName];
  if (codec === undefined) {
    throw new ParquetError(
      'BAD_ARGUMENT',
      `unknown codec ${JSON.stringify(name)}; expected one of ${Object.keys(CODECS).join(', ')}`,
    );
  }
  return codec;
}

/** The encoding number of an explicit encoding name. */
export function encodingByName(name: string): number {
  const encoding = (Encoding as Record<string, number>)[name.toUpperCase()];
  const allowed: readonly string[] = [
    'PLAIN',
    'RLE',
    'DELTA_BINARY_PACKED',
    'DELTA_LENGTH_BYTE_ARRAY',
    'DELTA_BYTE_ARRAY',
    'BYTE_STREAM_SPLIT',
  ];
  if (encoding === undefined || !allowed.includes(name.toUpperCase())) {
    throw new ParquetError(
      'BAD_ARGUMENT',
      `unknown encoding ${JSON.stringify(name)}; expected one of ${allowed.join(', ')}`,
    );
  }
  return encoding;
}

const MiB = 1024 * 1024;

function positiveInteger(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ParquetError('BAD_ARGUMENT', `${what} must be a positive integer, got ${value}`);
  }
  return value;
}

/** The per-column options for the leaf at `path`: the file-wide ones, then the top-level field's, then the leaf's. */
export function resolveColumnOptions(options: WriterOptions, path: readonly string[]): ResolvedColumnOptions {
  const merged: ColumnWriteOptions = {
    ...options,
    ...options.columns?.[path[0] ?? ''],
    ...options.columns?.[path.join('.')],
  };
  const pageVersion = options.pageVersion ?? 1;
  if (pageVersion !== 1 && pageVersion !== 2) {
    throw new ParquetError('BAD_ARGUMENT', `pageVersion must be 1 or 2, got ${String(pageVersion)}`);
  }
  const bloom = merged.bloomFilter;
  const fpp = typeof bloom === 'object' ? bloom.fpp : undefined;
  if (fpp !== undefined && !(fpp > 0 && fpp < 1)) {
    throw new ParquetError('BAD_ARGUMENT', `bloom filter fpp must be in (0, 1), got ${fpp}`, {
      column: path.join('.'),
    });
  }
  return {
    codec: codecByName(merged.codec ?? 'snappy'),
    compressionLevel: merged.compressionLevel,
    dictionary: merged.dictionary ?? true,
    dictionaryPageSizeLimit: positiveInteger(merged.dictionaryPageSizeLimit, MiB, 'dictionaryPageSizeLimit'),
    encoding: merged.encoding === undefined ? undefined : encodingByName(merged.encoding),
    statistics: merged.statistics ?? true,
    pageIndex: merged.pageIndex ?? true,
    bloomFilter: bloom === true ? {} : bloom === false || bloom === undefined ? undefined : bloom,
    columnIndexTruncateLength: positiveInteger(merged.columnIndexTruncateLength, 64, 'columnIndexTruncateLength'),
    statisticsTruncateLength: positiveInteger(merged.statisticsTruncateLength, 4096, 'statisticsTruncateLength'),
    pageVersion,
    dataPageSize: positiveInteger(options.dataPageSize, MiB, 'dataPageSize'),
    dataPageRowLimit: positiveInteger(options.dataPageRowLimit, 20_000, 'dataPageRowLimit'),
    pageChecksum: options.pageChecksum ?? false,
  };
}

/** Row group limits of `options`, checked. */
export function rowGroupLimits(options: WriterOptions): { rows: number; bytes: number } {
  return {
    rows: positiveInteger(options.rowGroupSize, 1024 * 1024, 'rowGroupSize'),
    bytes: positiveInteger(options.rowGroupBytes, 256 * MiB, 'rowGroupBytes'),
  };
}
