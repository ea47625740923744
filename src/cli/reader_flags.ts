// The reader flags of every command that opens Parquet: decryption keys, AAD prefix, checksum verification.
import type { DecryptionOptions } from '../parquet/encryption/keys.js';
import type { OpenOptions } from '../parquet/file.js';
import { type Command, UsageError } from './usage_error.js';

/** The reader flags as parsed by node:util parseArgs. */
export interface ReaderFlagValues {
  'footer-key'?: string;
  'column-key'?: string[];
  'aad-prefix'?: string;
  'no-verify-checksums'?: boolean;
}

/** A key flag's bytes: `hex:...` or `base64:...`, else the text's UTF-8 bytes (parquet-java's test keys). */
function keyFlag(flag: string, value: string, command: Command): Uint8Array | string {
  if (value.startsWith('hex:')) {
    const hex = value.slice(4);
    if (!/^([0-9a-fA-F]{2})+$/.test(hex))
      throw new UsageError(`${command}: ${flag} hex: needs hex digit pairs`, command);
    return Uint8Array.from(Buffer.from(hex, 'hex'));
  }
  if (value.startsWith('base64:')) return Uint8Array.from(Buffer.from(value.slice(7), 'base64'));
  return value;
}

/** Reader options from --footer-key, --column-key, --aad-prefix and --no-verify-checksums. */
export function readerOptionsOf(command: Command, values: ReaderFlagValues): OpenOptions {
  const options: OpenOptions = {};
  if (values['no-verify-checksums']) options.verifyChecksums = false;
  const decryption: DecryptionOptions = {};
  if (values['footer-key'] !== undefined) decryption.footerKey = keyFlag('--footer-key', values['footer-key'], command);
  if (values['aad-prefix'] !== undefined) decryption.aadPrefix = keyFlag('--aad-prefix', values['aad-prefix'], command);
  const columnKeys: Record<string, Uint8Array | string> = {};
  for (const spec of values['column-key'] ?? []) {
    const at = spec.indexOf(':');
    if (at <= 0 || at === spec.length - 1) {
      throw new UsageError(`${command}: --column-key needs COLUMN:KEY (a dotted column path), got '${spec}'`, command);
    }
    columnKeys[spec.slice(0, at)] = keyFlag('--column-key', spec.slice(at + 1), command);
  }
  if (Object.keys(columnKeys).length > 0) decryption.columnKeys = columnKeys;
  if (Object.keys(decryption).length > 0) options.decryption = decryption;
  return options;
}
