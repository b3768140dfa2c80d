import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CertificateType,
  CryptographicAlgorithm,
  HashingAlgorithm,
  KeyFormatType,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { ManagedObject } from '../../../../src/kmip/messages/objects.ts';
import { encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import { digest } from '../../../../src/crypto/index.ts';
import { objectDigest } from '../../../../src/server/objects/object-digest.ts';
import {
  decodeObjectMaterial,
  encodeObjectMaterial,
} from '../../../../src/server/objects/object-material.ts';

const raw = new Uint8Array(16).fill(7);
const transparent = {
  tag: Tag.KeyMaterial,
  type: 'Structure',
  value: [{ tag: Tag.Key, type: 'ByteString', value: raw }],
} as const;

const objects: readonly ManagedObject[] = [
  {
    kind: 'SymmetricKey',
    keyBlock: {
      keyFormatType: KeyFormatType.Raw,
      keyValue: {
        keyMaterial: raw,
        attributes: [
          { name: 'x-inner', value: { tag: Tag.AttributeValue, type: 'Integer', value: 5 } },
        ],
      },
      cryptographicAlgorithm: CryptographicAlgorithm.AES,
      cryptographicLength: 128,
    },
  },
  {
    kind: 'SymmetricKey',
    keyBlock: {
      keyFormatType: KeyFormatType.TransparentSymmetricKey,
      keyValue: { keyMaterial: transparent },
    },
  },
  { kind: 'Certificate', certificateType: CertificateType.X_509, certificateValue: raw },
  { kind: 'OpaqueObject', opaqueDataType: 0x80000001, opaqueDataValue: raw },
  {
    kind: 'Template',
    attributes: [{ name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES }],
  },
];

describe('object material', () => {
  for (const object of objects) {
    it(`round-trips a ${object.kind} exactly`, () => {
      assert.deepEqual(decodeObjectMaterial(encodeObjectMaterial(object)), object);
    });
  }

  it('rejects bytes that are no object', () => {
    assert.throws(() => decodeObjectMaterial(new Uint8Array([1, 2, 3])), {
      code: 'KW_TTLV_TRUNCATED',
    });
  });
});

describe('objectDigest', () => {
  it('hashes raw key material with SHA-256 and names its Key Format Type', () => {
    assert.deepEqual(objectDigest(objects[0] as ManagedObject), {
      hashingAlgorithm: HashingAlgorithm.SHA_256,
      digestValue: digest('SHA_256', raw),
      keyFormatType: KeyFormatType.Raw,
    });
  });

  it('hashes the TTLV encoding of structured key material', () => {
    assert.deepEqual(
      objectDigest(objects[1] as ManagedObject)?.digestValue,
      digest('SHA_256', encodeTtlv(transparent)),
    );
  });

  it('hashes certificate and opaque values; Templates have none', () => {
    assert.deepEqual(
      objectDigest(objects[2] as ManagedObject)?.digestValue,
      digest('SHA_256', raw),
    );
    assert.deepEqual(
      objectDigest(objects[3] as ManagedObject)?.digestValue,
      digest('SHA_256', raw),
    );
    assert.equal(objectDigest(objects[4] as ManagedObject), undefined);
  });
});
