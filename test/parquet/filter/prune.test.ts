import t from 'tap';
import { bindFilter } from '../../../src/parquet/filter/bound_filter.js';
import { type Bounds, chunkBounds } from '../../../src/parquet/filter/bounds.js';
import { type Filter, parseFilter } from '../../../src/parquet/filter/expression.js';
import { mayMatch } from '../../../src/parquet/filter/prune.js';
import { FieldRepetitionType, Type } from '../../../src/parquet/metadata/enums.js';
import type { SchemaElement, Statistics } from '../../../src/parquet/metadata/types.js';
import { ParquetSchema } from '../../../src/parquet/schema.js';

const optional = FieldRepetitionType.OPTIONAL;
const schema = new ParquetSchema([
  { name: 'root', numChildren: 5 },
  { name: 'i', type: Type.INT32, repetitionType: optional },
  {
    name: 'u',
    type: Type.INT32,
    repetitionType: optional,
    logicalType: { type: 'INTEGER', bitWidth: 32, isSigned: false },
  },
  { name: 'd', type: Type.DOUBLE, repetitionType: optional },
  { name: 's', type: Type.BYTE_ARRAY, repetitionType: optional, logicalType: { type: 'STRING' } },
  {
    name: 'dec',
    type: Type.FIXED_LEN_BYTE_ARRAY,
    typeLength: 2,
    repetitionType: optional,
    logicalType: { type: 'DECIMAL', scale: 1, precision: 4 },
  },
] as SchemaElement[]);

const i32 = (v: number) => new Uint8Array(new Int32Array([v]).buffer);
const f64 = (v: number) => new Uint8Array(new Float64Array([v]).buffer);
const text = (v: string) => new TextEncoder().encode(v);

/** Whether a chunk of 100 values with `statistics` on the filter's column may match `filter`. */
function may(filter: Filter, statistics: Statistics): boolean {
  const bound = bindFilter(parseFilter(filter), schema);
  return mayMatch(bound, (leaf) => {
    const b: Bounds = chunkBounds(statistics, 100, leaf.column, leaf.domain, undefined);
    return b;
  });
}

t.test('min_value/max_value prune comparisons; unknown bounds never prune', async (t) => {
  const stats = { minValue: i32(10), maxValue: i32(20), nullCount: 0 };
  t.notOk(may([['i', '<', 10]], stats));
  t.ok(may([['i', '<=', 10]], stats));
  t.notOk(may([['i', '>', 20]], stats));
  t.notOk(may([['i', '=', 21]], stats));
  t.notOk(may([['i', 'in', [1, 2, 30]]], stats));
  t.ok(may([['i', 'in', [1, 15]]], stats));
  t.notOk(may([['i', 'is-null']], stats));
  t.ok(may([['i', '<', 10]], {}));
  t.notOk(may({ not: { column: 'i', op: '>=', value: 10 } }, stats), 'NOT (i >= 10) is i < 10');
  t.ok(may({ not: { column: 'i', op: '>', value: 15 } }, stats));
});

t.test('!= prunes only an exact single-valued chunk', async (t) => {
  t.notOk(may([['i', '!=', 5]], { minValue: i32(5), maxValue: i32(5), nullCount: 3 }));
  t.ok(may([['i', '!=', 5]], { minValue: i32(5), maxValue: i32(5), isMaxValueExact: false }));
  t.ok(may([['i', '!=', 5]], { minValue: i32(5), maxValue: i32(6) }));
});

t.test('all-null chunks match only is-null', async (t) => {
  const stats = { nullCount: 100 };
  t.notOk(may([['i', '=', 1]], stats));
  t.notOk(may([['i', '!=', 1]], stats));
  t.notOk(may([['i', 'is-not-null']], stats));
  t.ok(may([['i', 'is-null']], stats));
  t.notOk(may({ not: { column: 'i', op: '=', value: 1 } }, stats), 'NOT (NULL = 1) is NULL');
});

t.test('deprecated min/max: used for signed ints, ignored for unsigned and byte arrays', async (t) => {
  t.notOk(may([['i', '>', 20]], { min: i32(10), max: i32(20) }));
  // 0xFFFFFFFF is the largest unsigned value but -1 in the signed order the deprecated fields used.
  t.ok(may([['u', '>', 20]], { min: i32(10), max: i32(20) }));
  t.ok(may([['s', '>', 'zzz']], { min: text('a'), max: text('b') }));
  t.notOk(may([['s', '>', 'zzz']], { minValue: text('a'), maxValue: text('b') }));
});

t.test('unsigned order, decimals by value, truncated binary bounds', async (t) => {
  const u = { minValue: i32(10), maxValue: i32(-1) }; // max 4294967295
  t.ok(may([['u', '>', 4_000_000_000]], u));
  t.notOk(may([['u', '<', 10]], u));
  const dec = { minValue: new Uint8Array([0xff, 0x9c]), maxValue: new Uint8Array([0x00, 0x64]) }; // -10.0 .. 10.0
  t.notOk(may([['dec', '>', '10.0']], dec));
  t.ok(may([['dec', '>=', 10]], dec));
  t.notOk(may([['dec', '<', -10]], dec));
  // A truncated max ("ab" for values up to "ab\xff...") is still an upper bound... of what was written.
  const truncated = { minValue: text('aa'), maxValue: text('ac'), isMaxValueExact: false };
  t.ok(may([['s', '=', 'abc']], truncated));
  t.notOk(may([['s', '>', 'ad']], truncated));
});

t.test('NaN: bounds never prune what NaN rows could satisfy', async (t) => {
  const stats = { minValue: f64(1), maxValue: f64(2), nullCount: 0 };
  t.notOk(may([['d', '>', 5]], stats), 'NaN > 5 is FALSE');
  t.ok(may({ not: { column: 'd', op: '<', value: 5 } }, stats), 'NOT (NaN < 5) is TRUE');
  t.ok(may([['d', '!=', 1]], { minValue: f64(1), maxValue: f64(1) }), 'NaN != 1 is TRUE');
  t.notOk(may([['d', '!=', 1]], { minValue: f64(1), maxValue: f64(1), nanCount: 0 }));
  t.ok(may([['d', '>', 5]], { minValue: f64(Number.NaN), maxValue: f64(Number.NaN) }), 'NaN bounds are unknown');
});
