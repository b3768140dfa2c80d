import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  convertEcPoint,
  convertSpkiEcPoint,
  ecPointForm,
  readEcSpki,
} from '../../../../src/crypto/keygen/ec-point.ts';
import { EC_CURVES, type EcCurve } from '../../../../src/crypto/keygen/curves.ts';

const spkiOf = (curve: EcCurve) =>
  new Uint8Array(
    generateKeyPairSync('ec', { namedCurve: EC_CURVES[curve].openssl }).publicKey.export({
      type: 'spki',
      format: 'der',
    }),
  );

/** OpenSSL's own re-encoding of a SubjectPublicKeyInfo point (`openssl ec -conv_form`). */
const opensslConvert = (spki: Uint8Array, form: string): Uint8Array =>
  new Uint8Array(
    execFileSync(
      'openssl',
      ['ec', '-pubin', '-inform', 'DER', '-outform', 'DER', '-conv_form', form],
      { input: spki, stdio: ['pipe', 'pipe', 'ignore'] },
    ),
  );

describe('EC point forms (SEC 1 §2.3.3)', () => {
  for (const curve of Object.keys(EC_CURVES) as EcCurve[]) {
    it(`${curve}: SubjectPublicKeyInfo re-encoded as OpenSSL does, each form back to the same key`, () => {
      const spki = spkiOf(curve);
      const original = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      for (const form of ['compressed', 'hybrid', 'uncompressed'] as const) {
        const converted = convertSpkiEcPoint(spki, form);
        assert.deepEqual(converted, opensslConvert(spki, form), `${curve} ${form}`);
        assert.equal(ecPointForm(readEcSpki(converted).point), form);
        const back = createPublicKey({ key: Buffer.from(converted), format: 'der', type: 'spki' });
        assert.ok(back.equals(original));
      }
    });
  }

  it('round-trips points of random keys through every form (property)', () => {
    const curves = Object.keys(EC_CURVES) as EcCurve[];
    fc.assert(
      fc.property(
        fc.constantFrom(...curves),
        fc.constantFrom('compressed', 'hybrid', 'uncompressed' as const),
        (curve, form) => {
          const { point } = readEcSpki(spkiOf(curve));
          const other = convertEcPoint(point, curve, form);
          assert.equal(ecPointForm(other), form);
          assert.deepEqual(convertEcPoint(other, curve, 'uncompressed'), point);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses points off the curve, of the wrong length or empty', () => {
    const { point } = readEcSpki(spkiOf('P_256'));
    const compressed = convertEcPoint(point, 'P_256', 'compressed');
    const offCurve = Uint8Array.from(point);
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    for (const bad of [offCurve, compressed.subarray(0, 20), new Uint8Array(), point]) {
      const curve = bad === point ? 'P_384' : 'P_256';
      assert.throws(() => convertEcPoint(bad, curve, 'compressed'), {
        code: 'KW_CRYPTO_KEY_FORMAT',
      });
    }
  });

  it('refuses a non-EC SubjectPublicKeyInfo and garbage', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    assert.throws(() => convertSpkiEcPoint(new Uint8Array(rsa), 'compressed'), {
      code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
    });
    assert.throws(() => convertSpkiEcPoint(Uint8Array.of(0x30, 0x03, 1, 2, 3), 'compressed'), {
      code: 'KW_CRYPTO_KEY_FORMAT',
    });
  });

  it('names the form by the first byte only for real prefixes', () => {
    assert.equal(ecPointForm(Uint8Array.of(0x02, 1)), 'compressed');
    assert.equal(ecPointForm(Uint8Array.of(0x07, 1)), 'hybrid');
    assert.equal(ecPointForm(Uint8Array.of(0x05, 1)), undefined);
    assert.equal(ecPointForm(Uint8Array.of(0x04)), undefined);
  });
});
