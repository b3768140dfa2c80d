import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { decryptRsa, encryptRsa } from '../../../../src/crypto/ciphers/rsa-encrypt.ts';
import { decryptOaep, encryptOaep } from '../../../../src/crypto/rsa/eme-oaep.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const secret = new TextEncoder().encode('key material to transport');
const label = new TextEncoder().encode('Kilroy was here');

describe('RSAES-OAEP encoding (eme-oaep.ts)', () => {
  it('with MGF1 on the label hash it matches OpenSSL both ways', () => {
    const p = { hash: 'SHA_384', mgf1Hash: 'SHA_384', label } as const;
    const ours = encryptOaep(rsa.publicKey, p, secret);
    const node = { key: rsa.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING };
    assert.deepEqual(
      new Uint8Array(privateDecrypt({ ...node, oaepHash: 'sha384', oaepLabel: label }, ours)),
      secret,
    );
    const theirs = publicEncrypt(
      {
        key: rsa.publicKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha384',
        oaepLabel: label,
      },
      secret,
    );
    assert.deepEqual(decryptOaep(rsa.privateKey, p, theirs), secret);
  });
  it('every failure is KW_CRYPTO_DECRYPT: tampered ciphertext, other label, other MGF1 hash, wrong length', () => {
    const p = { hash: 'SHA_384', mgf1Hash: 'SHA_256', label } as const;
    const c = encryptOaep(rsa.publicKey, p, secret);
    assert.deepEqual(decryptOaep(rsa.privateKey, p, c), secret);
    const tampered = Uint8Array.from(c);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    for (const [params, ciphertext] of [
      [p, tampered],
      [{ ...p, label: new Uint8Array() }, c],
      [{ ...p, mgf1Hash: 'SHA_1' }, c],
      [p, c.subarray(1)],
    ] as const) {
      assert.throws(() => decryptOaep(rsa.privateKey, params, ciphertext), {
        code: 'KW_CRYPTO_DECRYPT',
      });
    }
  });
  it('the longest message fits (k − 2·hLen − 2 bytes); one more is KW_CRYPTO_PARAMETER', () => {
    const p = { hash: 'SHA_512', mgf1Hash: 'SHA_1' } as const;
    const longest = new Uint8Array(256 - 2 * 64 - 2).fill(7);
    const c = encryptOaep(rsa.publicKey, p, longest);
    assert.deepEqual(decryptOaep(rsa.privateKey, p, c), longest);
    assert.deepEqual(
      decryptOaep(rsa.privateKey, p, encryptOaep(rsa.publicKey, p, new Uint8Array())),
      new Uint8Array(),
    );
    assert.throws(() => encryptOaep(rsa.publicKey, p, new Uint8Array(longest.length + 1)), {
      code: 'KW_CRYPTO_PARAMETER',
    });
  });
});

describe('encryptRsa/decryptRsa with a Mask Generator Hashing Algorithm other than the OAEP hash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-oaep-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const oaepOpts = [
    '-pkeyopt',
    'rsa_padding_mode:oaep',
    '-pkeyopt',
    'rsa_oaep_md:sha384',
    '-pkeyopt',
    'rsa_mgf1_md:sha256',
    '-pkeyopt',
    `rsa_oaep_label:${Buffer.from(label).toString('hex')}`,
  ];
  const p = { padding: 'OAEP', hash: 'SHA_384', mgf1Hash: 'SHA_256', label };
  it('issue #6 (CS-AC-M-OAEP-7..10): SHA-384 with MGF1-SHA-256 round-trips and interoperates with openssl pkeyutl', () => {
    const c = encryptRsa({ ...p, key: rsa.publicKey, data: secret });
    assert.deepEqual(decryptRsa({ ...p, key: rsa.privateKey, data: c }), secret);
    const inFile = join(dir, 'ours');
    writeFileSync(inFile, c);
    const dec = spawnSync('openssl', [
      'pkeyutl',
      '-decrypt',
      '-inkey',
      keyFile,
      '-in',
      inFile,
      ...oaepOpts,
    ]);
    assert.equal(dec.status, 0, dec.stderr.toString());
    assert.deepEqual(new Uint8Array(dec.stdout), secret);
    const plainFile = join(dir, 'plain');
    const outFile = join(dir, 'theirs');
    writeFileSync(plainFile, secret);
    const enc = spawnSync('openssl', [
      'pkeyutl',
      '-encrypt',
      '-inkey',
      keyFile,
      '-in',
      plainFile,
      '-out',
      outFile,
      ...oaepOpts,
    ]);
    assert.equal(enc.status, 0, enc.stderr.toString());
    const theirs = new Uint8Array(readFileSync(outFile));
    assert.deepEqual(decryptRsa({ ...p, key: rsa.privateKey, data: theirs }), secret);
  });
  it('an unknown MGF1 hash is KW_CRYPTO_UNSUPPORTED_CIPHER', () => {
    assert.throws(
      () => encryptRsa({ ...p, mgf1Hash: 'SHA3_256', key: rsa.publicKey, data: secret }),
      {
        code: 'KW_CRYPTO_UNSUPPORTED_CIPHER',
      },
    );
  });
});
