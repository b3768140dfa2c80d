import assert from 'node:assert/strict';
import {
  createECDH,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CURVE_PARAMS } from '../../../../src/crypto/signatures/ec-curve-params.ts';
import {
  isOnCurve,
  multiplyGenerator,
  parseEcdsaSignature,
  verifyEcdsaDigest,
} from '../../../../src/crypto/signatures/ecdsa-digest.ts';
import { sign, verify } from '../../../../src/crypto/signatures/sign.ts';

const NODE_HASH = { SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
const sha = (hash: keyof typeof NODE_HASH, data: Uint8Array): Uint8Array =>
  new Uint8Array(createHash(NODE_HASH[hash]).update(data).digest());
const message = new TextEncoder().encode('sample');

/** DER Ecdsa-Sig-Value of a raw r || s. */
function derOf(raw: Uint8Array): Uint8Array {
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
  return new Uint8Array(Buffer.concat([Buffer.from([0x30]), len, seq]));
}

function publicKeyOf(curve: string, privateHex: string) {
  const ecdh = createECDH(curve);
  ecdh.setPrivateKey(Buffer.from(privateHex, 'hex'));
  const point = ecdh.getPublicKey();
  const size = (point.length - 1) / 2;
  const jwkCurve = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[curve];
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: jwkCurve,
      x: point.subarray(1, 1 + size).toString('base64url'),
      y: point.subarray(1 + size).toString('base64url'),
    },
    format: 'jwk',
  });
}

describe('curve data (ec-curve-params.ts)', () => {
  for (const [name, c] of Object.entries(CURVE_PARAMS)) {
    it(`${name}: the generator is on the curve and n·G is the point at infinity`, () => {
      assert.equal(isOnCurve(c, c.gx, c.gy), true);
      assert.equal(multiplyGenerator(c, c.n), undefined);
      assert.deepEqual(multiplyGenerator(c, c.n + 1n), { x: c.gx, y: c.gy });
    });
  }
});

describe('verifyEcdsaDigest: RFC 6979 A.2.5–A.2.7 vectors', () => {
  const { vectors } = JSON.parse(
    readFileSync(new URL('../../../fixtures/crypto/ecdsa-rfc6979.json', import.meta.url), 'utf8'),
  ) as {
    vectors: { curve: string; x: string; hash: keyof typeof NODE_HASH; signature: string }[];
  };
  for (const v of vectors) {
    it(`${v.curve} with ${v.hash} (digest truncated or not to the order's bits)`, () => {
      const key = publicKeyOf(v.curve, v.x);
      const der = derOf(new Uint8Array(Buffer.from(v.signature, 'hex')));
      // The transcription is right: OpenSSL accepts the vector.
      assert.equal(nodeVerify(NODE_HASH[v.hash], message, key, der), true);
      assert.equal(verifyEcdsaDigest(key, sha(v.hash, message), der), true);
      assert.equal(
        verifyEcdsaDigest(key, sha(v.hash, new TextEncoder().encode('test')), der),
        false,
      );
    });
  }
});

describe('verifyEcdsaDigest against node signatures', () => {
  for (const curve of ['P-256', 'P-384', 'P-521', 'secp256k1'] as const) {
    it(`${curve}: valid for the digest, invalid for another digest`, () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      for (const hash of ['SHA_1', 'SHA_256', 'SHA_512'] as const) {
        const signature = new Uint8Array(nodeSign(NODE_HASH[hash], message, privateKey));
        const d = sha(hash, message);
        assert.equal(verifyEcdsaDigest(publicKey, d, signature), true);
        const other = Uint8Array.from(d);
        other[0] = (other[0] ?? 0) ^ 1; // the leftmost bits: those the order keeps
        assert.equal(verifyEcdsaDigest(publicKey, other, signature), false);
      }
    });
  }
  it('rejects malformed DER, r or s out of range, and non-minimal integers', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const d = sha('SHA_256', message);
    const good = new Uint8Array(nodeSign('sha256', message, privateKey));
    assert.equal(verifyEcdsaDigest(publicKey, d, good.subarray(0, good.length - 1)), false);
    assert.equal(
      verifyEcdsaDigest(publicKey, d, new Uint8Array([0x30, 0x06, 2, 1, 0, 2, 1, 1])),
      false,
    );
    assert.equal(parseEcdsaSignature(new Uint8Array([0x30, 0x07, 2, 2, 0, 1, 2, 1, 1])), undefined);
    assert.equal(parseEcdsaSignature(new Uint8Array([0x30, 0x06, 2, 1, 0x81, 2, 1, 1])), undefined);
    const n = CURVE_PARAMS.prime256v1?.n ?? 0n;
    const nBytes = Buffer.from(`00${n.toString(16)}`, 'hex');
    const der = Buffer.concat([
      Buffer.from([0x30, nBytes.length + 5, 2, nBytes.length]),
      nBytes,
      Buffer.from([2, 1, 1]),
    ]);
    assert.equal(verifyEcdsaDigest(publicKey, d, new Uint8Array(der)), false);
  });
});

describe('sign()/verify() with an ECDSA digest', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  it('verify() checks a node signature over the given digest', () => {
    const signature = new Uint8Array(nodeSign('sha384', message, privateKey));
    const d = sha('SHA_384', message);
    const p = { algorithm: 'ECDSA', key: publicKey, digest: d, signature };
    assert.equal(verify(p), true);
    assert.equal(verify({ ...p, hash: 'SHA_384' }), true);
    assert.equal(verify({ ...p, digest: sha('SHA_384', new Uint8Array(1)) }), false);
    assert.throws(() => verify({ ...p, hash: 'SHA_256' }), { code: 'KW_CRYPTO_PARAMETER' });
  });
  it('issue #6: sign() signs a given digest; verify() and OpenSSL accept the signature', () => {
    const d = sha('SHA_384', message);
    const signature = sign({ algorithm: 'ECDSA', key: privateKey, digest: d });
    assert.equal(verify({ algorithm: 'ECDSA', key: publicKey, digest: d, signature }), true);
    assert.equal(nodeVerify('sha384', message, publicKey, signature), true);
  });
});
