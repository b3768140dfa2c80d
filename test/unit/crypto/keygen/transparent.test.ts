import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { ECDH, generateKeyPairSync } from 'node:crypto';
import { before, describe, it } from 'node:test';
import {
  convertPrivateKey,
  generateKeyPair,
  privateKeyFromTransparentForm,
  privateKeyToTransparentForm,
  publicKeyFromTransparentForm,
  publicKeyToTransparentForm,
  type EcCurve,
  type EcKeyPair,
  type RsaKeyPair,
  type TransparentRsaPrivateKey,
  type TransparentRsaPrivateKeyInput,
} from '../../../../src/crypto/index.ts';
import { assertPairMatches, hex, jwkBigint, nodePrivateKey, nodePublicKey } from './test-keys.ts';

let rsa: RsaKeyPair;
let full: TransparentRsaPrivateKey;
const ec = new Map<string, EcKeyPair>();

before(async () => {
  rsa = await generateKeyPair({ algorithm: 'RSA', lengthBits: 2048 });
  full = rsa.privateKey.transparent;
  for (const curve of ['P_256', 'P_384', 'P_521'] as const) {
    ec.set(curve, await generateKeyPair({ algorithm: 'EC', curve }));
  }
});

// Builds an input with only the named fields of the full key.
function partial(...fields: (keyof TransparentRsaPrivateKey)[]): TransparentRsaPrivateKeyInput {
  const out: Record<string, unknown> = {
    format: 'TransparentRSAPrivateKey',
    modulus: full.modulus,
  };
  for (const field of fields) out[field] = full[field];
  return out as unknown as TransparentRsaPrivateKeyInput;
}

describe('RSA private key Transparent form', () => {
  it('round-trips PKCS_1 → Transparent → PKCS_1 unchanged', () => {
    const t = privateKeyToTransparentForm(rsa.privateKey.PKCS_1, 'PKCS_1');
    assert.deepEqual(t, full);
    assert.equal(hex(privateKeyFromTransparentForm(t, 'PKCS_1')), hex(rsa.privateKey.PKCS_1));
    assert.equal(hex(privateKeyFromTransparentForm(t, 'PKCS_8')), hex(rsa.privateKey.PKCS_8));
  });

  // KMIP 1.4 §2.1.7.4: only the modulus is required; each of these is enough to rebuild the key.
  const sufficient: [string, (keyof TransparentRsaPrivateKey)[]][] = [
    ['both primes and e', ['p', 'q', 'publicExponent']],
    ['both primes and d', ['p', 'q', 'privateExponent']],
    ['one prime and e', ['p', 'publicExponent']],
    ['the other prime and d', ['q', 'privateExponent']],
    ['e and d only (primes recovered from n)', ['publicExponent', 'privateExponent']],
    ['everything but the CRT values', ['publicExponent', 'privateExponent', 'p', 'q']],
  ];
  for (const [name, fields] of sufficient) {
    it(`rebuilds the same key from the modulus with ${name}`, () => {
      const der = privateKeyFromTransparentForm(partial(...fields), 'PKCS_1');
      assert.equal(hex(der), hex(rsa.privateKey.PKCS_1));
    });
  }

  // RFC 8017 §3.2 lets d be any inverse of e mod λ(n); keys made elsewhere often use φ(n).
  it('accepts another private exponent that inverts e mod λ(n), such as one made mod φ(n)', () => {
    const lambda = lcm(full.p - 1n, full.q - 1n);
    const small = full.privateExponent % lambda;
    const other = small === full.privateExponent ? small + lambda : small;
    assert.notEqual(other, full.privateExponent);
    assert.ok(other < full.modulus);
    const der = privateKeyFromTransparentForm({ ...full, privateExponent: other }, 'PKCS_8');
    assertPairMatches(nodePrivateKey(der, 'PKCS_8'), nodePublicKey(rsa.publicKey.X_509, 'X_509'));
  });

  type Change = (k: TransparentRsaPrivateKey) => Partial<TransparentRsaPrivateKey>;
  const broken: [string, Change][] = [
    ['a wrong prime exponent P', (k) => ({ primeExponentP: k.primeExponentP + 2n })],
    ['a wrong prime exponent Q', () => ({ primeExponentQ: 1n })],
    ['a wrong CRT coefficient', () => ({ crtCoefficient: 3n })],
    ['a wrong private exponent', () => ({ privateExponent: 12345n })],
    ['a public exponent that does not match d', () => ({ publicExponent: 3n })],
    ['primes that do not multiply to n', () => ({ p: 1000003n })],
    ['p = q', (k) => ({ q: k.p, modulus: k.p * k.p })],
    ['an even modulus', () => ({ modulus: 2n ** 2048n })],
    ['a negative exponent', () => ({ privateExponent: -1n })],
  ];
  for (const [name, change] of broken) {
    it(`refuses ${name} with KW_CRYPTO_KEY_FORMAT`, () => {
      assert.throws(() => privateKeyFromTransparentForm({ ...full, ...change(full) }, 'PKCS_1'), {
        code: 'KW_CRYPTO_KEY_FORMAT',
        format: 'TransparentRSAPrivateKey',
      });
    });
  }

  it('refuses too few parts to rebuild the key', () => {
    for (const fields of [[], ['publicExponent'], ['primeExponentP', 'primeExponentQ']] as const) {
      assert.throws(() => privateKeyFromTransparentForm(partial(...fields), 'PKCS_1'), {
        code: 'KW_CRYPTO_KEY_FORMAT',
      });
    }
  });

  it('refuses a modulus over 16384 bits before doing any arithmetic on it', () => {
    const input = { ...partial('publicExponent', 'privateExponent'), modulus: 2n ** 16400n + 1n };
    assert.throws(() => privateKeyFromTransparentForm(input, 'PKCS_1'), {
      code: 'KW_CRYPTO_KEY_FORMAT',
    });
  });
});

describe('multi-prime RSA keys', () => {
  it('convert between DER formats but refuse the Transparent form (it has no field for a third prime)', () => {
    const der = new Uint8Array(
      execFileSync(
        'openssl',
        [
          'genpkey',
          '-algorithm',
          'RSA',
          '-pkeyopt',
          'rsa_keygen_bits:1024',
          '-pkeyopt',
          'rsa_keygen_primes:3',
          '-outform',
          'DER',
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      ),
    );
    const pkcs8 = convertPrivateKey(der, 'PKCS_1', 'PKCS_8');
    assert.equal(hex(convertPrivateKey(pkcs8, 'PKCS_8', 'PKCS_1')), hex(der));
    assert.throws(() => privateKeyToTransparentForm(der, 'PKCS_1'), {
      code: 'KW_CRYPTO_UNSUPPORTED_FORMAT',
      algorithm: 'RSA multi-prime',
    });
    // A composite "prime" passes every check on the parts (p·q = n, e·d ≡ 1 mod the λ those
    // parts imply) yet makes a key that cannot sign: the pairwise test must catch it.
    const jwk = nodePrivateKey(der, 'PKCS_1').export({ format: 'jwk' });
    const [n, p, q] = [jwk.n, jwk.p, jwk.q].map(jwkBigint) as [bigint, bigint, bigint];
    const composite = {
      format: 'TransparentRSAPrivateKey' as const,
      modulus: n,
      p: p * q,
      q: n / (p * q),
    };
    assert.throws(
      () => privateKeyFromTransparentForm({ ...composite, publicExponent: 65537n }, 'PKCS_1'),
      { code: 'KW_CRYPTO_KEY_FORMAT', format: 'TransparentRSAPrivateKey' },
    );
  });
});

describe('RSA public key Transparent form', () => {
  it('round-trips PKCS_1 and X_509 through the Transparent form', () => {
    const t = publicKeyToTransparentForm(rsa.publicKey.PKCS_1, 'PKCS_1');
    assert.deepEqual(t, rsa.publicKey.transparent);
    assert.equal(hex(publicKeyFromTransparentForm(t, 'X_509')), hex(rsa.publicKey.X_509));
    assert.equal(hex(publicKeyFromTransparentForm(t, 'PKCS_1')), hex(rsa.publicKey.PKCS_1));
  });

  it('refuses an even modulus or an exponent below 3', () => {
    const t = rsa.publicKey.transparent;
    for (const bad of [
      { ...t, modulus: t.modulus + 1n },
      { ...t, publicExponent: 1n },
      { ...t, publicExponent: t.modulus },
    ]) {
      assert.throws(() => publicKeyFromTransparentForm(bad, 'X_509'), {
        code: 'KW_CRYPTO_KEY_FORMAT',
        format: 'TransparentRSAPublicKey',
      });
    }
  });
});

describe('EC Transparent forms', () => {
  for (const curve of ['P_256', 'P_384', 'P_521'] as const) {
    it(`round-trips ${curve} private keys: D alone rebuilds the key and its public point`, () => {
      const pair = ec.get(curve)!;
      const t = privateKeyToTransparentForm(pair.privateKey.PKCS_8, 'PKCS_8');
      assert.deepEqual(t, pair.privateKey.transparent);
      const sec1 = privateKeyFromTransparentForm(t, 'ECPrivateKey');
      assert.equal(hex(sec1), hex(pair.privateKey.ECPrivateKey));
    });

    it(`round-trips ${curve} public keys through an uncompressed Q`, () => {
      const pair = ec.get(curve)!;
      const t = publicKeyToTransparentForm(pair.publicKey.X_509, 'X_509');
      assert.deepEqual(t, pair.publicKey.transparent);
      assert.equal(hex(publicKeyFromTransparentForm(t, 'X_509')), hex(pair.publicKey.X_509));
    });

    it(`accepts a compressed ${curve} Q`, () => {
      const pair = ec.get(curve)!;
      const openssl = { P_256: 'prime256v1', P_384: 'secp384r1', P_521: 'secp521r1' }[curve];
      const compressed = ECDH.convertKey(
        Buffer.from(pair.publicKey.transparent.qString),
        openssl,
        undefined,
        undefined,
        'compressed',
      ) as Buffer;
      const der = publicKeyFromTransparentForm(
        { format: 'TransparentECPublicKey', recommendedCurve: curve, qString: compressed },
        'X_509',
      );
      assert.equal(hex(der), hex(pair.publicKey.X_509));
    });
  }

  it('refuses a point that is not on the curve', () => {
    const q = Uint8Array.from(ec.get('P_256')!.publicKey.transparent.qString);
    q[40] = (q[40] ?? 0) ^ 1;
    assert.throws(
      () =>
        publicKeyFromTransparentForm(
          { format: 'TransparentECPublicKey', recommendedCurve: 'P_256', qString: q },
          'X_509',
        ),
      { code: 'KW_CRYPTO_KEY_FORMAT', format: 'TransparentECPublicKey' },
    );
  });

  it('refuses D outside [1, n − 1]', () => {
    const order256 = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    for (const d of [0n, order256, order256 + 1n, 2n ** 256n, -1n]) {
      assert.throws(
        () =>
          privateKeyFromTransparentForm(
            { format: 'TransparentECPrivateKey', recommendedCurve: 'P_256', d },
            'PKCS_8',
          ),
        { code: 'KW_CRYPTO_KEY_FORMAT', format: 'TransparentECPrivateKey' },
      );
    }
  });

  it('refuses curves without Transparent support with KW_CRYPTO_UNSUPPORTED_FORMAT', () => {
    for (const curve of ['P_224', 'BRAINPOOLP256R1', 'K_163', 'CURVE25519']) {
      assert.throws(
        () =>
          privateKeyFromTransparentForm(
            { format: 'TransparentECPrivateKey', recommendedCurve: curve as EcCurve, d: 5n },
            'PKCS_8',
          ),
        { code: 'KW_CRYPTO_UNSUPPORTED_FORMAT' },
      );
    }
    const p224 = generateKeyPairSync('ec', { namedCurve: 'secp224r1' }).privateKey;
    assert.throws(
      () =>
        privateKeyToTransparentForm(
          new Uint8Array(p224.export({ format: 'der', type: 'pkcs8' })),
          'PKCS_8',
        ),
      { code: 'KW_CRYPTO_UNSUPPORTED_FORMAT', algorithm: 'EC P_224' },
    );
  });

  it('gives SECP256K1 keys a Transparent form too (Node has a JWK name for it)', () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey;
    const der = new Uint8Array(key.export({ format: 'der', type: 'sec1' }));
    const t = privateKeyToTransparentForm(der, 'ECPrivateKey');
    assert.equal(t.format === 'TransparentECPrivateKey' && t.recommendedCurve, 'SECP256K1');
    assert.equal(hex(privateKeyFromTransparentForm(t, 'ECPrivateKey')), hex(der));
  });
});

describe('Ed25519 and the Transparent forms', () => {
  it('refuses to split Ed25519 keys with KW_CRYPTO_UNSUPPORTED_FORMAT', async () => {
    const pair = await generateKeyPair({ algorithm: 'Ed25519' });
    assert.throws(() => privateKeyToTransparentForm(pair.privateKey.PKCS_8, 'PKCS_8'), {
      code: 'KW_CRYPTO_UNSUPPORTED_FORMAT',
      algorithm: 'Ed25519',
    });
    assert.throws(() => publicKeyToTransparentForm(pair.publicKey.X_509, 'X_509'), {
      code: 'KW_CRYPTO_UNSUPPORTED_FORMAT',
    });
  });
});

function lcm(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
}
