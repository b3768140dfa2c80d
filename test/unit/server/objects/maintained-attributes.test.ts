// Server-maintained attributes of new objects (OASIS SKFF-M-9..11, AKLC-M-1..3): Random Number
// Generator on generated keys, Key Format Type (2.x), Sensitive and its kin (1.4+), Short Unique
// Identifier and Protection Storage Mask (2.x), the split certificate name attributes (1.4+),
// per-version visibility.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from '../../../../src/crypto/index.ts';
import {
  CertificateType,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  DRBGAlgorithm,
  KeyFormatType,
  ObjectType,
  ProtectionStorageMask,
  ResultReason,
  ResultStatus,
  RNGAlgorithm,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createCaCertificate } from '../../../../src/pki/index.ts';
import { SERVER_RNG } from '../../../../src/server/operations/server-rng.ts';
import {
  createServerHarness,
  itemOutcome,
  type ServerHarness,
} from '../../../support/server-harness.ts';

const EXPECTED_RNG = {
  rngAlgorithm: RNGAlgorithm.DRBG,
  cryptographicAlgorithm: CryptographicAlgorithm.AES,
  cryptographicLength: 256,
  drbgAlgorithm: DRBGAlgorithm.CTR,
};

describe('server-maintained attributes', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness({
      attributeListing: 'complete',
      cryptoPolicy: { allowLegacy: false, minSecurityBits: 80 },
    });
  });
  after(() => harness.close());

  const attributes = async (id: string, version: KmipVersionName, names?: string[]) => {
    const item = await harness.sendOne(version, {
      operation: 'GetAttributes',
      payload: { uniqueIdentifier: id, ...(names ? { attributeNames: names } : {}) },
    });
    assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
    return (item.payload as { attributes: Attribute[] }).attributes;
  };
  const valueOf = (list: readonly Attribute[], name: string) =>
    list.find((a) => a.name === name)?.value;
  const listNames = async (id: string, version: KmipVersionName) => {
    const item = await harness.sendOne(version, {
      operation: 'GetAttributeList',
      payload: { uniqueIdentifier: id },
    });
    assert.ok(item.kind === 'typed');
    return (item.payload as { attributeNames: string[] }).attributeNames;
  };

  it('describes the generator of a created key in Random Number Generator (1.4, 2.x)', async () => {
    assert.deepEqual(SERVER_RNG, EXPECTED_RNG);
    const id = await harness.createKey({ version: '1.4' });
    for (const version of ['1.4', '2.0', '2.1'] as const) {
      const got = await attributes(id, version, ['RandomNumberGenerator']);
      assert.deepEqual(valueOf(got, 'RandomNumberGenerator'), EXPECTED_RNG, version);
    }
  });

  it('overrides a Random Number Generator the client states on Create', async () => {
    const id = await harness.createKey({
      version: '1.4',
      extra: [{ name: 'RandomNumberGenerator', value: { rngAlgorithm: RNGAlgorithm.ANSIX9_31 } }],
    });
    assert.deepEqual(
      valueOf(await attributes(id, '1.4', ['RandomNumberGenerator']), 'RandomNumberGenerator'),
      EXPECTED_RNG,
    );
  });

  it('sets Random Number Generator on both keys of Create Key Pair', async () => {
    const item = await harness.sendOne('2.1', {
      operation: 'CreateKeyPair',
      payload: {
        commonAttributes: {
          attributes: [
            { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.RSA },
            { name: 'CryptographicLength', value: 1024 },
          ],
        },
        privateKeyAttributes: {
          attributes: [{ name: 'CryptographicUsageMask', value: CryptographicUsageMask.Sign }],
        },
        publicKeyAttributes: {
          attributes: [{ name: 'CryptographicUsageMask', value: CryptographicUsageMask.Verify }],
        },
      },
    });
    assert.ok(item.kind === 'typed');
    const pair = item.payload as {
      privateKeyUniqueIdentifier: string;
      publicKeyUniqueIdentifier: string;
    };
    for (const id of [pair.privateKeyUniqueIdentifier, pair.publicKeyUniqueIdentifier]) {
      const got = await attributes(id, '2.1', ['RandomNumberGenerator', 'KeyFormatType']);
      assert.deepEqual(valueOf(got, 'RandomNumberGenerator'), EXPECTED_RNG);
      assert.equal(typeof valueOf(got, 'KeyFormatType'), 'number');
    }
  });

  it('does not set Random Number Generator on registered keys (the client made them)', async () => {
    const item = await harness.sendOne('2.1', {
      operation: 'Register',
      payload: {
        objectType: ObjectType.SecretData,
        attributes: {
          attributes: [{ name: 'CryptographicUsageMask', value: CryptographicUsageMask.DeriveKey }],
        },
        object: {
          kind: 'SecretData',
          secretDataType: 1,
          keyBlock: {
            keyFormatType: KeyFormatType.Opaque,
            keyValue: { keyMaterial: crypto.randomBytes(16) },
          },
        },
      } as never,
    });
    const { id } = itemOutcome(item);
    assert.ok(id !== undefined, JSON.stringify(itemOutcome(item)));
    const got = await attributes(id, '2.1');
    assert.equal(valueOf(got, 'RandomNumberGenerator'), undefined);
    assert.equal(valueOf(got, 'KeyFormatType'), KeyFormatType.Opaque);
  });

  it('lists Key Format Type as an attribute from KMIP 2.0 only; 1.x refuses the name', async () => {
    const id = await harness.createKey({ version: '2.1' });
    for (const version of ['2.0', '2.1'] as const) {
      assert.equal(valueOf(await attributes(id, version), 'KeyFormatType'), KeyFormatType.Raw);
      assert.ok((await listNames(id, version)).includes('KeyFormatType'));
    }
    for (const version of ['1.0', '1.4'] as const) {
      assert.equal(valueOf(await attributes(id, version), 'KeyFormatType'), undefined);
      assert.ok(!(await listNames(id, version)).includes('KeyFormatType'));
      const item = await harness.sendOne(version, {
        operation: 'GetAttributes',
        payload: { uniqueIdentifier: id, attributeNames: ['KeyFormatType'] },
      });
      assert.equal(itemOutcome(item).reason, ResultReason.InvalidField);
    }
  });

  it('sets Sensitive False, Always Sensitive False, Extractable True, Never Extractable False by default (1.4+)', async () => {
    const id = await harness.createKey({ version: '1.0' });
    const got = await attributes(id, '1.4');
    assert.equal(valueOf(got, 'Sensitive'), false);
    assert.equal(valueOf(got, 'AlwaysSensitive'), false);
    assert.equal(valueOf(got, 'Extractable'), true);
    assert.equal(valueOf(got, 'NeverExtractable'), false);
    const older = await listNames(id, '1.3');
    assert.ok(!older.includes('Sensitive') && !older.includes('NeverExtractable'));
  });

  it('derives Always Sensitive and Never Extractable from the values the key starts with', async () => {
    const id = await harness.createKey({
      version: '2.1',
      extra: [
        { name: 'Sensitive', value: true },
        { name: 'Extractable', value: false },
      ],
    });
    const got = await attributes(id, '2.1');
    assert.equal(valueOf(got, 'AlwaysSensitive'), true);
    assert.equal(valueOf(got, 'NeverExtractable'), true);
  });

  it('turns Never Extractable False for good once Extractable becomes True', async () => {
    const id = await harness.createKey({
      version: '2.1',
      extra: [{ name: 'Extractable', value: false }],
    });
    const set = (value: boolean) =>
      harness.sendOne('2.1', {
        operation: 'ModifyAttribute',
        payload: { uniqueIdentifier: id, attribute: { name: 'Extractable', value } },
      });
    assert.equal(itemOutcome(await set(true)).status, ResultStatus.Success);
    assert.equal(valueOf(await attributes(id, '2.1'), 'NeverExtractable'), false);
    assert.equal(itemOutcome(await set(false)).status, ResultStatus.Success);
    assert.equal(valueOf(await attributes(id, '2.1'), 'NeverExtractable'), false);
  });

  it('refuses a client value for Always Sensitive or Never Extractable', async () => {
    for (const name of ['AlwaysSensitive', 'NeverExtractable']) {
      const item = await harness.sendOne('2.1', {
        operation: 'Create',
        payload: {
          objectType: ObjectType.SymmetricKey,
          attributes: {
            attributes: [
              { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
              { name: 'CryptographicLength', value: 128 },
              { name: 'CryptographicUsageMask', value: CryptographicUsageMask.Encrypt },
              { name, value: true },
            ],
          },
        },
      });
      assert.equal(itemOutcome(item).status, ResultStatus.OperationFailed, name);
    }
  });

  it('sets Short Unique Identifier (SHA-256 of the Unique Identifier) and Protection Storage Mask Software in 2.x', async () => {
    const id = await harness.createKey({ version: '1.4' });
    const got = await attributes(id, '2.0');
    assert.deepEqual(
      valueOf(got, 'ShortUniqueIdentifier'),
      crypto.digest('SHA_256', new TextEncoder().encode(id)),
    );
    assert.equal(valueOf(got, 'ProtectionStorageMask'), ProtectionStorageMask.Software);
    const v14 = await listNames(id, '1.4');
    assert.ok(!v14.includes('Short Unique Identifier') && !v14.includes('ShortUniqueIdentifier'));
  });
});

describe('certificate name attributes (OASIS BL-M-10-21)', () => {
  let harness: ServerHarness;
  let id: string;
  let der: Uint8Array;
  before(async () => {
    harness = await createServerHarness({ attributeListing: 'complete' });
    const ca = await createCaCertificate({
      commonName: 'CN',
      organization: 'Org',
      keyAlgorithm: 'rsa-2048',
    });
    der = new Uint8Array(
      Buffer.from(ca.cert.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64'),
    );
    const item = await harness.sendOne('2.1', {
      operation: 'Register',
      payload: {
        objectType: ObjectType.Certificate,
        attributes: { attributes: [] },
        object: {
          kind: 'Certificate',
          certificateType: CertificateType.X_509,
          certificateValue: der,
        },
      } as never,
    });
    const outcome = itemOutcome(item);
    assert.ok(outcome.id !== undefined, JSON.stringify(outcome));
    id = outcome.id;
  });
  after(() => harness.close());

  const get = async (version: KmipVersionName, names: string[]) => {
    const item = await harness.sendOne(version, {
      operation: 'GetAttributes',
      payload: { uniqueIdentifier: id, attributeNames: names },
    });
    return item;
  };

  it('derives Certificate Subject / Issuer CN and O from the X.509 names (2.1, 1.4)', async () => {
    for (const version of ['2.1', '1.4'] as const) {
      const item = await get(version, [
        'CertificateSubjectCN',
        'CertificateLength',
        'CertificateIssuerO',
        'CertificateSubjectOU',
      ]);
      assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
      const got = (item.payload as { attributes: Attribute[] }).attributes;
      assert.deepEqual(
        got.map((a) => [a.name, a.value]),
        [
          ['CertificateSubjectCN', 'CN'],
          ['CertificateLength', der.length],
          ['CertificateIssuerO', 'Org'],
        ],
        version,
      );
    }
  });

  it('refuses to change them: Attribute Read Only', async () => {
    for (const name of ['CertificateSubjectCN', 'CertificateLength']) {
      const item = await harness.sendOne('2.1', {
        operation: 'ModifyAttribute',
        payload: {
          uniqueIdentifier: id,
          attribute: { name, value: name === 'CertificateLength' ? 123 : 'x' },
        },
      });
      assert.equal(itemOutcome(item).reason, ResultReason.AttributeReadOnly, name);
    }
  });

  it('does not exist before KMIP 1.4', async () => {
    assert.equal(
      itemOutcome(await get('1.3', ['CertificateSubjectCN'])).reason,
      ResultReason.InvalidField,
    );
  });
});

describe('Get Attribute List order (OASIS SKFF-M-9)', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness({ attributeListing: 'complete' });
  });
  after(() => harness.close());

  it('lists a 2.1 key as the cases do: identity, algorithm, then alphabetical', async () => {
    const id = await harness.createKey({ version: '2.1' });
    const item = await harness.sendOne('2.1', {
      operation: 'GetAttributeList',
      payload: { uniqueIdentifier: id },
    });
    assert.ok(item.kind === 'typed');
    assert.deepEqual((item.payload as { attributeNames: string[] }).attributeNames, [
      'UniqueIdentifier',
      'ShortUniqueIdentifier',
      'ObjectType',
      'CryptographicAlgorithm',
      'CryptographicLength',
      'AlwaysSensitive',
      'CryptographicUsageMask',
      'Digest',
      'KeyFormatType',
      'Extractable',
      'Fresh',
      'InitialDate',
      'LastChangeDate',
      'NeverExtractable',
      'OriginalCreationDate',
      'ProtectionStorageMask',
      'RandomNumberGenerator',
      'Sensitive',
      'State',
    ]);
  });
});

describe('Lease Time (kmip.defaultLeaseTime)', () => {
  let leased: ServerHarness;
  let unleased: ServerHarness;
  before(async () => {
    leased = await createServerHarness({ attributeListing: 'complete', defaultLeaseTime: 3600 });
    unleased = await createServerHarness({ attributeListing: 'complete' });
  });
  after(async () => {
    await leased.close();
    await unleased.close();
  });

  const leaseOf = async (harness: ServerHarness, id: string, version: KmipVersionName) => {
    const item = await harness.sendOne(version, {
      operation: 'GetAttributes',
      payload: { uniqueIdentifier: id },
    });
    assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
    const list = (item.payload as { attributes: Attribute[] }).attributes;
    return list.find((a) => a.name === 'LeaseTime')?.value;
  };

  it('gives a new key the configured Lease Time, in every version (OASIS SKFF-M-9..12)', async () => {
    for (const version of ['1.0', '1.4', '2.1'] as const) {
      const id = await leased.createKey({ version });
      assert.equal(await leaseOf(leased, id, version), 3600, version);
    }
  });

  it('sets none when no default lease is configured', async () => {
    const id = await unleased.createKey({ version: '2.1' });
    assert.equal(await leaseOf(unleased, id, '2.1'), undefined);
  });

  it('gives none to an Opaque Object, which is not a cryptographic object', async () => {
    const item = await leased.sendOne('2.1', {
      operation: 'Register',
      payload: {
        objectType: ObjectType.OpaqueObject,
        attributes: { attributes: [] },
        object: {
          kind: 'OpaqueObject',
          opaqueDataType: 0x80000001,
          opaqueDataValue: crypto.randomBytes(8),
        },
      } as never,
    });
    const { id } = itemOutcome(item);
    assert.ok(id !== undefined, JSON.stringify(itemOutcome(item)));
    assert.equal(await leaseOf(leased, id, '2.1'), undefined);
  });

  it('refuses a Lease Time the client states on Create (the server sets it)', async () => {
    const item = await leased.sendOne('2.1', {
      operation: 'Create',
      payload: {
        objectType: ObjectType.SymmetricKey,
        attributes: {
          attributes: [
            { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
            { name: 'CryptographicLength', value: 128 },
            { name: 'CryptographicUsageMask', value: CryptographicUsageMask.Encrypt },
            { name: 'LeaseTime', value: 60 },
          ],
        },
      },
    });
    assert.equal(itemOutcome(item).status, ResultStatus.OperationFailed);
  });

  it('lets Check refuse a lease longer than the default one', async () => {
    const id = await leased.createKey({ version: '2.1' });
    await leased.sendOne('2.1', { operation: 'Activate', payload: { uniqueIdentifier: id } });
    const check = async (leaseTime: number) =>
      itemOutcome(
        await leased.sendOne('2.1', {
          operation: 'Check',
          payload: { uniqueIdentifier: id, leaseTime },
        }),
      );
    assert.equal((await check(3600)).status, ResultStatus.Success);
    assert.equal((await check(3601)).reason, ResultReason.PermissionDenied);
  });
});
