// Missing, wrong and tampered: every failure is a ParquetError('DECRYPTION') that says what is missing or wrong,
// never garbage data.
import { readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import { ParquetError } from '../../../src/parquet/errors.js';
import { ParquetFile } from '../../../src/parquet/file.js';
import { readTable } from '../../../src/parquet/read_table.js';
import { AAD_PREFIX, ALL_KEYS, DOUBLE_KEY, FLAT_COLUMNS, FLOAT_KEY, FOOTER_KEY, path } from './expected.js';

const file = (name: string) => path(`${name}.parquet.encrypted`);

/** Asserts that `promise` rejects with a DECRYPTION ParquetError whose message matches `pattern`. */
async function rejectsDecryption(t: Test, promise: Promise<unknown>, pattern: RegExp, column?: string) {
  try {
    await promise;
    t.fail('expected a DECRYPTION error');
  } catch (err) {
    t.ok(err instanceof ParquetError, 'a ParquetError');
    const e = err as ParquetError;
    t.equal(e.code, 'DECRYPTION', e.message);
    t.match(e.message, pattern);
    if (column) t.equal(e.context.column, column);
  }
}

t.test('an encrypted footer without decryption options', async (t) => {
  await rejectsDecryption(t, readTable(file('uniform_encryption')), /footer is encrypted.*"kf"/);
});

t.test('a wrong footer key', async (t) => {
  const decryption = { ...ALL_KEYS, footerKey: '0123456789012346' };
  await rejectsDecryption(t, readTable(file('uniform_encryption'), { decryption }), /footer: AES-GCM authentication/);
  await rejectsDecryption(
    t,
    readTable(file('encrypt_columns_plaintext_footer'), { decryption }),
    /signature does not verify/,
  );
});

t.test('a wrong or swapped column key names the column', async (t) => {
  const swapped = { footerKey: FOOTER_KEY, columnKeys: { double_field: FLOAT_KEY, float_field: DOUBLE_KEY } };
  for (const name of [
    'encrypt_columns_and_footer',
    'encrypt_columns_plaintext_footer',
    'encrypt_columns_and_footer_ctr',
  ]) {
    await rejectsDecryption(
      t,
      readTable(file(name), { decryption: swapped, columns: ['float_field'] }),
      /column metadata: AES-GCM authentication/,
      'float_field',
    );
  }
});

t.test('a missing column key names the column and its key metadata', async (t) => {
  for (const name of ['encrypt_columns_and_footer', 'encrypt_columns_plaintext_footer']) {
    await rejectsDecryption(
      t,
      readTable(file(name), { decryption: { footerKey: FOOTER_KEY }, columns: ['int32_field', 'double_field'] }),
      /column double_field is encrypted.*columnKeys\['double_field'\].*"kc1"/,
      'double_field',
    );
  }
  // A plaintext-footer file opened without any decryption options, as a legacy reader would.
  await rejectsDecryption(
    t,
    readTable(file('encrypt_columns_plaintext_footer'), { columns: ['float_field'] }),
    /column float_field is encrypted/,
    'float_field',
  );
  // Columns under the footer key of a uniformly encrypted file: a key retriever that knows no key.
  await rejectsDecryption(
    t,
    readTable(file('uniform_encryption'), { decryption: { keyRetriever: () => undefined } }),
    /no footer key.*"kf"/,
  );
});

t.test('AAD prefix: required, wrong, different from the stored one, or given for a file without one', async (t) => {
  await rejectsDecryption(
    t,
    readTable(file('encrypt_columns_and_footer_disable_aad_storage'), { decryption: ALL_KEYS }),
    /does not store: give decryption.aadPrefix/,
  );
  await rejectsDecryption(
    t,
    readTable(file('encrypt_columns_and_footer_disable_aad_storage'), {
      decryption: { ...ALL_KEYS, aadPrefix: 'tester2' },
    }),
    /footer: AES-GCM authentication/,
  );
  await rejectsDecryption(
    t,
    readTable(file('encrypt_columns_and_footer_aad'), { decryption: { ...ALL_KEYS, aadPrefix: 'other' } }),
    /differs from the AAD prefix stored/,
  );
  await rejectsDecryption(
    t,
    readTable(file('encrypt_columns_and_footer'), { decryption: { ...ALL_KEYS, aadPrefix: AAD_PREFIX } }),
    /written without one/,
  );
});

t.test('keys that are not AES keys, and key retrievers that fail', async (t) => {
  await rejectsDecryption(
    t,
    readTable(file('uniform_encryption'), { decryption: { footerKey: 'short' } }),
    /16, 24 or 32/,
  );
  await rejectsDecryption(
    t,
    readTable(file('uniform_encryption'), {
      decryption: {
        keyRetriever: () => {
          throw new Error('KMS unreachable');
        },
      },
    }),
    /keyRetriever failed for the footer key: KMS unreachable/,
  );
});

t.test('external key material without a KMS says so', async (t) => {
  await rejectsDecryption(
    t,
    readTable(file('external_key_material_java'), { decryption: {} }),
    /no footer key.*external key material.*KMS/,
  );
});

/** A copy of a fixture with the byte at `offset` flipped. */
function tampered(name: string, offset: number): Uint8Array {
  const bytes = new Uint8Array(readFileSync(file(name)));
  bytes[offset < 0 ? bytes.byteLength + offset : offset]! ^= 0x01;
  return bytes;
}

/** The byte range of a column chunk, from the decrypted metadata. */
async function chunkRange(name: string, column: string): Promise<{ start: number; end: number }> {
  const f = await ParquetFile.open(file(name), { decryption: ALL_KEYS });
  const meta = f.rowGroups[0]!.columns[f.schema.column(column)!.columnIndex]!.metaData!;
  await f.close();
  const start = Math.min(meta.dictionaryPageOffset ?? meta.dataPageOffset, meta.dataPageOffset);
  return { start, end: start + meta.totalCompressedSize };
}

t.test('tampered encrypted pages fail authentication instead of decoding', async (t) => {
  const { start, end } = await chunkRange('encrypt_columns_and_footer', 'double_field');
  // A byte in the dictionary page header module, and one in the last data page's ciphertext.
  for (const offset of [start + 20, end - 20]) {
    const bytes = tampered('encrypt_columns_and_footer', offset);
    await rejectsDecryption(
      t,
      readTable(bytes, { decryption: ALL_KEYS, columns: ['double_field'] }),
      /AES-GCM authentication/,
      'double_field',
    );
    // The other columns are untouched and still read.
    const table = await readTable(bytes, { decryption: ALL_KEYS, columns: ['float_field', 'int32_field'] });
    t.equal(table.numRows, 50);
  }
  // Under AES_GCM_CTR_V1 page headers are still GCM, so a changed header is caught (page bodies are CTR and
  // carry no tag, by the spec's design).
  const ctr = await chunkRange('encrypt_columns_and_footer_ctr', 'float_field');
  await rejectsDecryption(
    t,
    readTable(tampered('encrypt_columns_and_footer_ctr', ctr.start + 20), {
      decryption: ALL_KEYS,
      columns: ['float_field'],
    }),
    /AES-GCM authentication/,
    'float_field',
  );
});

t.test('a tampered footer fails: encrypted footer, and plaintext footer when the key can verify it', async (t) => {
  // A byte inside the encrypted footer module (just before the length + magic).
  await rejectsDecryption(
    t,
    readTable(tampered('uniform_encryption', -40), { decryption: ALL_KEYS }),
    /footer: AES-GCM authentication/,
  );
  // The created_by string of the plaintext footer ("parquet-cpp-arrow version ...").
  const original = readFileSync(file('encrypt_columns_plaintext_footer'));
  const at = original.lastIndexOf('parquet-cpp-arrow');
  t.ok(at > 0);
  const bytes = tampered('encrypt_columns_plaintext_footer', at);
  await rejectsDecryption(
    t,
    readTable(bytes, { decryption: ALL_KEYS, columns: FLAT_COLUMNS }),
    /signature does not verify/,
  );
  // Without a key nothing can be verified: the plaintext columns read, as for a legacy reader.
  const plain = FLAT_COLUMNS.filter((c) => c !== 'float_field' && c !== 'double_field');
  const table = await readTable(bytes, { columns: plain });
  t.equal(table.numRows, 50);
  // Verification can be turned off explicitly.
  const unchecked = await readTable(bytes, {
    decryption: { ...ALL_KEYS, verifyFooterSignature: false },
    columns: FLAT_COLUMNS,
  });
  t.equal(unchecked.numRows, 50);
});
