// Walks the pages of an encrypted column chunk. Each page is two modules (Encryption.md 5.1): its header
// (always GCM) and its body (GCM, or CTR under AES_GCM_CTR_V1). The header's compressed_page_size is the size of
// the serialized body module, so decryption is what finds where the next page starts. Decrypted bodies are laid
// end to end in one buffer that the column chunk decoder reads like a plaintext chunk.
import { arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import { PageType } from '../metadata/enums.js';
import type { PageHeader } from '../metadata/types.js';
import { boundedPageValues, type PageScanner, type PageSlice, type ScannedPages } from '../read/pages.js';
import type { ColumnDecryptor } from './column_decryptor.js';

/** How to walk an encrypted column chunk. */
export interface EncryptedScanOptions {
  /** Whether the first page is a dictionary page (from the column metadata): its AAD must be known up front. */
  hasDictionaryPage: boolean;
  /** Verify page CRC32 checksums where present (default true). */
  verifyChecksums?: boolean;
}

/** A PageScanner that decrypts the pages of one column chunk. */
export function encryptedPageScanner(decryptor: ColumnDecryptor, options: EncryptedScanOptions): PageScanner {
  return (chunk, numValues) => scanEncryptedPages(chunk, numValues, decryptor, options);
}

/** The pages holding `numValues` values from the start of the encrypted `chunk`, with their bodies decrypted. */
export function scanEncryptedPages(
  chunk: Uint8Array,
  numValues: number,
  decryptor: ColumnDecryptor,
  { hasDictionaryPage, verifyChecksums = true }: EncryptedScanOptions,
): ScannedPages {
  const headers: PageHeader[] = [];
  const bodies: Uint8Array[] = [];
  let offset = 0;
  let values = 0;
  let dataPageOrdinal = 0;
  while (values < numValues && offset < chunk.byteLength) {
    const index = headers.length;
    try {
      const first = index === 0;
      const { header, dictionary, moduleLength } = readHeader(
        chunk,
        offset,
        decryptor,
        first,
        hasDictionaryPage,
        dataPageOrdinal,
      );
      const bodyOffset = offset + moduleLength;
      if (header.compressedPageSize > chunk.byteLength - bodyOffset) {
        throw new ParquetError(
          'BAD_PAGE',
          `encrypted page of ${header.compressedPageSize} bytes runs past the column chunk (${chunk.byteLength - bodyOffset} bytes left)`,
        );
      }
      const bodyModule = chunk.subarray(bodyOffset, bodyOffset + header.compressedPageSize);
      if (verifyChecksums && header.crc !== undefined) checkCrc(header.crc, bodyModule);
      const body = decryptor.page(bodyModule, 0, dictionary, dataPageOrdinal);
      if (body.moduleLength !== header.compressedPageSize) {
        throw new ParquetError(
          'BAD_PAGE',
          `encrypted page module of ${body.moduleLength} bytes, page header says ${header.compressedPageSize}`,
        );
      }
      values += boundedPageValues(header, index);
      if (!dictionary) dataPageOrdinal++;
      // The checksum covered the encrypted bytes and has been checked: the decoder sees plaintext without one.
      headers.push({ ...header, compressedPageSize: body.plaintext.byteLength, crc: undefined });
      bodies.push(body.plaintext);
      offset = bodyOffset + body.moduleLength;
    } catch (err) {
      if (err instanceof ParquetError) throw err.withContext({ page: index });
      throw err;
    }
  }
  if (values < numValues) {
    throw new ParquetError('BAD_PAGE', `column chunk ends after ${values} of ${numValues} values`);
  }
  return layOut(headers, bodies);
}

/**
 * Decrypts the header at `offset`. The first page is a dictionary page when the metadata says so; writers that
 * leave dictionary_page_offset unset exist, so on failed authentication the other AAD is tried for that page.
 */
function readHeader(
  chunk: Uint8Array,
  offset: number,
  decryptor: ColumnDecryptor,
  first: boolean,
  hasDictionaryPage: boolean,
  dataPageOrdinal: number,
): { header: PageHeader; dictionary: boolean; moduleLength: number } {
  const dictionary = first && hasDictionaryPage;
  let decrypted: ReturnType<ColumnDecryptor['pageHeader']>;
  let asDictionary = dictionary;
  try {
    decrypted = decryptor.pageHeader(chunk, offset, dictionary, dataPageOrdinal);
  } catch (err) {
    if (!first || !(err instanceof ParquetError) || err.code !== 'DECRYPTION') throw err;
    try {
      decrypted = decryptor.pageHeader(chunk, offset, !dictionary, dataPageOrdinal);
      asDictionary = !dictionary;
    } catch {
      throw err;
    }
  }
  const isDictionaryPage = decrypted.header.type === PageType.DICTIONARY_PAGE;
  if (isDictionaryPage !== asDictionary) {
    throw new ParquetError(
      'BAD_PAGE',
      `page header of type ${decrypted.header.type} authenticated as a ${asDictionary ? 'dictionary' : 'data'} page header`,
    );
  }
  return { header: decrypted.header, dictionary: asDictionary, moduleLength: decrypted.moduleLength };
}

/**
 * The CRC of an encrypted page covers the page as written to disk (parquet.thrift PageHeader.crc), i.e. the whole
 * encrypted module, length field included (as parquet-mr writes it).
 */
function checkCrc(expected: number, module: Uint8Array): void {
  const kernels = arena();
  const mark = kernels.mark();
  try {
    const actual = kernels.wasm.crc32(kernels.copyIn(module), module.byteLength, 0) >>> 0;
    if (actual !== expected >>> 0) {
      throw new ParquetError('CHECKSUM', `page CRC32 mismatch: stored ${expected >>> 0}, computed ${actual}`);
    }
  } finally {
    kernels.release(mark);
  }
}

function layOut(headers: PageHeader[], bodies: Uint8Array[]): ScannedPages {
  let total = 0;
  for (const body of bodies) total += body.byteLength;
  const bytes = new Uint8Array(total);
  const pages: PageSlice[] = [];
  let pos = 0;
  headers.forEach((header, index) => {
    const body = bodies[index]!;
    bytes.set(body, pos);
    pages.push({ header, index, bodyOffset: pos, bodyLength: body.byteLength });
    pos += body.byteLength;
  });
  return { pages, bytes };
}
