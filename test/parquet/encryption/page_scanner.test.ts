import { readFileSync } from 'node:fs';
import t from 'tap';
import { scanEncryptedPages } from '../../../src/parquet/encryption/page_scanner.js';
import { ParquetFile } from '../../../src/parquet/file.js';
import { PageType } from '../../../src/parquet/metadata/enums.js';
import { ALL_KEYS, path } from './expected.js';

const NAME = path('encrypt_columns_and_footer.parquet.encrypted');

async function doubleChunk() {
  const file = await ParquetFile.open(NAME, { decryption: ALL_KEYS });
  const index = file.schema.column('double_field')!.columnIndex;
  const meta = file.rowGroups[0]!.columns[index]!.metaData!;
  const decryptor = file.columnDecryptor(0, index)!;
  await file.close();
  const start = meta.dictionaryPageOffset!;
  const chunk = new Uint8Array(readFileSync(NAME)).subarray(start, start + meta.totalCompressedSize);
  return { chunk, decryptor, meta };
}

t.test('decrypted pages: plaintext headers and bodies laid end to end', async (t) => {
  const { chunk, decryptor } = await doubleChunk();
  const { pages, bytes } = scanEncryptedPages(chunk, 50, decryptor, { hasDictionaryPage: true });
  t.same(
    pages.map((p) => p.header.type),
    [PageType.DICTIONARY_PAGE, PageType.DATA_PAGE],
  );
  let offset = 0;
  for (const page of pages) {
    t.equal(page.bodyOffset, offset);
    t.equal(page.header.compressedPageSize, page.bodyLength, 'sizes describe the plaintext body');
    offset += page.bodyLength;
  }
  t.equal(bytes.byteLength, offset);
  // 50 distinct doubles: a dictionary of 50 PLAIN values (the bodies stay compressed, as in a plaintext chunk).
  const dictionary = pages[0]!.header;
  t.equal(dictionary.dictionaryPageHeader!.numValues, 50);
  t.equal(dictionary.uncompressedPageSize, 50 * 8);
  t.equal(pages[1]!.header.dataPageHeader!.numValues, 50);
});

t.test('a dictionary page the metadata does not announce is still found', async (t) => {
  const { chunk, decryptor } = await doubleChunk();
  const { pages } = scanEncryptedPages(chunk, 50, decryptor, { hasDictionaryPage: false });
  t.equal(pages[0]!.header.type, PageType.DICTIONARY_PAGE);
  t.equal(pages.length, 2);
});

t.test('a chunk that ends early is a BAD_PAGE error', async (t) => {
  const { chunk, decryptor } = await doubleChunk();
  t.throws(() => scanEncryptedPages(chunk, 51, decryptor, { hasDictionaryPage: true }), { code: 'BAD_PAGE' });
  t.throws(
    () => scanEncryptedPages(chunk.subarray(0, chunk.byteLength - 5), 50, decryptor, { hasDictionaryPage: true }),
    {
      code: 'BAD_PAGE',
    },
  );
});
