import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { digest } from '../../../../src/crypto/digest.ts';
import { sign, verify } from '../../../../src/crypto/signatures/sign.ts';

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const message = new TextEncoder().encode('KMIP Sign request payload');

describe('Ed25519 known answers (RFC 8032 §7.1)', () => {
  const { vectors } = JSON.parse(
    readFileSync(new URL('../../../fixtures/crypto/ed25519.json', import.meta.url), 'utf8'),
  ) as {
    vectors: { name: string; secret: string; public: string; message: string; signature: string }[];
  };
  for (const v of vectors) {
    it(v.name, () => {
      // RFC 8410 PKCS#8 / SPKI wrappers around the raw 32-byte keys.
      const priv = {
        der: bytes(`302e020100300506032b657004220420${v.secret}`),
        format: 'PKCS_8' as const,
      };
      const pub = { der: bytes(`302a300506032b6570032100${v.public}`), format: 'X_509' as const };
      const sig = sign({ algorithm: 'Ed25519', key: priv, data: bytes(v.message) });
      assert.equal(hex(sig), v.signature);
      assert.equal(
        verify({ algorithm: 'Ed25519', key: pub, data: bytes(v.message), signature: sig }),
        true,
      );
      assert.equal(
        verify({ algorithm: 'Ed25519', key: pub, data: bytes('00'), signature: sig }),
        false,
      );
    });
  }
});

describe('RSA and ECDSA sign/verify round trips', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  for (const hash of ['SHA_1', 'SHA_224', 'SHA_256', 'SHA_384', 'SHA_512']) {
    for (const padding of ['PKCS1V1_5', 'PSS']) {
      it(`RSA ${padding} ${hash}`, () => {
        const p = { algorithm: 'RSA', padding, hash, data: message };
        const signature = sign({ ...p, key: rsa.privateKey });
        assert.equal(verify({ ...p, key: rsa.publicKey, signature }), true);
        assert.equal(verify({ ...p, key: rsa.publicKey, data: bytes('00'), signature }), false);
      });
    }
  }
  it('RSA PKCS#1 v1.5 over a pre-computed digest equals signing the message', () => {
    const d = digest('SHA_384', message);
    const fromDigest = sign({ algorithm: 'RSA', hash: 'SHA_384', key: rsa.privateKey, digest: d });
    const fromMessage = sign({
      algorithm: 'RSA',
      hash: 'SHA_384',
      key: rsa.privateKey,
      data: message,
    });
    assert.deepEqual(fromDigest, fromMessage); // PKCS#1 v1.5 is deterministic
    assert.equal(
      verify({
        algorithm: 'RSA',
        hash: 'SHA_384',
        key: rsa.publicKey,
        digest: d,
        signature: fromMessage,
      }),
      true,
    );
    const wrong = Uint8Array.from(d);
    wrong[0] = (wrong[0] ?? 0) ^ 1;
    assert.equal(
      verify({
        algorithm: 'RSA',
        hash: 'SHA_384',
        key: rsa.publicKey,
        digest: wrong,
        signature: fromMessage,
      }),
      false,
    );
  });
  it('PSS with an explicit salt length; DER key input', () => {
    const der = new Uint8Array(rsa.privateKey.export({ format: 'der', type: 'pkcs1' }));
    const spki = new Uint8Array(rsa.publicKey.export({ format: 'der', type: 'spki' }));
    const signature = sign({
      algorithm: 'RSA',
      padding: 'PSS',
      saltLength: 0,
      key: { der, format: 'PKCS_1' },
      data: message,
    });
    const p = { algorithm: 'RSA', padding: 'PSS', data: message, signature };
    assert.equal(verify({ ...p, saltLength: 0, key: { der: spki, format: 'X_509' } }), true);
    assert.equal(verify({ ...p, saltLength: 32, key: { der: spki, format: 'X_509' } }), false);
  });
  for (const [curve, hash] of [
    ['P-256', 'SHA_256'],
    ['P-384', 'SHA_384'],
    ['P-521', 'SHA_512'],
  ] as const) {
    it(`ECDSA ${curve} ${hash}`, () => {
      const ec = generateKeyPairSync('ec', { namedCurve: curve });
      const signature = sign({ algorithm: 'ECDSA', hash, key: ec.privateKey, data: message });
      assert.equal(
        verify({ algorithm: 'ECDSA', hash, key: ec.publicKey, data: message, signature }),
        true,
      );
      assert.equal(
        verify({ algorithm: 'ECDSA', hash, key: ec.publicKey, data: bytes('00'), signature }),
        false,
      );
    });
  }
});

describe('verifying signatures made by openssl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-sig-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  it('RSA PKCS#1 v1.5 SHA-256 and ECDSA P-384 SHA-384 from `openssl dgst -sign`', () => {
    writeFileSync(join(dir, 'msg'), message);
    for (const [algorithm, hash, flag, keyArgs] of [
      [
        'RSA',
        'SHA_256',
        '-sha256',
        ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
      ],
      [
        'ECDSA',
        'SHA_384',
        '-sha384',
        ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
      ],
    ] as const) {
      const keyFile = join(dir, `${algorithm}.pem`);
      assert.equal(spawnSync('openssl', [...keyArgs, '-out', keyFile]).status, 0);
      const pub = spawnSync('openssl', ['pkey', '-in', keyFile, '-pubout', '-outform', 'DER']);
      const sig = spawnSync('openssl', ['dgst', flag, '-sign', keyFile, join(dir, 'msg')]);
      assert.equal(sig.status, 0, sig.stderr.toString());
      const key = { der: new Uint8Array(pub.stdout), format: 'X_509' as const };
      assert.equal(
        verify({ algorithm, hash, key, data: message, signature: new Uint8Array(sig.stdout) }),
        true,
      );
    }
  });
});

describe('signature bad input', () => {
  const ed = generateKeyPairSync('ed25519');
  it('algorithm must match the key; data xor digest; policy refuses RSA-1024', () => {
    assert.throws(() => sign({ algorithm: 'RSA', key: ed.privateKey, data: message }), {
      code: 'KW_CRYPTO_UNSUPPORTED_CIPHER',
    });
    assert.throws(() => sign({ algorithm: 'Ed25519', key: ed.privateKey }), {
      code: 'KW_CRYPTO_PARAMETER',
    });
    assert.throws(
      () => sign({ algorithm: 'Ed25519', key: ed.privateKey, digest: new Uint8Array(32) }),
      {
        code: 'KW_CRYPTO_PARAMETER',
      },
    );
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    assert.throws(() => sign({ algorithm: 'RSA', key: small.privateKey, data: message }), {
      code: 'KW_CRYPTO_POLICY',
    });
  });
  it('ECDSA signs a given digest (issue #6); a digest of the wrong length for its hash is refused', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const given = new Uint8Array(32).fill(7);
    const signature = sign({ algorithm: 'ECDSA', key: ec.privateKey, digest: given });
    assert.equal(verify({ algorithm: 'ECDSA', key: ec.publicKey, digest: given, signature }), true);
    assert.throws(
      () =>
        sign({
          algorithm: 'ECDSA',
          hash: 'SHA_256',
          key: ec.privateKey,
          digest: given.subarray(1),
        }),
      { code: 'KW_CRYPTO_PARAMETER' },
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    assert.throws(
      () =>
        sign({
          algorithm: 'RSA',
          hash: 'SHA_256',
          key: rsa.privateKey,
          digest: new Uint8Array(20),
        }),
      { code: 'KW_CRYPTO_PARAMETER' },
    );
  });
  it('issue #6 (CS-AC-M-3-ECC): a secp256k1 key passes the policy (128-bit) and signs', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const signature = sign({ algorithm: 'ECDSA', key: ec.privateKey, data: message });
    assert.equal(verify({ algorithm: 'ECDSA', key: ec.publicKey, data: message, signature }), true);
  });
  it('a garbage signature verifies false, not throws', () => {
    assert.equal(
      verify({
        algorithm: 'Ed25519',
        key: ed.publicKey,
        data: message,
        signature: new Uint8Array(3),
      }),
      false,
    );
  });
});
