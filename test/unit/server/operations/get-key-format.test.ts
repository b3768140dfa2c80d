import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import {
  CertificateType,
  CryptographicUsageMask,
  KeyCompressionType,
  KeyFormatType,
  RecommendedCurve,
  ResultReason,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { createCaCertificate } from '../../../../src/pki/index.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import {
  attr,
  blockOf,
  failure,
  getItem,
  getObject,
  keyBlock,
  materialBytes,
  registerObject,
} from './key-ops-fixture.ts';

const der = (key: KeyObject, type: 'pkcs1' | 'pkcs8' | 'spki' | 'sec1'): Uint8Array =>
  new Uint8Array(key.export({ format: 'der', type } as never) as Buffer);
const b64url = (text: string | undefined): bigint =>
  BigInt(`0x${Buffer.from(text ?? '', 'base64url').toString('hex')}`);

function fields(object: ReturnType<typeof blockOf>): Map<number, KmipItem> {
  const value = object.keyValue;
  assert.ok(value !== undefined && !(value instanceof Uint8Array));
  const material = value.keyMaterial;
  assert.ok(!(material instanceof Uint8Array) && material.type === 'Structure');
  return new Map(material.value.map((item) => [item.tag, item]));
}
const valueOf = (map: Map<number, KmipItem>, tag: number) => map.get(tag)?.value;

describe('Get with a Key Format Type', () => {
  let harness: ServerHarness;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const sign = attr('CryptographicUsageMask', CryptographicUsageMask.Sign);
  const verify = attr('CryptographicUsageMask', CryptographicUsageMask.Verify);
  let rsaPrivate: string;
  let rsaPublic: string;
  let ecPrivate: string;
  let ecPublic: string;

  before(async () => {
    harness = await createServerHarness();
    rsaPrivate = await registerObject(
      harness,
      {
        kind: 'PrivateKey',
        keyBlock: keyBlock(KeyFormatType.PKCS_1, der(rsa.privateKey, 'pkcs1')),
      },
      [sign],
    );
    rsaPublic = await registerObject(
      harness,
      { kind: 'PublicKey', keyBlock: keyBlock(KeyFormatType.X_509, der(rsa.publicKey, 'spki')) },
      [verify],
    );
    ecPrivate = await registerObject(
      harness,
      { kind: 'PrivateKey', keyBlock: keyBlock(KeyFormatType.PKCS_8, der(ec.privateKey, 'pkcs8')) },
      [sign],
    );
    ecPublic = await registerObject(
      harness,
      { kind: 'PublicKey', keyBlock: keyBlock(KeyFormatType.X_509, der(ec.publicKey, 'spki')) },
      [verify],
    );
  });
  after(() => harness.close());

  it('converts an RSA private key from PKCS#1 to PKCS#8', async () => {
    const object = await getObject(harness, {
      uniqueIdentifier: rsaPrivate,
      keyFormatType: KeyFormatType.PKCS_8,
    });
    assert.equal(blockOf(object).keyFormatType, KeyFormatType.PKCS_8);
    assert.deepEqual(materialBytes(object), der(rsa.privateKey, 'pkcs8'));
  });

  it('gives an RSA private key in its Transparent form, every part matching', async () => {
    const object = await getObject(harness, {
      uniqueIdentifier: rsaPrivate,
      keyFormatType: KeyFormatType.TransparentRSAPrivateKey,
    });
    const jwk = rsa.privateKey.export({ format: 'jwk' });
    const map = fields(blockOf(object));
    assert.equal(valueOf(map, Tag.Modulus), b64url(jwk.n));
    assert.equal(valueOf(map, Tag.PrivateExponent), b64url(jwk.d));
    assert.equal(valueOf(map, Tag.P), b64url(jwk.p));
    assert.equal(valueOf(map, Tag.CRTCoefficient), b64url(jwk.qi));
  });

  it('converts an RSA public key to PKCS#1 and to Transparent RSA Public Key', async () => {
    const pkcs1 = await getObject(harness, {
      uniqueIdentifier: rsaPublic,
      keyFormatType: KeyFormatType.PKCS_1,
    });
    assert.deepEqual(materialBytes(pkcs1), der(rsa.publicKey, 'pkcs1'));
    const transparent = await getObject(harness, {
      uniqueIdentifier: rsaPublic,
      keyFormatType: KeyFormatType.TransparentRSAPublicKey,
    });
    const jwk = rsa.publicKey.export({ format: 'jwk' });
    assert.equal(valueOf(fields(blockOf(transparent)), Tag.PublicExponent), b64url(jwk.e));
  });

  it('converts an EC private key to ECPrivateKey and Transparent EC Private Key', async () => {
    const sec1 = await getObject(harness, {
      uniqueIdentifier: ecPrivate,
      keyFormatType: KeyFormatType.ECPrivateKey,
    });
    const parsed = createPrivateKey({
      key: Buffer.from(materialBytes(sec1)),
      format: 'der',
      type: 'sec1',
    });
    assert.equal(parsed.export({ format: 'jwk' }).d, ec.privateKey.export({ format: 'jwk' }).d);
    const transparent = await getObject(harness, {
      uniqueIdentifier: ecPrivate,
      keyFormatType: KeyFormatType.TransparentECPrivateKey,
    });
    const map = fields(blockOf(transparent));
    assert.equal(valueOf(map, Tag.RecommendedCurve), RecommendedCurve.P_256);
    assert.equal(valueOf(map, Tag.D), b64url(ec.privateKey.export({ format: 'jwk' }).d));
  });

  it('gives an EC public key as an uncompressed Q string', async () => {
    const object = await getObject(harness, {
      uniqueIdentifier: ecPublic,
      keyFormatType: KeyFormatType.TransparentECPublicKey,
    });
    const jwk = ec.publicKey.export({ format: 'jwk' });
    const q = valueOf(fields(blockOf(object)), Tag.QString) as Uint8Array;
    assert.equal(
      Buffer.from(q).toString('hex'),
      `04${Buffer.from(jwk.x ?? '', 'base64url').toString('hex')}${Buffer.from(jwk.y ?? '', 'base64url').toString('hex')}`,
    );
  });

  it('round-trips a key registered in a Transparent form back to DER', async () => {
    const transparent = await getObject(harness, {
      uniqueIdentifier: ecPublic,
      keyFormatType: KeyFormatType.TransparentECPublicKey,
    });
    const id = await registerObject(harness, transparent, [verify]);
    const spki = await getObject(harness, {
      uniqueIdentifier: id,
      keyFormatType: KeyFormatType.X_509,
    });
    assert.ok(
      createPublicKey({
        key: Buffer.from(materialBytes(spki)),
        format: 'der',
        type: 'spki',
      }).equals(ec.publicKey),
    );
  });

  it('gives a symmetric key as Transparent Symmetric Key holding the Raw bytes', async () => {
    const id = await harness.createKey();
    const raw = materialBytes(await getObject(harness, { uniqueIdentifier: id }));
    const object = await getObject(harness, {
      uniqueIdentifier: id,
      keyFormatType: KeyFormatType.TransparentSymmetricKey,
    });
    assert.deepEqual(valueOf(fields(blockOf(object)), Tag.Key), raw);
  });

  it('serves a certificate as X.509 and refuses key formats for it', async () => {
    const ca = await createCaCertificate({ commonName: 'format test CA' });
    const certificateDer = new Uint8Array(
      Buffer.from(ca.cert.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'),
    );
    const id = await registerObject(
      harness,
      {
        kind: 'Certificate',
        certificateType: CertificateType.X_509,
        certificateValue: certificateDer,
      },
      [],
    );
    const object = await getObject(harness, {
      uniqueIdentifier: id,
      keyFormatType: KeyFormatType.X_509,
    });
    assert.ok(object.kind === 'Certificate');
    assert.deepEqual(object.certificateValue, certificateDer);
    assert.equal(
      failure(
        await getItem(harness, { uniqueIdentifier: id, keyFormatType: KeyFormatType.PKCS_8 }),
      ),
      ResultReason.KeyFormatTypeNotSupported,
    );
  });

  const impossible: Array<[string, () => string, number]> = [
    ['PKCS#1 of an EC private key', () => ecPrivate, KeyFormatType.PKCS_1],
    ['ECPrivateKey of an RSA key', () => rsaPrivate, KeyFormatType.ECPrivateKey],
    ['Transparent EC of an RSA key', () => rsaPrivate, KeyFormatType.TransparentECPrivateKey],
    ['a private format of a public key', () => rsaPublic, KeyFormatType.PKCS_8],
    ['Raw of a private key', () => rsaPrivate, KeyFormatType.Raw],
    ['Transparent DSA', () => rsaPublic, KeyFormatType.TransparentDSAPublicKey],
  ];
  for (const [what, id, format] of impossible) {
    it(`refuses ${what} with Key Format Type Not Supported`, async () => {
      assert.equal(
        failure(await getItem(harness, { uniqueIdentifier: id(), keyFormatType: format })),
        ResultReason.KeyFormatTypeNotSupported,
      );
    });
  }

  it('serves EC public keys with a Key Compression Type and refuses it for other keys and Char2', async () => {
    const ok = await getObject(harness, {
      uniqueIdentifier: ecPublic,
      keyCompressionType: KeyCompressionType.ECPublicKeyTypeUncompressed,
    });
    assert.equal(blockOf(ok).keyFormatType, KeyFormatType.X_509);
    // Compressed and hybrid forms: ec-compression.test.ts.
    for (const [id, type] of [
      [ecPublic, KeyCompressionType.ECPublicKeyTypeX9_62CompressedChar2],
      [rsaPublic, KeyCompressionType.ECPublicKeyTypeUncompressed],
      [ecPrivate, KeyCompressionType.ECPublicKeyTypeUncompressed],
    ] as const) {
      assert.equal(
        failure(await getItem(harness, { uniqueIdentifier: id, keyCompressionType: type })),
        ResultReason.KeyCompressionTypeNotSupported,
      );
    }
  });
});
