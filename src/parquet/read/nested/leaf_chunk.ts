// Decodes the column chunk of a leaf inside a nested field: keeps the chunk's repetition and definition levels (u8,
// copied out of kernel memory once per page) for Dremel assembly, and decodes the values into the leaf's Arrow
// slots (one per entry that reaches the leaf's innermost list element or struct, null where the definition level
// stops short of the leaf).
import type { Arena } from '../../../kernels/arena.js';
import { ParquetError } from '../../errors.js';
import type { ColumnMetaData, PageHeader } from '../../metadata/types.js';
import type { ColumnDescriptor } from '../../schema.js';
import { checkByteArrayChunkSize } from '../chunk_limits.js';
import { ChunkDecoder, type ColumnChunkOptions } from '../column_chunk.js';
import type { PhysicalColumn } from '../column_output.js';
import { decodeLevelsV1, decodeLevelsV2 } from '../levels.js';
import { decompressBody, type PageBody } from '../page_body.js';
import { dataPageValues, scanPages } from '../pages.js';

/** A decoded nested leaf: its levels and its values in Arrow slots. */
export interface NestedLeafColumn {
  readonly column: ColumnDescriptor;
  /** Repetition levels, one per entry; absent when the leaf has no repeated ancestor. */
  readonly rep?: Uint8Array;
  /** Definition levels, one per entry (all 0 when the leaf and its ancestors are required). */
  readonly def: Uint8Array;
  /** The leaf's slots (entries with definition >= slotDef), null where definition < maxDefinitionLevel. */
  readonly values: PhysicalColumn;
}

/** Where the leaf's slots start, and the definition level each repetition level needs (index r: the definition
 *  level of the repeated node with repetition level r). */
export interface LeafLevels {
  readonly slotDef: number;
  readonly repeatedDef: Uint8Array;
}

/** Decodes a nested leaf's column chunk whose bytes (from its first page) are `chunk`. */
export function decodeNestedColumnChunk(
  arena: Arena,
  column: ColumnDescriptor,
  meta: ColumnMetaData,
  chunk: Uint8Array,
  levels: LeafLevels,
  options: ColumnChunkOptions = {},
): NestedLeafColumn {
  checkByteArrayChunkSize(column, meta);
  const { pages, bytes } = options.scanPages?.(chunk, meta.numValues) ?? {
    pages: scanPages(chunk, meta.numValues),
    bytes: chunk,
  };
  const start = arena.mark();
  try {
    const decoder = new NestedChunkDecoder(arena, column, meta, bytes, levels, options.verifyChecksums ?? true);
    for (const page of pages) decoder.page(page);
    return decoder.finishNested();
  } finally {
    arena.release(start);
  }
}

class NestedChunkDecoder extends ChunkDecoder {
  private readonly rep?: Uint8Array;
  private readonly def: Uint8Array;
  /** Level entries decoded so far (`row` counts the leaf's slots). */
  private entries = 0;
  private readonly countsPtr: number;
  private readonly repeatedDefPtr: number;

  constructor(
    arena: Arena,
    column: ColumnDescriptor,
    meta: ColumnMetaData,
    chunk: Uint8Array,
    private readonly levels: LeafLevels,
    verifyChecksums: boolean,
  ) {
    // Slots never outnumber level entries, so the chunk's value count bounds every buffer the base class sizes.
    super(arena, column, meta, chunk, meta.numValues, verifyChecksums);
    this.rep = column.maxRepetitionLevel > 0 ? new Uint8Array(meta.numValues) : undefined;
    this.def = new Uint8Array(meta.numValues);
    this.countsPtr = arena.alloc(8);
    this.repeatedDefPtr = arena.copyIn(levels.repeatedDef);
  }

  finishNested(): NestedLeafColumn {
    if (this.entries !== this.meta.numValues) {
      throw new ParquetError('BAD_PAGE', `pages hold ${this.entries} levels, the column chunk ${this.meta.numValues}`);
    }
    if (this.rep && this.entries > 0 && this.rep[0] !== 0) {
      throw new ParquetError(
        'BAD_PAGE',
        `the column chunk's first repetition level is ${this.rep[0]}: a row must start at repetition level 0`,
      );
    }
    return { column: this.column, rep: this.rep, def: this.def, values: this.decoded() };
  }

  protected override dataPageV1(header: PageHeader, body: PageBody): void {
    const h = header.dataPageHeader!;
    const count = dataPageValues(header, 0);
    if (count === 0) return;
    const size = header.uncompressedPageSize;
    const ptr = decompressBody(this.arena, this.meta.codec, body, size);
    let pos = 0;
    let repPtr = 0;
    let defPtr = 0;
    // Data page v1: repetition levels, then definition levels, then values (parquet-format README "Data Pages").
    if (this.column.maxRepetitionLevel > 0) {
      const decoded = named('repetition', () =>
        decodeLevelsV1(this.arena, h.repetitionLevelEncoding, ptr, size, count, this.column.maxRepetitionLevel),
      );
      repPtr = decoded.ptr;
      pos = decoded.consumed;
    }
    if (this.column.maxDefinitionLevel > 0) {
      const decoded = named('definition', () =>
        decodeLevelsV1(
          this.arena,
          h.definitionLevelEncoding,
          ptr + pos,
          size - pos,
          count,
          this.column.maxDefinitionLevel,
        ),
      );
      defPtr = decoded.ptr;
      pos += decoded.consumed;
    }
    const { slots, nonNull } = this.pageLevels(repPtr, defPtr, count);
    this.pageValues(h.encoding, ptr + pos, size - pos, slots, nonNull);
  }

  protected override dataPageV2(header: PageHeader, body: PageBody): void {
    const page = this.splitPageV2(header, body);
    if (!page) return;
    const { count, levelsPtr, repLength, defLength } = page;
    const { maxRepetitionLevel, maxDefinitionLevel } = this.column;
    const repPtr =
      maxRepetitionLevel > 0
        ? named('repetition', () => decodeLevelsV2(this.arena, levelsPtr, repLength, count, maxRepetitionLevel))
        : 0;
    const defPtr =
      maxDefinitionLevel > 0
        ? named('definition', () =>
            decodeLevelsV2(this.arena, levelsPtr + repLength, defLength, count, maxDefinitionLevel),
          )
        : 0;
    const { slots, nonNull } = this.pageLevels(repPtr, defPtr, count);
    this.pageValues(page.encoding, ...this.valuesV2(header, body, page), slots, nonNull);
  }

  /** Validates and keeps a page's levels (u32 in the arena; 0 for absent), writes the validity of the leaf's slots
   *  from the current slot, and returns how many slots and non-null values the page holds. */
  private pageLevels(rep32: number, def32: number, count: number): { slots: number; nonNull: number } {
    const arena = this.arena;
    const { maxRepetitionLevel: maxRep, maxDefinitionLevel: maxDef } = this.column;
    if (this.entries + count > this.meta.numValues) {
      throw new ParquetError('BAD_PAGE', `pages hold more than the column chunk's ${this.meta.numValues} levels`);
    }
    const rep8 = rep32 === 0 ? 0 : arena.alloc(count);
    if (rep8 !== 0) arena.wasm.narrowLevels(rep32, count, rep8);
    const def8 = arena.alloc(count);
    if (def32 !== 0) arena.wasm.narrowLevels(def32, count, def8);
    else arena.u8().fill(0, def8, def8 + count);
    const bad = arena.wasm.checkLevels(rep8, def8, count, maxRep, maxDef, this.repeatedDefPtr);
    if (bad < 0) {
      const index = -(bad + 16) - 1;
      const r = rep8 === 0 ? 0 : arena.u8()[rep8 + index]!;
      const d = arena.u8()[def8 + index]!;
      throw new ParquetError(
        'BAD_PAGE',
        `level entry ${this.entries + index} (repetition ${r}, definition ${d}) is impossible for a column of ` +
          `maximum levels ${maxRep}/${maxDef}`,
      );
    }
    if (rep8 !== 0) this.rep!.set(arena.view(Uint8Array, rep8, count), this.entries);
    this.def.set(arena.view(Uint8Array, def8, count), this.entries);
    this.entries += count;
    if (maxDef === 0) return { slots: count, nonNull: count };
    const slots = arena.wasm.levelsToSlots(
      0,
      def8,
      count,
      this.levels.slotDef,
      maxRep,
      maxDef,
      0,
      0,
      this.validityPtr,
      this.row,
      0,
      this.countsPtr,
    );
    const nonNull = arena.view(Uint32Array, this.countsPtr, 1)[0]!;
    this.nullCount += slots - nonNull;
    return { slots, nonNull };
  }
}

/** Runs a level decoder, naming the kind of levels in its error ("repetition levels: input truncated"). */
function named<T>(kind: 'repetition' | 'definition', decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof ParquetError)
      throw new ParquetError(err.code, `${kind} ${err.detail}`, err.context, { cause: err });
    throw err;
  }
}
