// Locating and decoding the footer: the PAR1 / PARE magic at both ends, the 4-byte footer length, then the
// FileMetaData (plaintext, signed plaintext, or encrypted).
import { type DecodedFooter, decodeEncryptedFooter, decodePlaintextFooter } from '../encryption/footer.js';
import type { DecryptionOptions } from '../encryption/keys.js';
import { ParquetError } from '../errors.js';
import type { ByteSource } from '../source.js';
import { notParquetHint } from './not_parquet.js';

const MAGIC = 0x31524150; // "PAR1" little-endian
const MAGIC_ENCRYPTED = 0x45524150; // "PARE"
/** Bytes read from the end on open: the footer usually fits, saving a second read. */
const FOOTER_GUESS = 64 * 1024;

/** Reads and decodes the footer of `source` (decrypting it with `decryption` when the file is encrypted). */
export async function readFooter(
  source: ByteSource,
  decryption: DecryptionOptions | undefined,
): Promise<DecodedFooter> {
  const size = source.byteLength;
  if (size < 12) {
    const hint = notParquetHint(await source.read(0, size), false);
    throw new ParquetError('NOT_PARQUET', `file of ${size} bytes is too small to be Parquet${hint ? `: ${hint}` : ''}`);
  }
  const tailLength = Math.min(size, FOOTER_GUESS);
  const tail = await source.read(size - tailLength, tailLength);
  const dv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const magic = dv.getUint32(tailLength - 4, true);
  if (magic !== MAGIC && magic !== MAGIC_ENCRYPTED) {
    const head = await source.read(0, Math.min(size, 512));
    const hint = notParquetHint(head, false);
    throw new ParquetError('NOT_PARQUET', `missing PAR1 magic at the end of the file${hint ? `: ${hint}` : ''}`);
  }
  const head = await source.read(0, 4);
  if (new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) !== magic) {
    throw new ParquetError(
      'NOT_PARQUET',
      `missing ${magic === MAGIC ? 'PAR1' : 'PARE'} magic at the start of the file`,
    );
  }
  const footerLength = dv.getUint32(tailLength - 8, true);
  if (footerLength > size - 12) {
    throw new ParquetError('BAD_METADATA', `footer length ${footerLength} exceeds the file (size ${size})`);
  }
  const footer =
    footerLength + 8 <= tailLength
      ? tail.subarray(tailLength - 8 - footerLength, tailLength - 8)
      : await source.read(size - 8 - footerLength, footerLength);
  return magic === MAGIC_ENCRYPTED
    ? decodeEncryptedFooter(footer, decryption)
    : decodePlaintextFooter(footer, decryption);
}
