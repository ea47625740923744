// The writer's schema: the Parquet SchemaElements that go into the footer, and the same tree seen from the Arrow
// side (which Arrow nesting each group stands for, and the levels Dremel shredding assigns at each node).
import type { LogicalType, SchemaElement } from '../../metadata/types.js';

/** One leaf column as the writer needs it: what a column chunk holds and how its values are typed. */
export interface WriteLeaf {
  /** Names from the root's child down to the leaf (the column chunk's path_in_schema). */
  readonly path: readonly string[];
  /** The dotted path, for messages. */
  readonly name: string;
  /** Index among leaves (the column chunk index in a row group). */
  readonly columnIndex: number;
  /** The leaf's SchemaElement, as written to the footer. */
  readonly element: SchemaElement;
  /** parquet.thrift `Type`. */
  readonly physicalType: number;
  /** Width of FIXED_LEN_BYTE_ARRAY values; 0 otherwise. */
  readonly typeLength: number;
  readonly maxDef: number;
  readonly maxRep: number;
  readonly logicalType?: LogicalType;
  readonly convertedType?: number;
}

/** A node of the write tree: how an Arrow field maps onto the Parquet schema, with its Dremel levels. */
export type WriteNode = WriteLeafNode | WriteStructNode | WriteListNode | WriteMapNode;

interface WriteNodeBase {
  /** Name of the Arrow field (and of the Parquet node that stands for it). */
  readonly name: string;
  /** The Parquet node is OPTIONAL: a non-null value adds one definition level. A REQUIRED node refuses nulls. */
  readonly optional: boolean;
  /** Definition level of a non-null value of this node. */
  readonly def: number;
  /** Repetition level of this node (that of its nearest repeated ancestor). */
  readonly rep: number;
}

export interface WriteLeafNode extends WriteNodeBase {
  readonly kind: 'leaf';
  readonly leaf: WriteLeaf;
}

export interface WriteStructNode extends WriteNodeBase {
  readonly kind: 'struct';
  readonly children: readonly WriteNode[];
}

/** An Arrow list (List, LargeList, FixedSizeList): a repeated Parquet node between it and its element. */
export interface WriteListNode extends WriteNodeBase {
  readonly kind: 'list';
  /** Repetition level of the list's elements (the repeated node's). */
  readonly elemRep: number;
  /** Names of the Parquet nodes from below the list down to the element, e.g. ["list", "element"]. */
  readonly elementPath: readonly string[];
  readonly element: WriteNode;
}

/** An Arrow Map: a repeated key_value group of a key and a value. */
export interface WriteMapNode extends WriteNodeBase {
  readonly kind: 'map';
  readonly elemRep: number;
  /** Name of the repeated group of entries (e.g. "key_value"). */
  readonly entriesName: string;
  readonly key: WriteNode;
  readonly value: WriteNode;
}

/** What the writer writes: the footer's schema (depth-first, root first), the leaves, and the top-level fields. */
export interface WriteSchema {
  readonly elements: SchemaElement[];
  readonly leaves: WriteLeaf[];
  readonly fields: readonly WriteNode[];
}

/** The leaves under a node, in column order. */
export function leavesUnder(node: WriteNode): WriteLeaf[] {
  switch (node.kind) {
    case 'leaf':
      return [node.leaf];
    case 'struct':
      return node.children.flatMap(leavesUnder);
    case 'list':
      return leavesUnder(node.element);
    case 'map':
      return [...leavesUnder(node.key), ...leavesUnder(node.value)];
  }
}
