// A flat column chunk decoded into kernel memory and left there (issue 16 item 3, fused partial aggregation): the
// chunk's bytes are read by position into the arena, its pages decompressed and decoded where they lie, and the
// caller gets pointers (validity, per-row values, or each page's dictionary-index stream) instead of a copy. A
// consumer that reduces the column (a group-by's partial) runs its kernels on them and copies out only its result.
// Everything stays allocated until the caller releases the arena to a mark taken before the call.
//
// Only what such a consumer needs is handled: DATA_PAGE and DATA_PAGE_V2 pages of a flat, unencrypted chunk,
// fixed-width values (4 or 8 bytes) or dictionary indices. Anything else returns undefined, and the caller reads the chunk the general
// way (ChunkDecoder), which also reports a corrupt chunk with its full context.
import type { Arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import { Encoding, PageType, Type } from '../metadata/enums.js';
import type { ColumnMetaData, PageHeader } from '../metadata/types.js';
import type { ColumnDescriptor } from '../schema.js';
import { hasDictionaryPage } from './chunk_range.js';
import type { PhysicalColumn } from './column_output.js';
import { checkKernel } from './kernel_status.js';
import { decodeLevelsV1, decodeLevelsV2 } from './levels.js';
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

/** The values of one data page: one fixed-width value per row (null rows zero), or, for a dictionary-encoded page
 *  without nulls read with `gather` off, one u32 dictionary index per row. */
export interface ArenaValuePage {
  /** Row of the chunk the page starts at. */
  readonly row: number;
  /** Rows of the page (nulls included). */
  readonly count: number;
  /** The values, or 0 when the page kept its indices. */
  readonly valuesPtr: number;
  /** The indices into the chunk's dictionary (not checked against its size), or 0. */
  readonly indicesPtr: number;
  /** Validity of the page's rows (bit 0 is its first row), or 0 when the page has no nulls. */
  readonly validityPtr: number;
}

/** A column chunk decoded into kernel memory (pointers valid until the caller's arena mark is released). */
export interface ArenaChunk {
  readonly numRows: number;
  readonly nullCount: number;
  /** Validity bitmap of the rows (bit i is row i), or 0 when the chunk has no nulls. */
  readonly validityPtr: number;
  /** 'values': each data page's values, in row order (a page without nulls is used where it was decoded, not
   *  copied into one buffer for the chunk). */
  readonly valuePages: readonly ArenaValuePage[];
  /** Bytes per value. */
  readonly width: number;
  /** 'indices': each data page's index stream, in row order. */
  readonly indexPages: readonly ArenaIndexPage[];
  /** The chunk's dictionary (its values in kernel memory), when it has one. */
  readonly dictionary?: Dictionary;
}

/** What to decode: the values of each row, or the dictionary-index streams of a fully dictionary-encoded chunk. */
export type ArenaChunkMode = 'values' | 'indices';

/** Physical types whose values 'values' mode decodes. */
const FIXED_TYPES: ReadonlySet<number> = new Set([Type.INT32, Type.INT64, Type.FLOAT, Type.DOUBLE]);

/**
 * Decodes the flat column chunk of `length` bytes that `fill` reads into kernel memory (synchronously), leaving the
 * result in the arena. With `gather` off, 'values' mode leaves a dictionary-encoded page without nulls as indices.
 * Returns undefined when the chunk is not one this reader handles (see the file comment): a page that is not
 * dictionary-encoded in 'indices' mode, a type other than INT32/INT64/FLOAT/DOUBLE in 'values' mode, a nested column.
 * Throws ParquetError for a corrupt chunk.
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
  gather = true,
): ArenaChunk | undefined {
  if (column.maxRepetitionLevel > 0 || meta.numValues !== numRows) return undefined;
  if (mode === 'values' && !FIXED_TYPES.has(column.physicalType)) return undefined;
  if (mode === 'indices' && (column.physicalType === Type.BOOLEAN || !hasDictionaryPage(meta))) return undefined;
  const chunkPtr = arena.alloc(length);
  fill(arena.view(Uint8Array, chunkPtr, length));
  // Headers are parsed before anything else is allocated (an allocation may detach the chunk's view).
  const pages = scanPages(arena.view(Uint8Array, chunkPtr, length), numRows);
  const decoder = new ArenaPages(arena, column, meta, numRows, mode, verifyChecksums, gather);
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
  private readonly valuePages: ArenaValuePage[] = [];
  private readonly indexPages: ArenaIndexPage[] = [];
  /** Pages found to have no nulls without decoding their levels: their validity bits are set only if needed. */
  private readonly allValid: [number, number][] = [];
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
    private readonly gather: boolean,
  ) {
    this.layout = { physicalType: column.physicalType, width: physicalWidth(column.physicalType, column.typeLength) };
    this.validityPtr = column.maxDefinitionLevel > 0 ? arena.alloc(Math.ceil(numRows / 8) + 8) : 0;
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
        return this.dataPageV2(header, index, body);
      default:
        return true; // INDEX_PAGE and unknown page types carry no values
    }
  }

  finish(): ArenaChunk {
    if (this.row !== this.numRows) {
      throw new ParquetError('BAD_PAGE', `pages hold ${this.row} values, expected ${this.numRows}`);
    }
    if (this.nullCount > 0)
      for (const [row, count] of this.allValid) this.arena.wasm.setBits(this.validityPtr, row, count);
    return {
      numRows: this.numRows,
      nullCount: this.nullCount,
      validityPtr: this.nullCount > 0 ? this.validityPtr : 0,
      valuePages: this.valuePages,
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

  /** The rows of a data page (v1 or v2), or undefined for a page that this reader does not handle in this mode
   *  (a writer's dictionary fallback in 'indices' mode). */
  private pageRows(header: PageHeader, index: number, encoding: number): number | undefined {
    const count = boundedPageValues(header, index);
    if (count > 0 && this.row + count > this.numRows) {
      throw new ParquetError('BAD_PAGE', `pages hold more than the ${this.numRows} rows of the row group`);
    }
    const dictionaryEncoded = encoding === Encoding.PLAIN_DICTIONARY || encoding === Encoding.RLE_DICTIONARY;
    return this.mode === 'indices' && !dictionaryEncoded && count > 0 ? undefined : count;
  }

  private dataPage(header: PageHeader, index: number, body: PageBody): boolean {
    const h = header.dataPageHeader!;
    const count = this.pageRows(header, index, h.encoding);
    if (count === undefined) return false;
    if (count === 0) return true;
    // Everything the page decodes stays allocated: the index streams and the values are used where they lie.
    const size = header.uncompressedPageSize;
    const ptr = decompressBody(this.arena, this.meta.codec, body, size);
    let pos = 0;
    let nonNull = count;
    if (this.column.maxDefinitionLevel > 0) {
      const maxDef = this.column.maxDefinitionLevel;
      const allValid =
        h.definitionLevelEncoding === Encoding.RLE ? allValidLevels(this.arena, ptr, size, count, maxDef) : -1;
      if (allValid >= 0) {
        pos = allValid;
        this.allValid.push([this.row, count]);
      } else {
        const levels = decodeLevelsV1(this.arena, h.definitionLevelEncoding, ptr, size, count, maxDef);
        pos = levels.consumed;
        nonNull = this.arena.wasm.defLevelsToValidity(levels.ptr, count, maxDef, this.validityPtr, this.row);
        this.nullCount += count - nonNull;
      }
    }
    this.pageValues(h.encoding, ptr + pos, size - pos, count, nonNull);
    return true;
  }

  /** A DATA_PAGE_V2: its levels are never compressed (and a flat column has no repetition levels to read), its
   *  values section is compressed unless is_compressed is false. */
  private dataPageV2(header: PageHeader, index: number, body: PageBody): boolean {
    const h = header.dataPageHeaderV2;
    if (!h) throw new ParquetError('BAD_PAGE', 'DATA_PAGE_V2 without data_page_header_v2');
    const count = this.pageRows(header, index, h.encoding);
    if (count === undefined) return false;
    if (count === 0) return true;
    const repLength = h.repetitionLevelsByteLength;
    const defLength = h.definitionLevelsByteLength;
    if (repLength < 0 || defLength < 0 || repLength + defLength > body.length) {
      throw new ParquetError('BAD_PAGE', `level lengths ${repLength}+${defLength} exceed the page`);
    }
    let nonNull = count;
    const maxDef = this.column.maxDefinitionLevel;
    if (maxDef > 0) {
      const defPtr = body.subarray(repLength, repLength + defLength).ptr();
      if (allValidRun(this.arena, defPtr, defPtr + defLength, count, maxDef)) {
        this.allValid.push([this.row, count]);
      } else {
        const levelsPtr = decodeLevelsV2(this.arena, defPtr, defLength, count, maxDef);
        nonNull = this.arena.wasm.defLevelsToValidity(levelsPtr, count, maxDef, this.validityPtr, this.row);
        this.nullCount += count - nonNull;
      }
    }
    const values = body.subarray(repLength + defLength);
    const valuesSize = header.uncompressedPageSize - repLength - defLength;
    if (valuesSize < 0) throw new ParquetError('BAD_PAGE', 'uncompressed page size smaller than its levels');
    // An absent is_compressed means compressed (parquet.thrift); a zero-byte section holds no values to inflate.
    if (h.isCompressed !== false && values.length > 0) {
      const ptr = decompressBody(this.arena, this.meta.codec, values, valuesSize);
      this.pageValues(h.encoding, ptr, valuesSize, count, nonNull);
    } else {
      this.pageValues(h.encoding, values.ptr(), values.length, count, nonNull);
    }
    return true;
  }

  /** The values section (`size` bytes at `ptr`, decompressed) of a data page of `count` rows, `nonNull` of them
   *  with a value, whose validity is already written: kept as what the mode asks for. */
  private pageValues(encoding: number, ptr: number, size: number, count: number, nonNull: number): void {
    const dictionaryEncoded = encoding === Encoding.PLAIN_DICTIONARY || encoding === Encoding.RLE_DICTIONARY;
    if (this.mode === 'indices') {
      if (!this.dictionary) throw new ParquetError('BAD_PAGE', 'dictionary-encoded page without a dictionary page');
      if (nonNull > 0 && size < 1) throw new ParquetError('BAD_ENCODING', 'dictionary indices: missing bit width');
      const bitWidth = nonNull > 0 ? this.arena.u8()[ptr]! : 0;
      if (bitWidth > 32) throw new ParquetError('BAD_ENCODING', `dictionary indices: bit width ${bitWidth}`);
      const stream = { ptr: ptr + 1, length: Math.max(0, size - 1), bitWidth };
      this.indexPages.push({ row: this.row, rows: count, count: nonNull, ...stream });
    } else if (!this.gather && dictionaryEncoded && nonNull === count) {
      // The indices alone: the consumer reads the values from the dictionary as it aggregates them.
      if (!this.dictionary) throw new ParquetError('BAD_PAGE', 'dictionary-encoded page without a dictionary page');
      if (size < 1) throw new ParquetError('BAD_ENCODING', 'dictionary indices: missing bit width');
      const bitWidth = this.arena.u8()[ptr]!;
      if (bitWidth > 32) throw new ParquetError('BAD_ENCODING', `dictionary indices: bit width ${bitWidth}`);
      const indicesPtr = this.arena.alloc(count * 4 + 16);
      const status = this.arena.wasm.rleHybridDecode(ptr + 1, size - 1, bitWidth, count, indicesPtr);
      checkKernel(status, 'dictionary indices');
      this.valuePages.push({ row: this.row, count, valuesPtr: 0, indicesPtr, validityPtr: 0 });
    } else {
      const dense = decodeValues(this.arena, this.layout, encoding, ptr, size, nonNull, 0, this.dictionary);
      let valuesPtr = dense.valuesPtr;
      let validityPtr = 0;
      if (nonNull < count) {
        const width = this.layout.width;
        valuesPtr = this.arena.alloc(count * width + 16);
        this.arena.wasm.spreadFixed(dense.valuesPtr, this.validityPtr, this.row, count, width, valuesPtr);
        validityPtr = this.arena.alloc(Math.ceil(count / 8) + 8);
        this.arena.wasm.copyBits(this.validityPtr, this.row, validityPtr, 0, count);
      }
      this.valuePages.push({ row: this.row, count, valuesPtr, indicesPtr: 0, validityPtr });
    }
    this.row += count;
  }
}

/**
 * The bytes of a page's RLE definition levels (4-byte length prefix included) when they are one run of `maxDef`
 * covering the page's `count` values (a page without nulls, as writers encode it), else -1: such a page needs no
 * levels decoded and no validity written.
 */
function allValidLevels(arena: Arena, ptr: number, size: number, count: number, maxDef: number): number {
  if (size < 5) return -1;
  const length = arena.u32At(ptr);
  if (length > size - 4) return -1;
  return allValidRun(arena, ptr + 4, ptr + 4 + length, count, maxDef) ? 4 + length : -1;
}

/** True when the RLE / bit-packed hybrid levels from `ptr` to `end` start with one RLE run of `maxDef` covering
 *  `count` values (every row of the page valid). */
function allValidRun(arena: Arena, ptr: number, end: number, count: number, maxDef: number): boolean {
  const u8 = arena.u8();
  // The run header: a ULEB128 varint of (run length << 1), bit 0 clear for an RLE run.
  let header = 0;
  let p = ptr;
  for (let shift = 0, more = true; more; shift += 7) {
    if (p >= end || shift > 28) return false;
    const byte = u8[p++]!;
    header += (byte & 0x7f) * 2 ** shift;
    more = (byte & 0x80) !== 0;
  }
  if (header % 2 !== 0 || Math.floor(header / 2) < count) return false;
  const valueBytes = Math.ceil((32 - Math.clz32(maxDef)) / 8);
  if (p + valueBytes > end) return false;
  let value = 0;
  for (let i = 0; i < valueBytes; i++) value += u8[p + i]! * 256 ** i;
  return value === maxDef;
}

/** The values of a chunk's kept dictionary, copied out of kernel memory (PLAIN layout: fixed-width values, or
 *  offsets and bytes for BYTE_ARRAY) into this thread's memory (a consumer reduces with them; none is shared). */
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
    const bytes = new Uint8Array(offsets[count]!);
    arena.copyOut(dictionary!.bytesPtr, bytes.length, bytes);
    return { length: count, nullCount: 0, offsets, bytes };
  }
  const width = physicalWidth(column.physicalType, column.typeLength);
  const values = new Uint8Array(count * width);
  if (count > 0) arena.copyOut(dictionary!.valuesPtr, count * width, values);
  return { length: count, nullCount: 0, values };
}
