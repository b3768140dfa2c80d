/**
 * The public entry of src/kmip: a typed Create request goes through every encoding using
 * only names from src/kmip/index.ts, and the entry re-exports each sub-module's run-time
 * API under one name (so a new export that is not added here fails this test).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as kmip from '../../../src/kmip/index.ts';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  decodeKmipJson,
  decodeKmipXml,
  decodeRequestMessage,
  decodeTtlv,
  encodeKmipJson,
  encodeKmipXml,
  encodeRequestMessage,
  encodeTtlv,
  KmipMessageError,
  type KmipItem,
  type KmipVersionName,
  NameType,
  ObjectType,
  Operation,
  type RequestMessage,
  Tag,
  TtlvDecodeError,
} from '../../../src/kmip/index.ts';
import * as generated from '../../../src/kmip/generated/registry.ts';
import * as item from '../../../src/kmip/item.ts';
import * as registry from '../../../src/kmip/registry.ts';
import * as registryTypes from '../../../src/kmip/registry-types.ts';
import * as ttlv from '../../../src/kmip/ttlv/index.ts';
import * as xml from '../../../src/kmip/xml/index.ts';
import * as json from '../../../src/kmip/json/index.ts';
import * as messages from '../../../src/kmip/messages/index.ts';
import * as errors from '../../../src/kmip/errors.ts';

function createRequest(major: number, minor: number): RequestMessage {
  return {
    header: { protocolVersion: { major, minor }, batchCount: 1 },
    batchItems: [
      {
        kind: 'typed',
        operation: Operation.Create,
        payload: {
          objectType: ObjectType.SymmetricKey,
          attributes: {
            attributes: [
              { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
              { name: 'CryptographicLength', value: 256 },
              {
                name: 'CryptographicUsageMask',
                value: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
              },
              { name: 'Name', value: { value: 'key-1', type: NameType.UninterpretedTextString } },
            ],
          },
        },
      },
    ],
  };
}

const VERSIONS: readonly [KmipVersionName, number, number][] = [
  ['1.4', 1, 4], // Template-Attribute with Attribute Name/Value pairs
  ['2.1', 2, 1], // Attributes with typed items
];

describe('src/kmip/index.ts: a Create request through every encoding', () => {
  for (const [name, major, minor] of VERSIONS) {
    it(`KMIP ${name}: typed message → item tree → TTLV → item tree → typed message`, () => {
      const message = createRequest(major, minor);
      const tree = encodeRequestMessage(message);
      assert.equal(tree.tag, Tag.RequestMessage);
      const bytes = encodeTtlv(tree);
      const fromTtlv = decodeTtlv(bytes);
      assert.deepStrictEqual(fromTtlv, tree);
      assert.deepStrictEqual(decodeRequestMessage(fromTtlv, { strict: true }), message);
    });

    it(`KMIP ${name}: the same message through XML and JSON`, () => {
      const message = createRequest(major, minor);
      const tree = encodeRequestMessage(message);
      const fromXml: KmipItem = decodeKmipXml(encodeKmipXml(tree));
      assert.deepStrictEqual(decodeRequestMessage(fromXml, { strict: true }), message);
      const fromJson: KmipItem = decodeKmipJson(encodeKmipJson(tree));
      assert.deepStrictEqual(decodeRequestMessage(fromJson, { strict: true }), message);
    });
  }

  it('gives the coded errors of each layer: truncated TTLV, a response read as a request', () => {
    const bytes = encodeTtlv(encodeRequestMessage(createRequest(1, 4)));
    assert.throws(
      () => decodeTtlv(bytes.subarray(0, bytes.length - 1)),
      (error) => error instanceof TtlvDecodeError && error.code.startsWith('KW_TTLV_'),
    );
    const response: KmipItem = { tag: Tag.ResponseMessage, type: 'Structure', value: [] };
    assert.throws(
      () => decodeRequestMessage(response),
      (error) => error instanceof KmipMessageError && error.code === 'KW_KMIP_MESSAGE',
    );
  });
});

describe('src/kmip/index.ts: re-exports', () => {
  const modules: Record<string, Record<string, unknown>> = {
    'item.ts': item,
    'registry.ts': registry,
    'registry-types.ts': registryTypes,
    'generated/registry.ts': generated,
    'ttlv/index.ts': ttlv,
    'xml/index.ts': xml,
    'json/index.ts': json,
    'messages/index.ts': messages,
    'errors.ts': errors,
  };
  const index: Record<string, unknown> = kmip;

  for (const [file, module] of Object.entries(modules)) {
    it(`exports every run-time export of ${file}, as the same object`, () => {
      for (const [name, value] of Object.entries(module)) {
        assert.ok(name in index, `${file}: ${name} is not exported`);
        assert.equal(index[name], value, `${file}: ${name} is exported as another object`);
      }
    });
  }

  it('exports ItemType once: the generated enumeration, which item.ts re-exports', () => {
    assert.equal(kmip.ItemType, generated.ItemType);
    assert.equal(item.ItemType, generated.ItemType);
  });

  it('exports `enumeration` as the message codec and the registry lookups renamed', () => {
    assert.equal(kmip.enumeration, messages.enumeration);
    assert.equal(
      kmip.enumerationByName('ResultReason'),
      generated.enumerationEntries['ResultReason'],
    );
    assert.equal(
      kmip.maskByName('CryptographicUsageMask'),
      generated.maskEntries['CryptographicUsageMask'],
    );
  });
});
