import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DEFAULT_CRYPTO_POLICY,
  MAX_PKCS12_ITERATIONS,
  parsePfx,
} from '../../../../src/crypto/index.ts';
import {
  Der,
  DER_NULL,
  derElement,
  derInteger,
  derOctets,
  derOid,
  derSequence,
} from '../../../../src/crypto/pkcs12/der.ts';
import { pfxMac } from '../../../../src/crypto/pkcs12/pfx-mac.ts';
import { buildPfx } from '../../../../src/crypto/pkcs12/build-pfx.ts';
import { readDer, childrenOf } from '../../../../src/crypto/pkcs12/der.ts';

const policy = DEFAULT_CRYPTO_POLICY;
const DATA = '1.2.840.113549.1.7.1';

/** A PFX around `authSafe` with a valid MAC for password `pw`, so parsing goes past the MAC. */
function sealed(authSafe: Uint8Array, macData = pfxMac(authSafe, 'pw', 1)): Uint8Array {
  return derSequence(
    derInteger(3),
    derSequence(derOid(DATA), derElement(Der.Explicit0, derOctets(authSafe))),
    macData,
  );
}

function authSafeOf(pfx: Uint8Array): Uint8Array {
  const [, authSafe] = childrenOf(readDer(pfx, Der.Sequence, 'pfx'), 'pfx');
  const [, content] = childrenOf(authSafe!, 'auth-safe');
  const [octets] = childrenOf(content!, 'auth-safe');
  return octets!.content.slice();
}

describe('PFX limits', () => {
  it('refuses MAC iterations past MAX_PKCS12_ITERATIONS before deriving anything', () => {
    const authSafe = derSequence();
    const mac = derSequence(
      derSequence(
        derSequence(derOid('2.16.840.1.101.3.4.2.1'), DER_NULL),
        derOctets(new Uint8Array(32)),
      ),
      derOctets(new Uint8Array(8)),
      derInteger(MAX_PKCS12_ITERATIONS + 1),
    );
    const started = Date.now();
    assert.throws(() => parsePfx(sealed(authSafe, mac), { password: 'pw', policy }), {
      code: 'KW_CRYPTO_PKCS12_UNSUPPORTED',
      feature: 'iterations',
    });
    assert.ok(Date.now() - started < 1000);
  });

  it('refuses a PFX without MacData (no password integrity) with KW_CRYPTO_PKCS12_UNSUPPORTED', () => {
    const bare = derSequence(
      derInteger(3),
      derSequence(derOid(DATA), derElement(Der.Explicit0, derOctets(derSequence()))),
    );
    assert.throws(() => parsePfx(bare, { password: 'pw', policy }), {
      code: 'KW_CRYPTO_PKCS12_UNSUPPORTED',
    });
  });

  it('refuses BER indefinite lengths with KW_CRYPTO_PKCS12_FORMAT', () => {
    assert.throws(
      () => parsePfx(Uint8Array.of(0x30, 0x80, 0x00, 0x00), { password: 'pw', policy }),
      {
        code: 'KW_CRYPTO_PKCS12_FORMAT',
      },
    );
  });

  it('never throws anything but typed errors on any content behind a valid MAC', () => {
    const pfx = buildPfx({
      privateKeyPkcs8: derSequence(derInteger(0)),
      certificates: [derSequence()],
      password: 'pw',
      iterations: 1,
    });
    const authSafe = authSafeOf(pfx);
    const codes = new Set([
      'KW_CRYPTO_PKCS12_FORMAT',
      'KW_CRYPTO_PKCS12_INTEGRITY',
      'KW_CRYPTO_PKCS12_UNSUPPORTED',
      'KW_CRYPTO_POLICY',
    ]);
    const mutated = fc
      .array(fc.tuple(fc.nat(authSafe.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 3,
      })
      .chain((edits) =>
        fc.nat(authSafe.length).map((cut) => {
          const copy = authSafe.slice(0, cut);
          for (const [at, byte] of edits) if (at < copy.length) copy[at] = byte;
          return copy;
        }),
      );
    fc.assert(
      fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 200 })), (bytes) => {
        try {
          parsePfx(sealed(bytes), { password: 'pw', policy });
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          assert.ok(typeof code === 'string' && codes.has(code), `unexpected ${String(error)}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});
