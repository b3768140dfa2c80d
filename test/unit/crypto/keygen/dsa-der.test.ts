import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  privateKeyFromTransparentForm,
  publicKeyFromTransparentForm,
} from '../../../../src/crypto/index.ts';
import {
  readDsaPkcs8,
  readDsaSpki,
  writeDsaPkcs8,
  writeDsaSpki,
} from '../../../../src/crypto/keygen/dsa-der.ts';
import { KeywardenError } from '../../../../src/errors.ts';
import { BL_G, BL_P, BL_Q, BL_X, BL_Y } from './dsa-fixtures.ts';

const node = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
const pkcs8 = new Uint8Array(node.privateKey.export({ format: 'der', type: 'pkcs8' }));
const spki = new Uint8Array(node.publicKey.export({ format: 'der', type: 'spki' }));

const integer = fc.bigInt({ min: 0n, max: (1n << 1100n) - 1n });
const parts = fc.record({ p: integer, q: integer, g: integer, value: integer });

describe('DSA DER encoding', () => {
  it('writes what OpenSSL writes (PKCS#8 and SubjectPublicKeyInfo of a Node key)', () => {
    const privateParts = readDsaPkcs8(pkcs8);
    const publicParts = readDsaSpki(spki);
    assert.ok(privateParts !== undefined && publicParts !== undefined);
    assert.deepEqual(writeDsaPkcs8(privateParts), pkcs8);
    assert.deepEqual(writeDsaSpki(publicParts), spki);
    assert.equal(privateParts.p, publicParts.p);
  });

  it('OpenSSL reads what it writes for the BL-M-12/13 key', () => {
    const privateKey = createPrivateKey({
      key: Buffer.from(writeDsaPkcs8({ p: BL_P, q: BL_Q, g: BL_G, value: BL_X })),
      format: 'der',
      type: 'pkcs8',
    });
    const publicKey = createPublicKey({
      key: Buffer.from(writeDsaSpki({ p: BL_P, q: BL_Q, g: BL_G, value: BL_Y })),
      format: 'der',
      type: 'spki',
    });
    const derived = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    assert.deepEqual(
      new Uint8Array(derived),
      new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    );
  });

  it('property: any non-negative integers round-trip through both encodings', () => {
    fc.assert(
      fc.property(parts, (generated) => {
        const p = { ...generated }; // fast-check records have no prototype
        assert.deepEqual(readDsaSpki(writeDsaSpki(p)), p);
        assert.deepEqual(readDsaPkcs8(writeDsaPkcs8(p)), p);
      }),
    );
  });

  it('property: the readers never throw, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        readDsaSpki(bytes);
        readDsaPkcs8(bytes);
      }),
    );
  });

  it('property: one changed or cut byte of a valid key never makes a reader throw, and never reads the other kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(pkcs8, spki),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        (der, at, byte, isCut) => {
          const changed = isCut ? der.slice(0, at % der.length) : der.slice();
          if (!isCut) changed[at % der.length] = byte;
          const asSpki = readDsaSpki(changed);
          const asPkcs8 = readDsaPkcs8(changed);
          // A PKCS#8 key has a version INTEGER first; an SPKI a SEQUENCE: never both.
          assert.ok(asSpki === undefined || asPkcs8 === undefined);
        },
      ),
    );
  });

  it('property: Transparent DSA forms of arbitrary integers are keys or KW_CRYPTO_KEY_FORMAT, nothing else', () => {
    const small = fc.bigInt({ min: 0n, max: (1n << 600n) - 1n });
    fc.assert(
      fc.property(small, small, small, small, (p, q, g, v) => {
        for (const run of [
          () =>
            publicKeyFromTransparentForm(
              { format: 'TransparentDSAPublicKey', p, q, g, y: v },
              'X_509',
            ),
          () =>
            privateKeyFromTransparentForm(
              { format: 'TransparentDSAPrivateKey', p, q, g, x: v },
              'PKCS_8',
            ),
        ]) {
          try {
            run();
          } catch (error) {
            assert.ok(error instanceof KeywardenError, `untyped error: ${String(error)}`);
            assert.equal(error.code, 'KW_CRYPTO_KEY_FORMAT');
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
