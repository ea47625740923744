import t from 'tap';
import { ParquetError } from '../../src/parquet/errors.js';
import type { SchemaElement } from '../../src/parquet/metadata/types.js';
import { ParquetSchema } from '../../src/parquet/schema.js';

const REQUIRED = 0;
const OPTIONAL = 1;
const REPEATED = 2;

t.test('levels of a nested schema', async (t) => {
  const elements: SchemaElement[] = [
    { name: 'schema', numChildren: 2 },
    { name: 'id', type: 2, repetitionType: REQUIRED },
    { name: 'tags', repetitionType: OPTIONAL, numChildren: 1, convertedType: 3 },
    { name: 'list', repetitionType: REPEATED, numChildren: 1 },
    { name: 'element', type: 6, repetitionType: OPTIONAL },
  ];
  const schema = new ParquetSchema(elements);
  t.same(
    schema.columns.map((c) => [c.name, c.maxDefinitionLevel, c.maxRepetitionLevel, c.columnIndex]),
    [
      ['id', 0, 0, 0],
      ['tags.list.element', 3, 1, 1],
    ],
  );
  t.equal(schema.field('tags')!.children[0]!.repetition, 'REPEATED');
  t.equal(schema.column('id')!.physicalType, 2);
});

t.test('malformed schemas are ParquetErrors', async (t) => {
  const bad: SchemaElement[][] = [
    [],
    [
      { name: 'schema', numChildren: 3 },
      { name: 'a', type: 1, repetitionType: 0 },
    ],
    [
      { name: 'schema', numChildren: 1 },
      { name: 'a', type: 1, repetitionType: 0 },
      { name: 'b', type: 1 },
    ],
    [
      { name: 'schema', numChildren: 1 },
      { name: 'f', type: 7, repetitionType: 0 },
    ],
    [
      { name: 'schema', numChildren: 1 },
      { name: 'a', type: 1, repetitionType: 9 },
    ],
  ];
  for (const elements of bad) {
    const err = t.throws(() => new ParquetSchema(elements)) as ParquetError;
    t.ok(err instanceof ParquetError);
    t.equal(err.code, 'BAD_SCHEMA');
  }
});
