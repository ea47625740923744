// Writes one column chunk: chooses the encoding (dictionary with fallback, or the configured one), splits the
// values into pages, encodes and compresses each page and hands it on at once, and gathers what the footer and the
// page index need.
// Offsets it reports are relative to the chunk's first byte; the file writer shifts them.
import { ParquetError } from '../errors.js';
import { Encoding, PageType } from '../metadata/enums.js';
import type { ColumnMetaData, PageEncodingStats, Statistics } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';
import { BloomFilterBuilder, bloomFilterBytes } from './bloom_writer.js';
import { ChunkStatistics } from './chunk_statistics.js';
import { buildDictionary } from './dictionary.js';
import { dictionaryIndexBitWidth, encodeDictionaryIndices, encodeValues } from './encode/index.js';
import { type LeafData, type PhysicalValues, physicalLength, slicePhysical } from './leaf_data.js';
import type { ResolvedColumnOptions } from './options.js';
import {
  type BuiltPage,
  bitWidthOf,
  buildDataPageV1,
  buildDataPageV2,
  buildDictionaryPage,
  type DataPageContent,
  type PageCodec,
} from './page_builder.js';
import { PageIndexBuilder } from './page_index_builder.js';
import { type PageSpan, splitPages } from './page_split.js';

/** Takes the bytes of one page, in file order; the chunk writer waits for it before building the next page. */
export type PageSink = (bytes: readonly Uint8Array[]) => Promise<void>;

/** A written column chunk: its size and its metadata with chunk-relative offsets. */
export interface WrittenChunk {
  readonly byteLength: number;
  /** ColumnMetaData with offsets relative to the chunk's first byte. */
  readonly metaData: ColumnMetaData;
  /** The page index of the chunk (offsets relative to the chunk), when enabled. */
  readonly pageIndex?: PageIndexBuilder;
  /** Serialized bloom filter (header + bitset), when enabled. */
  readonly bloomFilter?: Uint8Array;
}

/** The encoding of non-dictionary pages when none is configured (see ColumnWriteOptions.encoding). */
function defaultEncoding(kind: PhysicalValues['kind'], pageVersion: 1 | 2): number {
  if (pageVersion === 1) return Encoding.PLAIN;
  switch (kind) {
    case 'int32':
    case 'int64':
      return Encoding.DELTA_BINARY_PACKED;
    case 'byte_array':
      return Encoding.DELTA_BYTE_ARRAY;
    case 'boolean':
      return Encoding.RLE;
    default:
      return Encoding.PLAIN;
  }
}

/** Rough encoded size of a value, to size pages before encoding them. */
function estimatedValueBytes(values: PhysicalValues, n: number, indexBits: number | undefined): number {
  if (indexBits !== undefined) return indexBits / 8;
  switch (values.kind) {
    case 'boolean':
      return 1 / 8;
    case 'byte_array': {
      const bytes = (values.offsets[n] ?? 0) - (values.offsets[0] ?? 0);
      return n === 0 ? 0 : bytes / n + 4;
    }
    case 'fixed_len_byte_array':
      return values.width;
    case 'int96':
      return 12;
    default:
      return values.data.BYTES_PER_ELEMENT;
  }
}

/**
 * Encodes the column chunk of `column` holding `data` (a whole row group's worth), handing each page to `emit` as
 * soon as it is built: only one page of the chunk's encoded bytes is held at a time.
 */
export async function writeColumnChunk(
  column: ColumnDescriptor,
  data: LeafData,
  options: ResolvedColumnOptions,
  emit: PageSink,
): Promise<WrittenChunk> {
  try {
    return await new ColumnChunkWriter(column, data, options, emit).write();
  } catch (err) {
    if (err instanceof ParquetError) throw err.withContext({ column: column.name });
    throw err;
  }
}

class ColumnChunkWriter {
  private pageCount = 0;
  private compressedBytes = 0;
  private uncompressedBytes = 0;
  private readonly codec: PageCodec;
  private readonly numValues: number;

  constructor(
    private readonly column: ColumnDescriptor,
    private readonly data: LeafData,
    private readonly options: ResolvedColumnOptions,
    private readonly emit: PageSink,
  ) {
    this.codec = { codec: options.codec, level: options.compressionLevel, checksum: options.pageChecksum };
    this.numValues = physicalLength(data.values);
  }

  async write(): Promise<WrittenChunk> {
    const { data, options, column } = this;
    const values = data.values;
    const dictionary =
      options.dictionary && values.kind !== 'boolean' && this.numValues > 0
        ? buildDictionary(values, options.dictionaryPageSizeLimit)
        : undefined;
    const encoding = dictionary
      ? Encoding.RLE_DICTIONARY
      : (options.encoding ?? defaultEncoding(values.kind, options.pageVersion));

    const stats =
      options.statistics || options.pageIndex ? new ChunkStatistics(column, dictionary?.dictionary) : undefined;
    let dictionaryPageLength = 0;
    if (dictionary) {
      const dictSize = physicalLength(dictionary.dictionary);
      const page = buildDictionaryPage(encodeValues(dictionary.dictionary, Encoding.PLAIN), dictSize, this.codec);
      await this.push(page);
      dictionaryPageLength = page.compressedSize;
    }
    const dictionarySize = dictionary ? physicalLength(dictionary.dictionary) : 0;
    const indexBits = dictionary ? dictionaryIndexBitWidth(dictionarySize) : undefined;
    const levelBytes = (bitWidthOf(column.maxDefinitionLevel) + bitWidthOf(column.maxRepetitionLevel)) / 8;
    const bytesPerLevel =
      levelBytes +
      estimatedValueBytes(values, this.numValues, indexBits) * (this.numValues / Math.max(data.numLevels, 1));
    const bytesPerRow = (bytesPerLevel * data.numLevels) / Math.max(data.numRows, 1);
    const spans = splitPages(
      data,
      column.maxDefinitionLevel,
      bytesPerRow,
      options.dataPageSize,
      options.dataPageRowLimit,
    );

    const pageIndex = options.pageIndex ? new PageIndexBuilder(column, options.columnIndexTruncateLength) : undefined;
    let offset = dictionaryPageLength;
    for (const span of spans) {
      const pageValues = slicePhysical(values, span.valueStart, span.valueEnd);
      const pageIndices = dictionary?.indices.subarray(span.valueStart, span.valueEnd);
      const encoded = pageIndices
        ? encodeDictionaryIndices(pageIndices, dictionarySize)
        : encodeValues(pageValues, encoding);
      const page = this.buildPage(span, encoded, encoding);
      await this.push(page);
      const nullCount = span.levelEnd - span.levelStart - (span.valueEnd - span.valueStart);
      const bounds = stats?.addPage(pageValues, nullCount, pageIndices);
      pageIndex?.addPage(
        offset,
        page.compressedSize,
        span.rowStart,
        nullCount,
        span.valueEnd === span.valueStart,
        bounds,
      );
      offset += page.compressedSize;
    }
    return this.finish(
      encoding,
      dictionary !== undefined,
      dictionaryPageLength,
      stats,
      pageIndex,
      dictionary?.dictionary,
    );
  }

  private async push(page: BuiltPage): Promise<void> {
    this.pageCount++;
    this.compressedBytes += page.compressedSize;
    this.uncompressedBytes += page.uncompressedSize;
    await this.emit(page.chunks);
  }

  private buildPage(span: PageSpan, values: Uint8Array, encoding: number): BuiltPage {
    const { data, column } = this;
    const content: DataPageContent = {
      numLevels: span.levelEnd - span.levelStart,
      numRows: span.rowEnd - span.rowStart,
      numNulls: span.levelEnd - span.levelStart - (span.valueEnd - span.valueStart),
      repLevels: data.repLevels?.subarray(span.levelStart, span.levelEnd),
      maxRep: column.maxRepetitionLevel,
      defLevels: data.defLevels?.subarray(span.levelStart, span.levelEnd),
      maxDef: column.maxDefinitionLevel,
      values,
      encoding,
    };
    return this.options.pageVersion === 2 ? buildDataPageV2(content, this.codec) : buildDataPageV1(content, this.codec);
  }

  private finish(
    encoding: number,
    dictionaryEncoded: boolean,
    dictionaryPageLength: number,
    stats: ChunkStatistics | undefined,
    pageIndex: PageIndexBuilder | undefined,
    dictionaryValues: PhysicalValues | undefined,
  ): WrittenChunk {
    const { column, data, options } = this;
    const compressed = this.compressedBytes;
    const uncompressed = this.uncompressedBytes;
    const dataPageType = options.pageVersion === 2 ? PageType.DATA_PAGE_V2 : PageType.DATA_PAGE;
    const encodingStats: PageEncodingStats[] = [];
    const encodings = new Set<number>();
    if (dictionaryEncoded) {
      encodingStats.push({ pageType: PageType.DICTIONARY_PAGE, encoding: Encoding.PLAIN, count: 1 });
      encodings.add(Encoding.PLAIN);
    }
    const dataPages = this.pageCount - (dictionaryEncoded ? 1 : 0);
    if (dataPages > 0) encodingStats.push({ pageType: dataPageType, encoding, count: dataPages });
    encodings.add(encoding);
    if (column.maxDefinitionLevel > 0 || column.maxRepetitionLevel > 0) encodings.add(Encoding.RLE);
    const statistics: Statistics | undefined = options.statistics
      ? stats?.chunkStatistics(options.statisticsTruncateLength)
      : undefined;
    const metaData: ColumnMetaData = {
      type: column.physicalType,
      encodings: [...encodings].sort((a, b) => a - b),
      pathInSchema: [...column.path],
      codec: options.codec,
      numValues: data.numLevels,
      totalUncompressedSize: uncompressed,
      totalCompressedSize: compressed,
      dataPageOffset: dictionaryPageLength,
      dictionaryPageOffset: dictionaryEncoded ? 0 : undefined,
      statistics,
      encodingStats,
    };
    const bloomFilter = options.bloomFilter ? this.bloomFilter(dictionaryValues) : undefined;
    return { byteLength: compressed, metaData, pageIndex, bloomFilter };
  }

  /** The chunk's bloom filter, filled from the dictionary when there is one (same values, fewer of them). */
  private bloomFilter(dictionaryValues: PhysicalValues | undefined): Uint8Array {
    const bloom = this.options.bloomFilter ?? {};
    const source = dictionaryValues ?? this.data.values;
    const ndv = bloom.ndv ?? Math.max(1, physicalLength(source));
    const builder = new BloomFilterBuilder(bloomFilterBytes(ndv, bloom.fpp ?? 0.05));
    builder.insertValues(source);
    return builder.serialize();
  }
}
