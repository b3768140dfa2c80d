import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_CRYPTO_POLICY, parsePfx } from '../../../../src/crypto/index.ts';
import {
  CertificateType,
  CryptographicUsageMask,
  KeyFormatType,
  LinkType,
  ResultReason,
  SecretDataType,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ManagedObject } from '../../../../src/kmip/messages/objects.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createCaCertificate, issueCertificate } from '../../../../src/pki/index.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import {
  hasOpenssl,
  opensslExport,
  opensslKeyAndCertificate,
  opensslOpen,
} from '../../crypto/pkcs12/pfx-fixture.ts';
import {
  activeNow,
  attr,
  attributeValuesOf,
  blockOf,
  failure,
  getItem,
  getObject,
  keyBlock,
  materialBytes,
  registerObject,
} from './key-ops-fixture.ts';

const PASSWORD = 'correct horse ✓ battery';
const pemDer = (pem: string) =>
  new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));
const link = (linkType: number, id: string) =>
  attr('Link', { linkType, linkedObjectIdentifier: id });
const requireOpenssl = (t: { skip: (why: string) => void }): boolean => {
  if (hasOpenssl()) return true;
  if (process.env.CI === 'true') assert.fail('openssl is not installed');
  t.skip('openssl not installed');
  return false;
};

function secretData(text: string): ManagedObject {
  return {
    kind: 'SecretData',
    secretDataType: SecretDataType.Password,
    keyBlock: keyBlock(KeyFormatType.Opaque, new TextEncoder().encode(text)),
  };
}
const certificate = (der: Uint8Array): ManagedObject => ({
  kind: 'Certificate',
  certificateType: CertificateType.X_509,
  certificateValue: der,
});
const pkcs12Key = (pfx: Uint8Array): ManagedObject => ({
  kind: 'PrivateKey',
  keyBlock: keyBlock(KeyFormatType.PKCS_12, pfx),
});
const usage = attr('CryptographicUsageMask', CryptographicUsageMask.Sign);

// The PFX of the OASIS case TC-PKCS12-2-14 (password "password", PBE-SHA1-3DES, RSA 4096).
function oasisPfx(): Uint8Array {
  const xml = readFileSync(
    new URL('../../../fixtures/kmip/testcases/1.4/testcases/TC-PKCS12-2-14.xml', import.meta.url),
    'utf8',
  );
  return new Uint8Array(Buffer.from(/value="(3082[0-9a-f]+)"/.exec(xml)?.[1] ?? '', 'hex'));
}

describe('Key Format Type PKCS#12', () => {
  let harness: ServerHarness;
  let passwordId: string;
  let keyPkcs8: Uint8Array;
  let leafDer: Uint8Array;
  let caDer: Uint8Array;
  let keyId: string;

  const pfxOf = async (id: string, version: KmipVersionName = '2.1') => {
    const object = await getObject(
      harness,
      { uniqueIdentifier: id, keyFormatType: KeyFormatType.PKCS_12 },
      version,
    );
    assert.equal(blockOf(object).keyFormatType, KeyFormatType.PKCS_12);
    return object;
  };
  const registerPfx = (
    pfx: Uint8Array,
    attributes: Attribute[],
    version: KmipVersionName = '2.1',
  ) =>
    harness.sendOne(version, {
      operation: 'Register',
      payload: { objectType: 4, object: pkcs12Key(pfx), attributes: { attributes } },
    });

  before(async () => {
    harness = await createServerHarness();
    const ca = await createCaCertificate({ commonName: 'p12 CA' });
    const leaf = await issueCertificate({ caCert: ca.cert, caKey: ca.key, commonName: 'p12 leaf' });
    caDer = pemDer(ca.cert);
    leafDer = pemDer(leaf.cert);
    keyPkcs8 = new Uint8Array(createPrivateKey(leaf.key).export({ format: 'der', type: 'pkcs8' }));
    passwordId = await registerObject(harness, secretData(PASSWORD), [activeNow()]);
    const caId = await registerObject(harness, certificate(caDer), []);
    const leafId = await registerObject(harness, certificate(leafDer), [
      link(LinkType.PKCS_12CertificateLink, caId),
    ]);
    keyId = await registerObject(
      harness,
      { kind: 'PrivateKey', keyBlock: keyBlock(KeyFormatType.PKCS_8, keyPkcs8) },
      [
        usage,
        link(LinkType.PKCS_12PasswordLink, passwordId),
        link(LinkType.PKCS_12CertificateLink, leafId),
        attr('PKCS_12FriendlyName', 'signing key'),
      ],
    );
  });
  after(() => harness.close());

  describe('Get', () => {
    it('returns a PFX of the key and its chain under the linked password (2.x: Key Material)', async () => {
      const object = await pfxOf(keyId, '2.1');
      const parsed = parsePfx(materialBytes(object), {
        password: PASSWORD,
        policy: DEFAULT_CRYPTO_POLICY,
      });
      assert.deepEqual(parsed.privateKeys[0]?.pkcs8, keyPkcs8);
      assert.equal(parsed.privateKeys[0]?.friendlyName, 'signing key');
      assert.deepEqual(
        parsed.certificates.map((c) => c.der),
        [leafDer, caDer],
      );
      assert.deepEqual(parsed.schemes, ['HMAC-SHA256', 'PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC']);
    });

    it('carries the PFX as a Byte String Key Value in KMIP 1.x (OASIS TC-PKCS12-1-14)', async () => {
      const value = blockOf(await pfxOf(keyId, '1.4')).keyValue;
      assert.ok(value instanceof Uint8Array);
      assert.equal(
        parsePfx(value, { password: PASSWORD, policy: DEFAULT_CRYPTO_POLICY }).certificates.length,
        2,
      );
    });

    it('writes a PFX that openssl pkcs12 opens with the password', async (t) => {
      if (!requireOpenssl(t)) return;
      const pem = opensslOpen(materialBytes(await pfxOf(keyId)), PASSWORD);
      assert.equal(pem.match(/BEGIN CERTIFICATE/g)?.length, 2);
      assert.match(pem, /BEGIN PRIVATE KEY/);
      assert.match(pem, /friendlyName: signing key/);
    });

    it('never writes the password to the log', async () => {
      await pfxOf(keyId);
      assert.ok(!harness.logText().includes(PASSWORD));
    });

    it('refuses a key without a PKCS#12 Password Link with Invalid Field', async () => {
      const id = await registerObject(
        harness,
        { kind: 'PrivateKey', keyBlock: keyBlock(KeyFormatType.PKCS_8, keyPkcs8) },
        [usage],
      );
      const item = await getItem(
        harness,
        { uniqueIdentifier: id, keyFormatType: KeyFormatType.PKCS_12 },
        '2.1',
      );
      assert.equal(failure(item), ResultReason.InvalidField);
    });

    it('refuses an object other than a private key with Key Format Type Not Supported', async () => {
      const id = await registerObject(harness, certificate(caDer), []);
      const item = await getItem(
        harness,
        { uniqueIdentifier: id, keyFormatType: KeyFormatType.PKCS_12 },
        '2.1',
      );
      assert.equal(failure(item), ResultReason.KeyFormatTypeNotSupported);
    });

    it('refuses a Pre-Active password: Permission Denied in 1.4, Wrong Key Lifecycle State in 2.0', async () => {
      const preActive = await registerObject(harness, secretData(PASSWORD), []);
      const id = await registerObject(
        harness,
        { kind: 'PrivateKey', keyBlock: keyBlock(KeyFormatType.PKCS_8, keyPkcs8) },
        [usage, link(LinkType.PKCS_12PasswordLink, preActive)],
      );
      const request = { uniqueIdentifier: id, keyFormatType: KeyFormatType.PKCS_12 };
      assert.equal(failure(await getItem(harness, request, '1.4')), ResultReason.PermissionDenied);
      assert.equal(
        failure(await getItem(harness, request, '2.0')),
        ResultReason.WrongKeyLifecycleState,
      );
    });
  });

  describe('Register', () => {
    it('registers the key (as PKCS#8) and its certificate from an openssl PFX, linked', async (t) => {
      if (!requireOpenssl(t)) return;
      const made = opensslKeyAndCertificate();
      const pfx = opensslExport({ ...made, password: PASSWORD, name: 'from openssl' });
      const item = await registerPfx(pfx, [usage, link(LinkType.PKCS_12PasswordLink, passwordId)]);
      assert.equal(item.kind, 'typed');
      const id = (
        item.kind === 'typed' ? (item.payload as { uniqueIdentifier: string }) : undefined
      )?.uniqueIdentifier;
      assert.ok(id !== undefined, item.kind === 'typed' ? item.resultMessage : 'typed');
      const stored = await getObject(harness, { uniqueIdentifier: id }, '2.1');
      assert.equal(blockOf(stored).keyFormatType, KeyFormatType.PKCS_8);
      const asPem = (der: Uint8Array) =>
        createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
      assert.ok(asPem(materialBytes(stored)).equals(asPem(made.pkcs8)));
      const links = (await attributeValuesOf(harness, id, 'Link')) as {
        linkType: number;
        linkedObjectIdentifier: string;
      }[];
      const certificateLink = links.find((l) => l.linkType === LinkType.PKCS_12CertificateLink);
      assert.ok(certificateLink !== undefined);
      const cert = await getObject(
        harness,
        { uniqueIdentifier: certificateLink.linkedObjectIdentifier },
        '2.1',
      );
      assert.ok(cert.kind === 'Certificate');
      assert.deepEqual(cert.certificateValue, made.certificate);
      assert.deepEqual(await attributeValuesOf(harness, id, 'PKCS_12FriendlyName'), [
        'from openssl',
      ]);
      // And back out as PKCS#12: the same key and certificate.
      const again = parsePfx(materialBytes(await pfxOf(id)), {
        password: PASSWORD,
        policy: DEFAULT_CRYPTO_POLICY,
      });
      assert.deepEqual(
        again.certificates.map((c) => c.der),
        [made.certificate],
      );
    });

    it('registers a PFX with a chain: key → its certificate → the issuer, by PKCS#12 Certificate Links', async () => {
      const pfx = materialBytes(await pfxOf(keyId));
      const item = await registerPfx(pfx, [usage, link(LinkType.PKCS_12PasswordLink, passwordId)]);
      assert.ok(item.kind === 'typed' && item.resultStatus === 0);
      const next = async (id: string) => {
        const links = (await attributeValuesOf(harness, id, 'Link')) as {
          linkType: number;
          linkedObjectIdentifier: string;
        }[];
        return links.find((l) => l.linkType === LinkType.PKCS_12CertificateLink)
          ?.linkedObjectIdentifier;
      };
      const certificateOf = async (id: string | undefined) => {
        assert.ok(id !== undefined);
        const object = await getObject(harness, { uniqueIdentifier: id }, '2.1');
        assert.ok(object.kind === 'Certificate');
        return object.certificateValue;
      };
      const leafId = await next((item.payload as { uniqueIdentifier: string }).uniqueIdentifier);
      assert.deepEqual(await certificateOf(leafId), leafDer);
      const caId = await next(leafId ?? '');
      assert.deepEqual(await certificateOf(caId), caDer);
      assert.equal(await next(caId ?? ''), undefined);
    });

    it('refuses a Key Block length that contradicts the key inside with Invalid Field', async () => {
      const pw = await registerObject(harness, secretData('password'), [activeNow()]);
      const item = await harness.sendOne('2.1', {
        operation: 'Register',
        payload: {
          objectType: 4,
          object: {
            kind: 'PrivateKey',
            keyBlock: keyBlock(KeyFormatType.PKCS_12, oasisPfx(), undefined, 2048),
          },
          attributes: { attributes: [usage, link(LinkType.PKCS_12PasswordLink, pw)] },
        },
      });
      assert.equal(failure(item), ResultReason.InvalidField);
    });

    it('registers the OASIS legacy PBE-SHA1-3DES PFX under the default policy', async () => {
      const pw = await registerObject(harness, secretData('password'), [activeNow()]);
      const item = await registerPfx(
        oasisPfx(),
        [usage, link(LinkType.PKCS_12PasswordLink, pw)],
        '1.4',
      );
      assert.ok(
        item.kind === 'typed' && item.resultStatus === 0,
        item.kind === 'typed' ? item.resultMessage : '',
      );
    });

    it('refuses a wrong password with Cryptographic Failure', async () => {
      const other = await registerObject(harness, secretData('not it'), [activeNow()]);
      const item = await registerPfx(oasisPfx(), [
        usage,
        link(LinkType.PKCS_12PasswordLink, other),
      ]);
      assert.equal(failure(item), ResultReason.CryptographicFailure);
    });

    it('refuses an altered PFX with Cryptographic Failure and a truncated one with Invalid Field', async () => {
      const pfx = oasisPfx();
      const altered = pfx.slice();
      altered[pfx.length - 20] = (altered[pfx.length - 20] as number) ^ 0xff; // inside the MAC value
      const attributes = [usage, link(LinkType.PKCS_12PasswordLink, passwordId)];
      assert.equal(
        failure(await registerPfx(altered, attributes)),
        ResultReason.CryptographicFailure,
      );
      assert.equal(
        failure(await registerPfx(pfx.subarray(0, 100), attributes)),
        ResultReason.InvalidField,
      );
    });

    it('refuses a PFX without a PKCS#12 Password Link with Invalid Field', async () => {
      assert.equal(failure(await registerPfx(oasisPfx(), [usage])), ResultReason.InvalidField);
    });

    it('refuses legacy 3-key TDEA when the policy asks for 128-bit security, with Permission Denied', async () => {
      const strict = await createServerHarness({
        cryptoPolicy: { allowLegacy: false, minSecurityBits: 128 },
      });
      try {
        const pw = await registerObject(strict, secretData('password'), [activeNow()]);
        const item = await strict.sendOne('2.1', {
          operation: 'Register',
          payload: {
            objectType: 4,
            object: pkcs12Key(oasisPfx()),
            attributes: { attributes: [usage, link(LinkType.PKCS_12PasswordLink, pw)] },
          },
        });
        assert.equal(failure(item), ResultReason.PermissionDenied);
      } finally {
        await strict.close();
      }
    });
  });
});
