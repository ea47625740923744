// Where decryption keys come from: explicit keys given by the caller, else a key retriever that turns the
// key_metadata stored in the file (Encryption.md 4.3: a key id, wrapped key material, ...) into a key.
import { ParquetError } from '../errors.js';
import { aesName } from './ciphers.js';

/** A key or AAD prefix: bytes, or a string taken as its UTF-8 bytes (e.g. the 16 ASCII bytes "0123456789012345"). */
export type KeyBytes = Uint8Array | string;

/**
 * Turns a key's metadata (stored in the file by the writer) into the key; `columnPath` is the dotted column path
 * for column keys, undefined for the footer key. Returns undefined when it has no key for it.
 */
export type KeyRetriever = (keyMetadata: Uint8Array | undefined, columnPath?: string) => Uint8Array | undefined;

/** How to decrypt a file written with Parquet modular encryption. */
export interface DecryptionOptions {
  /** Key of the footer (encrypted footer, or the signature of a plaintext footer), and of columns encrypted with it. */
  footerKey?: KeyBytes;
  /** Keys of columns encrypted with their own key, by dotted column path (e.g. `double_field`, `a.b.c`). */
  columnKeys?: Readonly<Record<string, KeyBytes>>;
  /** Asked for every key not given above, with the key metadata the file stores. */
  keyRetriever?: KeyRetriever;
  /** AAD prefix of files written with one that is not stored in the file (supply_aad_prefix). */
  aadPrefix?: KeyBytes;
  /** Verify the signature of plaintext footers when the footer key is known (default true). */
  verifyFooterSignature?: boolean;
}

/** Bytes of a key or prefix given as bytes or a UTF-8 string. */
export function keyBytes(value: KeyBytes): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}

/** Resolves the footer key and column keys of one file from the caller's options. */
export class KeyResolver {
  constructor(private readonly options: DecryptionOptions) {}

  /** The footer key; throws ParquetError('DECRYPTION') when neither the options nor the retriever give one. */
  footerKey(keyMetadata: Uint8Array | undefined, purpose: string): Uint8Array {
    const key =
      this.options.footerKey !== undefined
        ? keyBytes(this.options.footerKey)
        : this.retrieve(keyMetadata, undefined, 'the footer key');
    if (!key) {
      throw new ParquetError(
        'DECRYPTION',
        `${purpose}: no footer key (give decryption.footerKey or a keyRetriever)${describeMetadata(keyMetadata)}`,
      );
    }
    return checked(key, 'footer key');
  }

  /** Whether a footer key can be had without failing (used to decide whether to verify a plaintext footer). */
  tryFooterKey(keyMetadata: Uint8Array | undefined): Uint8Array | undefined {
    if (this.options.footerKey !== undefined) return checked(keyBytes(this.options.footerKey), 'footer key');
    const key = this.retrieve(keyMetadata, undefined, 'the footer key');
    return key ? checked(key, 'footer key') : undefined;
  }

  /** The key of a column encrypted with its own key, or undefined when none is available. */
  columnKey(path: string, keyMetadata: Uint8Array | undefined): Uint8Array | undefined {
    const given = this.options.columnKeys?.[path];
    const key = given !== undefined ? keyBytes(given) : this.retrieve(keyMetadata, path, `the key of column ${path}`);
    return key ? checked(key, `key of column ${path}`) : undefined;
  }

  private retrieve(
    keyMetadata: Uint8Array | undefined,
    path: string | undefined,
    what: string,
  ): Uint8Array | undefined {
    const retriever = this.options.keyRetriever;
    if (!retriever) return undefined;
    let key: Uint8Array | undefined;
    try {
      key = retriever(keyMetadata, path);
    } catch (err) {
      throw new ParquetError(
        'DECRYPTION',
        `keyRetriever failed for ${what}: ${(err as Error).message}`,
        {},
        {
          cause: err,
        },
      );
    }
    if (key !== undefined && !(key instanceof Uint8Array)) {
      throw new ParquetError('DECRYPTION', `keyRetriever returned ${typeof key} for ${what}, not a Uint8Array`);
    }
    return key;
  }
}

function checked(key: Uint8Array, what: string): Uint8Array {
  try {
    aesName(key);
  } catch (err) {
    throw new ParquetError('DECRYPTION', `${what}: ${(err as ParquetError).detail}`);
  }
  return key;
}

/** A readable hint of what the file says about a key: its id, or the kind of external key material. */
export function describeMetadata(keyMetadata: Uint8Array | undefined): string {
  if (!keyMetadata || keyMetadata.byteLength === 0) return '';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(keyMetadata);
  // parquet-mr / arrow key tools store JSON key material; external material lives in a separate file (PKMT1).
  if (text.startsWith('{') && text.includes('keyMaterialType')) {
    const external = /"internalStorage"\s*:\s*false/.test(text);
    const kind = external ? 'external key material (stored outside the file)' : 'wrapped key material';
    return `; the file's key metadata is ${kind} that needs a KMS: ${text}`;
  }
  const printable = /^[\x20-\x7e]*$/.test(text);
  return printable ? `; key metadata ${JSON.stringify(text)}` : `; key metadata of ${keyMetadata.byteLength} bytes`;
}
