import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  LinkType,
  NameType,
  Operation,
  QueryFunction,
  RecommendedCurve,
  ResultReason,
  State,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { CreateKeyPairResponse } from '../../../../src/kmip/messages/payloads/create-key-pair.ts';
import type { ReKeyKeyPairResponse } from '../../../../src/kmip/messages/payloads/re-key-key-pair.ts';
import type { ReKeyResponse } from '../../../../src/kmip/messages/payloads/re-key.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import {
  attr,
  attributeValuesOf,
  failure,
  getObject,
  materialBytes,
  okPayload,
} from './key-ops-fixture.ts';

const name = (value: string) => attr('Name', { value, type: NameType.UninterpretedTextString });
const seconds = (offset: number) => new Date((Math.floor(Date.now() / 1000) + offset) * 1000);

describe('ReKey', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const reKey = (
    uniqueIdentifier: string,
    extra: { offset?: number; attributes?: Attribute[] } = {},
    version: KmipVersionName = '1.4',
  ) =>
    harness.sendOne(version, {
      operation: 'ReKey',
      payload: {
        uniqueIdentifier,
        ...(extra.offset === undefined ? {} : { offset: extra.offset }),
        ...(extra.attributes === undefined ? {} : { attributes: { attributes: extra.attributes } }),
      },
    });
  const one = async (id: string, attribute: string) =>
    (await attributeValuesOf(harness, id, attribute))[0];

  it('makes a new key of the same kind, moves the names, copies the dates and links both', async () => {
    const activation = seconds(-3600);
    const deactivation = seconds(86_400);
    const old = await harness.createKey({
      extra: [
        name('rekey-me'),
        attr('ActivationDate', activation),
        attr('DeactivationDate', deactivation),
        attr('ContactInformation', 'crypto team'),
      ],
    });
    const id = okPayload<ReKeyResponse>(await reKey(old)).uniqueIdentifier as string;
    assert.notEqual(id, old);
    const [before, after] = [
      await getObject(harness, { uniqueIdentifier: old }),
      await getObject(harness, { uniqueIdentifier: id }),
    ];
    assert.notDeepEqual(materialBytes(after), materialBytes(before));
    assert.equal(materialBytes(after).length, 32);
    assert.equal(await one(id, 'CryptographicAlgorithm'), CryptographicAlgorithm.AES);
    assert.equal(
      await one(id, 'CryptographicUsageMask'),
      CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
    );
    assert.deepEqual(await attributeValuesOf(harness, id, 'Name'), [
      { value: 'rekey-me', type: NameType.UninterpretedTextString },
    ]);
    assert.deepEqual(await attributeValuesOf(harness, old, 'Name'), []);
    assert.deepEqual(await one(id, 'ActivationDate'), activation);
    assert.deepEqual(await one(id, 'DeactivationDate'), deactivation);
    assert.equal(await one(id, 'ContactInformation'), 'crypto team');
    assert.equal(await one(id, 'State'), State.Active);
    assert.deepEqual(await attributeValuesOf(harness, id, 'Link'), [
      { linkType: LinkType.ReplacedObjectLink, linkedObjectIdentifier: old },
    ]);
    assert.deepEqual(await attributeValuesOf(harness, old, 'Link'), [
      { linkType: LinkType.ReplacementObjectLink, linkedObjectIdentifier: id },
    ]);
  });

  it('with an Offset: Activation Date = now + Offset, other dates moved by as much', async () => {
    const activation = seconds(-7200);
    const deactivation = seconds(7200);
    const old = await harness.createKey({
      extra: [attr('ActivationDate', activation), attr('DeactivationDate', deactivation)],
    });
    const start = Date.now();
    const id = okPayload<ReKeyResponse>(await reKey(old, { offset: 3600 }))
      .uniqueIdentifier as string;
    const newActivation = (await one(id, 'ActivationDate')) as Date;
    assert.ok(
      Math.abs(newActivation.getTime() - (start + 3_600_000)) < 3000,
      'Initial Date + Offset',
    );
    const shift = newActivation.getTime() - activation.getTime();
    assert.equal(
      ((await one(id, 'DeactivationDate')) as Date).getTime(),
      deactivation.getTime() + shift,
    );
    assert.equal(await one(id, 'State'), State.PreActive);
  });

  it('adds requested Names to the inherited ones, key after key (OASIS TC-REKEY-1)', async () => {
    const first = await harness.createKey({ extra: [name('original')] });
    const second = okPayload<ReKeyResponse>(
      await reKey(first, { attributes: [name('first-rekey')] }),
    ).uniqueIdentifier as string;
    assert.deepEqual(await attributeValuesOf(harness, second, 'Name'), [
      { value: 'original', type: NameType.UninterpretedTextString },
      { value: 'first-rekey', type: NameType.UninterpretedTextString },
    ]);
    // A requested Name the key already has is not duplicated.
    const third = okPayload<ReKeyResponse>(
      await reKey(second, { attributes: [name('original'), name('second-rekey')] }, '2.0'),
    ).uniqueIdentifier as string;
    assert.deepEqual(await attributeValuesOf(harness, third, 'Name'), [
      { value: 'original', type: NameType.UninterpretedTextString },
      { value: 'first-rekey', type: NameType.UninterpretedTextString },
      { value: 'second-rekey', type: NameType.UninterpretedTextString },
    ]);
    assert.deepEqual(await attributeValuesOf(harness, second, 'Name'), []);
  });

  it('lets the request override copied attributes', async () => {
    const old = await harness.createKey({ extra: [attr('ContactInformation', 'crypto team')] });
    const id = okPayload<ReKeyResponse>(
      await reKey(old, { attributes: [attr('ContactInformation', 'platform team')] }),
    ).uniqueIdentifier as string;
    assert.deepEqual(await attributeValuesOf(harness, id, 'ContactInformation'), ['platform team']);
  });

  it('refuses a key pair member with Invalid Object Type (1.x: Invalid Field), a missing key with Item Not Found', async () => {
    const pair = okPayload<CreateKeyPairResponse>(
      await harness.sendOne('1.4', {
        operation: 'CreateKeyPair',
        payload: {
          commonAttributes: {
            attributes: [
              attr('CryptographicAlgorithm', CryptographicAlgorithm.EC),
              attr('CryptographicDomainParameters', { recommendedCurve: RecommendedCurve.P_256 }),
            ],
          },
          privateKeyAttributes: {
            attributes: [attr('CryptographicUsageMask', CryptographicUsageMask.Sign)],
          },
          publicKeyAttributes: {
            attributes: [attr('CryptographicUsageMask', CryptographicUsageMask.Verify)],
          },
        },
      }),
    );
    const privateId = pair.privateKeyUniqueIdentifier as string;
    assert.equal(failure(await reKey(privateId, {}, '2.0')), ResultReason.InvalidObjectType);
    assert.equal(failure(await reKey(privateId, {}, '1.4')), ResultReason.InvalidField);
    assert.equal(failure(await reKey('missing')), ResultReason.ItemNotFound);
  });
});

describe('ReKeyKeyPair', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const createPair = async () =>
    okPayload<CreateKeyPairResponse>(
      await harness.sendOne('1.4', {
        operation: 'CreateKeyPair',
        payload: {
          commonAttributes: {
            attributes: [
              attr('CryptographicAlgorithm', CryptographicAlgorithm.EC),
              attr('CryptographicDomainParameters', { recommendedCurve: RecommendedCurve.P_256 }),
              attr('ActivationDate', seconds(-60)),
            ],
          },
          privateKeyAttributes: {
            attributes: [
              attr('CryptographicUsageMask', CryptographicUsageMask.Sign),
              name('signing-private'),
            ],
          },
          publicKeyAttributes: {
            attributes: [
              attr('CryptographicUsageMask', CryptographicUsageMask.Verify),
              name('signing-public'),
            ],
          },
        },
      }),
    );
  const reKeyPair = (
    privateKeyUniqueIdentifier: string,
    version: KmipVersionName = '1.4',
    offset?: number,
  ) =>
    harness.sendOne(version, {
      operation: 'ReKeyKeyPair',
      payload: { privateKeyUniqueIdentifier, ...(offset === undefined ? {} : { offset }) },
    });

  it('makes a matching pair on the same curve, linked to each other and to the keys it replaces', async () => {
    const old = await createPair();
    const oldPrivate = old.privateKeyUniqueIdentifier as string;
    const oldPublic = old.publicKeyUniqueIdentifier as string;
    const fresh = okPayload<ReKeyKeyPairResponse>(await reKeyPair(oldPrivate));
    const newPrivate = fresh.privateKeyUniqueIdentifier as string;
    const newPublic = fresh.publicKeyUniqueIdentifier as string;

    const privateKey = createPrivateKey({
      key: Buffer.from(materialBytes(await getObject(harness, { uniqueIdentifier: newPrivate }))),
      format: 'der',
      type: 'pkcs8',
    });
    const publicKey = createPublicKey({
      key: Buffer.from(materialBytes(await getObject(harness, { uniqueIdentifier: newPublic }))),
      format: 'der',
      type: 'spki',
    });
    assert.ok(createPublicKey(privateKey).equals(publicKey), 'the new keys are one pair');
    assert.equal(privateKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    const oldKey = createPublicKey({
      key: Buffer.from(materialBytes(await getObject(harness, { uniqueIdentifier: oldPublic }))),
      format: 'der',
      type: 'spki',
    });
    assert.ok(!oldKey.equals(publicKey), 'a new key');

    const links = (id: string) => attributeValuesOf(harness, id, 'Link');
    assert.deepEqual(await links(newPrivate), [
      { linkType: LinkType.PublicKeyLink, linkedObjectIdentifier: newPublic },
      { linkType: LinkType.ReplacedObjectLink, linkedObjectIdentifier: oldPrivate },
    ]);
    assert.deepEqual(await links(newPublic), [
      { linkType: LinkType.PrivateKeyLink, linkedObjectIdentifier: newPrivate },
      { linkType: LinkType.ReplacedObjectLink, linkedObjectIdentifier: oldPublic },
    ]);
    assert.deepEqual((await links(oldPrivate)).at(-1), {
      linkType: LinkType.ReplacementObjectLink,
      linkedObjectIdentifier: newPrivate,
    });
    assert.deepEqual((await links(oldPublic)).at(-1), {
      linkType: LinkType.ReplacementObjectLink,
      linkedObjectIdentifier: newPublic,
    });
    assert.deepEqual(await attributeValuesOf(harness, newPublic, 'Name'), [
      { value: 'signing-public', type: NameType.UninterpretedTextString },
    ]);
    assert.deepEqual(await attributeValuesOf(harness, oldPrivate, 'Name'), []);
    assert.equal((await attributeValuesOf(harness, newPrivate, 'State'))[0], State.Active);
  });

  it('with an Offset both new keys start Pre-Active', async () => {
    const old = await createPair();
    const fresh = okPayload<ReKeyKeyPairResponse>(
      await reKeyPair(old.privateKeyUniqueIdentifier as string, '1.4', 600),
    );
    for (const id of [
      fresh.privateKeyUniqueIdentifier,
      fresh.publicKeyUniqueIdentifier,
    ] as string[]) {
      assert.equal((await attributeValuesOf(harness, id, 'State'))[0], State.PreActive);
    }
  });

  it('refuses a symmetric key identifier with Invalid Object Type', async () => {
    const id = await harness.createKey();
    assert.equal(failure(await reKeyPair(id, '2.0')), ResultReason.InvalidObjectType);
  });

  it('is listed by Query', async () => {
    const item = await harness.sendOne('1.4', {
      operation: 'Query',
      payload: { queryFunctions: [QueryFunction.QueryOperations] },
    });
    const operations = okPayload<{ operations?: readonly number[] }>(item).operations ?? [];
    for (const operation of [Operation.ReKey, Operation.ReKeyKeyPair, Operation.DeriveKey]) {
      assert.ok(operations.includes(operation));
    }
  });
});
