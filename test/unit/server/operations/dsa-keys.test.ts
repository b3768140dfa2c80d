// DSA keys through the server (issue #5, OASIS BL-M-12-21 / BL-M-13-21): Register in the
// Transparent DSA, PKCS#8 and X.509 formats, Get conversions between them, Create Key Pair,
// Sign / Signature Verify, and the weak-key policy applied as for RSA.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  verify as nodeVerify,
} from 'node:crypto';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  DigitalSignatureAlgorithm,
  EncodingOption,
  HashingAlgorithm,
  KeyFormatType,
  ObjectType,
  ResultReason,
  Tag,
  ValidityIndicator,
  WrappingMethod,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ManagedObject } from '../../../../src/kmip/messages/objects.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import { BL_G, BL_P, BL_Q, BL_X, BL_Y } from '../../crypto/keygen/dsa-fixtures.ts';
import { failure, ok, registerObject } from './crypto-fixture.ts';
import { attributeValuesOf, blockOf, getObject, materialBytes } from './key-ops-fixture.ts';

const big = (tag: number, value: bigint): KmipItem => ({ tag, type: 'BigInteger', value });
const attr = (name: string, value: Attribute['value']): Attribute => ({ name, value });
const material = (...fields: KmipItem[]): KmipItem => ({
  tag: Tag.KeyMaterial,
  type: 'Structure',
  value: fields,
});

function key(
  kind: 'PublicKey' | 'PrivateKey',
  format: number,
  keyMaterial: Uint8Array | KmipItem,
  stated: { algorithm?: number; lengthBits?: number } = {},
): ManagedObject {
  return {
    kind,
    keyBlock: {
      keyFormatType: format,
      keyValue: { keyMaterial },
      ...(stated.algorithm === undefined ? {} : { cryptographicAlgorithm: stated.algorithm }),
      ...(stated.lengthBits === undefined ? {} : { cryptographicLength: stated.lengthBits }),
    },
  } as ManagedObject;
}

const BL_STATED = { algorithm: CryptographicAlgorithm.DSA, lengthBits: 512 };
const blPublic = () =>
  key(
    'PublicKey',
    KeyFormatType.TransparentDSAPublicKey,
    material(big(Tag.P, BL_P), big(Tag.Q, BL_Q), big(Tag.G, BL_G), big(Tag.Y, BL_Y)),
    BL_STATED,
  );
const blPrivate = () =>
  key(
    'PrivateKey',
    KeyFormatType.TransparentDSAPrivateKey,
    material(big(Tag.P, BL_P), big(Tag.Q, BL_Q), big(Tag.G, BL_G), big(Tag.X, BL_X)),
    BL_STATED,
  );

function fieldsOf(object: ManagedObject): Map<number, unknown> {
  const value = blockOf(object).keyValue;
  assert.ok(value !== undefined && !(value instanceof Uint8Array));
  const m = value.keyMaterial;
  assert.ok(!(m instanceof Uint8Array) && m.type === 'Structure');
  return new Map(m.value.map((item) => [item.tag, item.value]));
}

const message = new TextEncoder().encode('sign me with DSA');
const VERIFY = CryptographicUsageMask.Verify;
const SIGN = CryptographicUsageMask.Sign;

describe('DSA keys: the weak-key policy (as for RSA-1024)', () => {
  let strict: ServerHarness;
  let replay: ServerHarness;
  before(async () => {
    strict = await createServerHarness();
    // The conformance replay's policy (80 bits): DSA-1024 passes, DSA-512 still does not.
    replay = await createServerHarness({
      cryptoPolicy: { allowLegacy: false, minSecurityBits: 80 },
    });
  });
  after(async () => {
    await strict.close();
    await replay.close();
  });

  it('the default policy refuses Register of the 512-bit BL keys with Permission Denied', async () => {
    for (const object of [blPublic(), blPrivate()]) {
      const refused = await failure(strict, 'Register', {
        objectType: ObjectType[object.kind],
        attributes: { attributes: [] },
        object,
      });
      assert.equal(refused.reason, ResultReason.PermissionDenied);
      assert.match(refused.message ?? '', /minSecurityBits/);
    }
  });

  it('DSA-1024 is refused by default (80-bit strength, like RSA-1024) and allowed at 80 bits; 512 is not', async () => {
    const pair = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
    const spki = new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }));
    const object = key('PublicKey', KeyFormatType.X_509, spki);
    const request = { objectType: ObjectType.PublicKey, attributes: { attributes: [] }, object };
    assert.equal(
      (await failure(strict, 'Register', request)).reason,
      ResultReason.PermissionDenied,
    );
    await ok(replay, 'Register', request);
    const small = { ...request, object: blPublic() };
    assert.equal((await failure(replay, 'Register', small)).reason, ResultReason.PermissionDenied);
  });

  it('Create Key Pair of DSA-1024 is refused by default with Permission Denied', async () => {
    const common = [
      attr('CryptographicAlgorithm', CryptographicAlgorithm.DSA),
      attr('CryptographicLength', 1024),
    ];
    const refused = await failure(strict, 'CreateKeyPair', {
      commonAttributes: { attributes: common },
      privateKeyAttributes: { attributes: [attr('CryptographicUsageMask', SIGN)] },
      publicKeyAttributes: { attributes: [attr('CryptographicUsageMask', VERIFY)] },
    });
    assert.equal(refused.reason, ResultReason.PermissionDenied);
  });
});

describe('DSA keys: Register and Get (policy relaxed as the conformance cases need)', () => {
  let harness: ServerHarness;
  let publicId: string;
  let privateId: string;
  before(async () => {
    harness = await createServerHarness({
      cryptoPolicy: { allowLegacy: false, minSecurityBits: 0 },
    });
    publicId = await registerObject(harness, blPublic(), VERIFY);
    privateId = await registerObject(harness, blPrivate(), SIGN);
  });
  after(() => harness.close());

  it('records DSA and the bit length of P, also when the request states neither', async () => {
    for (const id of [publicId, privateId]) {
      assert.deepEqual(await attributeValuesOf(harness, id, 'CryptographicAlgorithm'), [
        CryptographicAlgorithm.DSA,
      ]);
      assert.deepEqual(await attributeValuesOf(harness, id, 'CryptographicLength'), [512]);
    }
    const pair = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
    const der = new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }));
    const id = await registerObject(harness, key('PrivateKey', KeyFormatType.PKCS_8, der), SIGN);
    assert.deepEqual(await attributeValuesOf(harness, id, 'CryptographicAlgorithm'), [
      CryptographicAlgorithm.DSA,
    ]);
    assert.deepEqual(await attributeValuesOf(harness, id, 'CryptographicLength'), [1024]);
  });

  it('Get returns the Transparent form as registered, and converts to X.509 and PKCS#8', async () => {
    const stored = await getObject(harness, { uniqueIdentifier: publicId });
    assert.equal(blockOf(stored).keyFormatType, KeyFormatType.TransparentDSAPublicKey);
    const spki = materialBytes(
      await getObject(harness, { uniqueIdentifier: publicId, keyFormatType: KeyFormatType.X_509 }),
    );
    const pkcs8 = materialBytes(
      await getObject(harness, {
        uniqueIdentifier: privateId,
        keyFormatType: KeyFormatType.PKCS_8,
      }),
    );
    // Independent check: Node derives the private key's public half; it is the BL public key.
    const derived = createPublicKey(
      createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
    ).export({ format: 'der', type: 'spki' });
    assert.deepEqual(new Uint8Array(derived), spki);
  });

  it('Get converts PKCS#8 / X.509 registrations to the Transparent DSA forms', async () => {
    const pair = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
    const pkcs8 = new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }));
    const spki = new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }));
    const priv = await registerObject(
      harness,
      key('PrivateKey', KeyFormatType.PKCS_8, pkcs8),
      SIGN,
    );
    const pub = await registerObject(harness, key('PublicKey', KeyFormatType.X_509, spki), VERIFY);
    const privateFields = fieldsOf(
      await getObject(harness, {
        uniqueIdentifier: priv,
        keyFormatType: KeyFormatType.TransparentDSAPrivateKey,
      }),
    );
    const publicFields = fieldsOf(
      await getObject(harness, {
        uniqueIdentifier: pub,
        keyFormatType: KeyFormatType.TransparentDSAPublicKey,
      }),
    );
    assert.deepEqual([...privateFields.keys()], [Tag.P, Tag.Q, Tag.G, Tag.X]);
    assert.deepEqual([...publicFields.keys()], [Tag.P, Tag.Q, Tag.G, Tag.Y]);
    for (const tag of [Tag.P, Tag.Q, Tag.G]) {
      assert.equal(privateFields.get(tag), publicFields.get(tag));
    }
    // Y = G^X mod P, computed here on test values only.
    const [p, g, x] = [Tag.P, Tag.G, Tag.X].map((t) => privateFields.get(t) as bigint) as [
      bigint,
      bigint,
      bigint,
    ];
    let y = 1n;
    for (let b = g % p, e = x; e > 0n; e >>= 1n, b = (b * b) % p) if (e & 1n) y = (y * b) % p;
    assert.equal(publicFields.get(Tag.Y), y);
  });

  const notSupported: Array<[string, () => string, number]> = [
    ['PKCS#1 of a DSA private key', () => privateId, KeyFormatType.PKCS_1],
    ['PKCS#1 of a DSA public key', () => publicId, KeyFormatType.PKCS_1],
    ['ECPrivateKey of a DSA key', () => privateId, KeyFormatType.ECPrivateKey],
    ['Transparent RSA of a DSA key', () => publicId, KeyFormatType.TransparentRSAPublicKey],
    ['Raw of a DSA key', () => publicId, KeyFormatType.Raw],
    ['a public format of a private key', () => privateId, KeyFormatType.TransparentDSAPublicKey],
  ];
  for (const [what, id, format] of notSupported) {
    it(`Get refuses ${what}: Key Format Type Not Supported`, async () => {
      const refused = await failure(harness, 'Get', {
        uniqueIdentifier: id(),
        keyFormatType: format,
      });
      assert.equal(refused.reason, ResultReason.KeyFormatTypeNotSupported);
    });
  }

  const bad: Array<[string, () => ManagedObject, number]> = [
    [
      'a Transparent DSA Public Key without Y',
      () =>
        key(
          'PublicKey',
          KeyFormatType.TransparentDSAPublicKey,
          material(big(Tag.P, BL_P), big(Tag.Q, BL_Q), big(Tag.G, BL_G)),
        ),
      ResultReason.InvalidField,
    ],
    [
      'Q not dividing P − 1',
      () =>
        key(
          'PublicKey',
          KeyFormatType.TransparentDSAPublicKey,
          material(big(Tag.P, BL_P), big(Tag.Q, BL_Q + 2n), big(Tag.G, BL_G), big(Tag.Y, BL_Y)),
        ),
      ResultReason.InvalidField,
    ],
    [
      'X ≥ Q',
      () =>
        key(
          'PrivateKey',
          KeyFormatType.TransparentDSAPrivateKey,
          material(big(Tag.P, BL_P), big(Tag.Q, BL_Q), big(Tag.G, BL_G), big(Tag.X, BL_Q)),
        ),
      ResultReason.InvalidField,
    ],
    [
      'a private structure in a Public Key object',
      () => ({ ...blPrivate(), kind: 'PublicKey' }) as ManagedObject,
      ResultReason.InvalidField,
    ],
    [
      'a stated algorithm the key contradicts (RSA)',
      () =>
        key('PublicKey', KeyFormatType.TransparentDSAPublicKey, fieldsMaterial(), {
          algorithm: CryptographicAlgorithm.RSA,
        }),
      ResultReason.InvalidField,
    ],
    [
      'a stated length the key contradicts (1024)',
      () =>
        key('PublicKey', KeyFormatType.TransparentDSAPublicKey, fieldsMaterial(), {
          lengthBits: 1024,
        }),
      ResultReason.InvalidField,
    ],
    [
      'the Raw format (not defined for DSA)',
      () => key('PublicKey', KeyFormatType.Raw, new Uint8Array(64), BL_STATED),
      ResultReason.KeyFormatTypeNotSupported,
    ],
  ];
  function fieldsMaterial(): KmipItem {
    return material(big(Tag.P, BL_P), big(Tag.Q, BL_Q), big(Tag.G, BL_G), big(Tag.Y, BL_Y));
  }
  for (const [what, object, reason] of bad) {
    it(`Register refuses ${what}`, async () => {
      const o = object();
      const refused = await failure(harness, 'Register', {
        objectType: ObjectType[o.kind],
        attributes: { attributes: [] },
        object: o,
      });
      assert.equal(refused.reason, reason);
    });
  }

  it('signs with the registered BL private key; Node verifies with the BL public key', async () => {
    const out = await ok(harness, 'Sign', {
      uniqueIdentifier: privateId,
      cryptographicParameters: {
        digitalSignatureAlgorithm: DigitalSignatureAlgorithm.DSAWithSHA_1,
      },
      data: message,
    });
    const spki = materialBytes(
      await getObject(harness, { uniqueIdentifier: publicId, keyFormatType: KeyFormatType.X_509 }),
    );
    const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    assert.equal(nodeVerify('sha1', message, publicKey, out.signatureData as Uint8Array), true);
  });
});

describe('DSA keys: Create Key Pair, Sign and Signature Verify (default policy)', () => {
  let harness: ServerHarness;
  let privateId: string;
  let publicId: string;
  before(async () => {
    harness = await createServerHarness();
    const created = await ok(harness, 'CreateKeyPair', {
      commonAttributes: {
        attributes: [
          attr('CryptographicAlgorithm', CryptographicAlgorithm.DSA),
          attr('CryptographicLength', 2048),
          attr('CryptographicDomainParameters', { qlength: 224 }),
        ],
      },
      privateKeyAttributes: { attributes: [attr('CryptographicUsageMask', SIGN)] },
      publicKeyAttributes: { attributes: [attr('CryptographicUsageMask', VERIFY)] },
    });
    privateId = created.privateKeyUniqueIdentifier as string;
    publicId = created.publicKeyUniqueIdentifier as string;
    for (const id of [privateId, publicId]) {
      await ok(harness, 'Activate', { uniqueIdentifier: id });
    }
  });
  after(() => harness.close());

  it('stores PKCS#8 and X.509 keys of 2048/224 bits marked DSA', async () => {
    const priv = await getObject(harness, { uniqueIdentifier: privateId });
    const pub = await getObject(harness, { uniqueIdentifier: publicId });
    assert.equal(blockOf(priv).keyFormatType, KeyFormatType.PKCS_8);
    assert.equal(blockOf(pub).keyFormatType, KeyFormatType.X_509);
    assert.equal(blockOf(pub).cryptographicAlgorithm, CryptographicAlgorithm.DSA);
    const details = createPrivateKey({
      key: Buffer.from(materialBytes(priv)),
      format: 'der',
      type: 'pkcs8',
    }).asymmetricKeyDetails;
    assert.deepEqual(details, { modulusLength: 2048, divisorLength: 224 });
  });

  it('DSA with SHA-256: Node verifies the server signature; the server verifies it and flags a changed message', async () => {
    const out = await ok(harness, 'Sign', {
      uniqueIdentifier: privateId,
      cryptographicParameters: {
        digitalSignatureAlgorithm: DigitalSignatureAlgorithm.DSAWithSHA256,
      },
      data: message,
    });
    const signature = out.signatureData as Uint8Array;
    const spki = materialBytes(await getObject(harness, { uniqueIdentifier: publicId }));
    const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    assert.equal(nodeVerify('sha256', message, publicKey, signature), true);
    const verify = async (data: Uint8Array) =>
      (
        await ok(harness, 'SignatureVerify', {
          uniqueIdentifier: publicId,
          cryptographicParameters: {
            cryptographicAlgorithm: CryptographicAlgorithm.DSA,
            hashingAlgorithm: HashingAlgorithm.SHA_256,
          },
          data,
          signatureData: signature,
        })
      ).validityIndicator;
    assert.equal(await verify(message), ValidityIndicator.Valid);
    assert.equal(await verify(new TextEncoder().encode('other')), ValidityIndicator.Invalid);
  });

  it('Digested Data: Signature Verify checks it, Sign is Feature Not Supported; an ECDSA scheme is Bad Cryptographic Parameters', async () => {
    const params = { digitalSignatureAlgorithm: DigitalSignatureAlgorithm.DSAWithSHA256 };
    const signed = await ok(harness, 'Sign', {
      uniqueIdentifier: privateId,
      cryptographicParameters: params,
      data: message,
    });
    const digest = new Uint8Array(createHash('sha256').update(message).digest());
    const verified = await ok(harness, 'SignatureVerify', {
      uniqueIdentifier: publicId,
      cryptographicParameters: params,
      digestedData: digest,
      signatureData: signed.signatureData as Uint8Array,
    });
    assert.equal(verified.validityIndicator, ValidityIndicator.Valid);
    const digested = await failure(harness, 'Sign', {
      uniqueIdentifier: privateId,
      cryptographicParameters: params,
      digestedData: digest,
    });
    assert.equal(digested.reason, ResultReason.FeatureNotSupported);
    const mismatch = await failure(harness, 'Sign', {
      uniqueIdentifier: privateId,
      cryptographicParameters: {
        digitalSignatureAlgorithm: DigitalSignatureAlgorithm.ECDSAWithSHA256,
      },
      data: message,
    });
    assert.equal(mismatch.reason, ResultReason.BadCryptographicParameters);
  });

  it('signs a wrapped key (Get, Wrapping Method MAC/sign): Node verifies the DSA signature', async () => {
    const dek = await harness.createKey();
    const object = await getObject(harness, {
      uniqueIdentifier: dek,
      keyWrappingSpecification: {
        wrappingMethod: WrappingMethod.MACSign,
        macSignatureKeyInformation: { uniqueIdentifier: privateId },
        encodingOption: EncodingOption.NoEncoding,
      },
    });
    const signed = blockOf(object).keyValue;
    assert.ok(signed instanceof Uint8Array);
    const signature = blockOf(object).keyWrappingData?.macSignature;
    assert.ok(signature !== undefined);
    const spki = materialBytes(await getObject(harness, { uniqueIdentifier: publicId }));
    const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    assert.equal(nodeVerify('sha256', signed, publicKey, signature), true);
  });

  it('refuses DSA sizes outside FIPS 186-4 and a curve with Invalid Field', async () => {
    for (const extra of [
      [attr('CryptographicLength', 1536)],
      [attr('CryptographicLength', 3072), attr('CryptographicDomainParameters', { qlength: 160 })],
      [
        attr('CryptographicLength', 2048),
        attr('CryptographicDomainParameters', { recommendedCurve: 1 }),
      ],
    ]) {
      const refused = await failure(harness, 'CreateKeyPair', {
        commonAttributes: {
          attributes: [attr('CryptographicAlgorithm', CryptographicAlgorithm.DSA), ...extra],
        },
        privateKeyAttributes: { attributes: [attr('CryptographicUsageMask', SIGN)] },
        publicKeyAttributes: { attributes: [attr('CryptographicUsageMask', VERIFY)] },
      });
      assert.equal(refused.reason, ResultReason.InvalidField);
    }
  });
});
