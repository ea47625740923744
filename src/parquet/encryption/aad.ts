// Additional authenticated data of encrypted modules (parquet-format Encryption.md, section 4.4): the file AAD
// (AAD prefix + aad_file_unique) followed by a suffix naming the module: its type, and for everything but the
// footer the row group and column ordinals, and for data pages and their headers the page ordinal.
import { ParquetError } from '../errors.js';

/** Module types of the AAD suffix (Encryption.md 4.4.2). */
export const ModuleType = {
  FOOTER: 0,
  COLUMN_META_DATA: 1,
  DATA_PAGE: 2,
  DICTIONARY_PAGE: 3,
  DATA_PAGE_HEADER: 4,
  DICTIONARY_PAGE_HEADER: 5,
  COLUMN_INDEX: 6,
  OFFSET_INDEX: 7,
  BLOOM_FILTER_HEADER: 8,
  BLOOM_FILTER_BITSET: 9,
} as const;

/** One of the ModuleType values. */
export type ModuleTypeValue = (typeof ModuleType)[keyof typeof ModuleType];

/** Ordinals are written as 2-byte little-endian shorts; the writers refuse files that need more. */
const MAX_ORDINAL = 0xffff;

/** The file part of every module AAD: the AAD prefix (stored or supplied) followed by aad_file_unique. */
export function fileAad(aadPrefix: Uint8Array | undefined, aadFileUnique: Uint8Array | undefined): Uint8Array {
  const prefix = aadPrefix ?? new Uint8Array(0);
  const unique = aadFileUnique ?? new Uint8Array(0);
  const out = new Uint8Array(prefix.byteLength + unique.byteLength);
  out.set(prefix, 0);
  out.set(unique, prefix.byteLength);
  return out;
}

/** The AAD of the footer module (encrypted footer or plaintext footer signature). */
export function footerAad(file: Uint8Array): Uint8Array {
  return moduleAad(file, ModuleType.FOOTER);
}

/**
 * The AAD of one module: `file` (from fileAad), the module type, then the row group and column ordinals for every
 * module but the footer, then the page ordinal for data pages and data page headers.
 */
export function moduleAad(
  file: Uint8Array,
  type: ModuleTypeValue,
  rowGroup?: number,
  column?: number,
  page?: number,
): Uint8Array {
  if (type === ModuleType.FOOTER) {
    const out = new Uint8Array(file.byteLength + 1);
    out.set(file, 0);
    out[file.byteLength] = type;
    return out;
  }
  const withPage = type === ModuleType.DATA_PAGE || type === ModuleType.DATA_PAGE_HEADER;
  const out = new Uint8Array(file.byteLength + 5 + (withPage ? 2 : 0));
  out.set(file, 0);
  const view = new DataView(out.buffer);
  let pos = file.byteLength;
  out[pos++] = type;
  view.setUint16(pos, ordinal('row group', rowGroup), true);
  view.setUint16(pos + 2, ordinal('column', column), true);
  if (withPage) view.setUint16(pos + 4, ordinal('page', page), true);
  return out;
}

function ordinal(what: string, value: number | undefined): number {
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > MAX_ORDINAL) {
    throw new ParquetError('DECRYPTION', `${what} ordinal ${value} does not fit the 2-byte AAD field`);
  }
  return value;
}
