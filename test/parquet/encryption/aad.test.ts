import t from 'tap';
import { fileAad, footerAad, ModuleType, moduleAad } from '../../../src/parquet/encryption/aad.js';

const bytes = (...b: number[]) => new Uint8Array(b);

t.test('file AAD is the prefix followed by aad_file_unique', async (t) => {
  t.same(fileAad(bytes(1, 2), bytes(3, 4, 5)), bytes(1, 2, 3, 4, 5));
  t.same(fileAad(undefined, bytes(3)), bytes(3));
  t.same(fileAad(undefined, undefined), bytes());
});

t.test('module AAD suffixes (Encryption.md 4.4.2)', async (t) => {
  const file = bytes(0xaa, 0xbb);
  t.same(footerAad(file), bytes(0xaa, 0xbb, 0), 'footer: type only');
  t.same(moduleAad(file, ModuleType.COLUMN_META_DATA, 1, 2), bytes(0xaa, 0xbb, 1, 1, 0, 2, 0));
  t.same(moduleAad(file, ModuleType.DICTIONARY_PAGE_HEADER, 0x0102, 3), bytes(0xaa, 0xbb, 5, 2, 1, 3, 0));
  t.same(
    moduleAad(file, ModuleType.DATA_PAGE, 0, 7, 0x0304),
    bytes(0xaa, 0xbb, 2, 0, 0, 7, 0, 4, 3),
    'data pages add the page ordinal, little-endian',
  );
  t.same(moduleAad(file, ModuleType.DATA_PAGE_HEADER, 0, 0, 1), bytes(0xaa, 0xbb, 4, 0, 0, 0, 0, 1, 0));
  t.same(moduleAad(file, ModuleType.BLOOM_FILTER_BITSET, 0, 1), bytes(0xaa, 0xbb, 9, 0, 0, 1, 0));
});

t.test('ordinals that do not fit two bytes are refused', async (t) => {
  t.throws(() => moduleAad(bytes(), ModuleType.DATA_PAGE, 0, 0, 0x10000), { code: 'DECRYPTION' });
  t.throws(() => moduleAad(bytes(), ModuleType.COLUMN_INDEX, -1, 0), { code: 'DECRYPTION' });
  t.throws(() => moduleAad(bytes(), ModuleType.DATA_PAGE, 0, 0), { code: 'DECRYPTION' }, 'page ordinal missing');
});
