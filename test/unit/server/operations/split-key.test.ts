import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ObjectType,
  ResultReason,
  SecretDataType,
  SplitKeyMethod,
} from '../../../../src/kmip/generated/registry.ts';
import type {
  CreateSplitKeyRequest,
  CreateSplitKeyResponse,
  JoinSplitKeyResponse,
} from '../../../../src/kmip/messages/payloads/split-key.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import {
  attr,
  failure,
  getObject,
  keyBlock,
  materialBytes,
  okPayload,
  registerObject,
} from './key-ops-fixture.ts';

const M521 = 2n ** 521n - 1n; // a Mersenne prime above any AES key

describe('Create Split Key / Join Split Key', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const split = (payload: CreateSplitKeyRequest, version: KmipVersionName = '1.4') =>
    harness.sendOne(version, { operation: 'CreateSplitKey', payload });
  const join = (
    ids: readonly string[],
    version: KmipVersionName = '1.4',
    objectType: number = ObjectType.SymmetricKey,
  ) =>
    harness.sendOne(version, {
      operation: 'JoinSplitKey',
      payload: { objectType, uniqueIdentifiers: ids },
    });
  const partsOf = async (payload: CreateSplitKeyRequest) =>
    okPayload<CreateSplitKeyResponse>(await split(payload)).uniqueIdentifiers as string[];
  const joined = async (ids: readonly string[]) =>
    materialBytes(
      await getObject(harness, {
        uniqueIdentifier: okPayload<JoinSplitKeyResponse>(await join(ids))
          .uniqueIdentifier as string,
      }),
    );

  const cases: Array<[string, number, number, number, bigint | undefined, number[]]> = [
    [
      'Polynomial Sharing GF(2^8), 3 of 5',
      SplitKeyMethod.PolynomialSharingGF2_8,
      5,
      3,
      undefined,
      [1, 3, 4],
    ],
    [
      'Polynomial Sharing Prime Field, 2 of 3',
      SplitKeyMethod.PolynomialSharingPrimeField,
      3,
      2,
      M521,
      [2, 0],
    ],
    [
      'Polynomial Sharing GF(2^16), 3 of 4',
      SplitKeyMethod.PolynomialSharingGF2_16,
      4,
      3,
      undefined,
      [3, 0, 2],
    ],
    ['XOR, 3 of 3', SplitKeyMethod.XOR, 3, 3, undefined, [2, 0, 1]],
  ];
  for (const [what, method, parts, threshold, prime, pick] of cases) {
    it(`${what}: the parts rebuild the key`, async () => {
      const keyId = await harness.createKey();
      const original = materialBytes(await getObject(harness, { uniqueIdentifier: keyId }));
      const ids = await partsOf({
        objectType: ObjectType.SymmetricKey,
        uniqueIdentifier: keyId,
        splitKeyParts: parts,
        splitKeyThreshold: threshold,
        splitKeyMethod: method,
        ...(prime === undefined ? {} : { primeFieldSize: prime }),
      });
      assert.equal(ids.length, parts);
      const part = await getObject(harness, { uniqueIdentifier: ids[1] as string });
      assert.ok(part.kind === 'SplitKey');
      assert.deepEqual(
        [part.keyPartIdentifier, part.splitKeyParts, part.splitKeyThreshold, part.splitKeyMethod],
        [2, parts, threshold, method],
      );
      assert.equal(part.keyBlock.cryptographicAlgorithm, CryptographicAlgorithm.AES);
      assert.deepEqual(await joined(pick.map((i) => ids[i] as string)), original);
    });
  }

  it('splits a new key made from the attributes when no key is named', async () => {
    const ids = await partsOf({
      objectType: ObjectType.SymmetricKey,
      splitKeyParts: 2,
      splitKeyThreshold: 2,
      splitKeyMethod: SplitKeyMethod.PolynomialSharingGF2_8,
      attributes: {
        attributes: [
          attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
          attr('CryptographicLength', 128),
          attr('CryptographicUsageMask', CryptographicUsageMask.Encrypt),
        ],
      },
    });
    assert.equal((await joined(ids)).length, 16);
  });

  it('refuses fewer parts than the threshold (Cryptographic Failure, as the OASIS TC-SJ cases) and parts of different splits (Invalid Field)', async () => {
    const request = (keyId: string): CreateSplitKeyRequest => ({
      objectType: ObjectType.SymmetricKey,
      uniqueIdentifier: keyId,
      splitKeyParts: 3,
      splitKeyThreshold: 2,
      splitKeyMethod: SplitKeyMethod.PolynomialSharingGF2_8,
    });
    const a = await partsOf(request(await harness.createKey()));
    const b = await partsOf({ ...request(await harness.createKey()), splitKeyParts: 4 });
    assert.equal(failure(await join([a[0] as string])), ResultReason.CryptographicFailure);
    assert.equal(failure(await join([a[0] as string, b[1] as string])), ResultReason.InvalidField);
    assert.equal(
      failure(await join([a[0] as string, a[0] as string])),
      ResultReason.CryptographicFailure,
    );
  });

  it('refuses XOR with a threshold below the parts, and a prime field without its size', async () => {
    const keyId = await harness.createKey();
    const base = { objectType: ObjectType.SymmetricKey, uniqueIdentifier: keyId, splitKeyParts: 3 };
    assert.equal(
      failure(await split({ ...base, splitKeyThreshold: 2, splitKeyMethod: SplitKeyMethod.XOR })),
      ResultReason.InvalidField,
    );
    assert.equal(
      failure(
        await split({
          ...base,
          splitKeyThreshold: 2,
          splitKeyMethod: SplitKeyMethod.PolynomialSharingPrimeField,
        }),
      ),
      ResultReason.InvalidField,
    );
  });

  it('GF(2^16): an odd-length Secret Data splits and joins; fewer parts than the threshold fail', async () => {
    const secret = new Uint8Array([1, 2, 3, 4, 5, 6, 7]);
    const secretId = await registerObject(
      harness,
      {
        kind: 'SecretData',
        secretDataType: SecretDataType.Seed,
        keyBlock: keyBlock(KeyFormatType.Opaque, secret),
      },
      [],
    );
    const ids = await partsOf({
      objectType: ObjectType.SecretData,
      uniqueIdentifier: secretId,
      splitKeyParts: 5,
      splitKeyThreshold: 4,
      splitKeyMethod: SplitKeyMethod.PolynomialSharingGF2_16,
    });
    const part = await getObject(harness, { uniqueIdentifier: ids[0] as string });
    assert.equal(materialBytes(part).length, 8, 'whole 16-bit words');
    const rebuilt = okPayload<JoinSplitKeyResponse>(
      await join([ids[4], ids[1], ids[3], ids[0]] as string[], '1.4', ObjectType.SecretData),
    ).uniqueIdentifier as string;
    assert.deepEqual(
      materialBytes(await getObject(harness, { uniqueIdentifier: rebuilt })),
      secret,
    );
    assert.equal(
      failure(await join([ids[0], ids[1], ids[2]] as string[], '1.4', ObjectType.SecretData)),
      ResultReason.CryptographicFailure,
    );
  });

  it('takes Object Type Split Key (KMIP 1.4 §4.39: the type of object created)', async () => {
    const keyId = await harness.createKey();
    const original = materialBytes(await getObject(harness, { uniqueIdentifier: keyId }));
    const ids = await partsOf({
      objectType: ObjectType.SplitKey,
      uniqueIdentifier: keyId,
      splitKeyParts: 3,
      splitKeyThreshold: 2,
      splitKeyMethod: SplitKeyMethod.PolynomialSharingGF2_8,
    });
    assert.deepEqual(await joined([ids[2], ids[0]] as string[]), original);
  });

  it('joins parts registered without algorithm (OASIS TC-SJ-3 values): the request names it', async () => {
    const parts: Array<[number, string]> = [
      [1, '66C46A7754F94DE420C7B1A7FFF5EC56'],
      [3, 'A855B891F61AD9217240D8EC061E37DA'],
    ];
    const ids: string[] = [];
    for (const [x, value] of parts) {
      ids.push(
        await registerObject(
          harness,
          {
            kind: 'SplitKey',
            splitKeyParts: 4,
            keyPartIdentifier: x,
            splitKeyThreshold: 2,
            splitKeyMethod: SplitKeyMethod.PolynomialSharingGF2_8,
            keyBlock: keyBlock(KeyFormatType.Raw, new Uint8Array(Buffer.from(value, 'hex'))),
          },
          [],
        ),
      );
    }
    const item = await harness.sendOne('1.4', {
      operation: 'JoinSplitKey',
      payload: {
        objectType: ObjectType.SymmetricKey,
        uniqueIdentifiers: ids,
        attributes: {
          attributes: [
            attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
            attr('CryptographicLength', 128),
            attr('CryptographicUsageMask', CryptographicUsageMask.Encrypt),
          ],
        },
      },
    });
    const id = okPayload<JoinSplitKeyResponse>(item).uniqueIdentifier as string;
    const key = await getObject(harness, { uniqueIdentifier: id });
    assert.equal(
      Buffer.from(materialBytes(key)).toString('hex'),
      '0102030405060708090a0b0c0d0e0f10',
    );
    assert.ok(key.kind === 'SymmetricKey');
    assert.equal(key.keyBlock.cryptographicAlgorithm, CryptographicAlgorithm.AES);
    assert.equal(key.keyBlock.cryptographicLength, 128);
  });

  it('refuses to join objects that are not Split Keys with Invalid Object Type', async () => {
    const keyId = await harness.createKey();
    assert.equal(failure(await join([keyId], '2.0')), ResultReason.InvalidObjectType);
  });
});
