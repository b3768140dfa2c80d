import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  verify as nodeVerify,
} from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { privateKeyFromTransparentForm } from '../../../../src/crypto/index.ts';
import { sign, verify } from '../../../../src/crypto/signatures/sign.ts';
import { BL_PRIVATE } from '../keygen/dsa-fixtures.ts';

const message = new TextEncoder().encode('KMIP Sign request payload');
const pair = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
const pkcs8 = new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }));
const spki = new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }));
const privateKey = { der: pkcs8, format: 'PKCS_8' as const };
const publicKey = { der: spki, format: 'X_509' as const };

describe('DSA sign and verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-dsa-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [hash, openssl] of [
    ['SHA_1', '-sha1'],
    ['SHA_224', '-sha224'],
    ['SHA_256', '-sha256'],
    ['SHA_384', '-sha384'],
    ['SHA_512', '-sha512'],
  ] as const) {
    it(`DSA-2048 with ${hash}: a DER signature OpenSSL verifies, and we verify it`, () => {
      const signature = sign({ algorithm: 'DSA', hash, key: privateKey, data: message });
      assert.equal(signature[0], 0x30, 'DER Dss-Sig-Value (RFC 3279 §2.2.2)');
      assert.equal(
        verify({ algorithm: 'DSA', hash, key: publicKey, data: message, signature }),
        true,
      );
      const changed = new Uint8Array(message);
      changed[0] = (changed[0] ?? 0) ^ 1;
      assert.equal(
        verify({ algorithm: 'DSA', hash, key: publicKey, data: changed, signature }),
        false,
      );
      writeFileSync(join(dir, 'msg'), message);
      writeFileSync(join(dir, 'pub.der'), spki);
      writeFileSync(join(dir, 'sig'), signature);
      const checked = spawnSync('openssl', [
        'dgst',
        openssl,
        '-verify',
        join(dir, 'pub.der'),
        '-keyform',
        'DER',
        '-signature',
        join(dir, 'sig'),
        join(dir, 'msg'),
      ]);
      assert.equal(checked.status, 0, checked.stderr.toString());
    });
  }

  it('verifies a signature `openssl dgst -sign` made with a DSA key', () => {
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    writeFileSync(join(dir, 'msg'), message);
    const made = spawnSync('openssl', ['dgst', '-sha256', '-sign', keyFile, join(dir, 'msg')]);
    assert.equal(made.status, 0, made.stderr.toString());
    const signature = new Uint8Array(made.stdout);
    assert.equal(
      verify({ algorithm: 'DSA', hash: 'SHA_256', key: publicKey, data: message, signature }),
      true,
    );
  });

  it('the 512-bit BL-M-13 key signs under a policy that allows it, and the default policy refuses it', () => {
    const der = privateKeyFromTransparentForm(BL_PRIVATE, 'PKCS_8');
    const key = { der, format: 'PKCS_8' as const };
    assert.throws(() => sign({ algorithm: 'DSA', key, data: message }), {
      code: 'KW_CRYPTO_POLICY',
    });
    const policy = { allowLegacy: false, minSecurityBits: 0 };
    const signature = sign({ algorithm: 'DSA', hash: 'SHA_1', key, data: message, policy });
    const node = createPublicKey(
      createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }),
    );
    assert.equal(nodeVerify('sha1', message, node, signature), true);
  });

  it('DSA-1024 (80-bit strength) is below the default 112-bit policy', () => {
    const weak = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
    assert.throws(() => sign({ algorithm: 'DSA', key: weak.privateKey, data: message }), {
      code: 'KW_CRYPTO_POLICY',
    });
  });

  it('over a given digest: verifies (leftmost N bits, FIPS 186-4 §4.6), signing is Feature Not Supported', () => {
    for (const [hash, node] of [
      ['SHA_1', 'sha1'],
      ['SHA_256', 'sha256'],
      ['SHA_512', 'sha512'], // 512 bits cut to the 256 of Q
    ] as const) {
      const signature = sign({ algorithm: 'DSA', hash, key: privateKey, data: message });
      const digest = new Uint8Array(createHash(node).update(message).digest());
      const check = (d: Uint8Array, sig = signature) =>
        verify({ algorithm: 'DSA', hash, key: publicKey, digest: d, signature: sig });
      assert.equal(check(digest), true, hash);
      const changed = digest.slice();
      changed[0] = (changed[0] ?? 0) ^ 0x80;
      assert.equal(check(changed), false);
      const badSignature = signature.slice();
      badSignature[badSignature.length - 1] = (badSignature.at(-1) ?? 0) ^ 1;
      assert.equal(check(digest, badSignature), false);
    }
    const digest = new Uint8Array(createHash('sha256').update(message).digest());
    assert.throws(() => sign({ algorithm: 'DSA', hash: 'SHA_256', key: privateKey, digest }), {
      code: 'KW_CRYPTO_UNSUPPORTED_FEATURE',
      feature: 'dsa-sign-digest',
    });
    assert.throws(
      () =>
        verify({
          algorithm: 'DSA',
          hash: 'SHA_256',
          key: publicKey,
          digest: digest.subarray(0, 20),
          signature: new Uint8Array(8),
        }),
      { code: 'KW_CRYPTO_PARAMETER' },
    );
  });

  it('verifies an OpenSSL signature over a digest made with `openssl pkeyutl -sign`', () => {
    const keyFile = join(dir, 'key-digest.pem');
    writeFileSync(keyFile, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const digest = new Uint8Array(createHash('sha256').update(message).digest());
    writeFileSync(join(dir, 'digest'), digest);
    const made = spawnSync('openssl', [
      'pkeyutl',
      '-sign',
      '-inkey',
      keyFile,
      '-in',
      join(dir, 'digest'),
    ]);
    assert.equal(made.status, 0, made.stderr.toString());
    const signature = new Uint8Array(made.stdout);
    assert.equal(
      verify({ algorithm: 'DSA', hash: 'SHA_256', key: publicKey, digest, signature }),
      true,
    );
  });

  it('a DSA key is not an ECDSA or RSA key, and a garbage signature verifies false', () => {
    assert.throws(() => sign({ algorithm: 'ECDSA', key: privateKey, data: message }), {
      code: 'KW_CRYPTO_UNSUPPORTED_CIPHER',
    });
    assert.throws(
      () =>
        sign({ algorithm: 'DSA', key: generateKeyPairSync('ed25519').privateKey, data: message }),
      {
        code: 'KW_CRYPTO_UNSUPPORTED_CIPHER',
      },
    );
    const signature = new Uint8Array(64).fill(0x30);
    assert.equal(verify({ algorithm: 'DSA', key: publicKey, data: message, signature }), false);
  });
});
