import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  EncodingOption,
  KeyFormatType,
  ObjectType,
  ResultReason,
  ResultStatus,
  State,
  Tag,
  WrappingMethod,
} from '../../../../src/kmip/generated/registry.ts';
import { keyValue as keyValueCodec } from '../../../../src/kmip/messages/key-block.ts';
import type { KeyBlock } from '../../../../src/kmip/messages/key-block.ts';
import { encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import {
  attr,
  blockOf,
  failure,
  getObject,
  activeNow,
  attributeValuesOf,
  keyBlock,
  materialBytes,
  registerAes,
  registerObject,
} from './key-ops-fixture.ts';

/** RFC 3394 wrap by Node, independent of the server. */
function wrapAes(kek: Uint8Array, data: Uint8Array): Uint8Array {
  const cipher = createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, Buffer.alloc(8, 0xa6));
  return new Uint8Array(Buffer.concat([cipher.update(data), cipher.final()]));
}

const wrappedBlock = (kekId: string, wrapped: Uint8Array, encodingOption?: number): KeyBlock => ({
  keyFormatType: KeyFormatType.Raw,
  keyValue: wrapped,
  cryptographicAlgorithm: CryptographicAlgorithm.AES,
  cryptographicLength: 256,
  keyWrappingData: {
    wrappingMethod: WrappingMethod.Encrypt,
    encryptionKeyInformation: { uniqueIdentifier: kekId },
    ...(encodingOption === undefined ? {} : { encodingOption }),
  },
});

describe('Register of a wrapped key', () => {
  let harness: ServerHarness;
  const kekBytes = new Uint8Array(randomBytes(32));
  const dekBytes = new Uint8Array(randomBytes(32));
  let kek: string;
  const usage = attr('CryptographicUsageMask', CryptographicUsageMask.Encrypt);

  before(async () => {
    harness = await createServerHarness();
    kek = await registerAes(harness, kekBytes, CryptographicUsageMask.UnwrapKey);
  });
  after(() => harness.close());

  const register = (block: KeyBlock) =>
    harness.sendOne('1.4', {
      operation: 'Register',
      payload: {
        objectType: ObjectType.SymmetricKey,
        object: { kind: 'SymmetricKey', keyBlock: block },
        attributes: { attributes: [usage] },
      },
    });
  const idOf = (item: Awaited<ReturnType<typeof register>>) => {
    assert.ok(
      item.kind === 'typed' && item.resultStatus === ResultStatus.Success,
      String(item.kind === 'typed' && item.resultMessage),
    );
    return (item.payload as { uniqueIdentifier: string }).uniqueIdentifier;
  };

  it('unwraps a TTLV-encoded Key Value under a key it holds and stores it in the clear', async () => {
    const plain = encodeTtlv(
      keyValueCodec.encode({ keyMaterial: dekBytes }, Tag.KeyValue, { version: '1.4' }, []),
    );
    const id = idOf(await register(wrappedBlock(kek, wrapAes(kekBytes, plain))));
    const object = await getObject(harness, { uniqueIdentifier: id });
    assert.deepEqual(materialBytes(object), dekBytes);
    assert.equal(blockOf(object).keyWrappingData, undefined);
  });

  it('unwraps a No Encoding key', async () => {
    const id = idOf(
      await register(wrappedBlock(kek, wrapAes(kekBytes, dekBytes), EncodingOption.NoEncoding)),
    );
    assert.deepEqual(materialBytes(await getObject(harness, { uniqueIdentifier: id })), dekBytes);
  });

  it('refuses tampered wrapped bytes with Cryptographic Failure', async () => {
    const wrapped = wrapAes(kekBytes, dekBytes);
    wrapped[3] = (wrapped[3] ?? 0) ^ 1;
    assert.equal(
      failure(await register(wrappedBlock(kek, wrapped, EncodingOption.NoEncoding))),
      ResultReason.CryptographicFailure,
    );
  });

  it('needs Unwrap Key in the wrapping key usage mask', async () => {
    const wrapOnly = await registerAes(harness, kekBytes, CryptographicUsageMask.WrapKey);
    const item = await register(
      wrappedBlock(wrapOnly, wrapAes(kekBytes, dekBytes), EncodingOption.NoEncoding),
    );
    assert.equal(failure(item), ResultReason.PermissionDenied);
  });

  it('unwraps with a Deactivated key (it may still process) and refuses a Pre-Active one', async () => {
    const hourAgo = new Date(Math.floor(Date.now() / 1000 - 3600) * 1000);
    const deactivated = await registerAes(harness, kekBytes, CryptographicUsageMask.UnwrapKey, {
      extra: [attr('DeactivationDate', hourAgo)],
    });
    assert.deepEqual(await attributeValuesOf(harness, deactivated, 'State'), [State.Deactivated]);
    const wrapped = wrapAes(kekBytes, dekBytes);
    const id = idOf(await register(wrappedBlock(deactivated, wrapped, EncodingOption.NoEncoding)));
    assert.deepEqual(materialBytes(await getObject(harness, { uniqueIdentifier: id })), dekBytes);
    const preActive = await registerAes(harness, kekBytes, CryptographicUsageMask.UnwrapKey, {
      isActive: false,
    });
    const item = await register(wrappedBlock(preActive, wrapped, EncodingOption.NoEncoding));
    assert.equal(failure(item), ResultReason.PermissionDenied, '1.4: Wrong Key Lifecycle State');
  });

  it('stores a key wrapped under a key it does not hold as registered', async () => {
    const wrapped = new Uint8Array(randomBytes(40));
    const id = idOf(await register(wrappedBlock('held-elsewhere', wrapped)));
    const object = await getObject(harness, { uniqueIdentifier: id });
    assert.deepEqual(blockOf(object).keyValue, wrapped);
    assert.equal(
      blockOf(object).keyWrappingData?.encryptionKeyInformation?.uniqueIdentifier,
      'held-elsewhere',
    );
  });

  it('MAC/sign wrapping: checks the HMAC before registering the key in the clear', async () => {
    const macBytes = new Uint8Array(randomBytes(32));
    const macKey = await registerObject(
      harness,
      {
        kind: 'SymmetricKey',
        keyBlock: keyBlock(KeyFormatType.Raw, macBytes, CryptographicAlgorithm.HMAC_SHA256, 256),
      },
      [attr('CryptographicUsageMask', CryptographicUsageMask.MACVerify), activeNow()],
    );
    const signed = (mac: Uint8Array): KeyBlock => ({
      keyFormatType: KeyFormatType.Raw,
      keyValue: dekBytes,
      cryptographicAlgorithm: CryptographicAlgorithm.AES,
      cryptographicLength: 256,
      keyWrappingData: {
        wrappingMethod: WrappingMethod.MACSign,
        macSignatureKeyInformation: { uniqueIdentifier: macKey },
        macSignature: mac,
        encodingOption: EncodingOption.NoEncoding,
      },
    });
    const mac = new Uint8Array(createHmac('sha256', macBytes).update(dekBytes).digest());
    const id = idOf(await register(signed(mac)));
    assert.deepEqual(materialBytes(await getObject(harness, { uniqueIdentifier: id })), dekBytes);
    const bad = mac.slice();
    bad[0] = (bad[0] ?? 0) ^ 1;
    assert.equal(failure(await register(signed(bad))), ResultReason.CryptographicFailure);
  });
});
