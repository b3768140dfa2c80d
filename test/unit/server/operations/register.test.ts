import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from '../../../../src/crypto/index.ts';
import {
  CertificateType,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  DigitalSignatureAlgorithm,
  HashingAlgorithm,
  KeyCompressionType,
  KeyFormatType,
  KeyValueLocationType,
  NameType,
  ObjectType,
  OpaqueDataType,
  RecommendedCurve,
  ResultReason,
  ResultStatus,
  SecretDataType,
  SplitKeyMethod,
  State,
  Tag,
  WrappingMethod,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { KeyBlock } from '../../../../src/kmip/messages/key-block.ts';
import type { ManagedObject } from '../../../../src/kmip/messages/objects.ts';
import type { RegisterResponse } from '../../../../src/kmip/messages/payloads/register.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createCaCertificate } from '../../../../src/pki/index.ts';
import { loadTestCase } from '../../../support/kmip-testcases.ts';
import {
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';

const attr = (name: string, value: Attribute['value']): Attribute => ({ name, value });
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

function block(
  keyFormatType: number,
  keyMaterial: Uint8Array | KmipItem,
  algorithm?: number,
  lengthBits?: number,
): KeyBlock {
  return {
    keyFormatType,
    keyValue: { keyMaterial },
    ...(algorithm === undefined ? {} : { cryptographicAlgorithm: algorithm }),
    ...(lengthBits === undefined ? {} : { cryptographicLength: lengthBits }),
  };
}

const symmetricKey = (keyBlock: KeyBlock): ManagedObject => ({ kind: 'SymmetricKey', keyBlock });
const publicKey = (keyBlock: KeyBlock): ManagedObject => ({ kind: 'PublicKey', keyBlock });
const privateKey = (keyBlock: KeyBlock): ManagedObject => ({ kind: 'PrivateKey', keyBlock });
const certificate = (der: Uint8Array, type: number = CertificateType.X_509): ManagedObject => ({
  kind: 'Certificate',
  certificateType: type,
  certificateValue: der,
});

function structure(tag: number, value: KmipItem[]): KmipItem {
  return { tag, type: 'Structure', value };
}
const big = (tag: number, value: bigint): KmipItem => ({ tag, type: 'BigInteger', value });

function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(
    Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64'),
  );
}

function reasonOf(item: ResponseBatchItem): number | undefined {
  assert.ok(item.kind !== 'invalid');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed, 'the request fails');
  return item.resultReason;
}

function registered(item: ResponseBatchItem): RegisterResponse & { uniqueIdentifier: string } {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  return item.payload as never;
}

const valueOf = (attributes: readonly Attribute[], name: string) =>
  attributes.find((a) => a.name === name)?.value;

describe('Register', () => {
  let harness: ServerHarness;
  let rsa: crypto.RsaKeyPair;
  let ec: crypto.EcKeyPair;
  let ec384: crypto.EcKeyPair;
  let ed: crypto.Ed25519KeyPair;
  let rsaCertificate: Uint8Array;
  let ecCertificate: Uint8Array;
  before(async () => {
    // RSA-1024 keeps these tests fast; the weak-algorithm policy has its own tests (key-policy.test.ts).
    harness = await createServerHarness({
      cryptoPolicy: { allowLegacy: false, minSecurityBits: 80 },
    });
    [rsa, ec, ec384, ed] = await Promise.all([
      crypto.generateKeyPair({ algorithm: 'RSA', lengthBits: 1024 }),
      crypto.generateKeyPair({ algorithm: 'EC', curve: 'P_256' }),
      crypto.generateKeyPair({ algorithm: 'EC', curve: 'P_384' }),
      crypto.generateKeyPair({ algorithm: 'Ed25519' }),
    ]);
    const [rsaCa, ecCa] = await Promise.all([
      createCaCertificate({ commonName: 'RSA CA', keyAlgorithm: 'rsa-2048' }),
      createCaCertificate({ commonName: 'EC CA', keyAlgorithm: 'ecdsa-p384' }),
    ]);
    rsaCertificate = pemToDer(rsaCa.cert);
    ecCertificate = pemToDer(ecCa.cert);
  });
  after(() => harness.close());

  const register = (
    object: ManagedObject,
    attributes: Attribute[] = [],
    version: KmipVersionName = '1.4',
    objectType: number = ObjectType[object.kind],
  ) =>
    harness.sendOne(version, {
      operation: 'Register',
      payload: { objectType, attributes: { attributes }, object },
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

  /** Registers, checks Get returns the object unchanged, and returns the id. */
  async function registerAndGetBack(
    object: ManagedObject,
    attributes: Attribute[] = [],
    version: KmipVersionName = '1.4',
  ): Promise<string> {
    const { uniqueIdentifier: id } = registered(await register(object, attributes, version));
    assert.deepEqual(await getObject(id, version), object, 'Get returns what was registered');
    return id;
  }

  async function algorithmAndLength(id: string, version: KmipVersionName = '1.4') {
    const attributes = await getAttributes(
      id,
      ['CryptographicAlgorithm', 'CryptographicLength'],
      version,
    );
    return [
      valueOf(attributes, 'CryptographicAlgorithm'),
      valueOf(attributes, 'CryptographicLength'),
    ];
  }

  describe('symmetric keys', () => {
    for (const [name, algorithm, bits] of [
      ['AES-128', CryptographicAlgorithm.AES, 128],
      ['AES-192', CryptographicAlgorithm.AES, 192],
      ['AES-256', CryptographicAlgorithm.AES, 256],
      ['DES3', CryptographicAlgorithm.DES3, 192],
      ['HMAC-SHA256', CryptographicAlgorithm.HMAC_SHA256, 256],
      ['ChaCha20', CryptographicAlgorithm.ChaCha20, 256],
    ] as const) {
      for (const version of ['1.4', '2.1'] as const) {
        it(`registers a Raw ${name} key and gets it back unchanged (KMIP ${version})`, async () => {
          const key = symmetricKey(
            block(KeyFormatType.Raw, crypto.randomBytes(bits / 8), algorithm, bits),
          );
          const id = await registerAndGetBack(
            key,
            [attr('CryptographicUsageMask', CryptographicUsageMask.Encrypt)],
            version,
          );
          assert.deepEqual(await algorithmAndLength(id, version), [algorithm, bits]);
          const stored = await harness.store.get(id);
          assert.equal(stored.state, 'PreActive');
          assert.equal(stored.owner, 'alice');
        });
      }
    }

    it('registers 24 bytes of DES3 stated as 168 bits, its effective length, and keeps 168 (OASIS CS-BC-M-4-12-3DES-13)', async () => {
      const key = symmetricKey(
        block(KeyFormatType.Raw, crypto.randomBytes(24), CryptographicAlgorithm.DES3, 168),
      );
      const id = await registerAndGetBack(key, [
        attr('CryptographicUsageMask', CryptographicUsageMask.Encrypt),
      ]);
      assert.deepEqual(await algorithmAndLength(id), [CryptographicAlgorithm.DES3, 168]);
      const short = symmetricKey(
        block(KeyFormatType.Raw, crypto.randomBytes(16), CryptographicAlgorithm.DES3, 168),
      );
      assert.equal(reasonOf(await register(short)), ResultReason.InvalidField);
    });

    it('takes the algorithm from the attributes and the length from the material, and reports the length (1.x)', async () => {
      const key = symmetricKey(block(KeyFormatType.Raw, crypto.randomBytes(16)));
      const response = registered(
        await register(key, [attr('CryptographicAlgorithm', CryptographicAlgorithm.AES)]),
      );
      assert.deepEqual(response.attributes?.attributes, [attr('CryptographicLength', 128)]);
      assert.deepEqual(await algorithmAndLength(response.uniqueIdentifier), [
        CryptographicAlgorithm.AES,
        128,
      ]);
    });

    it('reports nothing in KMIP 2.x responses, which have no such field', async () => {
      const key = symmetricKey(block(KeyFormatType.Raw, crypto.randomBytes(16)));
      const response = registered(
        await register(key, [attr('CryptographicAlgorithm', CryptographicAlgorithm.AES)], '2.1'),
      );
      assert.equal(response.attributes, undefined);
    });

    it('registers a Transparent Symmetric Key', async () => {
      const material = structure(Tag.KeyMaterial, [
        { tag: Tag.Key, type: 'ByteString', value: crypto.randomBytes(32) },
      ]);
      const key = symmetricKey(
        block(KeyFormatType.TransparentSymmetricKey, material, CryptographicAlgorithm.AES, 256),
      );
      const id = await registerAndGetBack(key);
      assert.deepEqual(await algorithmAndLength(id), [CryptographicAlgorithm.AES, 256]);
    });

    it('stores a wrapped key unread, with the stated algorithm and length', async () => {
      const key = symmetricKey({
        keyFormatType: KeyFormatType.Raw,
        keyValue: crypto.randomBytes(40),
        cryptographicAlgorithm: CryptographicAlgorithm.AES,
        cryptographicLength: 256,
        keyWrappingData: { wrappingMethod: WrappingMethod.Encrypt },
      });
      const id = await registerAndGetBack(key);
      assert.deepEqual(await algorithmAndLength(id), [CryptographicAlgorithm.AES, 256]);
    });

    it('registers a metadata-only key (OASIS TC-MDO-3): Get returns it without a Key Value, Key Value Present is False, Encrypt finds no key value', async () => {
      const key = symmetricKey({
        keyFormatType: KeyFormatType.Raw,
        cryptographicAlgorithm: CryptographicAlgorithm.AES,
        cryptographicLength: 128,
      });
      const location = { value: 'HSM-13345', type: KeyValueLocationType.UninterpretedTextString };
      const id = await registerAndGetBack(key, [
        attr('CryptographicUsageMask', CryptographicUsageMask.Encrypt),
        attr('KeyValueLocation', location),
        attr('ActivationDate', new Date(Date.UTC(2020, 0, 1))),
      ]);
      const attributes = await getAttributes(id, ['KeyValueLocation', 'KeyValuePresent']);
      assert.deepEqual(valueOf(attributes, 'KeyValueLocation'), location);
      assert.equal(valueOf(attributes, 'KeyValuePresent'), false);
      assert.deepEqual(await algorithmAndLength(id), [CryptographicAlgorithm.AES, 128]);
      const encrypted = await harness.sendOne('1.4', {
        operation: 'Encrypt',
        payload: { uniqueIdentifier: id, data: new Uint8Array(16) },
      });
      assert.equal(reasonOf(encrypted), ResultReason.KeyValueNotPresent);
      // Get returns it as registered; a conversion or a wrapping would need the value.
      for (const extra of [
        { keyFormatType: KeyFormatType.TransparentSymmetricKey },
        {
          keyWrappingSpecification: {
            wrappingMethod: WrappingMethod.Encrypt,
            encryptionKeyInformation: { uniqueIdentifier: id },
          },
        },
      ]) {
        const item = await harness.sendOne('1.4', {
          operation: 'Get',
          payload: { uniqueIdentifier: id, ...extra },
        });
        assert.equal(reasonOf(item), ResultReason.KeyValueNotPresent);
      }
      const raw = await harness.sendOne('1.4', {
        operation: 'Get',
        payload: { uniqueIdentifier: id, keyFormatType: KeyFormatType.Raw },
      });
      assert.ok(raw.kind === 'typed' && raw.resultStatus === ResultStatus.Success);
    });

    it('sets no Key Value Present on a key registered with its value', async () => {
      const key = symmetricKey(
        block(KeyFormatType.Raw, crypto.randomBytes(16), CryptographicAlgorithm.AES, 128),
      );
      const { uniqueIdentifier: id } = registered(await register(key));
      assert.deepEqual((await getAttributes(id, ['KeyValuePresent'])) ?? [], []);
    });

    const refusals: Array<[string, ManagedObject, Attribute[], number]> = [
      [
        'a length the algorithm does not allow (AES of 20 bytes)',
        symmetricKey(block(KeyFormatType.Raw, crypto.randomBytes(20), CryptographicAlgorithm.AES)),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a stated length the material contradicts',
        symmetricKey(
          block(KeyFormatType.Raw, crypto.randomBytes(32), CryptographicAlgorithm.AES, 128),
        ),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a Key Block and attribute naming different algorithms',
        symmetricKey(
          block(KeyFormatType.Raw, crypto.randomBytes(16), CryptographicAlgorithm.AES, 128),
        ),
        [attr('CryptographicAlgorithm', CryptographicAlgorithm.Camellia)],
        ResultReason.InvalidField,
      ],
      [
        'a Key Block and attribute giving different lengths',
        symmetricKey(
          block(KeyFormatType.Raw, crypto.randomBytes(16), CryptographicAlgorithm.AES, 128),
        ),
        [attr('CryptographicLength', 256)],
        ResultReason.InvalidField,
      ],
      [
        'no algorithm at all',
        symmetricKey(block(KeyFormatType.Raw, crypto.randomBytes(16))),
        [],
        ResultReason.InvalidField,
      ],
      [
        'an algorithm the server does not support (SKIPJACK)',
        symmetricKey(
          block(KeyFormatType.Raw, crypto.randomBytes(10), CryptographicAlgorithm.SKIPJACK, 80),
        ),
        [],
        ResultReason.InvalidField,
      ],
      [
        'an asymmetric algorithm',
        symmetricKey(
          block(KeyFormatType.Raw, crypto.randomBytes(16), CryptographicAlgorithm.RSA, 128),
        ),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a Key Format Type for asymmetric keys',
        symmetricKey(
          block(KeyFormatType.PKCS_8, crypto.randomBytes(16), CryptographicAlgorithm.AES, 128),
        ),
        [],
        ResultReason.KeyFormatTypeNotSupported,
      ],
      [
        'a wrapped key without a length',
        symmetricKey({
          keyFormatType: KeyFormatType.Raw,
          keyValue: crypto.randomBytes(40),
          cryptographicAlgorithm: CryptographicAlgorithm.AES,
          keyWrappingData: { wrappingMethod: WrappingMethod.Encrypt },
        }),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a metadata-only key (no Key Value) without a length',
        symmetricKey({
          keyFormatType: KeyFormatType.Raw,
          cryptographicAlgorithm: CryptographicAlgorithm.AES,
        }),
        [],
        ResultReason.InvalidField,
      ],
      [
        'compressed material',
        symmetricKey({
          ...block(KeyFormatType.Raw, crypto.randomBytes(16), CryptographicAlgorithm.AES, 128),
          keyCompressionType: KeyCompressionType.ECPublicKeyTypeUncompressed,
        }),
        [],
        ResultReason.KeyCompressionTypeNotSupported,
      ],
    ];
    for (const [label, object, attributes, reason] of refusals) {
      it(`refuses ${label}`, async () => {
        assert.equal(reasonOf(await register(object, attributes)), reason);
      });
    }
  });

  describe('public and private keys', () => {
    const keys: Array<[string, 'RSA' | 'EC' | 'Ed25519', number, () => ManagedObject]> = [
      [
        'RSA PKCS#1 public',
        'RSA',
        1024,
        () => publicKey(block(KeyFormatType.PKCS_1, rsa.publicKey.PKCS_1)),
      ],
      [
        'RSA X.509 public',
        'RSA',
        1024,
        () => publicKey(block(KeyFormatType.X_509, rsa.publicKey.X_509)),
      ],
      [
        'RSA PKCS#1 private',
        'RSA',
        1024,
        () => privateKey(block(KeyFormatType.PKCS_1, rsa.privateKey.PKCS_1)),
      ],
      [
        'RSA PKCS#8 private',
        'RSA',
        1024,
        () => privateKey(block(KeyFormatType.PKCS_8, rsa.privateKey.PKCS_8)),
      ],
      [
        'EC P-256 X.509 public',
        'EC',
        256,
        () => publicKey(block(KeyFormatType.X_509, ec.publicKey.X_509)),
      ],
      [
        'EC P-384 PKCS#8 private',
        'EC',
        384,
        () => privateKey(block(KeyFormatType.PKCS_8, ec384.privateKey.PKCS_8)),
      ],
      [
        'EC P-256 ECPrivateKey private',
        'EC',
        256,
        () => privateKey(block(KeyFormatType.ECPrivateKey, ec.privateKey.ECPrivateKey)),
      ],
      [
        'Ed25519 X.509 public',
        'Ed25519',
        256,
        () => publicKey(block(KeyFormatType.X_509, ed.publicKey.X_509)),
      ],
      [
        'Ed25519 PKCS#8 private',
        'Ed25519',
        256,
        () => privateKey(block(KeyFormatType.PKCS_8, ed.privateKey.PKCS_8)),
      ],
    ];

    for (const [label, family, bits, make] of keys) {
      it(`registers an ${label} key stated nowhere: algorithm and length read from the key`, async () => {
        const object = make();
        const response = registered(await register(object));
        assert.deepEqual(await getObject(response.uniqueIdentifier), object);
        const algorithm = CryptographicAlgorithm[family];
        assert.deepEqual(await algorithmAndLength(response.uniqueIdentifier), [algorithm, bits]);
        // KMIP 1.x: both were set implicitly.
        assert.deepEqual(response.attributes?.attributes, [
          attr('CryptographicAlgorithm', algorithm),
          attr('CryptographicLength', bits),
        ]);
      });
    }

    it('stores a wrapped private key unread, with the stated algorithm and length', async () => {
      const key = privateKey({
        keyFormatType: KeyFormatType.PKCS_8,
        keyValue: crypto.randomBytes(700),
        cryptographicAlgorithm: CryptographicAlgorithm.RSA,
        cryptographicLength: 2048,
        keyWrappingData: { wrappingMethod: WrappingMethod.Encrypt },
      });
      const id = await registerAndGetBack(key);
      assert.deepEqual(await algorithmAndLength(id), [CryptographicAlgorithm.RSA, 2048]);
    });

    it('keeps the EC algorithm the client names (ECDSA) and records the curve', async () => {
      const key = publicKey(
        block(KeyFormatType.X_509, ec384.publicKey.X_509, CryptographicAlgorithm.ECDSA, 384),
      );
      const response = registered(await register(key));
      assert.equal(response.attributes, undefined, 'nothing implicit besides the curve');
      const attributes = await getAttributes(response.uniqueIdentifier, [
        'CryptographicAlgorithm',
        'CryptographicDomainParameters',
      ]);
      assert.equal(valueOf(attributes, 'CryptographicAlgorithm'), CryptographicAlgorithm.ECDSA);
      assert.deepEqual(valueOf(attributes, 'CryptographicDomainParameters'), {
        recommendedCurve: RecommendedCurve.P_384,
      });
    });

    it('registers Transparent RSA and EC keys, public and private', async () => {
      const rsaPrivate = rsa.privateKey.transparent;
      const objects = [
        publicKey(
          block(
            KeyFormatType.TransparentRSAPublicKey,
            structure(Tag.KeyMaterial, [
              big(Tag.Modulus, rsa.publicKey.transparent.modulus),
              big(Tag.PublicExponent, rsa.publicKey.transparent.publicExponent),
            ]),
          ),
        ),
        // Only the modulus, exponents and primes: the CRT parts are optional.
        privateKey(
          block(
            KeyFormatType.TransparentRSAPrivateKey,
            structure(Tag.KeyMaterial, [
              big(Tag.Modulus, rsaPrivate.modulus),
              big(Tag.PrivateExponent, rsaPrivate.privateExponent),
              big(Tag.PublicExponent, rsaPrivate.publicExponent),
              big(Tag.P, rsaPrivate.p),
              big(Tag.Q, rsaPrivate.q),
            ]),
          ),
        ),
        publicKey(
          block(
            KeyFormatType.TransparentECPublicKey,
            structure(Tag.KeyMaterial, [
              { tag: Tag.RecommendedCurve, type: 'Enumeration', value: RecommendedCurve.P_256 },
              { tag: Tag.QString, type: 'ByteString', value: ec.publicKey.transparent.qString },
            ]),
          ),
        ),
        privateKey(
          block(
            KeyFormatType.TransparentECPrivateKey,
            structure(Tag.KeyMaterial, [
              { tag: Tag.RecommendedCurve, type: 'Enumeration', value: RecommendedCurve.P_256 },
              big(Tag.D, ec.privateKey.transparent.d),
            ]),
          ),
        ),
      ];
      const expected = [
        [CryptographicAlgorithm.RSA, 1024],
        [CryptographicAlgorithm.RSA, 1024],
        [CryptographicAlgorithm.EC, 256],
        [CryptographicAlgorithm.EC, 256],
      ];
      for (const [i, object] of objects.entries()) {
        const id = await registerAndGetBack(object);
        assert.deepEqual(await algorithmAndLength(id), expected[i]);
      }
    });

    const refusals: Array<[string, () => ManagedObject, Attribute[], number]> = [
      [
        'garbage as a PKCS#8 private key',
        () => privateKey(block(KeyFormatType.PKCS_8, crypto.randomBytes(64))),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a truncated X.509 public key',
        () => publicKey(block(KeyFormatType.X_509, rsa.publicKey.X_509.subarray(0, 60))),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a private key registered as a Public Key (PKCS#1 holds both)',
        () => publicKey(block(KeyFormatType.PKCS_1, rsa.privateKey.PKCS_1)),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a public key registered as a Private Key',
        () => privateKey(block(KeyFormatType.PKCS_1, rsa.publicKey.PKCS_1)),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a Public Key in a private-key format (PKCS#8)',
        () => publicKey(block(KeyFormatType.PKCS_8, rsa.privateKey.PKCS_8)),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a Private Key in the X.509 format',
        () => privateKey(block(KeyFormatType.X_509, rsa.publicKey.X_509)),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a stated length the key contradicts',
        () =>
          publicKey(
            block(KeyFormatType.X_509, rsa.publicKey.X_509, CryptographicAlgorithm.RSA, 2048),
          ),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a stated algorithm the key contradicts',
        () =>
          publicKey(
            block(KeyFormatType.X_509, rsa.publicKey.X_509, CryptographicAlgorithm.ECDSA, 1024),
          ),
        [],
        ResultReason.InvalidField,
      ],
      [
        'an EC key stated as Ed25519',
        () =>
          publicKey(block(KeyFormatType.X_509, ec.publicKey.X_509, CryptographicAlgorithm.Ed25519)),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a stated curve the key contradicts',
        () => publicKey(block(KeyFormatType.X_509, ec.publicKey.X_509)),
        [attr('CryptographicDomainParameters', { recommendedCurve: RecommendedCurve.P_384 })],
        ResultReason.InvalidField,
      ],
      [
        'the Raw format',
        () => publicKey(block(KeyFormatType.Raw, ed.publicKey.X_509)),
        [],
        ResultReason.KeyFormatTypeNotSupported,
      ],
      [
        'a Transparent DSA key without its fields',
        () =>
          publicKey(block(KeyFormatType.TransparentDSAPublicKey, structure(Tag.KeyMaterial, []))),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a Transparent RSA key without its modulus',
        () =>
          publicKey(
            block(
              KeyFormatType.TransparentRSAPublicKey,
              structure(Tag.KeyMaterial, [big(Tag.PublicExponent, 65537n)]),
            ),
          ),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a Transparent EC point that is not on the curve',
        () =>
          publicKey(
            block(
              KeyFormatType.TransparentECPublicKey,
              structure(Tag.KeyMaterial, [
                { tag: Tag.RecommendedCurve, type: 'Enumeration', value: RecommendedCurve.P_256 },
                {
                  tag: Tag.QString,
                  type: 'ByteString',
                  value: new Uint8Array(65).fill(4, 0, 1).fill(7, 1),
                },
              ]),
            ),
          ),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a Transparent private key as a Public Key',
        () =>
          publicKey(
            block(
              KeyFormatType.TransparentECPrivateKey,
              structure(Tag.KeyMaterial, [
                { tag: Tag.RecommendedCurve, type: 'Enumeration', value: RecommendedCurve.P_256 },
                big(Tag.D, ec.privateKey.transparent.d),
              ]),
            ),
          ),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a wrapped key without its algorithm and length',
        () =>
          privateKey({
            keyFormatType: KeyFormatType.PKCS_8,
            keyValue: crypto.randomBytes(64),
            keyWrappingData: { wrappingMethod: WrappingMethod.Encrypt },
          }),
        [],
        ResultReason.InvalidField,
      ],
    ];
    for (const [index, [label]] of refusals.entries()) {
      it(`refuses ${label}`, async () => {
        const [, make, attributes, reason] = refusals[index] ?? [];
        const object = make?.();
        assert.ok(object !== undefined && attributes !== undefined);
        const item = await register(object, attributes);
        assert.equal(reasonOf(item), reason);
      });
    }

    it('never echoes the material in the Result Message or the log', async () => {
      const garbage = crypto.randomBytes(48);
      const item = await register(privateKey(block(KeyFormatType.PKCS_8, garbage)));
      assert.ok(item.kind === 'typed' || item.kind === 'raw');
      const text = `${String(item.resultMessage)}\n${harness.logText()}`;
      for (const encoding of ['hex', 'base64'] as const) {
        assert.ok(!text.includes(Buffer.from(garbage).subarray(0, 16).toString(encoding)));
      }
    });
  });

  describe('split keys', () => {
    const split = (
      overrides: Record<string, unknown> = {},
      bytes = 16,
      bits = 128,
    ): ManagedObject =>
      ({
        kind: 'SplitKey',
        splitKeyParts: 3,
        keyPartIdentifier: 2,
        splitKeyThreshold: 2,
        splitKeyMethod: SplitKeyMethod.XOR,
        keyBlock: block(
          KeyFormatType.Raw,
          crypto.randomBytes(bytes),
          CryptographicAlgorithm.AES,
          bits,
        ),
        ...overrides,
      }) as ManagedObject;

    it('registers an XOR share of an AES key and gets it back unchanged', async () => {
      const id = await registerAndGetBack(split());
      assert.deepEqual(await algorithmAndLength(id), [CryptographicAlgorithm.AES, 128]);
    });

    it('registers a polynomial share over a prime field with its Prime Field Size', async () => {
      await registerAndGetBack(
        split(
          {
            splitKeyMethod: SplitKeyMethod.PolynomialSharingPrimeField,
            primeFieldSize: 340282366920938463463374607431768211507n,
          },
          17,
        ),
      );
    });

    for (const [label, overrides, bytes] of [
      ['a threshold above the number of parts', { splitKeyThreshold: 4 }, 16],
      ['a threshold of 0', { splitKeyThreshold: 0 }, 16],
      ['a Key Part Identifier of 0', { keyPartIdentifier: 0 }, 16],
      ['a Key Part Identifier past the parts', { keyPartIdentifier: 4 }, 16],
      [
        'a prime-field share without Prime Field Size',
        { splitKeyMethod: SplitKeyMethod.PolynomialSharingPrimeField },
        16,
      ],
      ['an XOR share shorter than the key', {}, 8],
    ] as const) {
      it(`refuses ${label} with Invalid Field`, async () => {
        assert.equal(reasonOf(await register(split(overrides, bytes))), ResultReason.InvalidField);
      });
    }
  });

  describe('secret data and opaque objects', () => {
    it('registers a password as Secret Data and gets it back unchanged', async () => {
      const secret: ManagedObject = {
        kind: 'SecretData',
        secretDataType: SecretDataType.Password,
        keyBlock: block(KeyFormatType.Opaque, new TextEncoder().encode('correct horse')),
      };
      const id = await registerAndGetBack(secret, [
        attr('CryptographicUsageMask', CryptographicUsageMask.DeriveKey),
      ]);
      const attributes = await getAttributes(id);
      assert.equal(valueOf(attributes, 'ObjectType'), ObjectType.SecretData);
      assert.equal(valueOf(attributes, 'CryptographicAlgorithm'), undefined);
    });

    it('refuses empty Secret Data with Invalid Field and another format with Key Format Type Not Supported', async () => {
      const empty: ManagedObject = {
        kind: 'SecretData',
        secretDataType: SecretDataType.Seed,
        keyBlock: block(KeyFormatType.Raw, new Uint8Array()),
      };
      assert.equal(reasonOf(await register(empty)), ResultReason.InvalidField);
      const pkcs8: ManagedObject = {
        kind: 'SecretData',
        secretDataType: SecretDataType.Seed,
        keyBlock: block(KeyFormatType.PKCS_8, crypto.randomBytes(8)),
      };
      assert.equal(reasonOf(await register(pkcs8)), ResultReason.KeyFormatTypeNotSupported);
    });

    for (const version of ['1.0', '2.1'] as const) {
      it(`registers an Opaque Object with its Digest (KMIP ${version})`, async () => {
        const value = crypto.randomBytes(33);
        const opaque: ManagedObject = {
          kind: 'OpaqueObject',
          opaqueDataType: (OpaqueDataType as Record<string, number>)['Unknown'] ?? 0x80000001,
          opaqueDataValue: value,
        };
        const id = await registerAndGetBack(
          opaque,
          [attr('Name', { value: `blob-${version}`, type: NameType.UninterpretedTextString })],
          version,
        );
        const digest = valueOf(await getAttributes(id, ['Digest'], version), 'Digest');
        // KMIP 1.0's Digest has no Key Format Type field.
        assert.deepEqual(digest, {
          hashingAlgorithm: HashingAlgorithm.SHA_256,
          digestValue: crypto.digest('SHA_256', value),
          ...(version === '1.0' ? {} : { keyFormatType: KeyFormatType.Raw }),
        });
      });
    }
  });

  describe('certificates', () => {
    it('registers an RSA certificate and sets the certificate attributes (KMIP 1.4)', async () => {
      const id = await registerAndGetBack(certificate(rsaCertificate));
      const info = crypto.inspectCertificate(rsaCertificate);
      const attributes = await getAttributes(id, [
        'CertificateType',
        'CertificateLength',
        'X_509CertificateIdentifier',
        'X_509CertificateSubject',
        'X_509CertificateIssuer',
        'DigitalSignatureAlgorithm',
        'CryptographicAlgorithm',
        'CryptographicLength',
        'Digest',
      ]);
      assert.equal(valueOf(attributes, 'CertificateType'), CertificateType.X_509);
      assert.equal(valueOf(attributes, 'CertificateLength'), rsaCertificate.length);
      const identifier = valueOf(attributes, 'X_509CertificateIdentifier') as {
        issuerDistinguishedName: Uint8Array;
        certificateSerialNumber: Uint8Array;
      };
      assert.deepEqual(identifier.issuerDistinguishedName, info.issuerDer);
      // The serial INTEGER as encoded: tag 02, length, value.
      assert.equal(identifier.certificateSerialNumber[0], 0x02);
      assert.ok(hex(identifier.certificateSerialNumber).endsWith(info.serialNumber));
      const subject = valueOf(attributes, 'X_509CertificateSubject') as KmipItem;
      assert.ok(subject.type === 'Structure');
      assert.deepEqual(subject.value[0], {
        tag: Tag.SubjectDistinguishedName,
        type: 'ByteString',
        value: info.subjectDer,
      });
      assert.equal(
        valueOf(attributes, 'DigitalSignatureAlgorithm'),
        DigitalSignatureAlgorithm.SHA_256WithRSAEncryption,
      );
      assert.equal(valueOf(attributes, 'CryptographicAlgorithm'), CryptographicAlgorithm.RSA);
      assert.equal(valueOf(attributes, 'CryptographicLength'), 2048);
      assert.deepEqual(valueOf(attributes, 'Digest'), {
        hashingAlgorithm: HashingAlgorithm.SHA_256,
        digestValue: info.digestSha256,
        keyFormatType: KeyFormatType.Raw,
      });
    });

    it('registers an ECDSA P-384 certificate (ECDSA with SHA-384, EC 384)', async () => {
      const id = await registerAndGetBack(certificate(ecCertificate), [], '2.1');
      const attributes = await getAttributes(id, undefined, '2.1');
      assert.equal(
        valueOf(attributes, 'DigitalSignatureAlgorithm'),
        DigitalSignatureAlgorithm.ECDSAWithSHA384,
      );
      assert.equal(valueOf(attributes, 'CryptographicAlgorithm'), CryptographicAlgorithm.EC);
      assert.equal(valueOf(attributes, 'CryptographicLength'), 384);
      // KMIP 2.x has no 1.0 certificate attributes; 2.1 lists the X.509 ones unasked.
      const names = attributes.map((a) => a.name);
      assert.ok(names.includes('X_509CertificateSubject') && names.includes('CertificateType'));
      assert.ok(!names.includes('CertificateSubject'));
    });

    it('shows a KMIP 1.0 client the 1.0 certificate attributes as RFC 4514 text', async () => {
      const id = await registerAndGetBack(certificate(rsaCertificate), [], '1.0');
      const info = crypto.inspectCertificate(rsaCertificate);
      const attributes = await getAttributes(
        id,
        ['CertificateIdentifier', 'CertificateSubject', 'CertificateIssuer'],
        '1.0',
      );
      const text = (name: string) =>
        ((valueOf(attributes, name) as KmipItem & { type: 'Structure' }).value as KmipItem[]).map(
          (item) => item.value,
        );
      assert.deepEqual(text('CertificateIdentifier'), [
        info.issuer,
        info.serialNumber.toUpperCase().replace(/^(00)+(?=..)/, ''),
      ]);
      assert.deepEqual(text('CertificateSubject'), [info.subject]);
      assert.match(info.subject, /CN=RSA CA/);
      assert.deepEqual(text('CertificateIssuer'), [info.issuer]);
    });

    it('leaves the certificate attributes PyKMIP 0.10 cannot parse out of 1.x/2.0 listings unless kmip.attributeListing is complete', async (t) => {
      const id = await registerAndGetBack(certificate(rsaCertificate));
      const unparsable = ['X_509CertificateIdentifier', 'DigitalSignatureAlgorithm'];
      const names = (await getAttributes(id)).map((a) => a.name);
      for (const hidden of unparsable) assert.ok(!names.includes(hidden), hidden);
      assert.ok(names.includes('CertificateType') && names.includes('CertificateLength'));
      const in21 = (await getAttributes(id, undefined, '2.1')).map((a) => a.name);
      for (const name of unparsable) assert.ok(in21.includes(name), name);
      // What the OASIS 1.4 case TC-CERTATTR-1-14 expects of a full listing.
      const complete = await createServerHarness({ attributeListing: 'complete' });
      t.after(() => complete.close());
      const item = await complete.sendOne('1.4', {
        operation: 'Register',
        payload: {
          objectType: ObjectType.Certificate,
          attributes: { attributes: [] },
          object: certificate(rsaCertificate),
        },
      });
      const { uniqueIdentifier: other } = registered(item);
      const listed = await complete.sendOne('1.4', {
        operation: 'GetAttributes',
        payload: { uniqueIdentifier: other },
      });
      assert.ok(listed.kind === 'typed');
      const all = (listed.payload as { attributes: Attribute[] }).attributes.map((a) => a.name);
      for (const name of [...unparsable, 'X_509CertificateSubject', 'CertificateIdentifier']) {
        assert.ok(all.includes(name), name);
      }
    });

    it('replays OASIS TC-CERTATTR-1-14: the Register it sends and the attributes it expects', async () => {
      const [request] = loadTestCase('1.4/testcases/TC-CERTATTR-1-14.xml');
      assert.ok(request !== undefined);
      const response = await harness.send(request);
      const [item] = response.batchItems;
      const { uniqueIdentifier: id } = registered(item as ResponseBatchItem);
      const attributes = await getAttributes(id, [
        'CertificateLength',
        'CryptographicAlgorithm',
        'CryptographicLength',
        'DigitalSignatureAlgorithm',
        'X_509CertificateIdentifier',
        'X_509CertificateIssuer',
        'X_509CertificateSubject',
        'CertificateIdentifier',
        'CertificateSubject',
        'CertificateIssuer',
      ]);
      assert.equal(valueOf(attributes, 'CertificateLength'), 557);
      assert.equal(valueOf(attributes, 'CryptographicAlgorithm'), CryptographicAlgorithm.RSA);
      assert.equal(valueOf(attributes, 'CryptographicLength'), 1024);
      assert.equal(
        valueOf(attributes, 'DigitalSignatureAlgorithm'),
        DigitalSignatureAlgorithm.SHA_256WithRSAEncryption,
      );
      const issuerDn =
        '3031310b300906035504061302415531123010060355040a13094b6d69702054657374310e300c06035504031305496e746572';
      assert.deepEqual(valueOf(attributes, 'X_509CertificateIdentifier'), {
        issuerDistinguishedName: fromHex(issuerDn),
        certificateSerialNumber: fromHex('02083132333435363738'),
      });
      const items = (name: string) =>
        (valueOf(attributes, name) as KmipItem & { type: 'Structure' }).value.map((i) =>
          i.value instanceof Uint8Array ? hex(i.value) : i.value,
        );
      assert.deepEqual(items('X_509CertificateIssuer'), [issuerDn]);
      assert.deepEqual(items('X_509CertificateSubject'), [
        '302e310b300906035504061302415531123010060355040a13094b6d69702054657374310b3009060355040313024545',
      ]);
      assert.deepEqual(items('CertificateIdentifier'), [
        'CN=Inter,O=Kmip Test,C=AU',
        '3132333435363738',
      ]);
      assert.deepEqual(items('CertificateSubject'), ['CN=EE,O=Kmip Test,C=AU']);
      assert.deepEqual(items('CertificateIssuer'), ['CN=Inter,O=Kmip Test,C=AU']);
    });

    const refusals: Array<[string, () => ManagedObject, Attribute[], number]> = [
      ['garbage', () => certificate(crypto.randomBytes(80)), [], ResultReason.InvalidField],
      [
        'a certificate with trailing bytes',
        () => certificate(new Uint8Array([...rsaCertificate, 0])),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a PGP certificate',
        () => certificate(rsaCertificate, CertificateType.PGP),
        [],
        ResultReason.InvalidField,
      ],
      [
        'a Certificate Type attribute the certificate contradicts',
        () => certificate(rsaCertificate),
        [attr('CertificateType', CertificateType.PGP)],
        ResultReason.InvalidField,
      ],
      [
        'a stated algorithm the key contradicts',
        () => certificate(rsaCertificate),
        [attr('CryptographicAlgorithm', CryptographicAlgorithm.EC)],
        ResultReason.InvalidField,
      ],
      [
        'a stated length the key contradicts',
        () => certificate(rsaCertificate),
        [attr('CryptographicLength', 4096)],
        ResultReason.InvalidField,
      ],
      [
        'another server-set certificate attribute (1.x: Permission Denied)',
        () => certificate(rsaCertificate),
        [attr('CertificateLength', 1)],
        ResultReason.PermissionDenied,
      ],
    ];
    for (const [index, [label]] of refusals.entries()) {
      it(`refuses ${label}`, async () => {
        const [, make, attributes, reason] = refusals[index] ?? [];
        const object = make?.();
        assert.ok(object !== undefined && attributes !== undefined);
        assert.equal(reasonOf(await register(object, attributes)), reason);
      });
    }
  });

  describe('requests', () => {
    it('refuses an Object Type that does not match the object with Invalid Field', async () => {
      const key = symmetricKey(
        block(KeyFormatType.Raw, crypto.randomBytes(16), CryptographicAlgorithm.AES, 128),
      );
      assert.equal(
        reasonOf(await register(key, [], '1.4', ObjectType.SecretData)),
        ResultReason.InvalidField,
      );
    });

    it('refuses a PGP Key (2.1: Invalid Object Type; Templates: register-template.test.ts)', async () => {
      const pgp: ManagedObject = {
        kind: 'PGPKey',
        pgpKeyVersion: 4,
        keyBlock: block(KeyFormatType.Raw, crypto.randomBytes(16)),
      };
      assert.equal(reasonOf(await register(pgp, [], '2.1')), ResultReason.InvalidObjectType);
    });

    it('stores the client attributes and the server-maintained ones', async () => {
      const key = symmetricKey(
        block(KeyFormatType.Raw, crypto.randomBytes(32), CryptographicAlgorithm.AES, 256),
      );
      const id = await registerAndGetBack(key, [
        attr('Name', { value: 'registered-key', type: NameType.UninterpretedTextString }),
        attr('CryptographicUsageMask', CryptographicUsageMask.Encrypt),
        attr('ActivationDate', new Date(Date.UTC(2020, 0, 1))),
      ]);
      const attributes = await getAttributes(id);
      assert.deepEqual(valueOf(attributes, 'Name'), {
        value: 'registered-key',
        type: NameType.UninterpretedTextString,
      });
      assert.equal(valueOf(attributes, 'State'), State.Active, 'the Activation Date has passed');
      assert.equal(valueOf(attributes, 'OperationPolicyName'), 'default');
      assert.ok(valueOf(attributes, 'InitialDate') instanceof Date);
      assert.ok(valueOf(attributes, 'Digest') !== undefined);
    });

    it('sets no Original Creation Date unless the client states it (KMIP 1.4 §3.43; OASIS TC-MDO-2)', async () => {
      const key = () =>
        symmetricKey(
          block(KeyFormatType.Raw, crypto.randomBytes(16), CryptographicAlgorithm.AES, 128),
        );
      const { uniqueIdentifier: plain } = registered(await register(key()));
      assert.deepEqual((await getAttributes(plain, ['OriginalCreationDate'])) ?? [], []);
      const original = new Date(Date.UTC(1970, 0, 1, 10, 42));
      const { uniqueIdentifier: dated } = registered(
        await register(key(), [attr('OriginalCreationDate', original)]),
      );
      assert.deepEqual(
        valueOf(await getAttributes(dated, ['OriginalCreationDate']), 'OriginalCreationDate'),
        original,
      );
    });

    it('sets the ID Placeholder for the next batch item', async () => {
      const key = symmetricKey(
        block(KeyFormatType.Raw, crypto.randomBytes(16), CryptographicAlgorithm.AES, 128),
      );
      const response = await harness.send(
        message('1.4', [
          {
            id: 'a',
            operation: 'Register',
            payload: {
              objectType: ObjectType.SymmetricKey,
              attributes: { attributes: [] },
              object: key,
            },
          },
          { id: 'b', operation: 'Activate', payload: {} },
        ]),
      );
      const [first, second] = response.batchItems;
      const { uniqueIdentifier: id } = registered(first as ResponseBatchItem);
      assert.ok(second?.kind === 'typed' && second.resultStatus === ResultStatus.Success);
      assert.equal((second.payload as { uniqueIdentifier: string }).uniqueIdentifier, id);
      assert.equal((await harness.store.get(id)).state, 'Active');
    });

    it('refuses a Template Name with Item Not Found', async () => {
      const key = symmetricKey(
        block(KeyFormatType.Raw, crypto.randomBytes(16), CryptographicAlgorithm.AES, 128),
      );
      const item = await harness.sendOne('1.4', {
        operation: 'Register',
        payload: {
          objectType: ObjectType.SymmetricKey,
          attributes: {
            attributes: [],
            templateNames: [{ value: 'tpl', type: NameType.UninterpretedTextString }],
          },
          object: key,
        },
      });
      assert.equal(reasonOf(item), ResultReason.ItemNotFound);
    });
  });
});
