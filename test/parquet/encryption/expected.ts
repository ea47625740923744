// Keys and expected contents of parquet-testing's encrypted files.
//
// Keys: parquet-testing data/README.md ("Encrypted Files"): footer key "0123456789012345" (key id "kf"), column
// double_field "1234567890123450" ("kc1"), float_field "1234567890123451" ("kc2"); AAD prefix "tester" for
// encrypt_columns_and_footer_aad (stored) and encrypt_columns_and_footer_disable_aad_storage (not stored).
//
// Values: the files were written by arrow's parquet-cpp test writer (cpp/src/parquet/encryption/
// test_encryption_util.cc, FileEncryptor::EncryptFile), one row group of 50 rows, row i holding:
//   boolean_field  i % 2 == 0
//   int32_field    i                                   (TIME_MILLIS)
//   int64_field    two values per row (repeated):      not read here, repeated columns need the nested reader
//   int96_field    the three uint32 words {i, i+1, i+2}
//   float_field    (float)i * 1.1f
//   double_field   i * 1.1111111
//   ba_field       "parquet" + 3 digits of i for even i, null for odd i
//   flba_field     10 bytes, each equal to i
// The bloom filter file (parquet-mr, 2000 rows) holds double_field i + 0.5, float_field i + 0.25f, int32_field i,
// name "name_" + i (as asserted by polars' and arrow-rs's tests of the same file).

import { createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DecryptionOptions } from '../../../src/parquet/encryption/keys.js';

export const DATA = new URL('../../../fixtures/parquet-testing/data/', import.meta.url);
export const path = (name: string): string => new URL(name, DATA).pathname;

export const FOOTER_KEY = '0123456789012345';
export const DOUBLE_KEY = '1234567890123450';
export const FLOAT_KEY = '1234567890123451';
export const AAD_PREFIX = 'tester';

/** Keys by key id, as a key retriever would find them in a KMS. */
export const KEYS_BY_ID: Record<string, string> = { kf: FOOTER_KEY, kc1: DOUBLE_KEY, kc2: FLOAT_KEY };

export const ALL_KEYS: DecryptionOptions = {
  footerKey: FOOTER_KEY,
  columnKeys: { double_field: DOUBLE_KEY, float_field: FLOAT_KEY },
};

/** Every flat column of the 50-row files (int64_field is repeated). */
export const FLAT_COLUMNS = [
  'boolean_field',
  'int32_field',
  'int96_field',
  'float_field',
  'double_field',
  'ba_field',
  'flba_field',
] as const;

export const ROWS = 50;

const JULIAN_EPOCH = 2440588n;
const MICROS_PER_DAY = 86_400_000_000n;

/** Expected value of `column` at row i, in the form `Vector.get(i)` returns it. */
export function expectedValue(column: string, i: number): unknown {
  switch (column) {
    case 'boolean_field':
      return i % 2 === 0;
    case 'int32_field':
      return i;
    case 'int96_field': {
      // Words 0 and 1 are the nanoseconds of the day (little-endian int64), word 2 the Julian day; the reader
      // converts to microseconds since the epoch (its default INT96 unit) in 64-bit arithmetic.
      const nanosOfDay = (BigInt(i + 1) << 32n) | BigInt(i);
      return BigInt.asIntN(64, (BigInt(i + 2) - JULIAN_EPOCH) * MICROS_PER_DAY + nanosOfDay / 1000n);
    }
    case 'float_field':
      return Math.fround(i * Math.fround(1.1));
    case 'double_field':
      return i * 1.1111111;
    case 'ba_field':
      return i % 2 === 0 ? new TextEncoder().encode(`parquet${String(i).padStart(3, '0')}`) : null;
    case 'flba_field':
      return new Uint8Array(10).fill(i);
    default:
      throw new Error(`no expectation for ${column}`);
  }
}

/** The master keys of the parquet-mr/arrow test KMS (InMemoryKMS / TestOnlyInServerWrapKms), by master key id. */
const MASTER_KEYS: Record<string, string> = { kf: FOOTER_KEY, kc1: DOUBLE_KEY, kc2: FLOAT_KEY };

/** AES-GCM unwrap of the key tools' wrapped keys: base64 of nonce (12) | ciphertext | tag (16), no length field. */
function unwrapKey(wrapped: string, key: Uint8Array, aad: Uint8Array): Uint8Array {
  const bytes = Buffer.from(wrapped, 'base64');
  const decipher = createDecipheriv(`aes-${key.byteLength * 8}-gcm` as 'aes-128-gcm', key, bytes.subarray(0, 12));
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.byteLength - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.byteLength - 16)), decipher.final()]);
}

/**
 * A key retriever standing in for a KMS client of parquet-mr's key tools (PKMT1 key material, double wrapping):
 * the file's key metadata names an entry of the external key material file; its data key is wrapped by a key
 * encryption key (AAD: the KEK id), itself wrapped by a master key (AAD: the master key id).
 */
export function testKmsKeyRetriever(materialFile: string): (keyMetadata: Uint8Array | undefined) => Uint8Array {
  const material = JSON.parse(readFileSync(materialFile, 'utf8')) as Record<string, string>;
  return (keyMetadata) => {
    const reference = JSON.parse(Buffer.from(keyMetadata ?? []).toString('utf8')) as { keyReference: string };
    const entry = JSON.parse(material[reference.keyReference]!) as {
      masterKeyID: string;
      wrappedKEK: string;
      keyEncryptionKeyID: string;
      wrappedDEK: string;
    };
    const master = new TextEncoder().encode(MASTER_KEYS[entry.masterKeyID]!);
    const kek = unwrapKey(entry.wrappedKEK, master, new TextEncoder().encode(entry.masterKeyID));
    return unwrapKey(entry.wrappedDEK, kek, Buffer.from(entry.keyEncryptionKeyID, 'base64'));
  };
}
