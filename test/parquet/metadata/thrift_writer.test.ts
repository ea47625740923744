import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ParquetFile } from '../../../src/parquet/file.js';
import { decodeFileMetaData, encodeFileMetaData } from '../../../src/parquet/metadata/decode.js';
import type { StructSpec } from '../../../src/parquet/metadata/thrift_reader.js';
import { decodeStruct } from '../../../src/parquet/metadata/thrift_reader.js';
import { encodeStruct } from '../../../src/parquet/metadata/thrift_writer.js';
import { generateParquet } from '../../support/duckdb_parquet.js';

const Inner: StructSpec = { struct: 'Inner', fields: { 1: ['name', 'string'] } };
const Sample: StructSpec = {
  struct: 'Sample',
  fields: {
    1: ['flag', 'bool'],
    2: ['small', 'i8'],
    3: ['count', 'i32'],
    4: ['big', 'i64'],
    5: ['ratio', 'double'],
    20: ['far', 'i16'],
    21: ['names', { list: 'string' }],
    22: ['inners', { list: Inner }],
    23: ['bytes', 'binary'],
    24: ['flags', { list: 'bool' }],
  },
  required: ['count'],
};

t.test('hand-checked bytes: field deltas, long field ids, zigzag varints, lists', async (t) => {
  t.same([...encodeStruct(Sample, { flag: true, count: -1 })], [0x11, 0x25, 0x01, 0x00]);
  t.same([...encodeStruct(Sample, { count: 0, far: 300 })], [0x35, 0x00, 0x04, 0x28, 0xd8, 0x04, 0x00]);
  t.same([...encodeStruct(Sample, { count: 1, names: ['a'] })], [0x35, 0x02, 0x09, 0x2a, 0x18, 0x01, 0x61, 0x00]);
  // Bools in lists are one byte each, 1 = true and 2 = false, as Apache Thrift's Java and C++ writers send them
  // (the thrift npm package's reader misreads these, so this is checked on bytes, not by a round trip).
  t.same(
    [...encodeStruct(Sample, { count: 1, flags: [true, false] })],
    [0x35, 0x02, 0x09, 0x30, 0x21, 0x01, 0x02, 0x00],
  );
});

t.test('round trip through the reader', async (t) => {
  const value = {
    flag: false,
    small: -3,
    count: 2147483647,
    big: 2 ** 53 - 1,
    ratio: -0.1,
    far: -32768,
    names: Array.from({ length: 20 }, (_, i) => `n${i}`),
    inners: [{ name: 'x' }, {}],
    bytes: new Uint8Array([0, 255, 7]),
  };
  const decoded = decodeStruct<typeof value>(Sample, encodeStruct(Sample, value)).value;
  t.same(decoded, value);
  t.throws(() => encodeStruct(Sample, { small: 1 }), { code: 'BAD_METADATA' });
  t.throws(() => encodeStruct(Sample, { count: 1.5 }), { code: 'BAD_METADATA' });
});

t.test('footers of DuckDB and parquet-testing files re-encode to the same decoded metadata', async (t) => {
  const generated = await generateParquet(5000, 1000);
  t.teardown(() => generated.remove());
  const paths = [generated.path];
  const fixtures = 'fixtures/parquet-testing';
  try {
    for (const name of readdirSync(fixtures)
      .filter((n) => n.endsWith('.parquet'))
      .slice(0, 40)) {
      paths.push(join(fixtures, name));
    }
  } catch {
    // no fixtures checked out
  }
  let checked = 0;
  for (const path of paths) {
    let file: ParquetFile;
    try {
      file = await ParquetFile.open(path);
    } catch {
      continue;
    }
    await file.close();
    if (file.encrypted) continue;
    t.same(decodeFileMetaData(encodeFileMetaData(file.metadata)), file.metadata, path);
    checked++;
  }
  t.ok(checked >= 1, `${checked} footers`);
});
