import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  createECDH,
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { signEcdsaDigest } from '../../../../src/crypto/signatures/ecdsa-sign-digest.ts';
import { sign, verify } from '../../../../src/crypto/signatures/sign.ts';

const NODE_HASH = {
  SHA_1: 'sha1',
  SHA_224: 'sha224',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
} as const;
type HashName = keyof typeof NODE_HASH;
const sha = (hash: HashName, data: Uint8Array | string): Uint8Array =>
  new Uint8Array(createHash(NODE_HASH[hash]).update(data).digest());
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** DER Ecdsa-Sig-Value (RFC 3279 §2.2.3) of a raw r || s. */
function derOf(raw: Uint8Array): string {
  const half = raw.length / 2;
  const int = (b: Uint8Array): Buffer => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const body = Buffer.from(b.subarray(i));
    const value = (body[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body;
    return Buffer.concat([Buffer.from([0x02, value.length]), value]);
  };
  const seq = Buffer.concat([int(raw.subarray(0, half)), int(raw.subarray(half))]);
  const len = seq.length < 0x80 ? Buffer.from([seq.length]) : Buffer.from([0x81, seq.length]);
  return Buffer.concat([Buffer.from([0x30]), len, seq]).toString('hex');
}

const JWK_CURVE: Record<string, string> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

/** The private key with scalar `privateHex` on `curve` (OpenSSL name). */
function privateKeyOf(curve: string, privateHex: string): KeyObject {
  const ecdh = createECDH(curve);
  ecdh.setPrivateKey(Buffer.from(privateHex, 'hex'));
  const point = ecdh.getPublicKey();
  const size = (point.length - 1) / 2;
  return createPrivateKey({
    key: {
      kty: 'EC',
      crv: JWK_CURVE[curve],
      d: ecdh.getPrivateKey().toString('base64url'),
      x: point.subarray(1, 1 + size).toString('base64url'),
      y: point.subarray(1 + size).toString('base64url'),
    },
    format: 'jwk',
  });
}

describe('signEcdsaDigest: RFC 6979 A.2.5–A.2.7 known answers', () => {
  const { vectors } = JSON.parse(
    readFileSync(new URL('../../../fixtures/crypto/ecdsa-rfc6979.json', import.meta.url), 'utf8'),
  ) as { vectors: { curve: string; x: string; hash: HashName; signature: string }[] };
  for (const v of vectors) {
    it(`${v.curve} with ${v.hash}, message "sample": the deterministic signature of the RFC`, () => {
      const key = privateKeyOf(v.curve, v.x);
      const signature = signEcdsaDigest(key, sha(v.hash, 'sample'), v.hash);
      assert.equal(hex(signature), derOf(new Uint8Array(Buffer.from(v.signature, 'hex'))));
    });
  }
  it('A.2.5 P-256 with SHA-256, message "test" (through sign(), the KMIP entry point)', () => {
    const key = privateKeyOf(
      'prime256v1',
      'C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721',
    );
    const r = 'F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367';
    const s = '019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083';
    const signature = sign({
      algorithm: 'ECDSA',
      hash: 'SHA_256',
      key,
      digest: sha('SHA_256', 'test'),
    });
    assert.equal(hex(signature), derOf(new Uint8Array(Buffer.from(r + s, 'hex'))));
  });
});

describe('sign() over a digest, verified over the message by OpenSSL (node:crypto)', () => {
  const message = new TextEncoder().encode('a message whose digest the client computed');
  for (const curve of ['P-256', 'P-384', 'P-521', 'secp256k1'] as const) {
    it(`${curve}: every hash; the signature is DER and deterministic`, () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const pkcs8 = new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }));
      for (const hash of Object.keys(NODE_HASH) as HashName[]) {
        const digest = sha(hash, message);
        const signature = sign({
          algorithm: 'ECDSA',
          hash,
          key: { der: pkcs8, format: 'PKCS_8' },
          digest,
        });
        assert.equal(signature[0], 0x30, 'DER SEQUENCE');
        assert.ok(nodeVerify(NODE_HASH[hash], message, publicKey, signature), `${curve} ${hash}`);
        assert.equal(verify({ algorithm: 'ECDSA', key: publicKey, digest, signature }), true);
        const again = sign({ algorithm: 'ECDSA', hash, key: privateKey, digest });
        assert.deepEqual(again, signature);
      }
    });
  }
  it('leaves the caller’s digest and key bytes as they were', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = new Uint8Array(privateKey.export({ format: 'der', type: 'sec1' }));
    const derCopy = Uint8Array.from(der);
    const digest = sha('SHA_256', message);
    const digestCopy = Uint8Array.from(digest);
    sign({ algorithm: 'ECDSA', key: { der, format: 'ECPrivateKey' }, digest });
    assert.deepEqual(der, derCopy);
    assert.deepEqual(digest, digestCopy);
  });
});

describe('sign() over a digest, verified independently', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-ecdsa-digest-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('openssl pkeyutl -verify accepts signatures of a SHA-384 digest and of a 16-byte value', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    writeFileSync(join(dir, 'pub.pem'), publicKey.export({ format: 'pem', type: 'spki' }));
    // The OASIS TC-ECDSA-SIGN-DIGESTEDDATA cases sign 16 bytes with no hash named.
    const digests = [
      sha('SHA_384', 'sample'),
      Buffer.from('01020304050607080910111213141516', 'hex'),
    ];
    for (const [i, digest] of digests.entries()) {
      const signature = sign({ algorithm: 'ECDSA', key: privateKey, digest });
      writeFileSync(join(dir, `in${i}`), digest);
      writeFileSync(join(dir, `sig${i}`), signature);
      const run = spawnSync('openssl', [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        join(dir, 'pub.pem'),
        '-in',
        join(dir, `in${i}`),
        '-sigfile',
        join(dir, `sig${i}`),
      ]);
      assert.equal(run.status, 0, run.stderr.toString());
      assert.match(run.stdout.toString(), /Signature Verified Successfully/);
    }
  });

  it('pyca/cryptography verifies with Prehashed (SHA-512 digest truncated to P-256’s order)', () => {
    const cases = (['P-256', 'P-521'] as const).map((curve) => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const digest = sha('SHA_512', 'prehashed');
      const signature = sign({ algorithm: 'ECDSA', hash: 'SHA_512', key: privateKey, digest });
      return {
        spki: hex(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }))),
        digest: hex(digest),
        signature: hex(signature),
      };
    });
    const script = [
      'import json, sys',
      'from cryptography.hazmat.primitives import hashes, serialization',
      'from cryptography.hazmat.primitives.asymmetric import ec, utils',
      'out = []',
      'for c in json.load(sys.stdin):',
      '    key = serialization.load_der_public_key(bytes.fromhex(c["spki"]))',
      '    algorithm = ec.ECDSA(utils.Prehashed(hashes.SHA512()))',
      '    key.verify(bytes.fromhex(c["signature"]), bytes.fromhex(c["digest"]), algorithm)',
      '    out.append(True)',
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(cases) });
    assert.equal(run.status, 0, run.stderr.toString());
    assert.deepEqual(JSON.parse(run.stdout.toString()), [true, true]);
  });
});

describe('sign() over a digest: refusals', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  it('an empty digest or one longer than 64 bytes is KW_CRYPTO_PARAMETER', () => {
    for (const length of [0, 65]) {
      assert.throws(
        () => sign({ algorithm: 'ECDSA', key: ec.privateKey, digest: new Uint8Array(length) }),
        { code: 'KW_CRYPTO_PARAMETER' },
      );
    }
  });
  it('a digest whose length is not the named hash’s is KW_CRYPTO_PARAMETER', () => {
    assert.throws(
      () =>
        sign({
          algorithm: 'ECDSA',
          hash: 'SHA_256',
          key: ec.privateKey,
          digest: new Uint8Array(20),
        }),
      { code: 'KW_CRYPTO_PARAMETER' },
    );
  });
  it('an unknown hash is KW_CRYPTO_UNSUPPORTED_CIPHER', () => {
    assert.throws(
      () =>
        sign({ algorithm: 'ECDSA', hash: 'MD5', key: ec.privateKey, digest: new Uint8Array(16) }),
      { code: 'KW_CRYPTO_UNSUPPORTED_CIPHER' },
    );
  });
  it('an RSA or Ed25519 key asked for ECDSA is KW_CRYPTO_UNSUPPORTED_CIPHER', () => {
    for (const type of ['rsa', 'ed25519'] as const) {
      const { privateKey } =
        type === 'rsa'
          ? generateKeyPairSync('rsa', { modulusLength: 2048 })
          : generateKeyPairSync('ed25519');
      assert.throws(
        () => sign({ algorithm: 'ECDSA', key: privateKey, digest: new Uint8Array(32) }),
        { code: 'KW_CRYPTO_UNSUPPORTED_CIPHER' },
      );
    }
  });
  it('a public key cannot sign: KW_CRYPTO_PARAMETER', () => {
    assert.throws(() => signEcdsaDigest(ec.publicKey, new Uint8Array(32), undefined), {
      code: 'KW_CRYPTO_PARAMETER',
    });
  });
  it('a curve outside P-256/384/521 and secp256k1 (P-224) is KW_CRYPTO_UNSUPPORTED_FEATURE', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-224' });
    assert.throws(() => sign({ algorithm: 'ECDSA', key: privateKey, digest: new Uint8Array(28) }), {
      code: 'KW_CRYPTO_UNSUPPORTED_FEATURE',
    });
  });
});
