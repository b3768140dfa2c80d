// Register and Get of EC public keys with compressed points (KMIP 1.4 §2.1.3 Key Compression
// Type, §4.11 Get): compressed and hybrid points in X.509 and Transparent EC Public Key form.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, ECDH, generateKeyPairSync, sign } from 'node:crypto';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  DigitalSignatureAlgorithm,
  KeyCompressionType,
  KeyFormatType,
  ObjectType,
  RecommendedCurve,
  ResultReason,
  Tag,
  ValidityIndicator,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import type { KeyBlock } from '../../../../src/kmip/messages/key-block.ts';
import type { SignatureVerifyResponse } from '../../../../src/kmip/messages/payloads/signature-verify.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import {
  activeNow,
  attr,
  blockOf,
  failure,
  getItem,
  getObject,
  keyBlock,
  materialBytes,
  okPayload,
  registerObject,
} from './key-ops-fixture.ts';

const COMPRESSED = KeyCompressionType.ECPublicKeyTypeX9_62CompressedPrime;
const HYBRID = KeyCompressionType.ECPublicKeyTypeX9_62Hybrid;
const UNCOMPRESSED = KeyCompressionType.ECPublicKeyTypeUncompressed;

const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' }));
const point = spki.subarray(spki.length - 65);
const pointIn = (form: 'compressed' | 'hybrid' | 'uncompressed') =>
  new Uint8Array(ECDH.convertKey(point, 'prime256v1', undefined, undefined, form) as Buffer);
// The P-256 SubjectPublicKeyInfo with a compressed point (RFC 5480 §2.2): 26-byte
// AlgorithmIdentifier, BIT STRING of 0x00 || 33-byte point.
const compressedSpki = new Uint8Array(
  Buffer.concat([
    Buffer.from([0x30, 0x39]),
    spki.subarray(2, 2 + 21),
    Buffer.from([0x03, 0x22, 0x00]),
    pointIn('compressed'),
  ]),
);

const transparent = (q: Uint8Array): KmipItem => ({
  tag: Tag.KeyMaterial,
  type: 'Structure',
  value: [
    { tag: Tag.RecommendedCurve, type: 'Enumeration', value: RecommendedCurve.P_256 },
    { tag: Tag.QString, type: 'ByteString', value: q },
  ],
});
const qStringOf = (block: KeyBlock): Uint8Array => {
  const value = block.keyValue;
  assert.ok(value !== undefined && !(value instanceof Uint8Array));
  const material = value.keyMaterial;
  assert.ok(!(material instanceof Uint8Array) && material.type === 'Structure');
  const q = material.value.find((item) => item.tag === Tag.QString)?.value;
  assert.ok(q instanceof Uint8Array);
  return q;
};
const withCompression = (block: KeyBlock, type: number): KeyBlock => ({
  ...block,
  keyCompressionType: type,
});

describe('EC public keys with compressed points', () => {
  let harness: ServerHarness;
  const verify = attr('CryptographicUsageMask', CryptographicUsageMask.Verify);
  const register = (block: KeyBlock, extra = [verify]) =>
    registerObject(harness, { kind: 'PublicKey', keyBlock: block }, extra);
  const registerItem = (block: KeyBlock) =>
    harness.sendOne('1.4', {
      operation: 'Register',
      payload: {
        objectType: ObjectType.PublicKey,
        attributes: { attributes: [verify] },
        object: { kind: 'PublicKey', keyBlock: block },
      },
    });

  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  it('registers X.509 with a compressed point and gets it back as registered, with its type', async () => {
    assert.equal(compressedSpki.length, 59);
    const id = await register(
      withCompression(keyBlock(KeyFormatType.X_509, compressedSpki), COMPRESSED),
    );
    const object = await getObject(harness, { uniqueIdentifier: id });
    assert.deepEqual(materialBytes(object), compressedSpki);
    assert.equal(blockOf(object).keyCompressionType, COMPRESSED);
    const key = createPublicKey({ key: Buffer.from(compressedSpki), format: 'der', type: 'spki' });
    assert.ok(key.equals(pair.publicKey));
  });

  it('gives the compressed key uncompressed, and keeps its compression across a format change', async () => {
    const id = await register(
      withCompression(keyBlock(KeyFormatType.X_509, compressedSpki), COMPRESSED),
    );
    const plain = await getObject(harness, {
      uniqueIdentifier: id,
      keyCompressionType: UNCOMPRESSED,
    });
    assert.deepEqual(materialBytes(plain), spki);
    assert.equal(blockOf(plain).keyCompressionType, UNCOMPRESSED);
    const asTransparent = await getObject(harness, {
      uniqueIdentifier: id,
      keyFormatType: KeyFormatType.TransparentECPublicKey,
    });
    assert.deepEqual(qStringOf(blockOf(asTransparent)), pointIn('compressed'));
    assert.equal(blockOf(asTransparent).keyCompressionType, COMPRESSED);
    const transparentPlain = await getObject(harness, {
      uniqueIdentifier: id,
      keyFormatType: KeyFormatType.TransparentECPublicKey,
      keyCompressionType: UNCOMPRESSED,
    });
    assert.deepEqual(qStringOf(blockOf(transparentPlain)), point);
  });

  it('registers a Transparent EC Public Key with a compressed Q String; X.509 keeps it compressed', async () => {
    const id = await register(
      withCompression(
        keyBlock(KeyFormatType.TransparentECPublicKey, transparent(pointIn('compressed'))),
        COMPRESSED,
      ),
    );
    const object = await getObject(harness, {
      uniqueIdentifier: id,
      keyFormatType: KeyFormatType.X_509,
    });
    assert.deepEqual(materialBytes(object), compressedSpki);
    assert.equal(blockOf(object).keyCompressionType, COMPRESSED);
  });

  it('serves an uncompressed key compressed or hybrid, as asked, in X.509 and Transparent form', async () => {
    const id = await register(keyBlock(KeyFormatType.X_509, spki));
    const compressed = await getObject(harness, {
      uniqueIdentifier: id,
      keyCompressionType: COMPRESSED,
    });
    assert.deepEqual(materialBytes(compressed), compressedSpki);
    assert.equal(blockOf(compressed).keyCompressionType, COMPRESSED);
    const hybrid = await getObject(harness, {
      uniqueIdentifier: id,
      keyFormatType: KeyFormatType.TransparentECPublicKey,
      keyCompressionType: HYBRID,
    });
    assert.deepEqual(qStringOf(blockOf(hybrid)), pointIn('hybrid'));
    assert.equal(blockOf(hybrid).keyCompressionType, HYBRID);
    // Without a Key Compression Type the key comes back as registered, with none.
    const stored = await getObject(harness, { uniqueIdentifier: id });
    assert.deepEqual(materialBytes(stored), spki);
    assert.equal(blockOf(stored).keyCompressionType, undefined);
  });

  it('verifies signatures with a key registered compressed', async () => {
    const id = await register(
      withCompression(keyBlock(KeyFormatType.X_509, compressedSpki), COMPRESSED),
      [verify, activeNow()],
    );
    const data = new TextEncoder().encode('signed with a compressed public key');
    const signature = new Uint8Array(sign('sha256', data, pair.privateKey));
    const result = okPayload<SignatureVerifyResponse>(
      await harness.sendOne('1.4', {
        operation: 'SignatureVerify',
        payload: {
          uniqueIdentifier: id,
          cryptographicParameters: {
            digitalSignatureAlgorithm: DigitalSignatureAlgorithm.ECDSAWithSHA256,
            cryptographicAlgorithm: CryptographicAlgorithm.EC,
          },
          data,
          signatureData: signature,
        },
      }),
    );
    assert.equal(result.validityIndicator, ValidityIndicator.Valid);
  });

  describe('refusals', () => {
    it('a Key Compression Type that does not match the point: Invalid Field', async () => {
      for (const block of [
        withCompression(keyBlock(KeyFormatType.X_509, spki), COMPRESSED),
        withCompression(keyBlock(KeyFormatType.X_509, compressedSpki), UNCOMPRESSED),
        withCompression(
          keyBlock(KeyFormatType.TransparentECPublicKey, transparent(pointIn('compressed'))),
          HYBRID,
        ),
      ]) {
        assert.equal(failure(await registerItem(block)), ResultReason.InvalidField);
      }
    });

    it('a compressed point off the curve: Invalid Field', async () => {
      const offCurve = Uint8Array.from(pointIn('compressed'));
      offCurve.fill(0xff, 1); // x = 2^256 - 1 is above the field prime: no point has it

      assert.equal(
        failure(
          await registerItem(
            withCompression(
              keyBlock(KeyFormatType.TransparentECPublicKey, transparent(offCurve)),
              COMPRESSED,
            ),
          ),
        ),
        ResultReason.InvalidField,
      );
    });

    it('Char2 compression, and compression of an RSA key: Key Compression Type Not Supported', async () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
        type: 'spki',
        format: 'der',
      });
      for (const block of [
        withCompression(
          keyBlock(KeyFormatType.X_509, spki),
          KeyCompressionType.ECPublicKeyTypeX9_62CompressedChar2,
        ),
        withCompression(keyBlock(KeyFormatType.X_509, new Uint8Array(rsa)), UNCOMPRESSED),
      ]) {
        assert.equal(
          failure(await registerItem(block)),
          ResultReason.KeyCompressionTypeNotSupported,
        );
      }
      const id = await register(keyBlock(KeyFormatType.X_509, spki));
      assert.equal(
        failure(
          await getItem(harness, {
            uniqueIdentifier: id,
            keyCompressionType: KeyCompressionType.ECPublicKeyTypeX9_62CompressedChar2,
          }),
        ),
        ResultReason.KeyCompressionTypeNotSupported,
      );
    });

    it('compression on a private key: Key Compression Type Not Supported', async () => {
      const item = await harness.sendOne('1.4', {
        operation: 'Register',
        payload: {
          objectType: ObjectType.PrivateKey,
          attributes: {
            attributes: [attr('CryptographicUsageMask', CryptographicUsageMask.Sign)],
          },
          object: {
            kind: 'PrivateKey',
            keyBlock: withCompression(
              keyBlock(
                KeyFormatType.PKCS_8,
                new Uint8Array(pair.privateKey.export({ type: 'pkcs8', format: 'der' })),
              ),
              COMPRESSED,
            ),
          },
        },
      });
      assert.equal(failure(item), ResultReason.KeyCompressionTypeNotSupported);
    });
  });
});
