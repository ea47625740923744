import { createCipheriv, randomBytes } from 'node:crypto';
import t from 'tap';
import { decryptCtrModule, decryptGcmModule, verifyGcmSignature } from '../../../src/parquet/encryption/ciphers.js';

/** Serializes a module as Encryption.md 5.1 lays it out: length (4 LE) | nonce | ciphertext | tag. */
function gcmModule(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  const nonce = randomBytes(12);
  const cipher = createCipheriv(`aes-${key.byteLength * 8}-gcm` as 'aes-128-gcm', key, nonce);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const body = Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.byteLength);
  return Buffer.concat([length, body]);
}

function ctrModule(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const nonce = randomBytes(12);
  const iv = Buffer.concat([nonce, Buffer.from([0, 0, 0, 1])]);
  const cipher = createCipheriv(`aes-${key.byteLength * 8}-ctr` as 'aes-128-ctr', key, iv);
  const body = Buffer.concat([nonce, cipher.update(plaintext), cipher.final()]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.byteLength);
  return Buffer.concat([length, body]);
}

const plaintext = new TextEncoder().encode('a page of values, longer than one AES block of sixteen bytes');
const aad = new Uint8Array([1, 2, 3]);

t.test('GCM modules round-trip for 128, 192 and 256-bit keys, at an offset', async (t) => {
  for (const size of [16, 24, 32]) {
    const key = randomBytes(size);
    const module = gcmModule(key, plaintext, aad);
    const padded = Buffer.concat([Buffer.from([9, 9, 9]), module, Buffer.from([7])]);
    const out = decryptGcmModule(key, padded, 3, aad, 'test');
    t.same(Buffer.from(out.plaintext), Buffer.from(plaintext));
    t.equal(out.moduleLength, module.byteLength);
  }
});

t.test('GCM refuses a wrong key, a wrong AAD and a flipped bit', async (t) => {
  const key = randomBytes(16);
  const module = gcmModule(key, plaintext, aad);
  t.throws(() => decryptGcmModule(randomBytes(16), module, 0, aad, 'test'), { code: 'DECRYPTION' });
  t.throws(() => decryptGcmModule(key, module, 0, new Uint8Array([1, 2, 4]), 'test'), { code: 'DECRYPTION' });
  for (const at of [4, 20, module.byteLength - 1]) {
    const bad = Buffer.from(module);
    bad[at]! ^= 0x80;
    t.throws(() => decryptGcmModule(key, bad, 0, aad, 'test'), { code: 'DECRYPTION' }, `bit flipped at ${at}`);
  }
});

t.test('module lengths are bounded by the bytes at hand', async (t) => {
  const key = randomBytes(16);
  const module = gcmModule(key, plaintext, aad);
  t.throws(() => decryptGcmModule(key, module.subarray(0, module.byteLength - 1), 0, aad, 'x'), {
    code: 'DECRYPTION',
    message: /available/,
  });
  t.throws(() => decryptGcmModule(key, module.subarray(0, 3), 0, aad, 'x'), { code: 'DECRYPTION' });
  const tiny = new Uint8Array([27, 0, 0, 0, ...new Uint8Array(27)]);
  t.throws(() => decryptGcmModule(key, tiny, 0, aad, 'x'), { code: 'DECRYPTION' }, 'shorter than nonce + tag');
  const huge = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0]);
  t.throws(() => decryptCtrModule(key, huge, 0, 'x'), { code: 'DECRYPTION' });
});

t.test('CTR modules: IV is the nonce and a counter starting at 1', async (t) => {
  const key = randomBytes(32);
  const module = ctrModule(key, plaintext);
  const out = decryptCtrModule(key, module, 0, 'test');
  t.same(Buffer.from(out.plaintext), Buffer.from(plaintext));
  t.equal(out.moduleLength, module.byteLength);
});

t.test('keys must be AES keys', async (t) => {
  const module = gcmModule(randomBytes(16), plaintext, aad);
  t.throws(() => decryptGcmModule(new Uint8Array(15), module, 0, aad, 'x'), {
    code: 'DECRYPTION',
    message: /16, 24 or 32/,
  });
});

t.test('plaintext footer signatures', async (t) => {
  const key = randomBytes(16);
  const module = gcmModule(key, plaintext, aad);
  // The signature is the nonce and tag of the footer's encryption; the ciphertext is not stored.
  const nonce = module.subarray(4, 16);
  const tag = module.subarray(module.byteLength - 16);
  t.doesNotThrow(() => verifyGcmSignature(key, plaintext, nonce, tag, aad));
  const changed = Buffer.from(plaintext);
  changed[0]! ^= 1;
  t.throws(() => verifyGcmSignature(key, changed, nonce, tag, aad), { code: 'DECRYPTION' });
  t.throws(() => verifyGcmSignature(randomBytes(16), plaintext, nonce, tag, aad), { code: 'DECRYPTION' });
});
