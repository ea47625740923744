// Dremel record assembly: turns the levels of a nested field's leaves into Arrow Data, one node at a time. Each
// list, map and struct takes its slots, validity and offsets from the levels of its first leaf (the levelsToSlots
// kernel); the leaves already hold their values in slots. Every child must then have exactly as many slots as its
// parent has elements: leaves whose levels disagree are a corrupt file, reported rather than assembled.
import * as arrow from 'apache-arrow';
import type { Arena } from '../../../kernels/arena.js';
import { ParquetError } from '../../errors.js';
import { checkKernel } from '../kernel_status.js';
import { toArrowData } from '../to_arrow.js';
import type { NestedLeafColumn } from './leaf_chunk.js';
import type { NestedList, NestedMap, NestedNode, NestedStruct } from './nested_field.js';

/** Levels of the leaves in kernel memory, copied in once per assembly. */
interface KernelLevels {
  readonly repPtr: number;
  readonly defPtr: number;
  readonly count: number;
}

/** Slots of one node computed by the kernel. */
interface NodeSlots {
  readonly length: number;
  readonly nullCount: number;
  readonly validity?: Uint8Array;
  readonly offsets?: Int32Array;
  readonly elements: number;
}

/** Assembles the Arrow Data of nested field `node` from its decoded leaves (by column index); `numRows` is the row
 *  group's row count, which the field must match. */
export function assembleNested(
  arena: Arena,
  node: NestedNode,
  leaves: ReadonlyMap<number, NestedLeafColumn>,
  numRows: number,
): arrow.Data {
  const mark = arena.mark();
  try {
    const assembler = new Assembler(arena, leaves);
    for (const column of node.leaves) {
      const rows = assembler.rows(column.columnIndex);
      if (rows !== numRows) {
        throw new ParquetError('BAD_PAGE', `column ${column.name} holds ${rows} rows, the row group ${numRows}`, {
          column: column.name,
        });
      }
    }
    return assembler.node(node, numRows);
  } finally {
    arena.release(mark);
  }
}

class Assembler {
  private readonly kernelLevels = new Map<number, KernelLevels>();
  private readonly countsPtr: number;

  constructor(
    private readonly arena: Arena,
    private readonly leaves: ReadonlyMap<number, NestedLeafColumn>,
  ) {
    this.countsPtr = arena.alloc(8);
  }

  /** Rows of a leaf: its entries with repetition level 0. */
  rows(columnIndex: number): number {
    const levels = this.levels(columnIndex);
    return this.arena.wasm.levelsToSlots(
      levels.repPtr,
      levels.defPtr,
      levels.count,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      this.countsPtr,
    );
  }

  /** Arrow Data of `node`, which must have `expected` slots. */
  node(node: NestedNode, expected: number): arrow.Data {
    const data = this.build(node);
    if (data.length !== expected) {
      const column = node.leaves[0]!.name;
      throw new ParquetError(
        'BAD_PAGE',
        `levels of column ${column} give ${data.length} values where its parent has ${expected}: the columns of a ` +
          'nested field disagree',
        { column },
      );
    }
    return data;
  }

  private build(node: NestedNode): arrow.Data {
    switch (node.kind) {
      case 'leaf': {
        const leaf = this.leaf(node.column.columnIndex);
        return toArrowData(leaf.values, node.arrowType, node.column.typeLength);
      }
      case 'struct':
        return this.struct(node);
      case 'list':
        return this.list(node);
      case 'map':
        return this.map(node);
    }
  }

  private struct(node: NestedStruct): arrow.Data {
    const slots = this.slots(node, 0, 0);
    const children = node.children.map((child) => this.node(child, slots.length));
    return arrow.makeData({
      type: node.field.type as arrow.Struct,
      length: slots.length,
      nullCount: slots.nullCount,
      nullBitmap: slots.validity,
      children,
    });
  }

  private list(node: NestedList): arrow.Data {
    const slots = this.slots(node, node.elemDef, node.elemRep);
    const child = this.node(node.element, slots.elements);
    return arrow.makeData({
      type: node.field.type as arrow.List,
      length: slots.length,
      nullCount: slots.nullCount,
      nullBitmap: slots.validity,
      valueOffsets: slots.offsets!,
      child,
    });
  }

  private map(node: NestedMap): arrow.Data {
    const slots = this.slots(node, node.elemDef, node.elemRep);
    const key = this.node(node.key, slots.elements);
    if (key.nullCount > 0) {
      throw new ParquetError('BAD_PAGE', 'a map key is null (Arrow map keys are never null)', {
        column: node.key.leaves[0]!.name,
      });
    }
    const value = this.node(node.value, slots.elements);
    const mapType = node.field.type as arrow.Map_;
    const entriesType = mapType.children[0]!.type as arrow.Struct;
    const entries = arrow.makeData({
      type: entriesType,
      length: slots.elements,
      nullCount: 0,
      children: [key, value],
    });
    return arrow.makeData({
      type: mapType,
      length: slots.length,
      nullCount: slots.nullCount,
      nullBitmap: slots.validity,
      valueOffsets: slots.offsets!,
      child: entries,
    });
  }

  /** Slots of `node` from its first leaf's levels (offsets too when `elemRep` > 0). */
  private slots(node: NestedNode, elemDef: number, elemRep: number): NodeSlots {
    const arena = this.arena;
    const levels = this.levels(node.leaves[0]!.columnIndex);
    const mark = arena.mark();
    const nullable = node.validDef > node.slotDef;
    const validityPtr = nullable ? arena.alloc(Math.ceil(levels.count / 8) + 8) : 0;
    const offsetsPtr = elemRep > 0 ? arena.alloc((levels.count + 1) * 4) : 0;
    const length = checkKernel(
      arena.wasm.levelsToSlots(
        levels.repPtr,
        levels.defPtr,
        levels.count,
        node.slotDef,
        node.slotRep,
        node.validDef,
        elemDef,
        elemRep,
        validityPtr,
        0,
        offsetsPtr,
        this.countsPtr,
      ),
      `levels of column ${node.leaves[0]!.name}`,
    );
    const [valid, elements] = arena.view(Uint32Array, this.countsPtr, 2);
    const nullCount = length - valid!;
    const validity =
      nullable && nullCount > 0 ? arena.view(Uint8Array, validityPtr, Math.ceil(length / 8)).slice() : undefined;
    const offsets = elemRep > 0 ? arena.view(Int32Array, offsetsPtr, length + 1).slice() : undefined;
    arena.release(mark);
    return { length, nullCount: nullable ? nullCount : 0, validity, offsets, elements: elements! };
  }

  private leaf(columnIndex: number): NestedLeafColumn {
    const leaf = this.leaves.get(columnIndex);
    if (!leaf) throw new Error(`internal: column ${columnIndex} was not decoded`);
    return leaf;
  }

  private levels(columnIndex: number): KernelLevels {
    let levels = this.kernelLevels.get(columnIndex);
    if (!levels) {
      const leaf = this.leaf(columnIndex);
      const repPtr = leaf.rep ? this.arena.copyIn(leaf.rep) : 0;
      const defPtr = this.arena.copyIn(leaf.def);
      levels = { repPtr, defPtr, count: leaf.def.length };
      this.kernelLevels.set(columnIndex, levels);
    }
    return levels;
  }
}
