import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  DerivationMethod,
  HashingAlgorithm,
  KeyFormatType,
  LinkType,
  ObjectType,
  PaddingMethod,
  ResultReason,
  SecretDataType,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
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
  fromHex,
  getObject,
  hex,
  keyBlock,
  materialBytes,
  okPayload,
  registerAes,
  registerObject,
} from './key-ops-fixture.ts';

const DERIVE = CryptographicUsageMask.DeriveKey;
const text = (s: string) => new TextEncoder().encode(s);

describe('DeriveKey', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const secret = (bytes: Uint8Array, mask: number = DERIVE, extra: Attribute[] = [activeNow()]) =>
    registerObject(
      harness,
      {
        kind: 'SecretData',
        secretDataType: SecretDataType.Password,
        keyBlock: keyBlock(KeyFormatType.Opaque, bytes),
      },
      [attr('CryptographicUsageMask', mask), ...extra],
    );
  const send = (payload: DeriveKeyRequest, version: KmipVersionName = '1.4') =>
    harness.sendOne(version, { operation: 'DeriveKey', payload });
  const derive = async (payload: DeriveKeyRequest, version: KmipVersionName = '1.4') => {
    const { uniqueIdentifier } = okPayload<DeriveKeyResponse>(await send(payload, version));
    const id = uniqueIdentifier as string;
    return { id, bytes: materialBytes(await getObject(harness, { uniqueIdentifier: id })) };
  };
  const secretOf = (
    base: string,
    method: number,
    lengthBits: number,
    parameters: DeriveKeyRequest['derivationParameters'],
  ): DeriveKeyRequest => ({
    objectType: ObjectType.SecretData,
    uniqueIdentifiers: [base],
    derivationMethod: method,
    derivationParameters: parameters,
    attributes: { attributes: [attr('CryptographicLength', lengthBits)] },
  });

  const rfc6070: Array<[number, string]> = [
    [1, '0c60c80f961f0e71f3a9b524af6012062fe037a6'],
    [2, 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957'],
    [4096, '4b007901b765489abead49d926f721d065a429c1'],
  ];
  for (const [iterations, expected] of rfc6070) {
    it(`RFC 6070: PBKDF2-HMAC-SHA1, ${iterations} iteration(s)`, async () => {
      const base = await secret(text('password'));
      const { bytes } = await derive(
        secretOf(base, DerivationMethod.PBKDF2, 160, {
          cryptographicParameters: { hashingAlgorithm: HashingAlgorithm.SHA_1 },
          salt: text('salt'),
          iterationCount: iterations,
        }),
      );
      assert.equal(hex(bytes), expected);
    });
  }

  const rfc5869 = {
    ikm: fromHex('0b'.repeat(22)),
    salt: fromHex('000102030405060708090a0b0c'),
    info: fromHex('f0f1f2f3f4f5f6f7f8f9'),
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  };
  it('RFC 5869 test case 1: HKDF (KMIP 2.x)', async () => {
    const base = await secret(rfc5869.ikm);
    const { bytes } = await derive(
      secretOf(base, DerivationMethod.HKDF, 42 * 8, {
        cryptographicParameters: { hashingAlgorithm: HashingAlgorithm.SHA_256 },
        salt: rfc5869.salt,
        derivationData: rfc5869.info,
      }),
      '2.1',
    );
    assert.equal(hex(bytes), rfc5869.okm);
  });

  it('RFC 5869 test case 1 through the HMAC method (PyKMIP semantics)', async () => {
    const base = await secret(rfc5869.ikm);
    const { bytes } = await derive(
      secretOf(base, DerivationMethod.HMAC, 42 * 8, {
        salt: rfc5869.salt,
        derivationData: rfc5869.info,
      }),
    );
    assert.equal(hex(bytes), rfc5869.okm);
  });

  it('HASH: the hash of the base material, cut to the length', async () => {
    const material = new Uint8Array(randomBytes(32));
    const base = await secret(material);
    const { bytes } = await derive(
      secretOf(base, DerivationMethod.HASH, 128, {
        cryptographicParameters: { hashingAlgorithm: HashingAlgorithm.SHA_256 },
      }),
    );
    assert.deepEqual(
      bytes,
      new Uint8Array(createHash('sha256').update(material).digest()).subarray(0, 16),
    );
  });

  it('NIST SP 800-108 counter mode with HMAC-SHA-256 derives an AES key', async () => {
    const material = new Uint8Array(randomBytes(32));
    const base = await registerAes(harness, material, DERIVE);
    const fixed = text('label\0context');
    const { bytes } = await derive({
      objectType: ObjectType.SymmetricKey,
      uniqueIdentifiers: [base],
      derivationMethod: DerivationMethod.NIST800_108_C,
      derivationParameters: { derivationData: fixed },
      attributes: {
        attributes: [
          attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
          attr('CryptographicLength', 256),
          attr('CryptographicUsageMask', CryptographicUsageMask.Encrypt),
        ],
      },
    });
    const k1 = createHmac('sha256', material)
      .update(Buffer.concat([Buffer.from([0, 0, 0, 1]), fixed]))
      .digest();
    assert.deepEqual(bytes, new Uint8Array(k1));
  });

  it('NIST SP 800-108 feedback mode: K(0) = the Initialization Vector (as OpenSSL computes it)', async () => {
    const material = new Uint8Array(randomBytes(32));
    const base = await registerAes(harness, material, DERIVE);
    const fixed = text('label\0context');
    const iv = new Uint8Array(randomBytes(48));
    const { bytes } = await derive(
      secretOf(base, DerivationMethod.NIST800_108_F, 800, {
        cryptographicParameters: { hashingAlgorithm: HashingAlgorithm.SHA_384 },
        initializationVector: iv,
        derivationData: fixed,
      }),
      '2.1',
    );
    const options = [
      'mac:HMAC',
      'digest:SHA384',
      'mode:FEEDBACK',
      `hexkey:${hex(material)}`,
      `hexseed:${hex(iv)}`,
      `hexsalt:${hex(fixed)}`,
      'use-l:0',
      'use-separator:0',
    ].flatMap((o) => ['-kdfopt', o]);
    const openssl = execFileSync('openssl', ['kdf', '-keylen', '100', ...options, 'KBKDF'], {
      encoding: 'utf8',
    });
    assert.equal(hex(bytes), openssl.trim().replace(/:/g, '').toLowerCase());
  });

  it('NIST SP 800-108 feedback mode without an IV starts from the empty string', async () => {
    const material = new Uint8Array(randomBytes(32));
    const base = await registerAes(harness, material, DERIVE);
    const fixed = text('no-iv');
    const { bytes } = await derive(
      secretOf(base, DerivationMethod.NIST800_108_F, 256, { derivationData: fixed }),
    );
    const k1 = createHmac('sha256', material)
      .update(Buffer.concat([Buffer.from([0, 0, 0, 1]), fixed]))
      .digest();
    assert.deepEqual(bytes, new Uint8Array(k1));
  });

  it('NIST SP 800-108 double-pipeline iteration mode derives an AES key', async () => {
    const material = new Uint8Array(randomBytes(32));
    const base = await registerAes(harness, material, DERIVE);
    const fixed = text('pipeline');
    const { bytes } = await derive({
      objectType: ObjectType.SymmetricKey,
      uniqueIdentifiers: [base],
      derivationMethod: DerivationMethod.NIST800_108_DPI,
      derivationParameters: { derivationData: fixed },
      attributes: {
        attributes: [
          attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
          attr('CryptographicLength', 256),
        ],
      },
    });
    // SP 800-108 §4.3: A(1) = PRF(K, fixed); K(1) = PRF(K, A(1) || [1]_32 || fixed).
    const a1 = createHmac('sha256', material).update(fixed).digest();
    const k1 = createHmac('sha256', material)
      .update(Buffer.concat([a1, Buffer.from([0, 0, 0, 1]), fixed]))
      .digest();
    assert.deepEqual(bytes, new Uint8Array(k1));
  });

  it('ENCRYPT: the Derivation Data encrypted under the base key', async () => {
    const material = new Uint8Array(randomBytes(16));
    const base = await registerAes(harness, material, DERIVE);
    const data = new Uint8Array(randomBytes(16));
    const { bytes } = await derive(
      secretOf(base, DerivationMethod.ENCRYPT, 128, {
        cryptographicParameters: {
          cryptographicAlgorithm: CryptographicAlgorithm.AES,
          blockCipherMode: BlockCipherMode.ECB,
          paddingMethod: PaddingMethod.None,
        },
        derivationData: data,
      }),
    );
    const cipher = createCipheriv('aes-128-ecb', material, null).setAutoPadding(false);
    assert.deepEqual(bytes, new Uint8Array(Buffer.concat([cipher.update(data), cipher.final()])));
  });

  it('links the derived object and its base both ways', async () => {
    const base = await secret(text('password'));
    const { id } = await derive(
      secretOf(base, DerivationMethod.PBKDF2, 128, { salt: text('salt'), iterationCount: 1000 }),
    );
    const links = (of: string) => attributeValuesOf(harness, of, 'Link');
    assert.deepEqual(await links(id), [
      { linkType: LinkType.DerivationBaseObjectLink, linkedObjectIdentifier: base },
    ]);
    assert.deepEqual(await links(base), [
      { linkType: LinkType.DerivedKeyLink, linkedObjectIdentifier: id },
    ]);
  });

  describe('refusals', () => {
    const pbkdf2 = { salt: text('salt'), iterationCount: 10 };
    it('a base object without Derive Key: Incompatible Cryptographic Usage Mask (1.x: Permission Denied)', async () => {
      const base = await secret(text('password'), CryptographicUsageMask.Encrypt);
      const request = secretOf(base, DerivationMethod.PBKDF2, 128, pbkdf2);
      assert.equal(
        failure(await send(request, '2.0')),
        ResultReason.IncompatibleCryptographicUsageMask,
      );
      assert.equal(failure(await send(request, '1.4')), ResultReason.PermissionDenied);
    });
    it('a base object that is not Active: Wrong Key Lifecycle State (2.1; Permission Denied before)', async () => {
      const base = await secret(text('password'), DERIVE, []);
      assert.equal(
        failure(await send(secretOf(base, DerivationMethod.PBKDF2, 128, pbkdf2), '2.1')),
        ResultReason.WrongKeyLifecycleState,
      );
    });
    it('a length that is not whole bytes, or none: Invalid Field', async () => {
      const base = await secret(text('password'));
      assert.equal(
        failure(await send(secretOf(base, DerivationMethod.PBKDF2, 100, pbkdf2))),
        ResultReason.InvalidField,
      );
      const noLength = {
        ...secretOf(base, DerivationMethod.PBKDF2, 128, pbkdf2),
        attributes: { attributes: [] },
      };
      assert.equal(failure(await send(noLength)), ResultReason.InvalidField);
    });
    it('PBKDF2 without a salt: Invalid Field', async () => {
      const base = await secret(text('password'));
      assert.equal(
        failure(await send(secretOf(base, DerivationMethod.PBKDF2, 128, {}))),
        ResultReason.InvalidField,
      );
    });
    it('HASH asked for more bytes than the hash gives: Cryptographic Failure', async () => {
      const base = await secret(text('password'));
      assert.equal(
        failure(await send(secretOf(base, DerivationMethod.HASH, 512, {}))),
        ResultReason.CryptographicFailure,
      );
    });
    it('AWS Signature V4: Feature Not Supported', async () => {
      const base = await secret(text('password'));
      assert.equal(
        failure(await send(secretOf(base, DerivationMethod.AWSSignatureVersion4, 128, {}))),
        ResultReason.FeatureNotSupported,
      );
    });
    it('SP 800-108 double-pipeline mode with an Initialization Vector: Invalid Field', async () => {
      const base = await registerAes(harness, new Uint8Array(randomBytes(32)), DERIVE);
      const request = secretOf(base, DerivationMethod.NIST800_108_DPI, 128, {
        derivationData: text('fixed'),
        initializationVector: new Uint8Array(16),
      });
      assert.equal(failure(await send(request)), ResultReason.InvalidField);
    });
    it('a public key as the new object type: Invalid Field', async () => {
      const base = await secret(text('password'));
      const request = {
        ...secretOf(base, DerivationMethod.PBKDF2, 128, pbkdf2),
        objectType: ObjectType.PublicKey,
      };
      assert.equal(failure(await send(request)), ResultReason.InvalidField);
    });
    it('a symmetric key without an algorithm: Invalid Field', async () => {
      const base = await secret(text('password'));
      const request = {
        ...secretOf(base, DerivationMethod.PBKDF2, 128, pbkdf2),
        objectType: ObjectType.SymmetricKey,
      };
      assert.equal(failure(await send(request)), ResultReason.InvalidField);
    });
  });
});
