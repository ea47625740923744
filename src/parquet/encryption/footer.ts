// The two footers of encrypted files (Encryption.md 5.4 and 5.5). An encrypted footer ("PARE" magic) is a
// plaintext FileCryptoMetaData followed by the FileMetaData as one GCM module. A plaintext footer ("PAR1") of an
// encrypted file is the FileMetaData followed by a 28-byte signature: the nonce and GCM tag of the serialized
// FileMetaData encrypted with the footer key.
import { ParquetError } from '../errors.js';
import { decodeFileCryptoMetaData, decodeFileMetaData } from '../metadata/decode.js';
import type { FileMetaData } from '../metadata/types.js';
import { footerAad } from './aad.js';
import { decryptGcmModule, GCM_TAG_LENGTH, NONCE_LENGTH, verifyGcmSignature } from './ciphers.js';
import { FileDecryptor } from './file_decryptor.js';
import { type DecryptionOptions, describeMetadata } from './keys.js';

/** A decoded footer, with the file's decryptor when the file is encrypted. */
export interface DecodedFooter {
  metadata: FileMetaData;
  decryptor?: FileDecryptor;
}

const SIGNATURE_LENGTH = NONCE_LENGTH + GCM_TAG_LENGTH;

/** Decodes the footer of a "PARE" file: `footer` is the bytes between the data and the length + magic. */
export function decodeEncryptedFooter(footer: Uint8Array, options: DecryptionOptions | undefined): DecodedFooter {
  const crypto = decodeFileCryptoMetaData(footer);
  const { encryptionAlgorithm, keyMetadata } = crypto.value;
  if (!options) {
    throw new ParquetError(
      'DECRYPTION',
      `the footer is encrypted (PARE): give decryption options with the footer key${describeMetadata(keyMetadata)}`,
    );
  }
  const decryptor = new FileDecryptor(encryptionAlgorithm, options, keyMetadata);
  const key = decryptor.footerKey('encrypted footer');
  const { plaintext } = decryptGcmModule(key, footer, crypto.length, footerAad(decryptor.fileAad()), 'footer');
  return { metadata: decodeFileMetaData(plaintext), decryptor };
}

/**
 * Decodes a "PAR1" footer. When the FileMetaData names an encryption algorithm (plaintext footer mode) the file
 * gets a decryptor, and the signature is verified whenever the footer key is available: given decryption options
 * that cannot verify it are not an error, as plaintext columns stay readable without any key.
 */
export function decodePlaintextFooter(footer: Uint8Array, options: DecryptionOptions | undefined): DecodedFooter {
  const metadata = decodeFileMetaData(footer);
  const algorithm = metadata.encryptionAlgorithm;
  if (!algorithm) return { metadata };
  const decryptor = new FileDecryptor(algorithm, options ?? {}, metadata.footerSigningKeyMetadata);
  if (options && options.verifyFooterSignature !== false) {
    const key = decryptor.tryFooterKey();
    if (key) {
      if (footer.byteLength < SIGNATURE_LENGTH) {
        throw new ParquetError('DECRYPTION', 'plaintext footer too short to hold its signature');
      }
      const end = footer.byteLength - SIGNATURE_LENGTH;
      const nonce = footer.subarray(end, end + NONCE_LENGTH);
      const tag = footer.subarray(end + NONCE_LENGTH);
      verifyGcmSignature(key, footer.subarray(0, end), nonce, tag, footerAad(decryptor.fileAad()));
    }
  }
  return { metadata, decryptor };
}
