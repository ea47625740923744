// The decryption state of one file: its algorithm, its file AAD, and the keys of its footer and columns.
// Column metadata encrypted with a column key (ColumnChunk.encrypted_column_metadata, Encryption.md 5.3) is
// decrypted here; page-level modules are handled by the ColumnDecryptor it hands out per column chunk.
import { ParquetError, withParquetContext } from '../errors.js';
import { ColumnMetaDataSpec } from '../metadata/structs.js';
import { decodeStruct } from '../metadata/thrift_reader.js';
import type { ColumnChunk, ColumnMetaData, EncryptionAlgorithm, FileMetaData, RowGroup } from '../metadata/types.js';
import { fileAad, ModuleType, moduleAad } from './aad.js';
import { decryptGcmModule } from './ciphers.js';
import { ColumnDecryptor } from './column_decryptor.js';
import { type DecryptionOptions, describeMetadata, KeyResolver, keyBytes } from './keys.js';

/** Decryption of one encrypted file (encrypted footer, or plaintext footer with encrypted columns). */
export class FileDecryptor {
  private readonly keys: KeyResolver;
  private cachedFileAad?: Uint8Array;
  private footerKeyCache?: { key: Uint8Array | undefined };
  private readonly columnKeys = new Map<string, Uint8Array | undefined>();

  constructor(
    readonly algorithm: EncryptionAlgorithm,
    private readonly options: DecryptionOptions,
    /** The key metadata of the footer key (FileCryptoMetaData.key_metadata or footer_signing_key_metadata). */
    readonly footerKeyMetadata: Uint8Array | undefined,
  ) {
    const type = (algorithm as { type: string }).type;
    if (type !== 'AES_GCM_V1' && type !== 'AES_GCM_CTR_V1') {
      throw new ParquetError('UNSUPPORTED', `encryption algorithm ${type}`);
    }
    this.keys = new KeyResolver(options);
  }

  /** AAD prefix + aad_file_unique (Encryption.md 4.4), checking the prefix the caller gave against the file's. */
  fileAad(): Uint8Array {
    if (this.cachedFileAad) return this.cachedFileAad;
    const stored = this.algorithm.aadPrefix;
    const supplied = this.options.aadPrefix === undefined ? undefined : keyBytes(this.options.aadPrefix);
    let prefix = stored;
    if (supplied) {
      if (stored && !equalBytes(stored, supplied)) {
        throw new ParquetError('DECRYPTION', 'decryption.aadPrefix differs from the AAD prefix stored in the file');
      }
      if (!stored && !this.algorithm.supplyAadPrefix) {
        throw new ParquetError('DECRYPTION', 'decryption.aadPrefix was given but the file was written without one');
      }
      prefix = supplied;
    } else if (this.algorithm.supplyAadPrefix) {
      throw new ParquetError(
        'DECRYPTION',
        'the file was encrypted with an AAD prefix that it does not store: give decryption.aadPrefix',
      );
    }
    this.cachedFileAad = fileAad(prefix, this.algorithm.aadFileUnique);
    return this.cachedFileAad;
  }

  /** The footer key, or a ParquetError('DECRYPTION') saying why there is none. */
  footerKey(purpose: string): Uint8Array {
    const key = this.tryFooterKey();
    return key ?? this.keys.footerKey(this.footerKeyMetadata, purpose);
  }

  /** The footer key if the options or the key retriever give one. */
  tryFooterKey(): Uint8Array | undefined {
    this.footerKeyCache ??= { key: this.keys.tryFooterKey(this.footerKeyMetadata) };
    return this.footerKeyCache.key;
  }

  /**
   * Replaces the metadata of encrypted columns by its decrypted version wherever the column's key is available
   * (in encrypted-footer files it is absent, in plaintext-footer files stripped of statistics). Columns without a
   * key are left as they are: reading them fails with an error naming the column. `paths` are the leaf paths.
   */
  decryptColumnMetaData(metadata: FileMetaData, paths: readonly string[]): void {
    metadata.rowGroups.forEach((rowGroup, rowGroupIndex) => {
      rowGroup.columns.forEach((chunk, columnIndex) => {
        if (!chunk.cryptoMetadata || !chunk.encryptedColumnMetadata) return;
        const path = paths[columnIndex] ?? `#${columnIndex}`;
        const key = this.keyFor(chunk, path);
        if (!key) return;
        withParquetContext({ rowGroup: rowGroupIndex, column: path }, () => {
          const ordinal = rowGroupOrdinal(rowGroup, rowGroupIndex);
          const aad = moduleAad(this.fileAad(), ModuleType.COLUMN_META_DATA, ordinal, columnIndex);
          const module = chunk.encryptedColumnMetadata!;
          const { plaintext } = decryptGcmModule(key, module, 0, aad, 'column metadata');
          chunk.metaData = decodeStruct<ColumnMetaData>(ColumnMetaDataSpec, plaintext).value;
        });
      });
    });
  }

  /**
   * The decryptor of a column chunk, or undefined when the column is not encrypted. Throws
   * ParquetError('DECRYPTION') naming the column when its key is not available.
   */
  columnDecryptor(
    rowGroupIndex: number,
    rowGroup: RowGroup,
    columnIndex: number,
    path: string,
  ): ColumnDecryptor | undefined {
    const chunk = rowGroup.columns[columnIndex];
    if (!chunk?.cryptoMetadata) return undefined;
    const key = this.keyFor(chunk, path);
    if (!key) {
      const crypto = chunk.cryptoMetadata;
      const keyMetadata = crypto.type === 'ENCRYPTION_WITH_COLUMN_KEY' ? crypto.keyMetadata : this.footerKeyMetadata;
      const which =
        crypto.type === 'ENCRYPTION_WITH_COLUMN_KEY' ? `decryption.columnKeys['${path}']` : 'the footer key';
      throw new ParquetError(
        'DECRYPTION',
        `column ${path} is encrypted and no key is available for it (give ${which} or a keyRetriever, ` +
          `or leave the column out with \`columns\`)${describeMetadata(keyMetadata)}`,
        { column: path },
      );
    }
    const position = { rowGroup: rowGroupOrdinal(rowGroup, rowGroupIndex), column: columnIndex, path };
    return new ColumnDecryptor(key, this.fileAad(), this.algorithm.type === 'AES_GCM_CTR_V1', position);
  }

  private keyFor(chunk: ColumnChunk, path: string): Uint8Array | undefined {
    const crypto = chunk.cryptoMetadata!;
    if (crypto.type === 'ENCRYPTION_WITH_FOOTER_KEY') return this.tryFooterKey();
    if (crypto.type !== 'ENCRYPTION_WITH_COLUMN_KEY') {
      throw new ParquetError('UNSUPPORTED', `column crypto metadata ${(crypto as { type: string }).type}`, {
        column: path,
      });
    }
    const keyPath = crypto.pathInSchema.join('.') || path;
    if (!this.columnKeys.has(keyPath)) this.columnKeys.set(keyPath, this.keys.columnKey(keyPath, crypto.keyMetadata));
    return this.columnKeys.get(keyPath);
  }
}

/** The row group ordinal of the AAD: RowGroup.ordinal when the writer stored it, else its position. */
function rowGroupOrdinal(rowGroup: RowGroup, index: number): number {
  return rowGroup.ordinal ?? index;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
