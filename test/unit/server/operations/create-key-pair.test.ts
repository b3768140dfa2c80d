import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import * as crypto from '../../../../src/crypto/index.ts';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  LinkType,
  NameType,
  ObjectType,
  RecommendedCurve,
  ResultReason,
  ResultStatus,
  State,
  UniqueIdentifier,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { KeyValue } from '../../../../src/kmip/messages/key-block.ts';
import type { ManagedObject } from '../../../../src/kmip/messages/objects.ts';
import type { CreateKeyPairResponse } from '../../../../src/kmip/messages/payloads/create-key-pair.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';

const SIGN = CryptographicUsageMask.Sign;
const VERIFY = CryptographicUsageMask.Verify;

const attr = (name: string, value: Attribute['value']): Attribute => ({ name, value });
const algorithm = (value: number) => attr('CryptographicAlgorithm', value);
const length = (value: number) => attr('CryptographicLength', value);
const mask = (value: number) => attr('CryptographicUsageMask', value);
const curve = (value: number) => attr('CryptographicDomainParameters', { recommendedCurve: value });
const name = (value: string) => attr('Name', { value, type: NameType.UninterpretedTextString });

interface PairRequest {
  readonly common?: Attribute[];
  readonly privateKey?: Attribute[];
  readonly publicKey?: Attribute[];
}

/** A request for an RSA pair of `bits` with Sign / Verify masks. */
function rsaRequest(bits = 1024): PairRequest {
  return {
    common: [algorithm(CryptographicAlgorithm.RSA), length(bits)],
    privateKey: [mask(SIGN)],
    publicKey: [mask(VERIFY)],
  };
}

function reasonOf(item: ResponseBatchItem): number | undefined {
  assert.ok(item.kind !== 'invalid');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed);
  return item.resultReason;
}

function pairOf(item: ResponseBatchItem): CreateKeyPairResponse & {
  privateKeyUniqueIdentifier: string;
  publicKeyUniqueIdentifier: string;
} {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  return item.payload as never;
}

function materialOf(object: ManagedObject): { format: number; der: Uint8Array } {
  assert.ok(object.kind === 'PrivateKey' || object.kind === 'PublicKey');
  const value = object.keyBlock.keyValue as KeyValue;
  return { format: object.keyBlock.keyFormatType, der: value.keyMaterial as Uint8Array };
}

describe('CreateKeyPair', () => {
  let harness: ServerHarness;
  before(async () => {
    // RSA-1024 keeps these tests fast; the weak-algorithm policy has its own tests (key-policy.test.ts).
    harness = await createServerHarness({
      cryptoPolicy: { allowLegacy: false, minSecurityBits: 80 },
    });
  });
  after(() => harness.close());

  const createPair = (request: PairRequest, version: KmipVersionName = '1.4') =>
    harness.sendOne(version, {
      operation: 'CreateKeyPair',
      payload: {
        ...(request.common ? { commonAttributes: { attributes: request.common } } : {}),
        ...(request.privateKey ? { privateKeyAttributes: { attributes: request.privateKey } } : {}),
        ...(request.publicKey ? { publicKeyAttributes: { attributes: request.publicKey } } : {}),
      },
    });

  const getObject = async (id: string, version: KmipVersionName = '1.4') => {
    const item = await harness.sendOne(version, {
      operation: 'Get',
      payload: { uniqueIdentifier: id },
    });
    assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
    return (item.payload as { object: ManagedObject }).object;
  };

  const getAttributes = async (id: string, names?: string[], version: KmipVersionName = '1.4') => {
    const item = await harness.sendOne(version, {
      operation: 'GetAttributes',
      payload: { uniqueIdentifier: id, ...(names ? { attributeNames: names } : {}) },
    });
    assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
    return (item.payload as { attributes: Attribute[] }).attributes;
  };

  const valueOf = (attributes: readonly Attribute[], attributeName: string) =>
    attributes.find((a) => a.name === attributeName)?.value;

  /** Signs with the stored private key and verifies with the stored public key. */
  async function assertIsPair(privateId: string, publicId: string): Promise<void> {
    const priv = materialOf(await getObject(privateId));
    const pub = materialOf(await getObject(publicId));
    const privateKey =
      priv.format === KeyFormatType.PKCS_1
        ? createPrivateKey({ key: Buffer.from(priv.der), format: 'der', type: 'pkcs1' })
        : createPrivateKey({ key: Buffer.from(priv.der), format: 'der', type: 'pkcs8' });
    const publicKey =
      pub.format === KeyFormatType.PKCS_1
        ? createPublicKey({ key: Buffer.from(pub.der), format: 'der', type: 'pkcs1' })
        : createPublicKey({ key: Buffer.from(pub.der), format: 'der', type: 'spki' });
    const data = Buffer.from('key pair check');
    const hash = privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
    assert.ok(verify(hash, data, publicKey, sign(hash, data, privateKey)), 'the keys are a pair');
  }

  for (const bits of [1024, 2048, 4096]) {
    it(`creates an RSA-${bits} pair: private and public key PKCS#1, a working pair`, async () => {
      const { privateKeyUniqueIdentifier: priv, publicKeyUniqueIdentifier: pub } = pairOf(
        await createPair(rsaRequest(bits)),
      );
      const privateMaterial = materialOf(await getObject(priv));
      const publicMaterial = materialOf(await getObject(pub));
      assert.equal(privateMaterial.format, KeyFormatType.PKCS_1);
      assert.equal(publicMaterial.format, KeyFormatType.PKCS_1);
      assert.deepEqual(crypto.describeKey(privateMaterial.der, 'PKCS_1'), {
        algorithm: 'RSA',
        lengthBits: bits,
        isPrivate: true,
      });
      assert.equal(crypto.describeKey(publicMaterial.der, 'PKCS_1').isPrivate, false);
      await assertIsPair(priv, pub);
    });
  }

  for (const [curveName, bits] of [
    ['P_256', 256],
    ['P_384', 384],
    ['P_521', 521],
  ] as const) {
    it(`creates an EC ${curveName} pair from its length: PKCS#8 and X.509, curve recorded`, async () => {
      const item = await createPair({
        common: [algorithm(CryptographicAlgorithm.EC), length(bits)],
        privateKey: [mask(SIGN)],
        publicKey: [mask(VERIFY)],
      });
      const { privateKeyUniqueIdentifier: priv, publicKeyUniqueIdentifier: pub } = pairOf(item);
      const privateMaterial = materialOf(await getObject(priv));
      const publicMaterial = materialOf(await getObject(pub));
      assert.equal(privateMaterial.format, KeyFormatType.PKCS_8);
      assert.equal(publicMaterial.format, KeyFormatType.X_509);
      assert.equal(crypto.describeKey(publicMaterial.der, 'X_509').curve, curveName);
      for (const id of [priv, pub]) {
        const attributes = await getAttributes(id, [
          'CryptographicLength',
          'CryptographicDomainParameters',
        ]);
        assert.equal(valueOf(attributes, 'CryptographicLength'), bits);
        assert.deepEqual(valueOf(attributes, 'CryptographicDomainParameters'), {
          recommendedCurve: RecommendedCurve[curveName],
        });
      }
      await assertIsPair(priv, pub);
    });
  }

  it('creates a SECP256K1 pair from the curve with length 256 (TC-DERIVEKEY-6): not P_256', async () => {
    const item = await createPair({
      common: [
        algorithm(CryptographicAlgorithm.EC),
        length(256),
        curve(RecommendedCurve.SECP256K1),
      ],
      privateKey: [mask(SIGN)],
      publicKey: [mask(VERIFY)],
    });
    const { privateKeyUniqueIdentifier: priv, publicKeyUniqueIdentifier: pub } = pairOf(item);
    const publicMaterial = materialOf(await getObject(pub));
    assert.equal(crypto.describeKey(publicMaterial.der, 'X_509').curve, 'SECP256K1');
    const attributes = await getAttributes(priv, ['CryptographicDomainParameters']);
    assert.deepEqual(valueOf(attributes, 'CryptographicDomainParameters'), {
      recommendedCurve: RecommendedCurve.SECP256K1,
    });
    await assertIsPair(priv, pub);
  });

  it('takes the size from Qlength with the curve (TC-DERIVEKEY-6): no implicit length echoed', async () => {
    const item = await createPair({
      common: [
        algorithm(CryptographicAlgorithm.EC),
        attr('CryptographicDomainParameters', {
          qlength: 256,
          recommendedCurve: RecommendedCurve.SECP256K1,
        }),
      ],
      privateKey: [mask(SIGN)],
      publicKey: [mask(VERIFY)],
    });
    const pair = pairOf(item);
    assert.equal(pair.privateKeyAttributes, undefined);
    assert.equal(pair.publicKeyAttributes, undefined);
    const attributes = await getAttributes(pair.privateKeyUniqueIdentifier, [
      'CryptographicLength',
    ]);
    assert.equal(valueOf(attributes, 'CryptographicLength'), 256);
    const wrong = await createPair({
      common: [
        algorithm(CryptographicAlgorithm.EC),
        attr('CryptographicDomainParameters', {
          qlength: 384,
          recommendedCurve: RecommendedCurve.P_256,
        }),
      ],
      privateKey: [mask(SIGN)],
      publicKey: [mask(VERIFY)],
    });
    assert.equal(reasonOf(wrong), ResultReason.InvalidField);
  });

  it('creates an EC pair from the Recommended Curve alone and returns the length it chose (1.x)', async () => {
    const item = await createPair({
      common: [algorithm(CryptographicAlgorithm.ECDSA), curve(RecommendedCurve.P_384)],
      privateKey: [mask(SIGN)],
      publicKey: [mask(VERIFY)],
    });
    const pair = pairOf(item);
    assert.deepEqual(pair.privateKeyAttributes?.attributes, [length(384)]);
    assert.deepEqual(pair.publicKeyAttributes?.attributes, [length(384)]);
    const attributes = await getAttributes(pair.privateKeyUniqueIdentifier, [
      'CryptographicAlgorithm',
      'CryptographicLength',
    ]);
    // The algorithm stays as the client named it.
    assert.equal(valueOf(attributes, 'CryptographicAlgorithm'), CryptographicAlgorithm.ECDSA);
    assert.equal(valueOf(attributes, 'CryptographicLength'), 384);
  });

  it('creates an Ed25519 pair (KMIP 2.1): PKCS#8 and X.509, length 256, no implicit attributes in 2.x', async () => {
    const item = await createPair(
      {
        common: [algorithm(CryptographicAlgorithm.Ed25519)],
        privateKey: [mask(SIGN)],
        publicKey: [mask(VERIFY)],
      },
      '2.1',
    );
    const pair = pairOf(item);
    assert.equal(pair.privateKeyAttributes, undefined);
    const privateMaterial = materialOf(await getObject(pair.privateKeyUniqueIdentifier));
    assert.equal(privateMaterial.format, KeyFormatType.PKCS_8);
    assert.equal(crypto.describeKey(privateMaterial.der, 'PKCS_8').algorithm, 'Ed25519');
    const attributes = await getAttributes(pair.publicKeyUniqueIdentifier, undefined, '2.1');
    assert.equal(valueOf(attributes, 'CryptographicLength'), 256);
    assert.equal(valueOf(attributes, 'CryptographicAlgorithm'), CryptographicAlgorithm.Ed25519);
    await assertIsPair(pair.privateKeyUniqueIdentifier, pair.publicKeyUniqueIdentifier);
  });

  it('creates an Ed25519 pair for a KMIP 1.4 client and reports the length it chose', async () => {
    const pair = pairOf(
      await createPair({
        common: [algorithm(CryptographicAlgorithm.Ed25519)],
        privateKey: [mask(SIGN)],
        publicKey: [mask(VERIFY)],
      }),
    );
    assert.deepEqual(pair.privateKeyAttributes?.attributes, [length(256)]);
    assert.deepEqual(pair.publicKeyAttributes?.attributes, [length(256)]);
    await assertIsPair(pair.privateKeyUniqueIdentifier, pair.publicKeyUniqueIdentifier);
  });

  for (const version of ['1.0', '1.4', '2.0', '2.1'] as const) {
    it(`stores both keys Pre-Active, owned by the caller, linked to each other (KMIP ${version})`, async () => {
      const pair = pairOf(await createPair(rsaRequest(), version));
      const priv = pair.privateKeyUniqueIdentifier;
      const pub = pair.publicKeyUniqueIdentifier;
      assert.equal(pair.privateKeyAttributes, undefined, 'nothing implicit to report');
      const privateLinks = await getAttributes(priv, ['Link', 'ObjectType', 'State'], version);
      assert.deepEqual(valueOf(privateLinks, 'Link'), {
        linkType: LinkType.PublicKeyLink,
        linkedObjectIdentifier: pub,
      });
      assert.equal(valueOf(privateLinks, 'ObjectType'), ObjectType.PrivateKey);
      assert.equal(valueOf(privateLinks, 'State'), State.PreActive);
      const publicLinks = await getAttributes(pub, ['Link', 'ObjectType'], version);
      assert.deepEqual(valueOf(publicLinks, 'Link'), {
        linkType: LinkType.PrivateKeyLink,
        linkedObjectIdentifier: priv,
      });
      assert.equal(valueOf(publicLinks, 'ObjectType'), ObjectType.PublicKey);
      const [storedPrivate, storedPublic] = await Promise.all([
        harness.store.get(priv),
        harness.store.get(pub),
      ]);
      assert.equal(storedPrivate.owner, 'alice');
      assert.equal(storedPublic.owner, 'alice');
      assert.equal(storedPrivate.state, 'PreActive');
      assert.equal(storedPublic.state, 'PreActive');
      // One write: both carry the same Initial Date.
      const initial = (id: string) =>
        getAttributes(id, ['InitialDate'], version).then((a) => valueOf(a, 'InitialDate'));
      assert.deepEqual(await initial(priv), await initial(pub));
    });
  }

  it('lists the Link in an unnamed Get Attributes from KMIP 2.1 only (PyKMIP 0.10 cannot parse it)', async () => {
    const pair = pairOf(await createPair(rsaRequest()));
    const names14 = (await getAttributes(pair.privateKeyUniqueIdentifier)).map((a) => a.name);
    assert.ok(!names14.includes('Link'));
    assert.ok(names14.includes('CryptographicUsageMask'));
    const names21 = (await getAttributes(pair.privateKeyUniqueIdentifier, undefined, '2.1')).map(
      (a) => a.name,
    );
    assert.ok(names21.includes('Link'));
  });

  it('gives each key its own attributes over the common ones, and the union of multi-valued ones', async () => {
    const pair = pairOf(
      await createPair({
        common: [
          algorithm(CryptographicAlgorithm.RSA),
          length(1024),
          mask(SIGN | VERIFY),
          name('shared'),
          attr('ObjectGroup', 'group-a'),
        ],
        privateKey: [mask(SIGN), name('private-name')],
        publicKey: [name('public-name')],
      }),
    );
    const priv = await getAttributes(pair.privateKeyUniqueIdentifier, [
      'CryptographicUsageMask',
      'Name',
      'ObjectGroup',
    ]);
    assert.equal(valueOf(priv, 'CryptographicUsageMask'), SIGN);
    assert.deepEqual(
      priv.filter((a) => a.name === 'Name').map((a) => (a.value as { value: string }).value),
      ['shared', 'private-name'],
    );
    assert.equal(valueOf(priv, 'ObjectGroup'), 'group-a');
    const pub = await getAttributes(pair.publicKeyUniqueIdentifier, [
      'CryptographicUsageMask',
      'Name',
    ]);
    assert.equal(valueOf(pub, 'CryptographicUsageMask'), SIGN | VERIFY);
    assert.deepEqual(
      pub.filter((a) => a.name === 'Name').map((a) => (a.value as { value: string }).value),
      ['shared', 'public-name'],
    );
  });

  it('keeps client Links of other types beside the server-set ones', async () => {
    const other = await harness.createKey();
    const request = rsaRequest();
    const pair = pairOf(
      await createPair({
        ...request,
        privateKey: [
          ...(request.privateKey ?? []),
          attr('Link', { linkType: LinkType.ParentLink, linkedObjectIdentifier: other }),
        ],
      }),
    );
    const links = (await getAttributes(pair.privateKeyUniqueIdentifier, ['Link'])).map(
      (a) => (a.value as { linkType: number }).linkType,
    );
    assert.deepEqual(links.sort(), [LinkType.PublicKeyLink, LinkType.ParentLink].sort());
  });

  it('sets the ID Placeholder to the private key, and 2.x references name either key', async () => {
    const response = await harness.send(
      message('2.1', [
        { operation: 'CreateKeyPair', payload: payloadOf(rsaRequest()), id: 'a' },
        { operation: 'GetAttributes', payload: { attributeNames: ['ObjectType'] }, id: 'b' },
        {
          id: 'c',
          operation: 'GetAttributes',
          payload: {
            uniqueIdentifier: {
              type: 'Enumeration',
              value: UniqueIdentifier.CreateKeyPairPublicKey,
            },
            attributeNames: ['ObjectType'],
          },
        },
      ]),
    );
    const [first, second, third] = response.batchItems;
    const pair = pairOf(first as ResponseBatchItem);
    for (const [item, id, type] of [
      [second, pair.privateKeyUniqueIdentifier, ObjectType.PrivateKey],
      [third, pair.publicKeyUniqueIdentifier, ObjectType.PublicKey],
    ] as const) {
      assert.ok(item?.kind === 'typed' && item.resultStatus === ResultStatus.Success);
      const payload = item.payload as { uniqueIdentifier: string; attributes: Attribute[] };
      assert.equal(payload.uniqueIdentifier, id);
      assert.equal(valueOf(payload.attributes, 'ObjectType'), type);
    }
  });

  describe('refusals', () => {
    const cases: Array<[string, PairRequest, number, KmipVersionName?]> = [
      [
        'no Cryptographic Algorithm',
        { common: [length(2048)], privateKey: [mask(SIGN)], publicKey: [mask(VERIFY)] },
        ResultReason.InvalidField,
      ],
      [
        'no Cryptographic Length for RSA',
        {
          common: [algorithm(CryptographicAlgorithm.RSA)],
          privateKey: [mask(SIGN)],
          publicKey: [mask(VERIFY)],
        },
        ResultReason.InvalidField,
      ],
      [
        'RSA under 1024 bits',
        { ...rsaRequest(), common: [algorithm(CryptographicAlgorithm.RSA), length(512)] },
        ResultReason.InvalidField,
      ],
      [
        'RSA over 4096 bits',
        { ...rsaRequest(), common: [algorithm(CryptographicAlgorithm.RSA), length(4104)] },
        ResultReason.InvalidField,
      ],
      [
        'an RSA length that is not a whole number of bytes',
        { ...rsaRequest(), common: [algorithm(CryptographicAlgorithm.RSA), length(2047)] },
        ResultReason.InvalidField,
      ],
      [
        'keys of different algorithms',
        {
          common: [length(256)],
          privateKey: [algorithm(CryptographicAlgorithm.EC), mask(SIGN)],
          publicKey: [algorithm(CryptographicAlgorithm.RSA), mask(VERIFY)],
        },
        ResultReason.InvalidField,
      ],
      [
        'keys of different lengths',
        {
          common: [algorithm(CryptographicAlgorithm.RSA)],
          privateKey: [length(2048), mask(SIGN)],
          publicKey: [length(1024), mask(VERIFY)],
        },
        ResultReason.InvalidField,
      ],
      [
        'a symmetric algorithm',
        {
          common: [algorithm(CryptographicAlgorithm.AES), length(256)],
          privateKey: [mask(SIGN)],
          publicKey: [mask(VERIFY)],
        },
        ResultReason.InvalidField,
      ],
      [
        'a DSA size outside FIPS 186-4 (1536 bits)',
        {
          common: [algorithm(CryptographicAlgorithm.DSA), length(1536)],
          privateKey: [mask(SIGN)],
          publicKey: [mask(VERIFY)],
        },
        ResultReason.InvalidField,
      ],
      [
        'an EC length with no generated curve',
        {
          common: [algorithm(CryptographicAlgorithm.EC), length(255)],
          privateKey: [mask(SIGN)],
          publicKey: [mask(VERIFY)],
        },
        ResultReason.InvalidField,
      ],
      [
        'an EC curve the server does not generate on (P-224)',
        {
          common: [algorithm(CryptographicAlgorithm.EC), curve(RecommendedCurve.P_224)],
          privateKey: [mask(SIGN)],
          publicKey: [mask(VERIFY)],
        },
        ResultReason.InvalidField,
      ],
      [
        'an EC length and curve that disagree',
        {
          common: [
            algorithm(CryptographicAlgorithm.EC),
            length(384),
            curve(RecommendedCurve.P_256),
          ],
          privateKey: [mask(SIGN)],
          publicKey: [mask(VERIFY)],
        },
        ResultReason.InvalidField,
      ],
      [
        'EC with neither length nor curve',
        {
          common: [algorithm(CryptographicAlgorithm.EC)],
          privateKey: [mask(SIGN)],
          publicKey: [mask(VERIFY)],
        },
        ResultReason.InvalidField,
      ],
      [
        'an Ed25519 length other than 256',
        {
          common: [algorithm(CryptographicAlgorithm.Ed25519), length(255)],
          privateKey: [mask(SIGN)],
          publicKey: [mask(VERIFY)],
        },
        ResultReason.InvalidField,
        '2.1',
      ],
      [
        'RSA with a Recommended Curve',
        {
          common: [
            algorithm(CryptographicAlgorithm.RSA),
            length(2048),
            curve(RecommendedCurve.P_256),
          ],
          privateKey: [mask(SIGN)],
          publicKey: [mask(VERIFY)],
        },
        ResultReason.InvalidField,
      ],
      [
        'no usage mask for the public key',
        { ...rsaRequest(), publicKey: [] },
        ResultReason.InvalidField,
      ],
      [
        'no usage mask for the private key',
        { ...rsaRequest(), privateKey: [name('x')] },
        ResultReason.InvalidField,
      ],
      [
        'a client Public Key Link',
        {
          ...rsaRequest(),
          privateKey: [
            mask(SIGN),
            attr('Link', { linkType: LinkType.PublicKeyLink, linkedObjectIdentifier: 'x' }),
          ],
        },
        ResultReason.InvalidField,
      ],
      [
        'a server-only attribute (1.x: Permission Denied)',
        { ...rsaRequest(), privateKey: [mask(SIGN), attr('InitialDate', new Date())] },
        ResultReason.PermissionDenied,
      ],
    ];
    for (const [label, request, reason, version] of cases) {
      it(`refuses ${label}`, async () => {
        const before = (await harness.store.find({})).length;
        assert.equal(reasonOf(await createPair(request, version ?? '1.4')), reason);
        assert.equal((await harness.store.find({})).length, before, 'nothing stored');
      });
    }

    it('refuses a Template Name with Item Not Found', async () => {
      const item = await harness.sendOne('1.4', {
        operation: 'CreateKeyPair',
        payload: {
          ...payloadOf(rsaRequest()),
          commonAttributes: {
            attributes: rsaRequest().common ?? [],
            templateNames: [{ value: 'tpl', type: NameType.UninterpretedTextString }],
          },
        },
      });
      assert.equal(reasonOf(item), ResultReason.ItemNotFound);
    });
  });

  it('never logs key material', async () => {
    const pair = pairOf(await createPair(rsaRequest()));
    const der = materialOf(await getObject(pair.privateKeyUniqueIdentifier)).der;
    const text = harness.logText();
    assert.ok(text.includes(pair.privateKeyUniqueIdentifier));
    for (const encoding of ['hex', 'base64'] as const) {
      assert.ok(!text.includes(Buffer.from(der).subarray(40, 72).toString(encoding)));
    }
  });
});

function payloadOf(request: PairRequest) {
  return {
    ...(request.common ? { commonAttributes: { attributes: request.common } } : {}),
    ...(request.privateKey ? { privateKeyAttributes: { attributes: request.privateKey } } : {}),
    ...(request.publicKey ? { publicKeyAttributes: { attributes: request.publicKey } } : {}),
  };
}
