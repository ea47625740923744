// Decrypts the modules of one encrypted column chunk: page headers and pages, and the column index, offset
// index and bloom filter that belong to it. Each module's AAD names its row group, column and (for data pages
// and their headers) page ordinal, so a module moved elsewhere in the file fails authentication.
import { ParquetError } from '../errors.js';
import { decodeBloomFilterHeader, decodeColumnIndex, decodeOffsetIndex, decodePageHeader } from '../metadata/decode.js';
import type { BloomFilterHeader, ColumnIndex, OffsetIndex, PageHeader } from '../metadata/types.js';
import { ModuleType, type ModuleTypeValue, moduleAad } from './aad.js';
import { type DecryptedModule, decryptCtrModule, decryptGcmModule } from './ciphers.js';

/** Where a column chunk sits in the file, as the AAD suffix names it. */
export interface ColumnPosition {
  rowGroup: number;
  column: number;
  /** Dotted column path, for error messages. */
  path: string;
}

/** The decryptor of one column chunk, given its key. */
export class ColumnDecryptor {
  constructor(
    private readonly key: Uint8Array,
    private readonly fileAad: Uint8Array,
    /** AES_GCM_CTR_V1 encrypts page bodies with CTR (Encryption.md 4.2); every other module is GCM. */
    private readonly ctrPages: boolean,
    readonly position: ColumnPosition,
  ) {}

  /** Decrypts and decodes the page header module at `offset`; `pageOrdinal` counts data pages only. */
  pageHeader(
    bytes: Uint8Array,
    offset: number,
    dictionary: boolean,
    pageOrdinal: number,
  ): { header: PageHeader; moduleLength: number } {
    const type = dictionary ? ModuleType.DICTIONARY_PAGE_HEADER : ModuleType.DATA_PAGE_HEADER;
    const what = dictionary ? 'dictionary page header' : `data page header ${pageOrdinal}`;
    const { plaintext, moduleLength } = this.gcm(bytes, offset, type, what, dictionary ? undefined : pageOrdinal);
    return { header: decodePageHeader(plaintext).value, moduleLength };
  }

  /** Decrypts the page body module at `offset` (GCM, or CTR under AES_GCM_CTR_V1). */
  page(bytes: Uint8Array, offset: number, dictionary: boolean, pageOrdinal: number): DecryptedModule {
    const what = `${this.position.path}: ${dictionary ? 'dictionary page' : `data page ${pageOrdinal}`}`;
    if (this.ctrPages) return decryptCtrModule(this.key, bytes, offset, what);
    const type = dictionary ? ModuleType.DICTIONARY_PAGE : ModuleType.DATA_PAGE;
    return decryptGcmModule(this.key, bytes, offset, this.aad(type, dictionary ? undefined : pageOrdinal), what);
  }

  /** Decrypts and decodes the ColumnIndex module `bytes` (ColumnChunk.column_index_offset/length). */
  columnIndex(bytes: Uint8Array): ColumnIndex {
    return decodeColumnIndex(this.gcm(bytes, 0, ModuleType.COLUMN_INDEX, 'column index').plaintext);
  }

  /** Decrypts and decodes the OffsetIndex module `bytes` (ColumnChunk.offset_index_offset/length). */
  offsetIndex(bytes: Uint8Array): OffsetIndex {
    return decodeOffsetIndex(this.gcm(bytes, 0, ModuleType.OFFSET_INDEX, 'offset index').plaintext);
  }

  /**
   * Decrypts a bloom filter at `offset` of `bytes` (ColumnMetaData.bloom_filter_offset): the header module, then
   * the bitset module that follows it.
   */
  bloomFilter(bytes: Uint8Array, offset = 0): { header: BloomFilterHeader; bitset: Uint8Array; length: number } {
    const head = this.gcm(bytes, offset, ModuleType.BLOOM_FILTER_HEADER, 'bloom filter header');
    const header = decodeBloomFilterHeader(head.plaintext).value;
    const body = this.gcm(bytes, offset + head.moduleLength, ModuleType.BLOOM_FILTER_BITSET, 'bloom filter bitset');
    if (body.plaintext.byteLength !== header.numBytes) {
      throw new ParquetError(
        'BAD_METADATA',
        `bloom filter bitset of ${body.plaintext.byteLength} bytes, header says ${header.numBytes}`,
        { column: this.position.path },
      );
    }
    return { header, bitset: body.plaintext, length: head.moduleLength + body.moduleLength };
  }

  private gcm(
    bytes: Uint8Array,
    offset: number,
    type: ModuleTypeValue,
    what: string,
    pageOrdinal?: number,
  ): DecryptedModule {
    return decryptGcmModule(this.key, bytes, offset, this.aad(type, pageOrdinal), `${this.position.path}: ${what}`);
  }

  private aad(type: ModuleTypeValue, pageOrdinal?: number): Uint8Array {
    return moduleAad(this.fileAad, type, this.position.rowGroup, this.position.column, pageOrdinal);
  }
}
