import t from 'tap';
import { schemaText } from '../../src/cli/schema_text.js';
import { ConvertedType, FieldRepetitionType as R, Type } from '../../src/parquet/metadata/enums.js';
import type { SchemaElement } from '../../src/parquet/metadata/types.js';
import { ParquetSchema } from '../../src/parquet/schema.js';
import { fixtureFooter } from './footer.js';

t.test('every physical and logical type, groups, field ids', async (t) => {
  const elements: SchemaElement[] = [
    { name: 'schema', numChildren: 17 },
    { name: 'id', type: Type.INT64, repetitionType: R.REQUIRED, fieldId: 1 },
    { name: 'name', type: Type.BYTE_ARRAY, repetitionType: R.OPTIONAL, logicalType: { type: 'STRING' } },
    { name: 'legacy', type: Type.BYTE_ARRAY, repetitionType: R.OPTIONAL, convertedType: ConvertedType.UTF8 },
    { name: 'flag', type: Type.BOOLEAN, repetitionType: R.OPTIONAL },
    { name: 'f', type: Type.FLOAT, repetitionType: R.OPTIONAL },
    { name: 'd', type: Type.DOUBLE, repetitionType: R.OPTIONAL },
    { name: 'i96', type: Type.INT96, repetitionType: R.OPTIONAL },
    {
      name: 'u',
      type: Type.FIXED_LEN_BYTE_ARRAY,
      typeLength: 16,
      repetitionType: R.OPTIONAL,
      logicalType: { type: 'UUID' },
    },
    {
      name: 'dec',
      type: Type.INT32,
      repetitionType: R.OPTIONAL,
      logicalType: { type: 'DECIMAL', scale: 2, precision: 9 },
    },
    {
      name: 'ts',
      type: Type.INT64,
      repetitionType: R.OPTIONAL,
      logicalType: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    },
    {
      name: 'tm',
      type: Type.INT32,
      repetitionType: R.OPTIONAL,
      logicalType: { type: 'TIME', isAdjustedToUTC: false, unit: 'MILLIS' },
    },
    {
      name: 'u8',
      type: Type.INT32,
      repetitionType: R.OPTIONAL,
      logicalType: { type: 'INTEGER', bitWidth: 8, isSigned: false },
    },
    { name: 'day', type: Type.INT32, repetitionType: R.OPTIONAL, convertedType: ConvertedType.DATE },
    {
      name: 'iv',
      type: Type.FIXED_LEN_BYTE_ARRAY,
      typeLength: 12,
      repetitionType: R.OPTIONAL,
      convertedType: ConvertedType.INTERVAL,
    },
    {
      name: 'odd',
      type: Type.BYTE_ARRAY,
      repetitionType: R.OPTIONAL,
      logicalType: { type: 'UNRECOGNIZED', fieldId: 99 },
    },
    { name: 'tags', repetitionType: R.OPTIONAL, numChildren: 1, logicalType: { type: 'LIST' } },
    { name: 'list', repetitionType: R.REPEATED, numChildren: 1 },
    { name: 'element', type: Type.BYTE_ARRAY, repetitionType: R.OPTIONAL, logicalType: { type: 'STRING' } },
    { name: 'empty', repetitionType: R.OPTIONAL, numChildren: 0 },
  ];
  t.equal(
    schemaText(new ParquetSchema(elements).root),
    `message schema {
  required int64 id = 1;
  optional binary name (STRING);
  optional binary legacy (STRING);
  optional boolean flag;
  optional float f;
  optional double d;
  optional int96 i96;
  optional fixed_len_byte_array(16) u (UUID);
  optional int32 dec (DECIMAL(9,2));
  optional int64 ts (TIMESTAMP(MICROS,true));
  optional int32 tm (TIME(MILLIS,false));
  optional int32 u8 (INTEGER(8,false));
  optional int32 day (DATE);
  optional fixed_len_byte_array(12) iv (INTERVAL);
  optional binary odd;
  optional group tags (LIST) {
    repeated group list {
      optional binary element (STRING);
    }
  }
  optional group empty {
  }
}
`,
  );
});

t.test('a real file: nested maps written by Spark', async (t) => {
  const { schema } = fixtureFooter('nested_maps.snappy.parquet');
  t.equal(
    schemaText(schema.root),
    `message spark_schema {
  optional group a (MAP) {
    repeated group key_value {
      required binary key (STRING);
      optional group value (MAP) {
        repeated group key_value {
          required int32 key;
          required boolean value;
        }
      }
    }
  }
  required int32 b;
  required double c;
}
`,
  );
});
