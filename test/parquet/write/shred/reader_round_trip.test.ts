// Shredded levels and values fed to the READER's Dremel assembly (src/parquet/read/nested/) must rebuild the
// original Arrow values: the writer's shredding is the inverse of the reader's assembly, before any page encoding.
import * as arrow from 'apache-arrow';
import t from 'tap';
import { arena } from '../../../../src/kernels/arena.js';
import type { PhysicalColumn } from '../../../../src/parquet/read/column_output.js';
import { assembleNested } from '../../../../src/parquet/read/nested/assemble.js';
import type { NestedLeafColumn } from '../../../../src/parquet/read/nested/leaf_chunk.js';
import { type NestedLeaf, type NestedNode, nestedField } from '../../../../src/parquet/read/nested/nested_field.js';
import { ParquetSchema } from '../../../../src/parquet/schema.js';
import type { LeafData } from '../../../../src/parquet/write/leaf_data.js';
import { schemaFromArrow } from '../../../../src/parquet/write/schema/from_arrow.js';
import { shredBatch } from '../../../../src/parquet/write/shred/shred.js';
import { batchOf, column } from './helpers.js';

function leavesOf(node: NestedNode): NestedLeaf[] {
  switch (node.kind) {
    case 'leaf':
      return [node];
    case 'struct':
      return node.children.flatMap(leavesOf);
    case 'list':
      return leavesOf(node.element);
    case 'map':
      return [...leavesOf(node.key), ...leavesOf(node.value)];
  }
}

/** The leaf's values spread into its slots (entries with definition >= slotDef), as the reader's decoder does. */
function toSlots(leaf: LeafData, node: NestedLeaf): PhysicalColumn {
  const maxDef = node.column.maxDefinitionLevel;
  const def = leaf.defLevels ?? new Uint8Array(leaf.numLevels);
  const slots: number[] = [];
  for (let i = 0; i < leaf.numLevels; i++) if (def[i]! >= node.slotDef) slots.push(def[i]! === maxDef ? 1 : 0);
  const length = slots.length;
  const validity = new Uint8Array((length + 7) >>> 3);
  slots.forEach((v, i) => {
    if (v) validity[i >>> 3]! |= 1 << (i & 7);
  });
  const nullCount = slots.filter((v) => !v).length;
  const values = leaf.values;
  let k = 0;
  if (values.kind === 'byte_array') {
    const offsets = new Int32Array(length + 1);
    const parts: Uint8Array[] = [];
    let total = 0;
    slots.forEach((v, i) => {
      if (v) {
        const part = values.data.subarray(values.offsets[k]!, values.offsets[k + 1]!);
        parts.push(part);
        total += part.length;
        k++;
      }
      offsets[i + 1] = total;
    });
    return { length, nullCount, validity, offsets, bytes: Buffer.concat(parts) };
  }
  if (values.kind !== 'int32' && values.kind !== 'int64') throw new Error(`test helper: ${values.kind}`);
  const width = values.data.BYTES_PER_ELEMENT;
  const src = new Uint8Array(values.data.buffer, values.data.byteOffset, values.data.byteLength);
  const out = new Uint8Array(length * width);
  slots.forEach((v, i) => {
    if (v) out.set(src.subarray(k * width, ++k * width), i * width);
  });
  return { length, nullCount, validity, values: out };
}

function roundTrip(data: arrow.Data): unknown {
  const batch = batchOf({ c: { data } });
  const written = schemaFromArrow(batch.schema);
  const leaves = shredBatch(batch, written);
  const schema = new ParquetSchema(written.elements);
  const node = nestedField(schema.root.children[0]!, schema);
  const columns = new Map<number, NestedLeafColumn>();
  for (const leaf of leavesOf(node)) {
    const shredded = leaves[leaf.column.columnIndex]!;
    columns.set(leaf.column.columnIndex, {
      column: leaf.column,
      ...(shredded.repLevels ? { rep: shredded.repLevels } : {}),
      def: shredded.defLevels ?? new Uint8Array(shredded.numLevels),
      values: toSlots(shredded, leaf),
    });
  }
  const back = assembleNested(arena(), node, columns, batch.numRows);
  return JSON.parse(JSON.stringify(arrow.makeVector(back).toJSON(), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
}

const plain = (v: arrow.Vector | arrow.Data): unknown =>
  JSON.parse(
    JSON.stringify((v instanceof arrow.Vector ? v : arrow.makeVector(v)).toJSON(), (_k, x) =>
      typeof x === 'bigint' ? `${x}n` : x,
    ),
  );

const int32 = new arrow.Int32();
const utf8 = new arrow.Utf8();
const listOf = (type: arrow.DataType, nullable = true) => new arrow.List(new arrow.Field('item', type, nullable));

t.test('lists, structs and maps rebuilt by the reader equal the input', async (t) => {
  const cases: [string, arrow.Data][] = [
    ['list of int32', column([[1, null, 2], null, [], [null], [3]], listOf(int32))],
    ['list of list', column([[[1, 2], []], [[3]], [null], [], null, [[null]]], listOf(listOf(int32)))],
    [
      'struct',
      column(
        [{ a: 1, b: 'x' }, null, { a: null, b: 'y' }],
        new arrow.Struct([new arrow.Field('a', int32, true), new arrow.Field('b', utf8, false)]),
      ),
    ],
    [
      'list of struct of list',
      column(
        [[{ xs: [1n], n: 'p' }, null, { xs: null, n: null }], [{ xs: [], n: 'q' }], null],
        listOf(
          new arrow.Struct([new arrow.Field('xs', listOf(new arrow.Int64()), true), new arrow.Field('n', utf8, true)]),
        ),
      ),
    ],
  ];
  for (const [name, data] of cases) t.same(roundTrip(data), plain(data), name);
  t.same(plain(cases[0]![1]), [[1, null, 2], null, [], [null], [3]], 'the comparison sees values');
});

t.test('maps rebuilt by the reader equal the input', async (t) => {
  const type = new arrow.Map_(
    new arrow.Field(
      'entries',
      new arrow.Struct([new arrow.Field('key', utf8, false), new arrow.Field('value', int32, true)]),
      false,
    ) as arrow.Field<arrow.Struct>,
  );
  const data = column(
    [
      new Map<string, number | null>([
        ['a', 1],
        ['b', null],
      ]),
      null,
      new Map(),
      new Map([['c', 3]]),
    ],
    type,
  );
  t.same(roundTrip(data), plain(data));
});
