// A flat column chunk decoded into kernel memory and left there (issue 16 item 3, fused partial aggregation): the
// chunk's bytes are read by position into the arena, its pages decompressed and decoded where they lie, and the
// caller gets pointers (validity, per-row values, or each page's dictionary-index stream) instead of a copy. A
// consumer that reduces the column (a group-by's partial) runs its kernels on them and copies out only its result.
// Everything stays allocated until the caller releases the arena to a mark taken before the call.
//
// Only what such a consumer needs is handled: DATA_PAGE (v1) pages of a flat, unencrypted chunk, fixed-width values
// (4 or 8 bytes) or dictionary indices. Anything else returns undefined, and the caller reads the chunk the general
// way (ChunkDecoder), which also reports a corrupt chunk with its full context.
import type { Arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import { Encoding, PageType, Type } from '../metadata/enums.js';
import type { ColumnMetaData, PageHeader } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';
import { hasDictionaryPage } from './chunk_range.js';
import type { PhysicalColumn } from './column_output.js';
import { decodeLevelsV1 } from './levels.js';
import { outBytes } from './out_memory.js';
import { decompressBody, PageBody } from './page_body.js';
import { boundedPageValues, scanPages } from './pages.js';
import { type Dictionary, decodeDictionaryPage, decodeValues, physicalWidth, type ValueLayout } from './values.js';

/** The dictionary indices of one data page, still encoded (RLE / bit-packed hybrid, bit width byte removed). */
export interface ArenaIndexPage {
  /** Row of the chunk the page starts at. */
  readonly row: number;
  /** Rows of the page (nulls included). */
  readonly rows: number;
  /** Indices in the stream: the page's non-null values. */
  readonly count: number;
  readonly ptr: number;
  readonly length: number;
  readonly bitWidth: number;
}

/** A column chunk decoded into kernel memory (pointers valid until the caller's arena mark is released). */
export interface ArenaChunk {
  readonly numRows: number;
  readonly nullCount: number;
  /** Validity bitmap of the rows (bit i is row i), or 0 when the chunk has no nulls. */
  readonly validityPtr: number;
  /** 'values': one fixed-width value per row (null rows zero), `width` bytes each. */
  readonly valuesPtr: number;
  readonly width: number;
  /** 'indices': each data page's index stream, in row order. */
  readonly indexPages: readonly ArenaIndexPage[];
  /** 'indices': the chunk's dictionary (its values in kernel memory); absent when the chunk has no rows. */
  readonly dictionary?: Dictionary;
}

/** What to decode: the values of each row, or the dictionary-index streams of a fully dictionary-encoded chunk. */
export type ArenaChunkMode = 'values' | 'indices';

/** Physical types whose values 'values' mode decodes. */
const FIXED_TYPES: ReadonlySet<number> = new Set([Type.INT32, Type.INT64, Type.FLOAT, Type.DOUBLE]);

/**
 * Decodes the flat column chunk of `length` bytes that `fill` reads into kernel memory (synchronously), leaving the
 * result in the arena. Returns undefined when the chunk is not one this reader handles (see the file comment): a
 * DATA_PAGE_V2, a page that is not dictionary-encoded in 'indices' mode, a type other than INT32/INT64/FLOAT/DOUBLE
 * in 'values' mode, a nested column. Throws ParquetError for a corrupt chunk.
 */
export function decodeChunkInArena(
  arena: Arena,
  column: ColumnDescriptor,
  meta: ColumnMetaData,
  fill: (target: Uint8Array) => void,
  length: number,
  numRows: number,
  mode: ArenaChunkMode,
  verifyChecksums = true,
): ArenaChunk | undefined {
  if (column.maxRepetitionLevel > 0 || meta.numValues !== numRows) return undefined;
  if (mode === 'values' && !FIXED_TYPES.has(column.physicalType)) return undefined;
  if (mode === 'indices' && (column.physicalType === Type.BOOLEAN || !hasDictionaryPage(meta))) return undefined;
  const chunkPtr = arena.alloc(length);
  fill(arena.view(Uint8Array, chunkPtr, length));
  // Headers are parsed before anything else is allocated (an allocation may detach the chunk's view).
  const pages = scanPages(arena.view(Uint8Array, chunkPtr, length), numRows);
  const decoder = new ArenaPages(arena, column, meta, numRows, mode, verifyChecksums);
  for (const page of pages) {
    const body = PageBody.inArena(arena, chunkPtr + page.bodyOffset, page.bodyLength);
    try {
      if (!decoder.page(page.header, page.index, body)) return undefined;
    } catch (err) {
      if (err instanceof ParquetError) throw err.withContext({ page: page.index });
      throw new ParquetError('BAD_PAGE', (err as Error).message, { page: page.index }, { cause: err });
    }
  }
  return decoder.finish();
}

/** The page walk of decodeChunkInArena. */
class ArenaPages {
  private readonly layout: ValueLayout;
  private readonly validityPtr: number;
  private readonly valuesPtr: number;
  private readonly indexPages: ArenaIndexPage[] = [];
  private dictionary?: Dictionary;
  private row = 0;
  private nullCount = 0;

  constructor(
    private readonly arena: Arena,
    private readonly column: ColumnDescriptor,
    private readonly meta: ColumnMetaData,
    private readonly numRows: number,
    private readonly mode: ArenaChunkMode,
    private readonly verifyChecksums: boolean,
  ) {
    this.layout = { physicalType: column.physicalType, width: physicalWidth(column.physicalType, column.typeLength) };
    this.validityPtr = column.maxDefinitionLevel > 0 ? arena.alloc(Math.ceil(numRows / 8) + 8) : 0;
    this.valuesPtr = mode === 'values' ? arena.alloc(numRows * this.layout.width + 16) : 0;
  }

  /** Decodes one page; false when the chunk is not one this reader handles. */
  page(header: PageHeader, index: number, body: PageBody): boolean {
    if (this.verifyChecksums && header.crc !== undefined) {
      const actual = this.arena.wasm.crc32(body.ptr(), body.length, 0) >>> 0;
      if (actual !== header.crc >>> 0) {
        throw new ParquetError('CHECKSUM', `page CRC32 mismatch: stored ${header.crc >>> 0}, computed ${actual}`);
      }
    }
    switch (header.type) {
      case PageType.DICTIONARY_PAGE:
        this.dictionaryPage(header, body);
        return true;
      case PageType.DATA_PAGE:
        return this.dataPage(header, index, body);
      case PageType.DATA_PAGE_V2:
        return false;
      default:
        return true; // INDEX_PAGE and unknown page types carry no values
    }
  }

  finish(): ArenaChunk {
    if (this.row !== this.numRows) {
      throw new ParquetError('BAD_PAGE', `pages hold ${this.row} values, expected ${this.numRows}`);
    }
    return {
      numRows: this.numRows,
      nullCount: this.nullCount,
      validityPtr: this.nullCount > 0 ? this.validityPtr : 0,
      valuesPtr: this.valuesPtr,
      width: this.layout.width,
      indexPages: this.indexPages,
      dictionary: this.dictionary,
    };
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
    const size = header.uncompressedPageSize;
    if (dict.numValues < 0 || dict.numValues > size * 8 + 8) {
      throw new ParquetError('BAD_PAGE', `dictionary claims ${dict.numValues} values in ${size} bytes`);
    }
    const ptr = decompressBody(this.arena, this.meta.codec, body, size);
    this.dictionary = decodeDictionaryPage(this.arena, this.layout, ptr, size, dict.numValues);
  }

  private dataPage(header: PageHeader, index: number, body: PageBody): boolean {
    const h = header.dataPageHeader!;
    const count = boundedPageValues(header, index);
    if (count === 0) return true;
    if (this.row + count > this.numRows) {
      throw new ParquetError('BAD_PAGE', `pages hold more than the ${this.numRows} rows of the row group`);
    }
    const dictionaryEncoded = h.encoding === Encoding.PLAIN_DICTIONARY || h.encoding === Encoding.RLE_DICTIONARY;
    if (this.mode === 'indices' && !dictionaryEncoded) return false; // a writer's dictionary fallback
    // In 'values' mode the page's scratch is freed once its values are in the chunk's buffer; index streams stay.
    const mark = this.arena.mark();
    const size = header.uncompressedPageSize;
    const ptr = decompressBody(this.arena, this.meta.codec, body, size);
    let pos = 0;
    let nonNull = count;
    if (this.column.maxDefinitionLevel > 0) {
      const maxDef = this.column.maxDefinitionLevel;
      const levels = decodeLevelsV1(this.arena, h.definitionLevelEncoding, ptr, size, count, maxDef);
      pos = levels.consumed;
      nonNull = this.arena.wasm.defLevelsToValidity(levels.ptr, count, maxDef, this.validityPtr, this.row);
      this.nullCount += count - nonNull;
    }
    if (this.mode === 'indices') {
      if (!this.dictionary) throw new ParquetError('BAD_PAGE', 'dictionary-encoded page without a dictionary page');
      if (nonNull > 0 && size - pos < 1)
        throw new ParquetError('BAD_ENCODING', 'dictionary indices: missing bit width');
      const bitWidth = nonNull > 0 ? this.arena.u8()[ptr + pos]! : 0;
      if (bitWidth > 32) throw new ParquetError('BAD_ENCODING', `dictionary indices: bit width ${bitWidth}`);
      const stream = { ptr: ptr + pos + 1, length: Math.max(0, size - pos - 1), bitWidth };
      this.indexPages.push({ row: this.row, rows: count, count: nonNull, ...stream });
    } else {
      const dense = decodeValues(
        this.arena,
        this.layout,
        h.encoding,
        ptr + pos,
        size - pos,
        nonNull,
        0,
        this.dictionary,
      );
      const width = this.layout.width;
      const target = this.valuesPtr + this.row * width;
      if (nonNull < count) {
        this.arena.wasm.spreadFixed(dense.valuesPtr, this.validityPtr, this.row, count, width, target);
      } else {
        this.arena.u8().copyWithin(target, dense.valuesPtr, dense.valuesPtr + count * width);
      }
      this.arena.release(mark);
    }
    this.row += count;
    return true;
  }
}

/** The values of a chunk's kept dictionary, copied out of kernel memory (PLAIN layout: fixed-width values, or
 *  offsets and bytes for BYTE_ARRAY). */
export function dictionaryOut(
  arena: Arena,
  column: ColumnDescriptor,
  dictionary: Dictionary | undefined,
): PhysicalColumn {
  const count = dictionary?.count ?? 0;
  if (column.physicalType === Type.BYTE_ARRAY) {
    const offsets = new Int32Array(count + 1);
    if (count === 0) return { length: 0, nullCount: 0, offsets, bytes: new Uint8Array(0) };
    arena.copyOut(dictionary!.offsetsPtr, (count + 1) * 4, new Uint8Array(offsets.buffer));
    const bytes = outBytes(offsets[count]!);
    arena.copyOut(dictionary!.bytesPtr, bytes.length, bytes);
    return { length: count, nullCount: 0, offsets, bytes };
  }
  const width = physicalWidth(column.physicalType, column.typeLength);
  const values = outBytes(count * width);
  if (count > 0) arena.copyOut(dictionary!.valuesPtr, count * width, values);
  return { length: count, nullCount: 0, values };
}
