// Decodes one flat column chunk: pages -> decompression -> levels -> values, in kernel memory, into a
// PhysicalColumn. Nested columns (repetition levels) are assembled elsewhere.
import type { Arena } from '../../kernels/arena.js';
import { CompressionCodec } from '../codecs/codec.js';
import { ParquetError } from '../errors.js';
import { Encoding, PageType, Type } from '../metadata/enums.js';
import type { ColumnMetaData, PageHeader } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';
import { checkByteArrayChunkSize } from './chunk_limits.js';
import { ByteSink, type PhysicalColumn } from './column_output.js';
import { identityDictionary } from './dictionary_output.js';
import { defLevelsV1ToValidity, defLevelsV2ToValidity } from './levels.js';
import { outBytes, outBytesUnfilled, outInt32, outInt32Unfilled } from './out_memory.js';
import { decompressBody, PageBody } from './page_body.js';
import { dataPageValues, type PageScanner, type PageSlice, scanPages } from './pages.js';
import { leadingLiteral, snappyLiteralsInto } from './snappy_direct.js';
import {
  type DenseValues,
  type Dictionary,
  decodeDictionaryIndices,
  decodeDictionaryPage,
  decodeValues,
  physicalWidth,
  type ValueLayout,
} from './values.js';

/** Options for decoding a column chunk. */
export interface ColumnChunkOptions {
  /** Verify page CRC32 checksums where the writer stored them (default true). */
  verifyChecksums?: boolean;
  /** Replaces the plain page walk, e.g. for encrypted chunks (encryption/page_scanner.ts). */
  scanPages?: PageScanner;
  /**
   * Keep the chunk's dictionary: the values come out as int32 indices plus the dictionary (PhysicalColumn.dictionary)
   * instead of one value per row. A chunk with pages that are not dictionary-encoded (a writer's fallback) is read
   * plainly and given the identity dictionary (the values themselves).
   */
  keepDictionary?: boolean;
}

/** Thrown by a decoder keeping dictionaries on a page that is not dictionary-encoded: read the chunk plainly. */
class DictionaryFallback extends Error {}

/** Decodes with `decode(keepDictionary)`, falling back to a plain read turned into an identity dictionary. */
function withDictionaryFallback(keep: boolean | undefined, decode: (keep: boolean) => PhysicalColumn): PhysicalColumn {
  if (!keep) return decode(false);
  try {
    return decode(true);
  } catch (err) {
    if (!(err instanceof DictionaryFallback)) throw err;
    return identityDictionary(decode(false));
  }
}

/** Decodes the column chunk whose bytes (from its first page) are `chunk`. */
export function decodeColumnChunk(
  arena: Arena,
  column: ColumnDescriptor,
  meta: ColumnMetaData,
  chunk: Uint8Array,
  numRows: number,
  options: ColumnChunkOptions = {},
): PhysicalColumn {
  checkFlatChunk(column, meta, numRows);
  const { pages, bytes } = options.scanPages?.(chunk, numRows) ?? { pages: scanPages(chunk, numRows), bytes: chunk };
  return withDictionaryFallback(options.keepDictionary, (keepDictionary) => {
    const verify = options.verifyChecksums ?? true;
    const decoder = new ChunkDecoder(arena, column, meta, bytes, numRows, verify, { keepDictionary });
    const start = arena.mark();
    try {
      for (const page of pages) decoder.page(page);
      return decoder.finish();
    } finally {
      arena.release(start);
    }
  });
}

/**
 * Decodes a column chunk of `length` bytes that `fill` reads straight into kernel memory (a local file's positional
 * read): the pages are decompressed and decoded where they lie, and the values copied out once (issue 16 "one
 * copy"). `fill` must be synchronous: nothing else may use the arena while the chunk is in it.
 */
export function decodeColumnChunkInPlace(
  arena: Arena,
  column: ColumnDescriptor,
  meta: ColumnMetaData,
  fill: (target: Uint8Array) => void,
  length: number,
  numRows: number,
  options: Pick<ColumnChunkOptions, 'verifyChecksums' | 'keepDictionary'> = {},
): PhysicalColumn {
  checkFlatChunk(column, meta, numRows);
  return withDictionaryFallback(options.keepDictionary, (keepDictionary) => {
    const start = arena.mark();
    try {
      const ptr = arena.alloc(length);
      const chunk = arena.view(Uint8Array, ptr, length);
      fill(chunk);
      // The page headers are parsed before any page allocates (allocation may detach `chunk`).
      const pages = scanPages(chunk, numRows);
      const verify = options.verifyChecksums ?? true;
      const decoder = new ChunkDecoder(arena, column, meta, chunk, numRows, verify, {
        residentPtr: ptr,
        keepDictionary,
      });
      for (const page of pages) decoder.page(page);
      return decoder.finish();
    } finally {
      arena.release(start);
    }
  });
}

/** Where a decoder's chunk lies and what it outputs. */
export interface ChunkPlacement {
  /** Where the chunk lies in kernel memory when it was read there (its view may be detached by later growth). */
  readonly residentPtr?: number;
  /** Output dictionary indices and the dictionary (flat columns only). */
  readonly keepDictionary?: boolean;
}

function checkFlatChunk(column: ColumnDescriptor, meta: ColumnMetaData, numRows: number): void {
  if (column.maxRepetitionLevel > 0) {
    throw new ParquetError('UNSUPPORTED', 'repeated (nested list) columns are not supported yet');
  }
  if (meta.numValues !== numRows) {
    throw new ParquetError(
      'BAD_METADATA',
      `column chunk has ${meta.numValues} values but the row group ${numRows} rows`,
    );
  }
  checkByteArrayChunkSize(column, meta);
}

/** The level sections of a DATA_PAGE_V2: value count, value encoding, and where the levels were copied to. */
export interface PageV2Levels {
  readonly count: number;
  readonly encoding: number;
  readonly repLength: number;
  readonly defLength: number;
  readonly levelsPtr: number;
}

/** Largest decoded fixed-width buffer of one chunk (Arrow JS indexes buffers with 32-bit offsets). */
const MAX_FIXED_BYTES = 0x7fffffff;

/** Decodes the pages of one column chunk into a flat column; the nested decoder (nested/leaf_chunk.ts) extends it
 *  with repetition and definition levels. */
export class ChunkDecoder {
  protected readonly layout: ValueLayout;
  private readonly isBoolean: boolean;
  private readonly isBytes: boolean;
  private readonly fixedValues?: Uint8Array;
  private readonly offsets?: Int32Array;
  private readonly bytes?: ByteSink;
  /** Validity and boolean bitmaps live in kernel memory for the whole chunk (kernels write them bit by bit). */
  protected readonly validityPtr: number;
  private readonly booleanPtr: number;
  private dictionary?: Dictionary;
  private readonly residentPtr?: number;
  private readonly keepDictionary: boolean;
  /** Bytes per output value: the value width, or 4 for kept dictionary indices. */
  private readonly outWidth: number;
  protected row = 0;
  protected nullCount = 0;

  constructor(
    protected readonly arena: Arena,
    protected readonly column: ColumnDescriptor,
    protected readonly meta: ColumnMetaData,
    protected readonly chunk: Uint8Array,
    protected readonly numRows: number,
    private readonly verifyChecksums: boolean,
    placement: ChunkPlacement = {},
  ) {
    const width = physicalWidth(column.physicalType, column.typeLength);
    this.layout = { physicalType: column.physicalType, width };
    this.residentPtr = placement.residentPtr;
    this.keepDictionary = placement.keepDictionary === true;
    if (this.keepDictionary && column.physicalType === Type.BOOLEAN) throw new DictionaryFallback();
    // Kept dictionaries: the output is int32 indices, whatever the value type.
    this.isBoolean = !this.keepDictionary && column.physicalType === Type.BOOLEAN;
    this.isBytes = !this.keepDictionary && column.physicalType === Type.BYTE_ARRAY;
    this.outWidth = this.keepDictionary ? 4 : width;
    const bitmapBytes = Math.ceil(numRows / 8) + 8;
    this.validityPtr = column.maxDefinitionLevel > 0 ? arena.alloc(bitmapBytes) : 0;
    this.booleanPtr = this.isBoolean ? arena.alloc(bitmapBytes) : 0;
    if (this.isBytes) {
      this.offsets = outInt32Unfilled(numRows + 1); // written in full, as fixedValues
      // PLAIN pages hold the values plus a 4-byte length each: a close first guess of the decoded size.
      this.bytes = new ByteSink(Math.min(meta.totalUncompressedSize - 4 * numRows, 1 << 30));
    } else if (!this.isBoolean) {
      if (numRows * this.outWidth > MAX_FIXED_BYTES) {
        throw new ParquetError('UNSUPPORTED', `column chunk of ${numRows} values of ${width} bytes exceeds 2 GiB`);
      }
      // Written in full: every row's slot is written by its page (nulls as zeros), and finish() checks every row.
      this.fixedValues = outBytesUnfilled(numRows * this.outWidth);
    }
  }

  page(page: PageSlice): void {
    try {
      const { header } = page;
      const mark = this.arena.mark();
      const body =
        this.residentPtr === undefined
          ? PageBody.inMemory(this.arena, this.chunk.subarray(page.bodyOffset, page.bodyOffset + page.bodyLength))
          : PageBody.inArena(this.arena, this.residentPtr + page.bodyOffset, page.bodyLength);
      if (this.verifyChecksums && header.crc !== undefined) this.checkCrc(body, header.crc);
      switch (header.type) {
        case PageType.DICTIONARY_PAGE:
          this.dictionaryPage(header, body);
          return; // the dictionary stays allocated for the chunk's data pages
        case PageType.DATA_PAGE:
          this.dataPageV1(header, body);
          break;
        case PageType.DATA_PAGE_V2:
          this.dataPageV2(header, body);
          break;
        default:
          break; // INDEX_PAGE and unknown page types carry no values for this reader
      }
      this.arena.release(mark);
    } catch (err) {
      if (err instanceof DictionaryFallback) throw err;
      if (err instanceof ParquetError) throw err.withContext({ page: page.index });
      throw new ParquetError('BAD_PAGE', (err as Error).message, { page: page.index }, { cause: err });
    }
  }

  finish(): PhysicalColumn {
    if (this.row !== this.numRows) {
      throw new ParquetError('BAD_PAGE', `pages hold ${this.row} values, expected ${this.numRows}`);
    }
    return this.decoded();
  }

  /** The values decoded so far (`row` slots). */
  protected decoded(): PhysicalColumn {
    const bitmapBytes = Math.ceil(this.row / 8);
    const validity = this.nullCount > 0 ? this.sliceOut(this.validityPtr, bitmapBytes) : undefined;
    // Slots past `row` were never written (a partial read): zero them, so that no unspecified memory is reachable
    // through the buffer.
    this.fixedValues?.fill(0, this.row * this.outWidth);
    this.offsets?.fill(0, this.row === 0 ? 0 : this.row + 1);
    const values = this.isBoolean
      ? this.sliceOut(this.booleanPtr, bitmapBytes)
      : this.fixedValues?.subarray(0, this.row * this.outWidth);
    return {
      length: this.row,
      nullCount: this.nullCount,
      validity,
      values,
      offsets: this.offsets?.subarray(0, this.row + 1),
      bytes: this.bytes?.finish(),
      dictionary: this.keepDictionary ? this.dictionaryValues() : undefined,
    };
  }

  /** The kept dictionary's values, copied out of kernel memory (none when the chunk had no rows). */
  private dictionaryValues(): PhysicalColumn {
    const dict = this.dictionary;
    const count = dict?.count ?? 0;
    if (this.column.physicalType === Type.BYTE_ARRAY) {
      const offsets = outInt32(count + 1);
      if (count === 0) return { length: 0, nullCount: 0, offsets, bytes: new Uint8Array(0) };
      this.arena.copyOut(dict!.offsetsPtr, (count + 1) * 4, new Uint8Array(offsets.buffer));
      const bytes = this.sliceOut(dict!.bytesPtr, offsets[count]!);
      return { length: count, nullCount: 0, offsets, bytes };
    }
    const width = this.layout.width;
    const values = count === 0 ? new Uint8Array(0) : this.sliceOut(dict!.valuesPtr, count * width);
    return { length: count, nullCount: 0, values };
  }

  /** A copy of kernel memory in output memory (shared in a parallel read's worker), counted as the arena's copy. */
  protected sliceOut(ptr: number, length: number): Uint8Array {
    const out = outBytes(length);
    this.arena.copyOut(ptr, length, out);
    return out;
  }

  /** Verifies the page's CRC32 where the body lies in kernel memory (a body from JavaScript memory stays copied in,
   *  for the decompression that follows). */
  private checkCrc(body: PageBody, expected: number): void {
    const actual = this.arena.wasm.crc32(body.ptr(), body.length, 0) >>> 0;
    if (actual !== expected >>> 0) {
      throw new ParquetError('CHECKSUM', `page CRC32 mismatch: stored ${expected >>> 0}, computed ${actual}`);
    }
  }

  private dictionaryPage(header: PageHeader, body: PageBody): void {
    const dict = header.dictionaryPageHeader;
    if (!dict) throw new ParquetError('BAD_PAGE', 'DICTIONARY_PAGE without dictionary_page_header');
    if (this.dictionary) throw new ParquetError('BAD_PAGE', 'second dictionary page in a column chunk');
    if (
      dict.encoding !== undefined &&
      dict.encoding !== Encoding.PLAIN &&
      dict.encoding !== Encoding.PLAIN_DICTIONARY
    ) {
      throw new ParquetError('BAD_ENCODING', `dictionary page encoding ${dict.encoding}`);
    }
    if (dict.numValues < 0 || dict.numValues > header.uncompressedPageSize * 8 + 8) {
      throw new ParquetError(
        'BAD_PAGE',
        `dictionary claims ${dict.numValues} values in ${header.uncompressedPageSize} bytes`,
      );
    }
    const ptr = decompressBody(this.arena, this.meta.codec, body, header.uncompressedPageSize);
    this.dictionary = decodeDictionaryPage(this.arena, this.layout, ptr, header.uncompressedPageSize, dict.numValues);
    if (this.bytes && dict.numValues > 0) {
      // Gathered values average the dictionary's length (exactly so for uniform keys): size the output once
      // instead of growing it page by page.
      const dictBytes = this.arena.view(Int32Array, this.dictionary.offsetsPtr + dict.numValues * 4, 1)[0]!;
      this.bytes.presize((dictBytes / dict.numValues) * this.numRows * 1.05);
    }
  }

  protected dataPageV1(header: PageHeader, body: PageBody): void {
    const h = header.dataPageHeader!;
    const count = dataPageValues(header, 0);
    if (count === 0) return;
    if (this.literalPageV1(header, body, count)) return;
    const size = header.uncompressedPageSize;
    const ptr = decompressBody(this.arena, this.meta.codec, body, size);
    let pos = 0;
    let nonNull = count;
    if (this.column.maxDefinitionLevel > 0) {
      const levels = defLevelsV1ToValidity(
        this.arena,
        h.definitionLevelEncoding,
        ptr,
        size,
        count,
        this.column.maxDefinitionLevel,
        this.validityPtr,
        this.row,
      );
      pos = levels.consumed;
      nonNull = this.counted(levels.nonNull, count);
    }
    this.pageValues(h.encoding, ptr + pos, size - pos, count, nonNull);
  }

  /**
   * A SNAPPY page of PLAIN fixed-width values without nulls whose snappy block is mostly long literals, decompressed
   * straight into the output (snappy_direct.ts: one copy instead of the kernel's copy plus the copy out). Returns
   * false, with the column's state unchanged, for any other page (it is then decoded the ordinary way).
   */
  private literalPageV1(header: PageHeader, body: PageBody, count: number): boolean {
    const h = header.dataPageHeader!;
    const values = this.fixedValues;
    if (!values || this.keepDictionary || this.meta.codec !== CompressionCodec.SNAPPY) return false;
    if (h.encoding !== Encoding.PLAIN || this.row + count > this.numRows) return false;
    const size = header.uncompressedPageSize;
    let skip = 0;
    const maxDef = this.column.maxDefinitionLevel;
    if (maxDef > 0) {
      // The levels (4-byte length, then the RLE hybrid) must lie in the block's first literal, read in place.
      if (h.definitionLevelEncoding !== Encoding.RLE) return false;
      const first = leadingLiteral(body.view());
      if (!first || first.length < 4) return false;
      const at = body.ptr() + first.offset;
      if (4 + this.arena.u32At(at) > first.length) return false;
      const levels = defLevelsV1ToValidity(
        this.arena,
        Encoding.RLE,
        at,
        first.length,
        count,
        maxDef,
        this.validityPtr,
        this.row,
      );
      // Nulls need spreading: the ordinary path rewrites these validity bits and counts them.
      if (levels.nonNull !== count) return false;
      skip = levels.consumed;
    }
    const width = this.outWidth;
    if (!snappyLiteralsInto(body.view(), size, skip, values, this.row * width, count * width)) return false;
    this.arena.bytesCopied += count * width;
    this.row += count;
    return true;
  }

  protected dataPageV2(header: PageHeader, body: PageBody): void {
    const page = this.splitPageV2(header, body);
    if (!page) return;
    let nonNull = page.count;
    if (this.column.maxDefinitionLevel > 0) {
      const levelsNonNull = defLevelsV2ToValidity(
        this.arena,
        page.levelsPtr + page.repLength,
        page.defLength,
        page.count,
        this.column.maxDefinitionLevel,
        this.validityPtr,
        this.row,
      );
      nonNull = this.counted(levelsNonNull, page.count);
    }
    this.pageValues(page.encoding, ...this.valuesV2(header, body, page), page.count, nonNull);
  }

  /** The level sections of a DATA_PAGE_V2 (copied into kernel memory), or undefined for an empty page. */
  protected splitPageV2(header: PageHeader, body: PageBody): PageV2Levels | undefined {
    const h = header.dataPageHeaderV2!;
    const count = h.numValues;
    if (count === 0) return undefined;
    const repLength = h.repetitionLevelsByteLength;
    const defLength = h.definitionLevelsByteLength;
    if (repLength < 0 || defLength < 0 || repLength + defLength > body.length) {
      throw new ParquetError('BAD_PAGE', `level lengths ${repLength}+${defLength} exceed the page`);
    }
    const levelsPtr = body.subarray(0, repLength + defLength).ptr();
    return { count, encoding: h.encoding, repLength, defLength, levelsPtr };
  }

  /** The values section of a DATA_PAGE_V2 in kernel memory (decompressed when it is compressed): [ptr, length]. */
  protected valuesV2(header: PageHeader, body: PageBody, page: PageV2Levels): [number, number] {
    const compressed = body.subarray(page.repLength + page.defLength);
    const valuesSize = header.uncompressedPageSize - page.repLength - page.defLength;
    if (valuesSize < 0) throw new ParquetError('BAD_PAGE', 'uncompressed page size smaller than its levels');
    // An absent is_compressed means compressed (parquet.thrift); a zero-byte body holds no values to inflate.
    const isCompressed = header.dataPageHeaderV2!.isCompressed !== false && compressed.length > 0;
    return isCompressed
      ? [decompressBody(this.arena, this.meta.codec, compressed, valuesSize), valuesSize]
      : [compressed.ptr(), compressed.length];
  }

  /** Counts the nulls of a page whose validity bits were written at the current row; returns `nonNull`. */
  private counted(nonNull: number, count: number): number {
    this.nullCount += count - nonNull;
    return nonNull;
  }

  protected pageValues(encoding: number, ptr: number, len: number, count: number, nonNull: number): void {
    if (this.row + count > this.numRows) {
      throw new ParquetError('BAD_PAGE', `pages hold more than the ${this.numRows} rows of the row group`);
    }
    if (this.keepDictionary) {
      if (encoding !== Encoding.PLAIN_DICTIONARY && encoding !== Encoding.RLE_DICTIONARY)
        throw new DictionaryFallback();
      if (!this.dictionary) throw new ParquetError('BAD_PAGE', 'dictionary-encoded page without a dictionary page');
      const indices = decodeDictionaryIndices(this.arena, ptr, len, nonNull, this.dictionary.count);
      this.copyFixed(indices, count, nonNull);
      this.row += count;
      return;
    }
    const base = this.bytes?.length ?? 0;
    const dense = decodeValues(this.arena, this.layout, encoding, ptr, len, nonNull, base, this.dictionary);
    if (this.isBoolean) this.copyBooleans(dense, count, nonNull);
    else if (this.isBytes) this.copyBytes(dense, count, nonNull);
    else this.copyFixed(dense.valuesPtr, count, nonNull);
    this.row += count;
  }

  /** Copies `count` values out at the current row, spreading the `nonNull` dense ones at `valuesPtr` over nulls. */
  private copyFixed(valuesPtr: number, count: number, nonNull: number): void {
    const width = this.outWidth;
    let src = valuesPtr;
    if (nonNull < count) {
      src = this.arena.alloc(count * width);
      this.arena.wasm.spreadFixed(valuesPtr, this.validityPtr, this.row, count, width, src);
    }
    this.arena.copyOut(src, count * width, this.fixedValues!, this.row * width);
  }

  private copyBooleans(dense: DenseValues, count: number, nonNull: number): void {
    if (nonNull < count) {
      this.arena.wasm.spreadBits(dense.valuesPtr, 0, this.validityPtr, this.row, count, this.booleanPtr, this.row);
    } else {
      this.arena.wasm.copyBits(dense.valuesPtr, 0, this.booleanPtr, this.row, count);
    }
  }

  private copyBytes(dense: DenseValues, count: number, nonNull: number): void {
    let offsetsPtr = dense.offsetsPtr;
    if (nonNull < count) {
      offsetsPtr = this.arena.alloc((count + 1) * 4);
      this.arena.wasm.spreadOffsets(dense.offsetsPtr, this.validityPtr, this.row, count, offsetsPtr);
    }
    this.offsets!.set(this.arena.view(Int32Array, offsetsPtr, count + 1), this.row);
    this.arena.bytesCopied += (count + 1) * 4 + dense.bytesLength;
    this.bytes!.append(this.arena.view(Uint8Array, dense.bytesPtr, dense.bytesLength));
  }
}
