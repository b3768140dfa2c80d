// Request building and response parsing of every client operation, through the real codec
// in KMIP 1.4 and 2.1 (the crypto operations are tested here until the server has them).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CryptographicAlgorithm,
  decodeRequestMessage,
  decodeTtlv,
  Operation,
  ValidityIndicator,
  type ProtocolVersion,
  type TypedRequestBatchItem,
} from '../../../src/kmip/index.ts';
import { ops, symmetricKeyObject, type PreparedOperation } from '../../../src/client/index.ts';
import { encodeRequest } from '../../../src/client/messages.ts';

const V14: ProtocolVersion = { major: 1, minor: 4 };
const V21: ProtocolVersion = { major: 2, minor: 1 };

/** Encodes a prepared operation and decodes it back as the server would see it. */
function roundTrip(op: PreparedOperation<unknown>, version = V21): TypedRequestBatchItem {
  const message = decodeRequestMessage(decodeTtlv(encodeRequest([op], { version })));
  const [item] = message.batchItems;
  assert.equal(item?.kind, 'typed');
  return item as TypedRequestBatchItem;
}

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('client operations', () => {
  for (const version of [V14, V21]) {
    describe(`in KMIP ${version.major}.${version.minor}`, () => {
      it('builds Create with algorithm, length, name and usage mask by name', () => {
        const item = roundTrip(
          ops.create({
            algorithm: 'AES',
            length: 256,
            name: 'k',
            usageMask: ['Encrypt', 'Decrypt'],
          }),
          version,
        );
        assert.equal(item.operation, Operation.Create);
        const names = (
          item.payload as unknown as {
            attributes: { attributes: { name: string; value: unknown }[] };
          }
        ).attributes.attributes;
        assert.deepEqual(
          names.map((a) => a.name),
          ['CryptographicAlgorithm', 'CryptographicLength', 'Name', 'CryptographicUsageMask'],
        );
        assert.equal(names[0]?.value, CryptographicAlgorithm.AES);
        assert.equal(names[3]?.value, 4 | 8);
      });

      it('builds Locate from typed filters', () => {
        const item = roundTrip(
          ops.locate({ objectType: 'SymmetricKey', name: 'k', state: 'Active', maximumItems: 5 }),
          version,
        );
        const payload = item.payload as { attributes: { name: string }[]; maximumItems: number };
        assert.deepEqual(
          payload.attributes.map((a) => a.name),
          ['ObjectType', 'Name', 'State'],
        );
        assert.equal(payload.maximumItems, 5);
      });

      it('builds Register of raw key bytes', () => {
        const item = roundTrip(
          ops.register({ object: symmetricKeyObject('AES', new Uint8Array(16).fill(1)) }),
          version,
        );
        const payload = item.payload as {
          object: { kind: string; keyBlock: { cryptographicLength: number } };
        };
        assert.equal(payload.object.kind, 'SymmetricKey');
        assert.equal(payload.object.keyBlock.cryptographicLength, 128);
      });

      it('builds Encrypt, Decrypt, Sign, SignatureVerify, MAC with their byte fields', () => {
        const params = { blockCipherMode: 9, cryptographicAlgorithm: CryptographicAlgorithm.AES };
        const enc = roundTrip(
          ops.encrypt('id', bytes(1, 2), { parameters: params, iv: bytes(3) }),
          version,
        );
        assert.deepEqual(enc.payload, {
          uniqueIdentifier: 'id',
          cryptographicParameters: params,
          data: bytes(1, 2),
          ivCounterNonce: bytes(3),
        });
        const dec = roundTrip(
          ops.decrypt('id', bytes(9), { iv: bytes(3), tag: bytes(4), aad: bytes(5) }),
          version,
        );
        assert.deepEqual(dec.payload, {
          uniqueIdentifier: 'id',
          data: bytes(9),
          ivCounterNonce: bytes(3),
          authenticatedEncryptionAdditionalData: bytes(5),
          authenticatedEncryptionTag: bytes(4),
        });
        assert.equal(roundTrip(ops.sign('id', bytes(1)), version).operation, Operation.Sign);
        const verify = roundTrip(ops.signatureVerify('id', bytes(1), bytes(2)), version);
        assert.deepEqual(verify.payload, {
          uniqueIdentifier: 'id',
          data: bytes(1),
          signatureData: bytes(2),
        });
        assert.equal(roundTrip(ops.mac('id', bytes(1)), version).operation, Operation.MAC);
      });

      it('builds DeriveKey and ReKey', () => {
        const derive = roundTrip(
          ops.deriveKey({
            baseIds: ['b'],
            method: 'PBKDF2',
            parameters: { salt: bytes(1), iterationCount: 1000 },
            algorithm: 'AES',
            length: 128,
          }),
          version,
        );
        assert.equal(derive.operation, Operation.DeriveKey);
        assert.deepEqual(
          (derive.payload as unknown as { uniqueIdentifiers: string[] }).uniqueIdentifiers,
          ['b'],
        );
        const rekey = roundTrip(ops.reKey('old', { offsetSeconds: 60 }), version);
        assert.deepEqual(rekey.payload, { uniqueIdentifier: 'old', offset: 60 });
      });
    });
  }

  it('parses the crypto responses into plain results', () => {
    assert.deepEqual(
      ops.encrypt('id', bytes(1)).parse({
        uniqueIdentifier: 'id',
        data: bytes(7),
        ivCounterNonce: bytes(8),
        authenticatedEncryptionTag: bytes(9),
      }),
      { data: bytes(7), iv: bytes(8), tag: bytes(9) },
    );
    assert.deepEqual(
      ops.decrypt('id', bytes(1)).parse({ uniqueIdentifier: 'id', data: bytes(2) }),
      bytes(2),
    );
    assert.deepEqual(
      ops.sign('id', bytes(1)).parse({ uniqueIdentifier: 'id', signatureData: bytes(3) }),
      bytes(3),
    );
    assert.deepEqual(
      ops.mac('id', bytes(1)).parse({ uniqueIdentifier: 'id', macData: bytes(4) }),
      bytes(4),
    );
    const verify = ops.signatureVerify('id', bytes(1), bytes(2));
    assert.equal(
      verify.parse({ uniqueIdentifier: 'id', validityIndicator: ValidityIndicator.Valid }),
      true,
    );
    assert.equal(
      verify.parse({ uniqueIdentifier: 'id', validityIndicator: ValidityIndicator.Invalid }),
      false,
    );
    assert.throws(
      () => verify.parse({ uniqueIdentifier: 'id', validityIndicator: ValidityIndicator.Unknown }),
      {
        code: 'KW_CLIENT_PROTOCOL',
      },
    );
    assert.throws(() => ops.decrypt('id', bytes(1)).parse({ uniqueIdentifier: 'id' }), {
      code: 'KW_CLIENT_PROTOCOL',
    });
    assert.equal(ops.reKey('old').parse({ uniqueIdentifier: 'new' }), 'new');
    assert.equal(
      ops
        .deriveKey({
          baseIds: ['b'],
          method: 'HASH',
          parameters: {},
          algorithm: 'AES',
          length: 128,
        })
        .parse({ uniqueIdentifier: 'd' }),
      'd',
    );
  });

  it('refuses unknown enumeration and mask names with KW_CLIENT_USAGE', () => {
    assert.throws(() => ops.create({ algorithm: 'NOPE', length: 1 }), { code: 'KW_CLIENT_USAGE' });
    assert.throws(() => ops.create({ algorithm: 'AES', length: 1, usageMask: ['Fly'] }), {
      code: 'KW_CLIENT_USAGE',
    });
  });

  it('gives Get the key material bytes of a raw key', () => {
    const object = symmetricKeyObject('AES', bytes(1, 2, 3));
    const result = ops.get('id').parse({ uniqueIdentifier: 'id', objectType: 2, object });
    assert.deepEqual(result.keyMaterial, bytes(1, 2, 3));
  });
});
