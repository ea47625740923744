// parquet-testing's encrypted files read value for value (keys and expected values: ./expected.ts).
import type * as arrow from 'apache-arrow';
import t, { type Test } from 'tap';
import type { DecryptionOptions } from '../../../src/parquet/encryption/keys.js';
import { ParquetFile } from '../../../src/parquet/file.js';
import { readTable } from '../../../src/parquet/read_table.js';
import {
  AAD_PREFIX,
  ALL_KEYS,
  DOUBLE_KEY,
  expectedValue,
  FLAT_COLUMNS,
  FLOAT_KEY,
  KEYS_BY_ID,
  path,
  ROWS,
  testKmsKeyRetriever,
} from './expected.js';

/** Asserts every value of every flat column of a 50-row file. */
function assertValues(t: Test, table: arrow.Table, columns: readonly string[] = FLAT_COLUMNS): void {
  t.equal(table.numRows, ROWS);
  t.same(
    table.schema.fields.map((f) => f.name),
    columns,
  );
  for (const name of columns) {
    const vector = table.getChild(name)!;
    const actual: unknown[] = [];
    const expected: unknown[] = [];
    // INT96 reads as microsecond timestamps: compare the raw int64 values.
    const raw = name === 'int96_field' ? (vector.toArray() as BigInt64Array) : undefined;
    for (let i = 0; i < ROWS; i++) {
      actual.push(raw ? raw[i] : vector.get(i));
      expected.push(expectedValue(name, i));
    }
    t.same(actual, expected, name);
  }
}

const withAad = (options: DecryptionOptions): DecryptionOptions => ({ ...options, aadPrefix: AAD_PREFIX });

const FILES: { name: string; decryption: DecryptionOptions; note: string }[] = [
  {
    name: 'uniform_encryption',
    decryption: { footerKey: ALL_KEYS.footerKey },
    note: 'every column under the footer key',
  },
  { name: 'encrypt_columns_and_footer', decryption: ALL_KEYS, note: 'encrypted footer, two column keys' },
  { name: 'encrypt_columns_and_footer_ctr', decryption: ALL_KEYS, note: 'AES_GCM_CTR_V1' },
  { name: 'encrypt_columns_plaintext_footer', decryption: ALL_KEYS, note: 'signed plaintext footer' },
  { name: 'encrypt_columns_and_footer_aad', decryption: ALL_KEYS, note: 'AAD prefix stored in the file' },
  {
    name: 'encrypt_columns_and_footer_aad',
    decryption: withAad(ALL_KEYS),
    note: 'AAD prefix stored and supplied (checked equal)',
  },
  {
    name: 'encrypt_columns_and_footer_disable_aad_storage',
    decryption: withAad(ALL_KEYS),
    note: 'AAD prefix supplied',
  },
];

for (const { name, decryption, note } of FILES) {
  t.test(`${name}: ${note}`, async (t) => {
    const table = await readTable(path(`${name}.parquet.encrypted`), { decryption, columns: FLAT_COLUMNS });
    assertValues(t, table);
  });
}

t.test('keys through a key retriever (key ids stored as key metadata)', async (t) => {
  const asked: [string, string | undefined][] = [];
  const decryption: DecryptionOptions = {
    keyRetriever: (keyMetadata, columnPath) => {
      const id = new TextDecoder().decode(keyMetadata);
      asked.push([id, columnPath]);
      const key = KEYS_BY_ID[id];
      return key === undefined ? undefined : new TextEncoder().encode(key);
    },
  };
  for (const name of ['encrypt_columns_and_footer', 'encrypt_columns_plaintext_footer', 'uniform_encryption']) {
    asked.length = 0;
    const table = await readTable(path(`${name}.parquet.encrypted`), { decryption, columns: FLAT_COLUMNS });
    assertValues(t, table);
    t.ok(asked.some(([id]) => id === 'kf'));
  }
  // Column keys are asked once per column, with the column's path.
  await readTable(path('encrypt_columns_and_footer.parquet.encrypted'), { decryption, columns: FLAT_COLUMNS });
  t.same(
    asked.filter(([id]) => id !== 'kf'),
    [
      ['kc2', 'float_field'],
      ['kc1', 'double_field'],
    ],
  );
});

t.test('keys given as bytes', async (t) => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const table = await readTable(path('encrypt_columns_and_footer_ctr.parquet.encrypted'), {
    decryption: {
      footerKey: bytes(ALL_KEYS.footerKey as string),
      columnKeys: { double_field: bytes(DOUBLE_KEY), float_field: bytes(FLOAT_KEY) },
    },
    columns: FLAT_COLUMNS,
  });
  assertValues(t, table);
});

t.test('plaintext columns of a file whose column keys are unknown', async (t) => {
  const plain = FLAT_COLUMNS.filter((c) => c !== 'float_field' && c !== 'double_field');
  // Encrypted footer: the footer key is enough for the plaintext columns.
  const footerOnly = await readTable(path('encrypt_columns_and_footer.parquet.encrypted'), {
    decryption: { footerKey: ALL_KEYS.footerKey },
    columns: plain,
  });
  assertValues(t, footerOnly, plain);
  // Plaintext footer: no key at all, as a reader of the unencrypted columns only.
  const noKeys = await readTable(path('encrypt_columns_plaintext_footer.parquet.encrypted'), { columns: plain });
  assertValues(t, noKeys, plain);
  // One of the two column keys.
  const one = await readTable(path('encrypt_columns_and_footer.parquet.encrypted'), {
    decryption: { footerKey: ALL_KEYS.footerKey, columnKeys: { double_field: DOUBLE_KEY } },
    columns: [...plain, 'double_field'],
  });
  assertValues(t, one, [...plain, 'double_field']);
});

t.test('encrypted column metadata is decrypted (statistics of the encrypted columns)', async (t) => {
  for (const name of ['encrypt_columns_and_footer', 'encrypt_columns_plaintext_footer']) {
    const file = await ParquetFile.open(path(`${name}.parquet.encrypted`), { decryption: ALL_KEYS });
    t.ok(file.encrypted);
    const double = file.schema.column('double_field')!;
    const meta = file.rowGroups[0]!.columns[double.columnIndex]!.metaData!;
    t.equal(meta.numValues, ROWS);
    t.same(meta.pathInSchema, ['double_field']);
    const stats = meta.statistics!;
    const f64 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
    t.equal(f64(stats.minValue!), 0);
    t.equal(f64(stats.maxValue!), 49 * 1.1111111);
    await file.close();
  }
});

t.test('column and offset indexes of encrypted columns decrypt', async (t) => {
  const file = await ParquetFile.open(path('encrypt_columns_and_footer.parquet.encrypted'), { decryption: ALL_KEYS });
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(path('encrypt_columns_and_footer.parquet.encrypted'));
  // Expected: arrow's FileDecryptor::CheckPageIndex (one page per chunk, float max 53.9f, double max 54.4444439).
  const cases = [
    { name: 'float_field', max: Math.fround(49 * Math.fround(1.1)), width: 4 },
    { name: 'double_field', max: 49 * 1.1111111, width: 8 },
  ];
  for (const { name, max, width } of cases) {
    const column = file.schema.column(name)!;
    const chunk = file.rowGroups[0]!.columns[column.columnIndex]!;
    const decryptor = file.columnDecryptor(0, column.columnIndex)!;
    t.ok(decryptor, `${name} is encrypted`);
    const ci = decryptor.columnIndex(
      bytes.subarray(chunk.columnIndexOffset!, chunk.columnIndexOffset! + chunk.columnIndexLength!),
    );
    const read = (b: Uint8Array) =>
      width === 4
        ? new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true)
        : new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
    t.same(ci.nullPages, [false]);
    t.same(ci.nullCounts, [0]);
    t.same(ci.minValues.map(read), [0]);
    t.same(ci.maxValues.map(read), [max]);
    const oi = decryptor.offsetIndex(
      bytes.subarray(chunk.offsetIndexOffset!, chunk.offsetIndexOffset! + chunk.offsetIndexLength!),
    );
    t.equal(oi.pageLocations.length, 1);
    t.equal(oi.pageLocations[0]!.firstRowIndex, 0);
    t.ok(oi.pageLocations[0]!.compressedPageSize > 0);
    // A module of one column does not decrypt as another's: the AAD names the column ordinal.
    const other = file.columnDecryptor(
      0,
      file.schema.column(name === 'float_field' ? 'double_field' : 'float_field')!.columnIndex,
    )!;
    t.throws(
      () =>
        other.columnIndex(
          bytes.subarray(chunk.columnIndexOffset!, chunk.columnIndexOffset! + chunk.columnIndexLength!),
        ),
      { code: 'DECRYPTION' },
    );
  }
  t.equal(file.columnDecryptor(0, file.schema.column('int32_field')!.columnIndex), undefined, 'plaintext column');
  await file.close();
});

t.test('bloom filter file (parquet-mr, CRCs over encrypted pages, v2 pages, bloom filters)', async (t) => {
  const name = path('encrypt_columns_and_footer_bloom_filter.parquet.encrypted');
  const table = await readTable(name, { decryption: ALL_KEYS });
  const n = 2000;
  t.equal(table.numRows, n);
  const expected: Record<string, (i: number) => unknown> = {
    double_field: (i) => i + 0.5,
    float_field: (i) => Math.fround(i + 0.25),
    int32_field: (i) => i,
    name: (i) => `name_${i}`,
  };
  t.same(
    table.schema.fields.map((f) => f.name),
    Object.keys(expected),
  );
  for (const [column, value] of Object.entries(expected)) {
    const vector = table.getChild(column)!;
    const actual = Array.from({ length: n }, (_, i) => vector.get(i));
    t.same(
      actual,
      Array.from({ length: n }, (_, i) => value(i)),
      column,
    );
  }

  const file = await ParquetFile.open(name, { decryption: ALL_KEYS });
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(name);
  for (const column of ['double_field', 'float_field']) {
    const index = file.schema.column(column)!.columnIndex;
    const meta = file.rowGroups[0]!.columns[index]!.metaData!;
    t.ok(meta.bloomFilterOffset, `${column} has a bloom filter`);
    const region = bytes.subarray(meta.bloomFilterOffset!, meta.bloomFilterOffset! + meta.bloomFilterLength!);
    const filter = file.columnDecryptor(0, index)!.bloomFilter(region);
    t.equal(filter.length, meta.bloomFilterLength, 'header and bitset modules fill bloom_filter_length');
    t.equal(filter.bitset.byteLength, filter.header.numBytes);
    t.equal(filter.header.algorithm.type, 'BLOCK');
    t.ok(
      filter.bitset.some((b) => b !== 0),
      'bitset decrypted to set bits',
    );
  }
  const stats = file.rowGroups[0]!.columns[file.schema.column('double_field')!.columnIndex]!.metaData!.statistics!;
  const f64 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
  t.same([f64(stats.minValue!), f64(stats.maxValue!)], [0.5, 1999.5]);
  await file.close();
});

t.test('external key material (parquet-mr key tools) through a KMS key retriever', async (t) => {
  const retriever = testKmsKeyRetriever(path('_KEY_MATERIAL_FOR_external_key_material_java.parquet.encrypted.json'));
  const table = await readTable(path('external_key_material_java.parquet.encrypted'), {
    decryption: { keyRetriever: retriever },
  });
  // Expected: arrow's key_management_test ReadParquetMRExternalKeyMaterialFile.
  const n = 100;
  t.equal(table.numRows, n);
  const prefixes = 'abcdefghij';
  const ints = table.getChild('integers')!;
  const strings = table.getChild('strings')!;
  t.same(
    Array.from({ length: n }, (_, i) => ints.get(i)),
    Array.from({ length: n }, (_, i) => i),
  );
  t.same(
    Array.from({ length: n }, (_, i) => strings.get(i)),
    Array.from({ length: n }, (_, i) => `${prefixes[i % 10]}${i}`),
  );
});
