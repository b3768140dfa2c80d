import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  convertPrivateKey,
  convertPublicKey,
  describeKey,
  inspectCertificate,
  privateKeyFromTransparentForm,
  privateKeyToTransparentForm,
  publicKeyFromTransparentForm,
  publicKeyToTransparentForm,
  type EcCurve,
  type PrivateKeyFormat,
  type PublicKeyFormat,
} from '../../../../src/crypto/index.ts';
import { KeywardenError } from '../../../../src/errors.ts';

// Whatever bytes arrive, the parsers may only succeed or throw one of our typed errors: never an
// OpenSSL error (whose text we do not control) and never a crash.
const TYPED = new Set([
  'KW_CRYPTO_KEY_FORMAT',
  'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
  'KW_CRYPTO_UNSUPPORTED_FORMAT',
  'KW_CRYPTO_CERTIFICATE_FORMAT',
]);

function onlyTypedErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof KeywardenError, `untyped error: ${String(error)}`);
    assert.ok(TYPED.has(error.code), `unexpected code ${error.code}`);
  }
}

const PRIVATE_FORMATS: PrivateKeyFormat[] = ['PKCS_1', 'PKCS_8', 'ECPrivateKey'];
const PUBLIC_FORMATS: PublicKeyFormat[] = ['PKCS_1', 'X_509'];

function parseEverywhere(bytes: Uint8Array): void {
  for (const format of PRIVATE_FORMATS) {
    onlyTypedErrors(() => convertPrivateKey(bytes, format, 'PKCS_8'));
    onlyTypedErrors(() => privateKeyToTransparentForm(bytes, format));
    onlyTypedErrors(() => describeKey(bytes, format));
  }
  for (const format of PUBLIC_FORMATS) {
    onlyTypedErrors(() => convertPublicKey(bytes, format, 'X_509'));
    onlyTypedErrors(() => publicKeyToTransparentForm(bytes, format));
    onlyTypedErrors(() => describeKey(bytes, format));
  }
  onlyTypedErrors(() => inspectCertificate(bytes));
}

// Valid encodings to mutate: small keys keep the runs fast.
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const certificatePem = execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    '/dev/null',
    '-days',
    '1',
    '-subj',
    '/CN=fuzz',
  ],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
);
const SEEDS: Uint8Array[] = [
  rsa.privateKey.export({ format: 'der', type: 'pkcs1' }),
  rsa.privateKey.export({ format: 'der', type: 'pkcs8' }),
  rsa.publicKey.export({ format: 'der', type: 'pkcs1' }),
  rsa.publicKey.export({ format: 'der', type: 'spki' }),
  ec.privateKey.export({ format: 'der', type: 'sec1' }),
  ec.privateKey.export({ format: 'der', type: 'pkcs8' }),
  ec.publicKey.export({ format: 'der', type: 'spki' }),
  ed.privateKey.export({ format: 'der', type: 'pkcs8' }),
  ed.publicKey.export({ format: 'der', type: 'spki' }),
  new X509Certificate(certificatePem).raw,
].map((b) => new Uint8Array(b));

describe('key and certificate parsers under random input', () => {
  it('throw only typed errors for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => parseEverywhere(bytes)),
      { numRuns: 300 },
    );
  });

  it('throw only typed errors for random bytes inside a DER SEQUENCE header', () => {
    const sequence = fc
      .uint8Array({ minLength: 1, maxLength: 120 })
      .map((body) => Uint8Array.of(0x30, body.length, ...body));
    fc.assert(
      fc.property(sequence, (bytes) => parseEverywhere(bytes)),
      { numRuns: 300 },
    );
  });

  it('throw only typed errors for mutated valid keys and certificates', () => {
    const mutation = fc.record({
      seed: fc.integer({ min: 0, max: SEEDS.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      cut: fc.option(fc.nat()),
    });
    fc.assert(
      fc.property(mutation, ({ seed, edits, cut }) => {
        const bytes = Uint8Array.from(SEEDS[seed]!);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        parseEverywhere(cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Transparent builders under random input', () => {
  const bigint = fc.bigInt({ min: -5n, max: 2n ** 512n });
  const optional = fc.option(bigint, { nil: undefined });

  it('throw only typed errors for random RSA parts', () => {
    const parts = fc.record({
      modulus: bigint,
      publicExponent: optional,
      privateExponent: optional,
      p: optional,
      q: optional,
      primeExponentP: optional,
      primeExponentQ: optional,
      crtCoefficient: optional,
    });
    fc.assert(
      fc.property(parts, (t) =>
        onlyTypedErrors(() =>
          privateKeyFromTransparentForm({ format: 'TransparentRSAPrivateKey', ...t }, 'PKCS_1'),
        ),
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(bigint, bigint, (modulus, publicExponent) =>
        onlyTypedErrors(() =>
          publicKeyFromTransparentForm(
            { format: 'TransparentRSAPublicKey', modulus, publicExponent },
            'X_509',
          ),
        ),
      ),
      { numRuns: 300 },
    );
  });

  it('throw only typed errors for random EC parts', () => {
    const curve = fc.constantFrom<EcCurve>('P_256', 'P_384', 'P_521', 'SECP256K1', 'P_224');
    fc.assert(
      fc.property(curve, bigint, (recommendedCurve, d) =>
        onlyTypedErrors(() =>
          privateKeyFromTransparentForm(
            { format: 'TransparentECPrivateKey', recommendedCurve, d },
            'PKCS_8',
          ),
        ),
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(curve, fc.uint8Array({ maxLength: 140 }), (recommendedCurve, qString) =>
        onlyTypedErrors(() =>
          publicKeyFromTransparentForm(
            { format: 'TransparentECPublicKey', recommendedCurve, qString },
            'X_509',
          ),
        ),
      ),
      { numRuns: 300 },
    );
  });
});
