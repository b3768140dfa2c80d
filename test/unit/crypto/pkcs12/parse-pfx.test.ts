import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildPfx,
  DEFAULT_CRYPTO_POLICY,
  MAX_PFX_BYTES,
  parsePfx,
  type CryptoPolicy,
} from '../../../../src/crypto/index.ts';
import { hasOpenssl, opensslExport, opensslKeyAndCertificate, opensslOpen } from './pfx-fixture.ts';

const policy = DEFAULT_CRYPTO_POLICY;
const requireOpenssl = (t: { skip: (why: string) => void }): boolean => {
  if (hasOpenssl()) return true;
  // .ci/run installs openssl: there a missing one is a failure, never a skip.
  if (process.env.CI === 'true') assert.fail('openssl is not installed');
  t.skip('openssl not installed');
  return false;
};

// The PFX of the OASIS case TC-PKCS12-2-14 (password "password"): OpenSSL 1.x defaults,
// PBE-SHA1-3DES for the key and the certificates, HMAC-SHA1 MAC, 2048 iterations.
function oasisPfx(): Uint8Array {
  const xml = readFileSync(
    new URL('../../../fixtures/kmip/testcases/1.4/testcases/TC-PKCS12-2-14.xml', import.meta.url),
    'utf8',
  );
  const match = /<KeyValue type="ByteString" value="([0-9a-f]+)"/.exec(xml);
  assert.ok(match?.[1] !== undefined);
  return new Uint8Array(Buffer.from(match[1], 'hex'));
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPkcs8 = new Uint8Array(rsa.privateKey.export({ format: 'der', type: 'pkcs8' }));

const CODES = new Set([
  'KW_CRYPTO_PKCS12_FORMAT',
  'KW_CRYPTO_PKCS12_INTEGRITY',
  'KW_CRYPTO_PKCS12_UNSUPPORTED',
  'KW_CRYPTO_POLICY',
]);

describe('parsePfx', () => {
  it('reads back what buildPfx wrote: the key, the certificates in order, the friendlyName', () => {
    const pfx = buildPfx({
      privateKeyPkcs8: rsaPkcs8,
      certificates: [Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01), Uint8Array.of(0x30, 0x00)],
      password: 'pässwörd ✓',
      friendlyName: 'my key',
      iterations: 1000,
    });
    const parsed = parsePfx(pfx, { password: 'pässwörd ✓', policy });
    assert.equal(parsed.privateKeys.length, 1);
    assert.deepEqual(parsed.privateKeys[0]?.pkcs8, rsaPkcs8);
    assert.equal(parsed.privateKeys[0]?.friendlyName, 'my key');
    assert.deepEqual(
      parsed.certificates.map((c) => [...c.der]),
      [
        [0x30, 0x03, 0x02, 0x01, 0x01],
        [0x30, 0x00],
      ],
    );
    // The key and its own certificate are paired by localKeyId, as OpenSSL pairs them.
    assert.deepEqual(parsed.certificates[0]?.localKeyId, parsed.privateKeys[0]?.localKeyId);
    assert.deepEqual(parsed.schemes, ['HMAC-SHA256', 'PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC']);
  });

  it('refuses a wrong password with KW_CRYPTO_PKCS12_INTEGRITY', () => {
    const pfx = buildPfx({
      privateKeyPkcs8: rsaPkcs8,
      certificates: [],
      password: 'right',
      iterations: 10,
    });
    assert.throws(() => parsePfx(pfx, { password: 'wrong', policy }), {
      code: 'KW_CRYPTO_PKCS12_INTEGRITY',
    });
  });

  it('refuses a PFX whose MAC was altered with KW_CRYPTO_PKCS12_INTEGRITY', () => {
    const pfx = buildPfx({
      privateKeyPkcs8: rsaPkcs8,
      certificates: [],
      password: 'pw',
      iterations: 10,
    });
    // MacData ends the PFX: ... OCTET STRING(32-byte MAC) OCTET STRING(16-byte salt) INTEGER(10).
    const broken = pfx.slice();
    const macEnd = broken.length - 3 - 18;
    broken[macEnd - 1] = (broken[macEnd - 1] as number) ^ 0x01;
    assert.throws(() => parsePfx(broken, { password: 'pw', policy }), {
      code: 'KW_CRYPTO_PKCS12_INTEGRITY',
    });
  });

  it('refuses a truncated PFX with KW_CRYPTO_PKCS12_FORMAT at every length', () => {
    const pfx = buildPfx({
      privateKeyPkcs8: rsaPkcs8,
      certificates: [],
      password: 'pw',
      iterations: 1,
    });
    for (let length = 0; length < pfx.length; length += 7) {
      assert.throws(() => parsePfx(pfx.subarray(0, length), { password: 'pw', policy }), {
        code: 'KW_CRYPTO_PKCS12_FORMAT',
      });
    }
  });

  it('refuses input past MAX_PFX_BYTES before reading it', () => {
    assert.throws(() => parsePfx(new Uint8Array(MAX_PFX_BYTES + 1), { password: '', policy }), {
      code: 'KW_CRYPTO_PKCS12_FORMAT',
    });
  });

  it('refuses a declared length past the data (no allocation from a hostile length)', () => {
    const hostile = Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x03);
    assert.throws(() => parsePfx(hostile, { password: '', policy }), {
      code: 'KW_CRYPTO_PKCS12_FORMAT',
    });
  });

  it('reads the OASIS TC-PKCS12-2-14 PFX (legacy PBE-SHA1-3DES, HMAC-SHA1)', () => {
    const parsed = parsePfx(oasisPfx(), { password: 'password', policy });
    assert.equal(parsed.privateKeys.length, 1);
    assert.equal(parsed.certificates.length, 1);
    assert.equal(parsed.certificates[0]?.friendlyName, 'alias');
    assert.deepEqual(parsed.schemes, ['HMAC-SHA1', 'PBE-SHA1-3DES']);
  });

  it('refuses legacy 3-key TDEA when the policy asks for more than its 112 bits (KW_CRYPTO_POLICY)', () => {
    const strict: CryptoPolicy = { allowLegacy: false, minSecurityBits: 128 };
    assert.throws(() => parsePfx(oasisPfx(), { password: 'password', policy: strict }), {
      code: 'KW_CRYPTO_POLICY',
      switchName: 'crypto.minSecurityBits',
    });
  });

  it('reads a PFX made by openssl pkcs12 -export (OpenSSL 3 defaults)', (t) => {
    if (!requireOpenssl(t)) return;
    const { pkcs8, certificate } = opensslKeyAndCertificate();
    const pfx = opensslExport({ pkcs8, certificate, password: 'secret', name: 'from openssl' });
    const parsed = parsePfx(pfx, { password: 'secret', policy });
    assert.deepEqual(parsed.certificates[0]?.der, certificate);
    assert.equal(parsed.certificates[0]?.friendlyName, 'from openssl');
    assert.equal(parsed.privateKeys.length, 1);
    assert.ok(parsed.schemes.includes('PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC'));
  });

  it('refuses an RC2-40 certificate bag (openssl -certpbe PBE-SHA1-RC2-40) with KW_CRYPTO_PKCS12_UNSUPPORTED', (t) => {
    if (!requireOpenssl(t)) return;
    const { pkcs8, certificate } = opensslKeyAndCertificate();
    let pfx: Uint8Array;
    try {
      pfx = opensslExport({ pkcs8, certificate, password: 'pw', flags: ['-legacy'] });
    } catch {
      t.skip('this openssl cannot write RC2 without its legacy provider');
      return;
    }
    assert.throws(() => parsePfx(pfx, { password: 'pw', policy }), {
      code: 'KW_CRYPTO_PKCS12_UNSUPPORTED',
    });
  });

  it('never throws anything but its typed errors on mutated or random input', () => {
    const pfx = buildPfx({
      privateKeyPkcs8: rsaPkcs8,
      certificates: [Uint8Array.of(0x30, 0x00)],
      password: 'pw',
      iterations: 1,
    });
    const mutated = fc
      .array(fc.tuple(fc.nat(pfx.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      })
      .chain((edits) =>
        fc.nat(pfx.length).map((cut) => {
          const copy = pfx.slice(0, Math.max(cut, 1));
          for (const [at, byte] of edits) if (at < copy.length) copy[at] = byte;
          return copy;
        }),
      );
    const input = fc.oneof(mutated, fc.uint8Array({ maxLength: 300 }));
    fc.assert(
      fc.property(input, (bytes) => {
        try {
          parsePfx(bytes, { password: 'pw', policy });
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          assert.ok(typeof code === 'string' && CODES.has(code), `unexpected ${String(error)}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('buildPfx', () => {
  it('writes a PFX that openssl pkcs12 opens with the password, key and certificate intact', (t) => {
    if (!requireOpenssl(t)) return;
    const { pkcs8, certificate } = opensslKeyAndCertificate();
    const pfx = buildPfx({
      privateKeyPkcs8: pkcs8,
      certificates: [certificate],
      password: 'ßecret',
      friendlyName: 'kw',
    });
    const pem = opensslOpen(pfx, 'ßecret');
    assert.match(pem, /friendlyName: kw/);
    assert.match(pem, /BEGIN PRIVATE KEY/);
    const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
    assert.deepEqual(new Uint8Array(Buffer.from(body ?? '', 'base64')), certificate);
    assert.throws(() => opensslOpen(pfx, 'wrong'));
  });
});
