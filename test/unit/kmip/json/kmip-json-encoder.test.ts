import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  ObjectType,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import { item, type KmipItem } from '../../../../src/kmip/item.ts';
import {
  encodeKmipJson,
  encodeKmipJsonObject,
  KmipJsonError,
} from '../../../../src/kmip/json/index.ts';

const { Encrypt, Decrypt } = CryptographicUsageMask;

function assertEncodeError(tree: unknown, path?: string): void {
  assert.throws(
    () => encodeKmipJson(tree as KmipItem),
    (error) => {
      assert.ok(error instanceof KmipJsonError);
      assert.equal(error.code, 'KW_KMIP_JSON_ENCODE');
      if (path !== undefined) assert.equal(error.path, path);
      return true;
    },
  );
}

describe('encodeKmipJsonObject', () => {
  it('writes every scalar type as {tag, type, value}', () => {
    const cases: [KmipItem, unknown][] = [
      [item(Tag.BatchCount, 'Integer', -5), -5],
      [item(Tag.UsageLimitsTotal, 'LongInteger', 2n ** 53n - 1n), 2 ** 53 - 1],
      [item(Tag.UsageLimitsTotal, 'LongInteger', 2n ** 53n), '0x0020000000000000'],
      [item(Tag.UsageLimitsTotal, 'LongInteger', -(2n ** 63n)), '0x8000000000000000'],
      [item(Tag.Modulus, 'BigInteger', 65537n), '0x0000000000010001'],
      [item(Tag.Modulus, 'BigInteger', -1n), '0xFFFFFFFFFFFFFFFF'],
      [item(Tag.ObjectType, 'Enumeration', ObjectType.SymmetricKey), 'SymmetricKey'],
      [item(Tag.ObjectType, 'Enumeration', 0x8000000a), '0x8000000A'],
      [item(Tag.Sensitive, 'Boolean', false), false],
      [item(Tag.NameValue, 'TextString', 'k "1"'), 'k "1"'],
      [item(Tag.KeyMaterial, 'ByteString', Uint8Array.of(0, 0xab)), '00AB'],
      [
        item(Tag.ActivationDate, 'DateTime', new Date('2012-04-27T08:12:24Z')),
        '2012-04-27T08:12:24+00:00',
      ],
      [item(Tag.LeaseTime, 'Interval', 4294967295), 4294967295],
      [item(Tag.TimeStamp, 'DateTimeExtended', 1n), '1970-01-01T00:00:00.000001+00:00'],
    ];
    for (const [tree, value] of cases) {
      assert.deepEqual(encodeKmipJsonObject(tree), {
        tag: tagName(tree.tag),
        type: tree.type,
        value,
      });
    }
  });

  it('writes a Structure without type, its children as an array', () => {
    assert.deepEqual(
      encodeKmipJsonObject(
        item(Tag.ProtocolVersion, 'Structure', [item(Tag.ProtocolVersionMajor, 'Integer', 1)]),
      ),
      {
        tag: 'ProtocolVersion',
        value: [{ tag: 'ProtocolVersionMajor', type: 'Integer', value: 1 }],
      },
    );
  });

  it('writes masks as names joined by | with leftover bits in hex; no names → number', () => {
    assert.equal(
      encodeKmipJsonObject(item(Tag.CryptographicUsageMask, 'Integer', Encrypt | Decrypt)).value,
      'Encrypt|Decrypt',
    );
    assert.equal(
      encodeKmipJsonObject(item(Tag.CryptographicUsageMask, 'Integer', Encrypt | 0x40000000)).value,
      'Encrypt|0x40000000',
    );
    assert.equal(
      encodeKmipJsonObject(item(Tag.CryptographicUsageMask, 'Integer', 0x40000000)).value,
      0x40000000,
    );
  });

  it('writes extension tags as 0x hex', () => {
    assert.deepEqual(encodeKmipJsonObject(item(0x540001, 'TextString', 'na')), {
      tag: '0x540001',
      type: 'TextString',
      value: 'na',
    });
  });

  it('names 1.x Attribute Values by their Attribute Name and 2.x tag references by tag name', () => {
    const attribute = encodeKmipJsonObject(
      item(Tag.Attribute, 'Structure', [
        item(Tag.AttributeName, 'TextString', 'Cryptographic Algorithm'),
        item(Tag.AttributeValue, 'Enumeration', CryptographicAlgorithm.AES),
      ]),
    );
    assert.deepEqual((attribute.value as readonly { value: unknown }[])[1]!.value, 'AES');
    assert.equal(
      encodeKmipJsonObject(item(Tag.AttributeReference, 'Enumeration', Tag.ObjectType)).value,
      'ObjectType',
    );
  });
});

describe('encodeKmipJson', () => {
  it('is the JSON text of the object form, indented on request', () => {
    const tree = item(Tag.ProtocolVersion, 'Structure', [
      item(Tag.ProtocolVersionMajor, 'Integer', 1),
    ]);
    assert.equal(encodeKmipJson(tree), JSON.stringify(encodeKmipJsonObject(tree)));
    assert.equal(
      encodeKmipJson(tree, { indent: true }),
      JSON.stringify(encodeKmipJsonObject(tree), null, 2),
    );
  });

  it('refuses values of the wrong JS type or range with KW_KMIP_JSON_ENCODE', () => {
    for (const tree of [
      { tag: Tag.BatchCount, type: 'Integer', value: 2 ** 31 },
      { tag: Tag.UsageLimitsTotal, type: 'LongInteger', value: 2n ** 63n },
      { tag: Tag.NameValue, type: 'TextString', value: '\uDC00' },
      { tag: Tag.ActivationDate, type: 'DateTime', value: 'today' },
      { tag: 0x100000, type: 'Integer', value: 1 },
      undefined,
    ]) {
      assertEncodeError(tree);
    }
  });

  it('gives the tag path of a bad child', () => {
    const tree = item(Tag.RequestMessage, 'Structure', [
      { tag: Tag.BatchCount, type: 'Integer', value: 0.5 } as KmipItem,
    ]);
    assertEncodeError(tree, '/RequestMessage/BatchCount');
  });

  it('turns a cyclic tree into an error, not a stack overflow', () => {
    const children: KmipItem[] = [];
    const cyclic = item(Tag.BatchItem, 'Structure', children);
    children.push(cyclic);
    assertEncodeError(cyclic);
  });
});

function tagName(tag: number): string {
  return Object.entries(Tag).find(([, t]) => t === tag)![0];
}
