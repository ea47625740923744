import { readFileSync } from 'node:fs';
import t from 'tap';
import { ParquetError } from '../../src/parquet/errors.js';
import { CompressionCodec, Encoding, Type } from '../../src/parquet/metadata/enums.js';
import { decodeFileMetaData, decodePageHeader } from '../../src/parquet/metadata/index.js';

const data = new URL('../../fixtures/parquet-testing/data/', import.meta.url);

function footer(name: string): Uint8Array {
  const b = readFileSync(new URL(name, data));
  const len = b.readUInt32LE(b.length - 8);
  return new Uint8Array(b.buffer, b.byteOffset + b.length - 8 - len, len);
}

t.test('decodes a footer into typed metadata', async (t) => {
  const m = decodeFileMetaData(footer('alltypes_plain.parquet'));
  t.equal(m.numRows, 8);
  t.equal(m.rowGroups.length, 1);
  t.same(
    m.schema.map((s) => s.name),
    [
      'schema',
      'id',
      'bool_col',
      'tinyint_col',
      'smallint_col',
      'int_col',
      'bigint_col',
      'float_col',
      'double_col',
      'date_string_col',
      'string_col',
      'timestamp_col',
    ],
  );
  t.equal(m.schema[0]!.numChildren, 11);
  const chunk = m.rowGroups[0]!.columns[0]!.metaData!;
  t.equal(chunk.type, Type.INT32);
  t.same(chunk.pathInSchema, ['id']);
  t.equal(chunk.codec, CompressionCodec.UNCOMPRESSED);
  t.equal(chunk.numValues, 8);
  t.ok(chunk.encodings.includes(Encoding.PLAIN_DICTIONARY) || chunk.encodings.includes(Encoding.PLAIN));
  t.equal(m.schema[11]!.type, Type.INT96);
});

t.test('logical types come out as tagged objects', async (t) => {
  const m = decodeFileMetaData(footer('byte_stream_split_extended.gzip.parquet'));
  const logical = m.schema.map((s) => s.logicalType).filter((x) => x !== undefined);
  t.same(logical[0], { type: 'FLOAT16' });
  t.same(logical[2], { type: 'DECIMAL', scale: 3, precision: 7 });
  const unknown = decodeFileMetaData(footer('unknown-logical-type.parquet'));
  t.same(unknown.schema[2]!.logicalType, { type: 'UNRECOGNIZED', fieldId: 2555 });
});

t.test('statistics binary values are bytes', async (t) => {
  const m = decodeFileMetaData(footer('binary_truncated_min_max.parquet'));
  const stats = m.rowGroups[0]!.columns[0]!.metaData!.statistics!;
  t.type(stats.minValue, Uint8Array);
  t.type(stats.isMinValueExact, 'boolean');
});

t.test('truncated or corrupt metadata is a ParquetError, never a crash', async (t) => {
  const bytes = footer('alltypes_plain.parquet');
  for (const cut of [0, 1, 10, 100, bytes.length - 1]) {
    t.throws(() => decodeFileMetaData(bytes.subarray(0, cut)), ParquetError, `cut at ${cut}`);
  }
  // A list header claiming 2^28 elements in a few bytes is rejected before any allocation.
  const hugeList = new Uint8Array([0x29, 0xfc, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00]);
  const err = t.throws(() => decodeFileMetaData(hugeList)) as ParquetError;
  t.equal(err.code, 'BAD_METADATA');
});

t.test('page headers decode with their length', async (t) => {
  const file = readFileSync(new URL('alltypes_plain.parquet', data));
  const m = decodeFileMetaData(footer('alltypes_plain.parquet'));
  const meta = m.rowGroups[0]!.columns[0]!.metaData!;
  const start = meta.dictionaryPageOffset ?? meta.dataPageOffset;
  const { value, length } = decodePageHeader(new Uint8Array(file), start);
  t.ok(length > 0 && length < 100);
  t.equal(value.type, 2); // the dictionary page comes first
  t.equal(value.dictionaryPageHeader!.numValues, 8);
});
