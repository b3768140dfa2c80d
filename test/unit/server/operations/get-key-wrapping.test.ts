import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  constants,
  createDecipheriv,
  createHmac,
  generateKeyPairSync,
  privateDecrypt,
  randomBytes,
} from 'node:crypto';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  EncodingOption,
  HashingAlgorithm,
  KeyFormatType,
  PaddingMethod,
  ResultReason,
  SecretDataType,
  Tag,
  WrappingMethod,
} from '../../../../src/kmip/generated/registry.ts';
import type {
  KeyValue,
  KeyWrappingSpecification,
} from '../../../../src/kmip/messages/key-block.ts';
import { keyValue as keyValueCodec } from '../../../../src/kmip/messages/key-block.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { decodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import {
  attr,
  blockOf,
  failure,
  fromHex,
  getItem,
  getObject,
  hex,
  keyBlock,
  registerAes,
  registerObject,
} from './key-ops-fixture.ts';

const WRAP = CryptographicUsageMask.WrapKey;
const NIST_KW = { blockCipherMode: BlockCipherMode.NISTKeyWrap };

/** Node's id-aes128-wrap(-pad) as an independent unwrap. */
function unwrapAes(kek: Uint8Array, wrapped: Uint8Array, isPadded = false): Uint8Array {
  const bits = kek.length * 8;
  const decipher = createDecipheriv(
    `id-aes${bits}-wrap${isPadded ? '-pad' : ''}`,
    kek,
    isPadded ? Buffer.from('a65959a6', 'hex') : Buffer.alloc(8, 0xa6),
  );
  return new Uint8Array(Buffer.concat([decipher.update(wrapped), decipher.final()]));
}

function wrappedValue(object: Parameters<typeof blockOf>[0]): Uint8Array {
  const value = blockOf(object).keyValue;
  assert.ok(value instanceof Uint8Array, 'the Key Value is a Byte String when wrapped');
  return value;
}

describe('Get with a Key Wrapping Specification', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const wrapGet = (id: string, spec: KeyWrappingSpecification, version: KmipVersionName = '1.4') =>
    getItem(harness, { uniqueIdentifier: id, keyWrappingSpecification: spec }, version);

  it('serves a Sensitive key only wrapped: unwrapped Get fails with Sensitive (Permission Denied before 1.4)', async () => {
    const kek = await registerAes(harness, fromHex('000102030405060708090a0b0c0d0e0f'), WRAP);
    const dek = await registerAes(harness, fromHex('00112233445566778899aabbccddeeff'), WRAP, {
      extra: [attr('Sensitive', true)],
    });
    assert.equal(
      failure(await getItem(harness, { uniqueIdentifier: dek }, '2.1')),
      ResultReason.Sensitive,
    );
    assert.equal(
      failure(await getItem(harness, { uniqueIdentifier: dek }, '1.4')),
      ResultReason.Sensitive,
    );
    assert.equal(
      failure(await getItem(harness, { uniqueIdentifier: dek }, '1.2')),
      ResultReason.PermissionDenied,
    );
    const object = await getObject(harness, {
      uniqueIdentifier: dek,
      keyWrappingSpecification: {
        wrappingMethod: WrappingMethod.Encrypt,
        encryptionKeyInformation: { uniqueIdentifier: kek, cryptographicParameters: NIST_KW },
        encodingOption: EncodingOption.NoEncoding,
      },
    });
    assert.equal(hex(wrappedValue(object)), '1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5');
  });

  it('never serves a non-Extractable key (TC-EXTRACTABLE-1): Not Extractable, wrapped or not', async () => {
    const kek = await registerAes(harness, fromHex('000102030405060708090a0b0c0d0e0f'), WRAP);
    const dek = await registerAes(harness, fromHex('00112233445566778899aabbccddeeff'), WRAP, {
      extra: [attr('Extractable', false)],
    });
    const wrapped = {
      wrappingMethod: WrappingMethod.Encrypt,
      encryptionKeyInformation: { uniqueIdentifier: kek, cryptographicParameters: NIST_KW },
      encodingOption: EncodingOption.NoEncoding,
    };
    for (const version of ['1.4', '2.0', '2.1'] as const) {
      assert.equal(
        failure(await getItem(harness, { uniqueIdentifier: dek }, version)),
        ResultReason.NotExtractable,
        version,
      );
      assert.equal(failure(await wrapGet(dek, wrapped, version)), ResultReason.NotExtractable);
    }
    // Not Extractable is a KMIP 1.4 reason; older clients get Permission Denied.
    assert.equal(
      failure(await getItem(harness, { uniqueIdentifier: dek }, '1.2')),
      ResultReason.PermissionDenied,
    );
    // An Extractable key under the same KEK still comes out wrapped.
    const other = await registerAes(harness, fromHex('00112233445566778899aabbccddeeff'));
    assert.equal(
      hex(
        wrappedValue(
          await getObject(harness, { uniqueIdentifier: other, keyWrappingSpecification: wrapped }),
        ),
      ),
      '1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5',
    );
  });

  it('OASIS TC-141 / RFC 3394 §4.1: NIST key wrap, No Encoding, gives the published bytes', async () => {
    const kek = await registerAes(harness, fromHex('000102030405060708090a0b0c0d0e0f'), WRAP, {
      extra: [attr('CryptographicParameters', NIST_KW)],
    });
    const dek = await registerAes(harness, fromHex('00112233445566778899aabbccddeeff'));
    const object = await getObject(harness, {
      uniqueIdentifier: dek,
      keyWrappingSpecification: {
        wrappingMethod: WrappingMethod.Encrypt,
        encryptionKeyInformation: { uniqueIdentifier: kek, cryptographicParameters: NIST_KW },
        encodingOption: EncodingOption.NoEncoding,
      },
    });
    assert.equal(hex(wrappedValue(object)), '1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5');
    assert.deepEqual(blockOf(object).keyWrappingData, {
      wrappingMethod: WrappingMethod.Encrypt,
      encryptionKeyInformation: { uniqueIdentifier: kek, cryptographicParameters: NIST_KW },
      encodingOption: EncodingOption.NoEncoding,
    });
    assert.equal(blockOf(object).cryptographicAlgorithm, CryptographicAlgorithm.AES);
  });

  it('RFC 5649 §6: AES key wrap with padding of a 20-byte secret gives the published bytes', async () => {
    const kek = await registerAes(
      harness,
      fromHex('5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8'),
      WRAP,
    );
    const secret = await registerObject(
      harness,
      {
        kind: 'SecretData',
        secretDataType: SecretDataType.Password,
        keyBlock: keyBlock(KeyFormatType.Raw, fromHex('c37b7e6492584340bed12207808941155068f738')),
      },
      [attr('CryptographicUsageMask', CryptographicUsageMask.DeriveKey)],
    );
    const object = await getObject(harness, {
      uniqueIdentifier: secret,
      keyWrappingSpecification: {
        wrappingMethod: WrappingMethod.Encrypt,
        encryptionKeyInformation: {
          uniqueIdentifier: kek,
          cryptographicParameters: { blockCipherMode: BlockCipherMode.AESKeyWrapPadding },
        },
        encodingOption: EncodingOption.NoEncoding,
      },
    });
    assert.equal(
      hex(wrappedValue(object)),
      '138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a',
    );
  });

  it('wraps the TTLV-encoded Key Value with the named attributes by default', async () => {
    const kekBytes = new Uint8Array(randomBytes(32));
    const kek = await registerAes(harness, kekBytes, WRAP);
    const dek = await harness.createKey();
    const clear = await getObject(harness, { uniqueIdentifier: dek });
    const object = await getObject(harness, {
      uniqueIdentifier: dek,
      keyWrappingSpecification: {
        wrappingMethod: WrappingMethod.Encrypt,
        encryptionKeyInformation: { uniqueIdentifier: kek },
        attributeNames: ['CryptographicUsageMask'],
      },
    });
    const item = decodeTtlv(unwrapAes(kekBytes, wrappedValue(object)));
    assert.equal(item.tag, Tag.KeyValue);
    const value = keyValueCodec.decode(item, { version: '1.4' }, []) as KeyValue;
    assert.deepEqual(value.keyMaterial, (blockOf(clear).keyValue as KeyValue).keyMaterial);
    assert.deepEqual(
      value.attributes?.map((a) => [a.name, a.value]),
      [['CryptographicUsageMask', CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt]],
    );
    assert.equal(blockOf(object).keyWrappingData?.encodingOption, undefined);
  });

  it('wraps with an RSA public key (OAEP, SHA-256 by default) that the private key opens', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicId = await registerObject(
      harness,
      {
        kind: 'PublicKey',
        keyBlock: keyBlock(
          KeyFormatType.X_509,
          new Uint8Array(rsa.publicKey.export({ format: 'der', type: 'spki' })),
        ),
      },
      [
        attr('CryptographicUsageMask', WRAP),
        attr('ActivationDate', new Date(Date.now() - 3_600_000)),
      ],
    );
    const dek = await harness.createKey();
    const clear = await getObject(harness, { uniqueIdentifier: dek });
    const object = await getObject(harness, {
      uniqueIdentifier: dek,
      keyWrappingSpecification: {
        wrappingMethod: WrappingMethod.Encrypt,
        encryptionKeyInformation: { uniqueIdentifier: publicId },
        encodingOption: EncodingOption.NoEncoding,
      },
    });
    const opened = privateDecrypt(
      { key: rsa.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      wrappedValue(object),
    );
    assert.deepEqual(new Uint8Array(opened), (blockOf(clear).keyValue as KeyValue).keyMaterial);
    assert.deepEqual(
      blockOf(object).keyWrappingData?.encryptionKeyInformation?.cryptographicParameters,
      { paddingMethod: PaddingMethod.OAEP, hashingAlgorithm: HashingAlgorithm.SHA_256 },
    );
  });

  it('MAC/sign with an HMAC key: the Key Value in the clear and its HMAC', async () => {
    const macBytes = new Uint8Array(randomBytes(32));
    const macKey = await registerObject(
      harness,
      {
        kind: 'SymmetricKey',
        keyBlock: keyBlock(KeyFormatType.Raw, macBytes, CryptographicAlgorithm.HMAC_SHA256, 256),
      },
      [
        attr('CryptographicUsageMask', CryptographicUsageMask.MACGenerate),
        attr('ActivationDate', new Date(Date.now() - 3_600_000)),
      ],
    );
    const dek = await harness.createKey();
    const object = await getObject(harness, {
      uniqueIdentifier: dek,
      keyWrappingSpecification: {
        wrappingMethod: WrappingMethod.MACSign,
        macSignatureKeyInformation: { uniqueIdentifier: macKey },
        encodingOption: EncodingOption.NoEncoding,
      },
    });
    const data = blockOf(object).keyWrappingData;
    const expected = createHmac('sha256', macBytes).update(wrappedValue(object)).digest();
    assert.deepEqual(data?.macSignature, new Uint8Array(expected));
  });

  describe('refusals', () => {
    let kek: string;
    let dek: string;
    before(async () => {
      kek = await registerAes(harness, new Uint8Array(randomBytes(16)), WRAP);
      dek = await harness.createKey();
    });
    const encrypt = (id: string, extra: Partial<KeyWrappingSpecification> = {}) => ({
      wrappingMethod: WrappingMethod.Encrypt,
      encryptionKeyInformation: { uniqueIdentifier: id },
      ...extra,
    });

    it('a wrapping key without Wrap Key: Incompatible Cryptographic Usage Mask (1.x: Permission Denied)', async () => {
      const noWrap = await registerAes(
        harness,
        new Uint8Array(randomBytes(16)),
        CryptographicUsageMask.Encrypt,
      );
      assert.equal(
        failure(await wrapGet(dek, encrypt(noWrap), '2.0')),
        ResultReason.IncompatibleCryptographicUsageMask,
      );
      assert.equal(
        failure(await wrapGet(dek, encrypt(noWrap), '1.4')),
        ResultReason.PermissionDenied,
      );
    });

    it('a wrapping key that is not Active: Wrong Key Lifecycle State', async () => {
      const preActive = await registerAes(harness, new Uint8Array(randomBytes(16)), WRAP, {
        isActive: false,
      });
      assert.equal(
        failure(await wrapGet(dek, encrypt(preActive), '2.1')),
        ResultReason.WrongKeyLifecycleState,
      );
    });

    it('a wrapping key past its Protect Stop Date: Wrong Key Lifecycle State (1.4: Permission Denied)', async () => {
      const stopped = await registerAes(harness, new Uint8Array(randomBytes(16)), WRAP, {
        extra: [attr('ProtectStopDate', new Date(Date.now() - 60_000))],
      });
      assert.equal(
        failure(await wrapGet(dek, encrypt(stopped), '2.1')),
        ResultReason.WrongKeyLifecycleState,
      );
      assert.equal(
        failure(await wrapGet(dek, encrypt(stopped), '1.4')),
        ResultReason.PermissionDenied,
      );
    });

    it('a wrapping key that does not exist: Item Not Found', async () => {
      assert.equal(failure(await wrapGet(dek, encrypt('no-such-key'))), ResultReason.ItemNotFound);
    });

    it('a wrapping key of the wrong type: Invalid Object Type (1.x: Invalid Field)', async () => {
      const secret = await registerObject(
        harness,
        {
          kind: 'SecretData',
          secretDataType: SecretDataType.Password,
          keyBlock: keyBlock(KeyFormatType.Raw, new Uint8Array(16)),
        },
        [attr('CryptographicUsageMask', WRAP)],
      );
      assert.equal(
        failure(await wrapGet(dek, encrypt(secret), '2.0')),
        ResultReason.InvalidObjectType,
      );
      assert.equal(failure(await wrapGet(dek, encrypt(secret), '1.4')), ResultReason.InvalidField);
    });

    it('a block cipher mode other than the key wraps: Unsupported Cryptographic Parameters', async () => {
      const spec = {
        wrappingMethod: WrappingMethod.Encrypt,
        encryptionKeyInformation: {
          uniqueIdentifier: kek,
          cryptographicParameters: { blockCipherMode: BlockCipherMode.CBC },
        },
      };
      assert.equal(
        failure(await wrapGet(dek, spec, '2.0')),
        ResultReason.UnsupportedCryptographicParameters,
      );
    });

    it('No Encoding with attributes, or of a Transparent key: Encoding Option Error', async () => {
      const withAttributes = encrypt(kek, {
        encodingOption: EncodingOption.NoEncoding,
        attributeNames: ['Name'],
      });
      assert.equal(failure(await wrapGet(dek, withAttributes)), ResultReason.EncodingOptionError);
      const transparent = await getItem(harness, {
        uniqueIdentifier: dek,
        keyFormatType: KeyFormatType.TransparentSymmetricKey,
        keyWrappingSpecification: encrypt(kek, { encodingOption: EncodingOption.NoEncoding }),
      });
      assert.equal(failure(transparent), ResultReason.EncodingOptionError);
    });

    it('MAC/sign-then-encrypt and TR-31: Feature Not Supported', async () => {
      for (const wrappingMethod of [WrappingMethod.MACSignThenEncrypt, WrappingMethod.TR_31]) {
        assert.equal(
          failure(await wrapGet(dek, { ...encrypt(kek), wrappingMethod })),
          ResultReason.FeatureNotSupported,
        );
      }
    });

    it('Encrypt without Encryption Key Information: Invalid Field', async () => {
      assert.equal(
        failure(await wrapGet(dek, { wrappingMethod: WrappingMethod.Encrypt })),
        ResultReason.InvalidField,
      );
    });

    it('an object without a Key Block: Invalid Object Type', async () => {
      const opaque = await registerObject(
        harness,
        { kind: 'OpaqueObject', opaqueDataType: 0x80000001, opaqueDataValue: new Uint8Array(4) },
        [],
      );
      assert.equal(
        failure(await wrapGet(opaque, encrypt(kek), '2.0')),
        ResultReason.InvalidObjectType,
      );
    });
  });
});
