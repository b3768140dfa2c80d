import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  DerivationMethod,
  KeyFormatType,
  LinkType,
  ObjectType,
  ResultReason,
} from '../../../../src/kmip/generated/registry.ts';
import type {
  DeriveKeyRequest,
  DeriveKeyResponse,
} from '../../../../src/kmip/messages/payloads/derive-key.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import {
  activeNow,
  attributeValuesOf,
  attr,
  failure,
  getObject,
  hex,
  keyBlock,
  materialBytes,
  okPayload,
  registerObject,
} from './key-ops-fixture.ts';

const DERIVE = CryptographicUsageMask.DeriveKey;

interface Party {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly privateId: string;
  readonly publicId: string;
}

describe('DeriveKey with the Asymmetric Key method (ECDH)', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  async function party(curve: string, bits: number, mask: number = DERIVE): Promise<Party> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
    const der = (k: KeyObject, type: 'pkcs8' | 'spki') =>
      new Uint8Array(k.export({ format: 'der', type }));
    const EC = CryptographicAlgorithm.EC;
    const privateId = await registerObject(
      harness,
      {
        kind: 'PrivateKey',
        keyBlock: keyBlock(KeyFormatType.PKCS_8, der(privateKey, 'pkcs8'), EC, bits),
      },
      [attr('CryptographicUsageMask', mask | CryptographicUsageMask.Sign), activeNow()],
    );
    const publicId = await registerObject(
      harness,
      {
        kind: 'PublicKey',
        keyBlock: keyBlock(KeyFormatType.X_509, der(publicKey, 'spki'), EC, bits),
      },
      [attr('CryptographicUsageMask', mask | CryptographicUsageMask.Verify), activeNow()],
    );
    return { privateKey, publicKey, privateId, publicId };
  }

  const request = (
    ids: string[],
    lengthBits = 256,
    algorithm: number | undefined = CryptographicAlgorithm.ECDH,
  ): DeriveKeyRequest => ({
    objectType: ObjectType.SymmetricKey,
    uniqueIdentifiers: ids,
    derivationMethod: DerivationMethod.AsymmetricKey,
    derivationParameters:
      algorithm === undefined
        ? {}
        : { cryptographicParameters: { cryptographicAlgorithm: algorithm } },
    attributes: {
      attributes: [
        attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
        attr('CryptographicLength', lengthBits),
        attr(
          'CryptographicUsageMask',
          CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
        ),
      ],
    },
  });
  const send = (payload: DeriveKeyRequest, version: KmipVersionName = '1.4') =>
    harness.sendOne(version, { operation: 'DeriveKey', payload });
  const derive = async (payload: DeriveKeyRequest, version: KmipVersionName = '1.4') => {
    const { uniqueIdentifier } = okPayload<DeriveKeyResponse>(await send(payload, version));
    const id = uniqueIdentifier as string;
    return { id, bytes: materialBytes(await getObject(harness, { uniqueIdentifier: id })) };
  };

  for (const [curve, bits] of [
    ['secp256k1', 256],
    ['prime256v1', 256],
  ] as const) {
    it(`gives both parties the same AES key, Z itself (${curve}, TC-DERIVEKEY-6)`, async () => {
      const a = await party(curve, bits);
      const b = await party(curve, bits);
      const ab = await derive(request([a.privateId, b.publicId]));
      const ba = await derive(request([b.privateId, a.publicId], undefined), '2.0');
      const z = diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey });
      assert.equal(hex(ab.bytes), z.toString('hex'));
      assert.equal(hex(ba.bytes), z.toString('hex'));
      // The private key is the derivation base.
      const links = await attributeValuesOf(harness, ab.id, 'Link');
      assert.deepEqual(links, [
        { linkType: LinkType.DerivationBaseObjectLink, linkedObjectIdentifier: a.privateId },
      ]);
    });
  }

  it('takes the leftmost bytes of Z for a shorter key', async () => {
    const a = await party('prime256v1', 256);
    const b = await party('prime256v1', 256);
    const { bytes } = await derive(request([a.privateId, b.publicId], 128));
    const z = diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey });
    assert.equal(hex(bytes), z.subarray(0, 16).toString('hex'));
  });

  it('refuses what ECDH cannot do', async () => {
    const a = await party('prime256v1', 256);
    const b = await party('prime256v1', 256);
    const k1 = await party('secp256k1', 256);
    const noDerive = await party('prime256v1', 256, 0);
    const cases: Array<[string, DeriveKeyRequest, number]> = [
      [
        'another algorithm',
        request([a.privateId, b.publicId], 256, CryptographicAlgorithm.RSA),
        ResultReason.InvalidField,
      ],
      ['one key only', request([a.privateId]), ResultReason.InvalidField],
      ['three keys', request([a.privateId, b.publicId, k1.publicId]), ResultReason.InvalidField],
      // The access policy is asked first: DeriveKey is not an operation on a public key.
      [
        'keys in the wrong order',
        request([b.publicId, a.privateId]),
        ResultReason.PermissionDenied,
      ],
      ['keys on different curves', request([a.privateId, k1.publicId]), ResultReason.InvalidField],
      [
        'more bits than Z',
        request([a.privateId, b.publicId], 512),
        ResultReason.CryptographicFailure,
      ],
      [
        'a private key without Derive Key',
        request([noDerive.privateId, b.publicId]),
        ResultReason.IncompatibleCryptographicUsageMask,
      ],
      [
        'a public key without Derive Key',
        request([a.privateId, noDerive.publicId]),
        ResultReason.IncompatibleCryptographicUsageMask,
      ],
    ];
    for (const [what, payload, reason] of cases) {
      assert.equal(failure(await send(payload, '2.1')), reason, what);
    }
  });
});
