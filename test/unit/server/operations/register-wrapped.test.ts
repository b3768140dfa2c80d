import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  DerivationMethod,
  EncodingOption,
  HashingAlgorithm,
  KeyFormatType,
  KeyWrapType,
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
  getItem,
  getObject,
  okPayload,
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
  const usage = attr(
    'CryptographicUsageMask',
    CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
  );

  before(async () => {
    harness = await createServerHarness();
    kek = await registerAes(harness, kekBytes, CryptographicUsageMask.UnwrapKey);
  });
  after(() => harness.close());

  const register = (
    block: KeyBlock,
    extra: readonly ReturnType<typeof attr>[] = [],
    mask = usage,
  ) =>
    harness.sendOne('1.4', {
      operation: 'Register',
      payload: {
        objectType: ObjectType.SymmetricKey,
        object: { kind: 'SymmetricKey', keyBlock: block },
        attributes: { attributes: [mask, ...extra] },
      },
    });
  const idOf = (item: Awaited<ReturnType<typeof register>>) => {
    assert.ok(
      item.kind === 'typed' && item.resultStatus === ResultStatus.Success,
      String(item.kind === 'typed' && item.resultMessage),
    );
    return (item.payload as { uniqueIdentifier: string }).uniqueIdentifier;
  };
  const notWrapped = (id: string) =>
    getObject(harness, { uniqueIdentifier: id, keyWrapType: KeyWrapType.NotWrapped });

  it('stores the key as registered: Get (absent, As Registered) returns the block byte for byte', async () => {
    const block = wrappedBlock(kek, wrapAes(kekBytes, dekBytes), EncodingOption.NoEncoding);
    const id = idOf(await register(block));
    assert.deepEqual(blockOf(await getObject(harness, { uniqueIdentifier: id })), block);
    const asRegistered = await getObject(harness, {
      uniqueIdentifier: id,
      keyFormatType: KeyFormatType.Raw,
      keyWrapType: KeyWrapType.AsRegistered,
    });
    assert.deepEqual(blockOf(asRegistered), block);
  });

  it('Get Not Wrapped unwraps a TTLV-encoded Key Value on the fly', async () => {
    const plain = encodeTtlv(
      keyValueCodec.encode({ keyMaterial: dekBytes }, Tag.KeyValue, { version: '1.4' }, []),
    );
    const id = idOf(await register(wrappedBlock(kek, wrapAes(kekBytes, plain))));
    const object = await notWrapped(id);
    assert.deepEqual(materialBytes(object), dekBytes);
    assert.equal(blockOf(object).keyWrappingData, undefined);
    assert.ok(
      blockOf(await getObject(harness, { uniqueIdentifier: id })).keyValue instanceof Uint8Array,
    );
  });

  it('Get Not Wrapped unwraps a No Encoding key', async () => {
    const id = idOf(
      await register(wrappedBlock(kek, wrapAes(kekBytes, dekBytes), EncodingOption.NoEncoding)),
    );
    assert.deepEqual(materialBytes(await notWrapped(id)), dekBytes);
  });

  it('Get with a Key Wrapping Specification unwraps, then re-wraps under the requested key', async () => {
    const id = idOf(
      await register(wrappedBlock(kek, wrapAes(kekBytes, dekBytes), EncodingOption.NoEncoding)),
    );
    const otherBytes = new Uint8Array(randomBytes(16));
    const other = await registerAes(harness, otherBytes, CryptographicUsageMask.WrapKey);
    const object = await getObject(harness, {
      uniqueIdentifier: id,
      keyWrappingSpecification: {
        wrappingMethod: WrappingMethod.Encrypt,
        encryptionKeyInformation: {
          uniqueIdentifier: other,
          cryptographicParameters: { blockCipherMode: BlockCipherMode.NISTKeyWrap },
        },
        encodingOption: EncodingOption.NoEncoding,
      },
    });
    const block = blockOf(object);
    assert.equal(block.keyWrappingData?.encryptionKeyInformation?.uniqueIdentifier, other);
    assert.ok(block.keyValue instanceof Uint8Array);
    const decipher = createDecipheriv('id-aes128-wrap', otherBytes, Buffer.alloc(8, 0xa6));
    const unwrapped = Buffer.concat([decipher.update(block.keyValue), decipher.final()]);
    assert.deepEqual(new Uint8Array(unwrapped), dekBytes);
  });

  it('refuses tampered wrapped bytes with Cryptographic Failure when it can unwrap them', async () => {
    const wrapped = wrapAes(kekBytes, dekBytes);
    wrapped[3] = (wrapped[3] ?? 0) ^ 1;
    assert.equal(
      failure(await register(wrappedBlock(kek, wrapped, EncodingOption.NoEncoding))),
      ResultReason.CryptographicFailure,
    );
  });

  it('stores the key as registered when the wrapping key lacks Unwrap Key; Not Wrapped is refused', async () => {
    const wrapOnly = await registerAes(harness, kekBytes, CryptographicUsageMask.WrapKey);
    const block = wrappedBlock(wrapOnly, wrapAes(kekBytes, dekBytes), EncodingOption.NoEncoding);
    const id = idOf(await register(block));
    assert.deepEqual(blockOf(await getObject(harness, { uniqueIdentifier: id })), block);
    const item = await getItem(harness, {
      uniqueIdentifier: id,
      keyWrapType: KeyWrapType.NotWrapped,
    });
    assert.equal(
      failure(item),
      ResultReason.FeatureNotSupported,
      '1.4: Key Wrap Type Not Supported',
    );
  });

  it('unwraps with a Deactivated key (it may still process), not with a Pre-Active one', async () => {
    const hourAgo = new Date(Math.floor(Date.now() / 1000 - 3600) * 1000);
    const deactivated = await registerAes(harness, kekBytes, CryptographicUsageMask.UnwrapKey, {
      extra: [attr('DeactivationDate', hourAgo)],
    });
    assert.deepEqual(await attributeValuesOf(harness, deactivated, 'State'), [State.Deactivated]);
    const wrapped = wrapAes(kekBytes, dekBytes);
    const id = idOf(await register(wrappedBlock(deactivated, wrapped, EncodingOption.NoEncoding)));
    assert.deepEqual(materialBytes(await notWrapped(id)), dekBytes);
    const preActive = await registerAes(harness, kekBytes, CryptographicUsageMask.UnwrapKey, {
      isActive: false,
    });
    const stored = idOf(
      await register(wrappedBlock(preActive, wrapped, EncodingOption.NoEncoding)),
    );
    const item = await getItem(harness, {
      uniqueIdentifier: stored,
      keyWrapType: KeyWrapType.NotWrapped,
    });
    assert.equal(failure(item), ResultReason.FeatureNotSupported);
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

  it('Encrypt with a registered-wrapped key unwraps it on the fly; Key Value Not Present when it cannot', async () => {
    const encrypt = (id: string) =>
      harness.sendOne('1.4', {
        operation: 'Encrypt',
        payload: {
          uniqueIdentifier: id,
          data: new Uint8Array(16),
          cryptographicParameters: { blockCipherMode: BlockCipherMode.ECB },
        },
      });
    const block = wrappedBlock(kek, wrapAes(kekBytes, dekBytes), EncodingOption.NoEncoding);
    const id = idOf(await register(block, [activeNow()]));
    const item = await encrypt(id);
    const { data } = okPayload<{ data: Uint8Array }>(item);
    const expected = createCipheriv('aes-256-ecb', dekBytes, null).update(new Uint8Array(16));
    assert.deepEqual(data.subarray(0, 16), new Uint8Array(expected));
    const elsewhere = idOf(
      await register(wrappedBlock('held-elsewhere', wrapAes(kekBytes, dekBytes)), [activeNow()]),
    );
    assert.equal(failure(await encrypt(elsewhere)), ResultReason.KeyValueNotPresent);
  });

  it('DeriveKey from a registered-wrapped base key unwraps it on the fly', async () => {
    const block = wrappedBlock(kek, wrapAes(kekBytes, dekBytes), EncodingOption.NoEncoding);
    const deriveMask = attr('CryptographicUsageMask', CryptographicUsageMask.DeriveKey);
    const base = idOf(await register(block, [activeNow()], deriveMask));
    const item = await harness.sendOne('1.4', {
      operation: 'DeriveKey',
      payload: {
        objectType: ObjectType.SecretData,
        uniqueIdentifiers: [base],
        derivationMethod: DerivationMethod.HASH,
        derivationParameters: {
          cryptographicParameters: { hashingAlgorithm: HashingAlgorithm.SHA_256 },
        },
        attributes: { attributes: [attr('CryptographicLength', 128)] },
      },
    });
    const { uniqueIdentifier } = okPayload<{ uniqueIdentifier: string }>(item);
    const derived = await getObject(harness, { uniqueIdentifier });
    const expected = createHash('sha256').update(dekBytes).digest().subarray(0, 16);
    assert.deepEqual(materialBytes(derived), new Uint8Array(expected));
  });

  it('MAC/sign wrapping: checks the HMAC at Register; Not Wrapped gives the key', async () => {
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
    assert.deepEqual(blockOf(await getObject(harness, { uniqueIdentifier: id })), signed(mac));
    const object = await notWrapped(id);
    assert.deepEqual(materialBytes(object), dekBytes);
    assert.equal(blockOf(object).keyWrappingData, undefined);
    const bad = mac.slice();
    bad[0] = (bad[0] ?? 0) ^ 1;
    assert.equal(failure(await register(signed(bad))), ResultReason.CryptographicFailure);
  });
});
