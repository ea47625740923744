// Builds the bytes of one page: levels and values laid out as parquet-format's "Data Pages" section describes for
// DATA_PAGE (v1: levels and values compressed together, each level run length-prefixed) and DATA_PAGE_V2 (levels
// uncompressed and unprefixed, their lengths in the header; only values compressed), or a DICTIONARY_PAGE.
import { arena } from '../../kernels/arena.js';
import { compress } from '../codecs/compress.js';
import { CompressionCodec, Encoding, PageType } from '../metadata/enums.js';
import { PageHeaderSpec } from '../metadata/structs.js';
import { encodeStruct } from '../metadata/thrift_writer.js';
import type { PageHeader } from '../metadata/types.js';
import { encodeRleHybrid, encodeRleHybridWithLength } from './encode/rle_hybrid.js';

/** How the pages of a chunk are compressed and checked. */
export interface PageCodec {
  readonly codec: number;
  readonly level?: number;
  readonly checksum: boolean;
}

/** One encoded page: header and body bytes, and its sizes as ColumnMetaData counts them (header included). */
export interface BuiltPage {
  readonly header: PageHeader;
  readonly chunks: readonly Uint8Array[];
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

/** The levels and values of one data page. */
export interface DataPageContent {
  /** Level entries in the page (DataPageHeader.num_values). */
  readonly numLevels: number;
  readonly numRows: number;
  /** Levels with definition below the maximum (v2 num_nulls). */
  readonly numNulls: number;
  readonly repLevels?: Uint8Array;
  readonly maxRep: number;
  readonly defLevels?: Uint8Array;
  readonly maxDef: number;
  /** The encoded values. */
  readonly values: Uint8Array;
  readonly encoding: number;
}

/** Bits needed for levels up to `max` (Encodings.md: bit width = ceil(log2(max + 1))). */
export function bitWidthOf(max: number): number {
  return max === 0 ? 0 : 32 - Math.clz32(max);
}

/** Hybrid runs of a page's levels; v1 pages prefix them with their 4-byte length. */
function levelRuns(levels: Uint8Array | undefined, max: number, withLength: boolean): Uint8Array {
  if (max === 0 || levels === undefined) return new Uint8Array(0);
  return withLength ? encodeRleHybridWithLength(levels, bitWidthOf(max)) : encodeRleHybrid(levels, bitWidthOf(max));
}

/** CRC-32 of the page body as stored (after compression), as PageHeader.crc defines it. */
function bodyCrc(parts: readonly Uint8Array[]): number {
  const a = arena();
  const mark = a.mark();
  try {
    let crc = 0;
    for (const part of parts) crc = a.wasm.crc32(a.copyIn(part), part.byteLength, crc);
    return crc | 0; // PageHeader.crc is a signed i32 on the wire
  } finally {
    a.release(mark);
  }
}

function finish(
  header: PageHeader,
  body: readonly Uint8Array[],
  uncompressedBody: number,
  codec: PageCodec,
): BuiltPage {
  if (codec.checksum) header.crc = bodyCrc(body);
  const headerBytes = encodeStruct(PageHeaderSpec, header);
  let compressedBody = 0;
  for (const part of body) compressedBody += part.byteLength;
  return {
    header,
    chunks: [headerBytes, ...body],
    compressedSize: headerBytes.byteLength + compressedBody,
    uncompressedSize: headerBytes.byteLength + uncompressedBody,
  };
}

/** The stored body of a page whose content is `parts`: the parts themselves when uncompressed (no copy). */
function compressed(codec: PageCodec, parts: readonly Uint8Array[]): readonly Uint8Array[] {
  return codec.codec === CompressionCodec.UNCOMPRESSED ? parts : [compress(codec.codec, parts, codec.level)];
}

function byteLength(parts: readonly Uint8Array[]): number {
  let n = 0;
  for (const p of parts) n += p.byteLength;
  return n;
}

/** A DATA_PAGE (v1). */
export function buildDataPageV1(page: DataPageContent, codec: PageCodec): BuiltPage {
  const parts: Uint8Array[] = [];
  if (page.maxRep > 0) parts.push(levelRuns(page.repLevels, page.maxRep, true));
  if (page.maxDef > 0) parts.push(levelRuns(page.defLevels, page.maxDef, true));
  parts.push(page.values);
  const plainLength = byteLength(parts);
  const body = compressed(codec, parts);
  const header: PageHeader = {
    type: PageType.DATA_PAGE,
    uncompressedPageSize: plainLength,
    compressedPageSize: byteLength(body),
    dataPageHeader: {
      numValues: page.numLevels,
      encoding: page.encoding,
      definitionLevelEncoding: Encoding.RLE,
      repetitionLevelEncoding: Encoding.RLE,
    },
  };
  return finish(header, body, plainLength, codec);
}

/** A DATA_PAGE_V2. */
export function buildDataPageV2(page: DataPageContent, codec: PageCodec): BuiltPage {
  const rep = levelRuns(page.repLevels, page.maxRep, false);
  const def = levelRuns(page.defLevels, page.maxDef, false);
  const values = compressed(codec, [page.values]);
  const levelBytes = rep.byteLength + def.byteLength;
  const header: PageHeader = {
    type: PageType.DATA_PAGE_V2,
    uncompressedPageSize: levelBytes + page.values.byteLength,
    compressedPageSize: levelBytes + byteLength(values),
    dataPageHeaderV2: {
      numValues: page.numLevels,
      numNulls: page.numNulls,
      numRows: page.numRows,
      encoding: page.encoding,
      definitionLevelsByteLength: def.byteLength,
      repetitionLevelsByteLength: rep.byteLength,
      isCompressed: codec.codec !== CompressionCodec.UNCOMPRESSED,
    },
  };
  return finish(header, [rep, def, ...values], levelBytes + page.values.byteLength, codec);
}

/** A DICTIONARY_PAGE holding `numValues` PLAIN-encoded values. */
export function buildDictionaryPage(plainValues: Uint8Array, numValues: number, codec: PageCodec): BuiltPage {
  const body = compressed(codec, [plainValues]);
  const header: PageHeader = {
    type: PageType.DICTIONARY_PAGE,
    uncompressedPageSize: plainValues.byteLength,
    compressedPageSize: byteLength(body),
    dictionaryPageHeader: { numValues, encoding: Encoding.PLAIN, isSorted: false },
  };
  return finish(header, body, plainValues.byteLength, codec);
}
