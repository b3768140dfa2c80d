import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { before, describe, it } from 'node:test';
import {
  generateKeyPair,
  type EcKeyPair,
  type GeneratedEcCurve,
  type RsaKeyPair,
} from '../../../../src/crypto/index.ts';
import {
  assertPairMatches,
  bigintJwk,
  hex,
  jwkBigint,
  nodePrivateKey,
  nodePublicKey,
} from './test-keys.ts';

const CURVES: { curve: GeneratedEcCurve; crv: string; bits: number; bytes: number }[] = [
  { curve: 'P_256', crv: 'P-256', bits: 256, bytes: 32 },
  { curve: 'P_384', crv: 'P-384', bits: 384, bytes: 48 },
  { curve: 'P_521', crv: 'P-521', bits: 521, bytes: 66 },
  { curve: 'SECP256K1', crv: 'secp256k1', bits: 256, bytes: 32 },
];

describe('generateKeyPair RSA', () => {
  let rsa: RsaKeyPair;
  before(async () => {
    rsa = await generateKeyPair({ algorithm: 'RSA', lengthBits: 2048 });
  });

  it('makes a 2048-bit pair with public exponent 65537', () => {
    assert.equal(rsa.algorithm, 'RSA');
    assert.equal(rsa.lengthBits, 2048);
    const key = nodePrivateKey(rsa.privateKey.PKCS_8, 'PKCS_8');
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(key.asymmetricKeyDetails?.publicExponent, 65537n);
  });

  it('gives private and public halves of one pair in every encoding', () => {
    const privates = [
      nodePrivateKey(rsa.privateKey.PKCS_1, 'PKCS_1'),
      nodePrivateKey(rsa.privateKey.PKCS_8, 'PKCS_8'),
    ];
    const publics = [
      nodePublicKey(rsa.publicKey.PKCS_1, 'PKCS_1'),
      nodePublicKey(rsa.publicKey.X_509, 'X_509'),
    ];
    for (const privateKey of privates) {
      for (const publicKey of publics) assertPairMatches(privateKey, publicKey);
    }
    // Each encoding carries the same key.
    assert.equal(
      hex(privates[1]!.export({ format: 'der', type: 'pkcs1' })),
      hex(rsa.privateKey.PKCS_1),
    );
    assert.equal(
      hex(publics[0]!.export({ format: 'der', type: 'spki' })),
      hex(rsa.publicKey.X_509),
    );
  });

  it('gives transparent components that rebuild the same key through JWK', () => {
    const t = rsa.privateKey.transparent;
    assert.equal(t.format, 'TransparentRSAPrivateKey');
    assert.equal(t.p * t.q, t.modulus);
    assert.equal(t.publicExponent, 65537n);
    const rebuilt = createPrivateKey({
      key: {
        kty: 'RSA',
        n: bigintJwk(t.modulus),
        e: bigintJwk(t.publicExponent),
        d: bigintJwk(t.privateExponent),
        p: bigintJwk(t.p),
        q: bigintJwk(t.q),
        dp: bigintJwk(t.primeExponentP),
        dq: bigintJwk(t.primeExponentQ),
        qi: bigintJwk(t.crtCoefficient),
      },
      format: 'jwk',
    });
    assert.equal(hex(rebuilt.export({ format: 'der', type: 'pkcs1' })), hex(rsa.privateKey.PKCS_1));
    const pub = rsa.publicKey.transparent;
    assert.equal(pub.format, 'TransparentRSAPublicKey');
    assert.equal(pub.modulus, t.modulus);
    assert.equal(pub.publicExponent, t.publicExponent);
  });

  it('makes a different pair each time', async () => {
    const other = await generateKeyPair({ algorithm: 'RSA', lengthBits: 1024 });
    const again = await generateKeyPair({ algorithm: 'RSA', lengthBits: 1024 });
    assert.equal(other.lengthBits, 1024);
    assert.notEqual(other.privateKey.transparent.modulus, again.privateKey.transparent.modulus);
  });

  it('makes a 4096-bit pair (the upper bound)', async () => {
    const big = await generateKeyPair({ algorithm: 'RSA', lengthBits: 4096 });
    assert.equal(big.privateKey.transparent.modulus.toString(2).length, 4096);
    assertPairMatches(
      nodePrivateKey(big.privateKey.PKCS_1, 'PKCS_1'),
      nodePublicKey(big.publicKey.X_509, 'X_509'),
    );
  });

  it('refuses lengths under 1024 as weak with KW_CRYPTO_INVALID_LENGTH', async () => {
    for (const lengthBits of [512, 768, 1016]) {
      await assert.rejects(generateKeyPair({ algorithm: 'RSA', lengthBits }), {
        code: 'KW_CRYPTO_INVALID_LENGTH',
        algorithm: 'RSA',
        length: lengthBits,
      });
    }
  });

  it('refuses lengths over 4096, not a multiple of 8, or not integers', async () => {
    for (const lengthBits of [4104, 8192, 2047, 2050, 2048.5, Number.NaN, -2048]) {
      await assert.rejects(generateKeyPair({ algorithm: 'RSA', lengthBits }), {
        code: 'KW_CRYPTO_INVALID_LENGTH',
      });
    }
  });
});

describe('generateKeyPair EC', () => {
  const pairs = new Map<GeneratedEcCurve, EcKeyPair>();
  before(async () => {
    for (const { curve } of CURVES)
      pairs.set(curve, await generateKeyPair({ algorithm: 'EC', curve }));
  });

  for (const { curve, crv, bits, bytes } of CURVES) {
    it(`makes a ${curve} pair whose encodings are halves of one key`, () => {
      const pair = pairs.get(curve)!;
      assert.equal(pair.algorithm, 'EC');
      assert.equal(pair.curve, curve);
      assert.equal(pair.lengthBits, bits);
      const sec1 = nodePrivateKey(pair.privateKey.ECPrivateKey, 'ECPrivateKey');
      const pkcs8 = nodePrivateKey(pair.privateKey.PKCS_8, 'PKCS_8');
      const spki = nodePublicKey(pair.publicKey.X_509, 'X_509');
      assertPairMatches(sec1, spki);
      assertPairMatches(pkcs8, spki);
    });

    it(`gives ${curve} transparent D and Q that rebuild the key through JWK`, () => {
      const pair = pairs.get(curve)!;
      const { d, recommendedCurve } = pair.privateKey.transparent;
      const { qString } = pair.publicKey.transparent;
      assert.equal(recommendedCurve, curve);
      assert.equal(pair.publicKey.transparent.recommendedCurve, curve);
      assert.equal(qString.length, 1 + 2 * bytes);
      assert.equal(qString[0], 0x04, 'uncompressed point');
      const jwk = nodePrivateKey(pair.privateKey.PKCS_8, 'PKCS_8').export({ format: 'jwk' });
      assert.equal(d, jwkBigint(jwk.d));
      const rebuilt = createPrivateKey({
        key: {
          kty: 'EC',
          crv,
          d: bigintJwk(d, bytes),
          x: Buffer.from(qString.subarray(1, 1 + bytes)).toString('base64url'),
          y: Buffer.from(qString.subarray(1 + bytes)).toString('base64url'),
        },
        format: 'jwk',
      });
      assert.equal(
        hex(rebuilt.export({ format: 'der', type: 'sec1' })),
        hex(pair.privateKey.ECPrivateKey),
      );
      assertPairMatches(rebuilt, nodePublicKey(pair.publicKey.X_509, 'X_509'));
    });
  }

  it('makes a different pair each time', async () => {
    const a = await generateKeyPair({ algorithm: 'EC', curve: 'P_256' });
    assert.notEqual(a.privateKey.transparent.d, pairs.get('P_256')!.privateKey.transparent.d);
  });

  it('refuses curves it does not generate on with KW_CRYPTO_UNSUPPORTED_ALGORITHM', async () => {
    for (const curve of [
      'P_224',
      'P_192',
      'BRAINPOOLP256R1',
      'secp256k1',
      'P-256',
      'prime256v1',
      'CURVE25519',
    ]) {
      await assert.rejects(generateKeyPair({ algorithm: 'EC', curve: curve as GeneratedEcCurve }), {
        code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
        algorithm: curve,
      });
    }
  });
});

describe('generateKeyPair Ed25519', () => {
  it('makes a 256-bit pair in PKCS_8 and X_509', async () => {
    const pair = await generateKeyPair({ algorithm: 'Ed25519' });
    assert.equal(pair.lengthBits, 256);
    // RFC 8410 §7/§10: a 48-byte PrivateKeyInfo and a 44-byte SubjectPublicKeyInfo.
    assert.equal(pair.privateKey.PKCS_8.length, 48);
    assert.equal(pair.publicKey.X_509.length, 44);
    const privateKey = nodePrivateKey(pair.privateKey.PKCS_8, 'PKCS_8');
    assert.equal(privateKey.asymmetricKeyType, 'ed25519');
    assertPairMatches(privateKey, nodePublicKey(pair.publicKey.X_509, 'X_509'));
    assertPairMatches(privateKey, createPublicKey(privateKey));
    const other = await generateKeyPair({ algorithm: 'Ed25519' });
    assert.notEqual(hex(other.privateKey.PKCS_8), hex(pair.privateKey.PKCS_8));
  });
});

describe('generateKeyPair with an unknown algorithm', () => {
  it('rejects with KW_CRYPTO_UNSUPPORTED_ALGORITHM', async () => {
    for (const algorithm of ['ECDSA', 'Ed448', 'rsa', 'dsa']) {
      await assert.rejects(generateKeyPair({ algorithm } as never), {
        code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
        algorithm,
      });
    }
  });
});

describe('generateKeyPair DSA', () => {
  it('1024/160 and 2048/224: PKCS#8 and SPKI Node reads, Transparent forms of the same key', async () => {
    for (const [lengthBits, divisorBits] of [
      [1024, undefined],
      [2048, 224],
    ] as const) {
      const pair = await generateKeyPair({
        algorithm: 'DSA',
        lengthBits,
        ...(divisorBits === undefined ? {} : { divisorBits }),
      });
      const expectedQ = divisorBits ?? 160;
      assert.equal(pair.lengthBits, lengthBits);
      assert.equal(pair.divisorBits, expectedQ);
      const priv = nodePrivateKey(pair.privateKey.PKCS_8, 'PKCS_8');
      const pub = nodePublicKey(pair.publicKey.X_509, 'X_509');
      assert.deepEqual(priv.asymmetricKeyDetails, {
        modulusLength: lengthBits,
        divisorLength: expectedQ,
      });
      assertPairMatches(priv, pub);
      const { p, q, g, x } = pair.privateKey.transparent;
      assert.equal(p.toString(2).length, lengthBits);
      assert.equal(q.toString(2).length, expectedQ);
      assert.ok(x > 0n && x < q);
      assert.deepEqual(
        { p, q, g },
        {
          p: pair.publicKey.transparent.p,
          q: pair.publicKey.transparent.q,
          g: pair.publicKey.transparent.g,
        },
      );
    }
  });

  it('refuses sizes outside FIPS 186-4 (L, N) pairs with KW_CRYPTO_INVALID_LENGTH', async () => {
    for (const spec of [
      { lengthBits: 512 },
      { lengthBits: 1536 },
      { lengthBits: 4096 },
      { lengthBits: 1024, divisorBits: 256 },
      { lengthBits: 3072, divisorBits: 224 },
    ]) {
      await assert.rejects(generateKeyPair({ algorithm: 'DSA', ...spec }), {
        code: 'KW_CRYPTO_INVALID_LENGTH',
        algorithm: 'DSA',
      });
    }
  });
});
