import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  ObjectType,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import { item, type KmipItem } from '../../../../src/kmip/item.ts';
import { decodeKmipXml, encodeKmipXml, KmipXmlError } from '../../../../src/kmip/xml/index.ts';

const { Encrypt, Decrypt } = CryptographicUsageMask;

function assertEncodeError(tree: unknown, path?: string): void {
  assert.throws(
    () => encodeKmipXml(tree as KmipItem),
    (error) => {
      assert.ok(error instanceof KmipXmlError);
      assert.equal(error.code, 'KW_KMIP_XML_ENCODE');
      if (path !== undefined) assert.equal(error.path, path);
      return true;
    },
  );
}

describe('encodeKmipXml elements', () => {
  it('writes every scalar type as <Name type value/>', () => {
    const cases: [KmipItem, string][] = [
      [item(Tag.BatchCount, 'Integer', -5), '<BatchCount type="Integer" value="-5"/>'],
      [
        item(Tag.UsageLimitsTotal, 'LongInteger', -(2n ** 63n)),
        '<UsageLimitsTotal type="LongInteger" value="-9223372036854775808"/>',
      ],
      [
        item(Tag.Modulus, 'BigInteger', 65537n),
        '<Modulus type="BigInteger" value="0000000000010001"/>',
      ],
      [
        item(Tag.ObjectType, 'Enumeration', ObjectType.SymmetricKey),
        '<ObjectType type="Enumeration" value="SymmetricKey"/>',
      ],
      [item(Tag.Sensitive, 'Boolean', true), '<Sensitive type="Boolean" value="true"/>'],
      [item(Tag.NameValue, 'TextString', 'k 1'), '<NameValue type="TextString" value="k 1"/>'],
      [
        item(Tag.KeyMaterial, 'ByteString', Uint8Array.of(0, 0xab)),
        '<KeyMaterial type="ByteString" value="00AB"/>',
      ],
      [
        item(Tag.ActivationDate, 'DateTime', new Date('2012-04-27T08:12:24Z')),
        '<ActivationDate type="DateTime" value="2012-04-27T08:12:24+00:00"/>',
      ],
      [item(Tag.LeaseTime, 'Interval', 3600), '<LeaseTime type="Interval" value="3600"/>'],
      [
        item(Tag.TimeStamp, 'DateTimeExtended', 1n),
        '<TimeStamp type="DateTimeExtended" value="1970-01-01T00:00:00.000001+00:00"/>',
      ],
    ];
    for (const [tree, xml] of cases) assert.equal(encodeKmipXml(tree), xml);
  });

  it('writes Structures without a type, empty ones self-closed', () => {
    const tree = item(Tag.ProtocolVersion, 'Structure', [
      item(Tag.ProtocolVersionMajor, 'Integer', 2),
      item(Tag.Attributes, 'Structure', []),
    ]);
    assert.equal(
      encodeKmipXml(tree),
      '<ProtocolVersion><ProtocolVersionMajor type="Integer" value="2"/><Attributes/></ProtocolVersion>',
    );
  });

  it('indents one element per line on request', () => {
    const tree = item(Tag.ProtocolVersion, 'Structure', [
      item(Tag.ProtocolVersionMajor, 'Integer', 2),
    ]);
    assert.equal(
      encodeKmipXml(tree, { indent: true }),
      '<ProtocolVersion>\n  <ProtocolVersionMajor type="Integer" value="2"/>\n</ProtocolVersion>\n',
    );
  });

  it('writes extension and unknown tags as <TTLV tag="0x…">', () => {
    const tree = item(0x540001, 'Structure', [item(0x42ffff, 'TextString', 'na')]);
    const xml = encodeKmipXml(tree);
    assert.equal(
      xml,
      '<TTLV tag="0x540001"><TTLV tag="0x42FFFF" type="TextString" value="na"/></TTLV>',
    );
    assert.deepEqual(decodeKmipXml(xml), tree);
  });

  it('writes masks as names with leftover bits in hex, enumerations outside the registry in hex', () => {
    assert.equal(
      encodeKmipXml(item(Tag.CryptographicUsageMask, 'Integer', Encrypt | Decrypt | 0x40000000)),
      '<CryptographicUsageMask type="Integer" value="Encrypt Decrypt 0x40000000"/>',
    );
    assert.equal(
      encodeKmipXml(item(Tag.CryptographicUsageMask, 'Integer', 0)),
      '<CryptographicUsageMask type="Integer" value="0"/>',
    );
    assert.equal(
      encodeKmipXml(item(Tag.ObjectType, 'Enumeration', 0x8000000a)),
      '<ObjectType type="Enumeration" value="0x8000000A"/>',
    );
  });

  it('names a 1.x Attribute Value by the preceding Attribute Name, and 2.x tag references', () => {
    const attribute = (name: string, value: KmipItem) =>
      encodeKmipXml(
        item(Tag.Attribute, 'Structure', [item(Tag.AttributeName, 'TextString', name), value]),
      );
    assert.match(
      attribute('Cryptographic Usage Mask', item(Tag.AttributeValue, 'Integer', Encrypt)),
      /value="Encrypt"/,
    );
    assert.match(
      attribute(
        'Cryptographic Algorithm',
        item(Tag.AttributeValue, 'Enumeration', CryptographicAlgorithm.AES),
      ),
      /value="AES"/,
    );
    assert.match(
      attribute('x-Custom', item(Tag.AttributeValue, 'Enumeration', 3)),
      /value="0x00000003"/,
    );
    assert.match(attribute('x-Custom', item(Tag.AttributeValue, 'Integer', 4)), /value="4"/);
    assert.equal(
      encodeKmipXml(item(Tag.AttributeReference, 'Enumeration', Tag.State)),
      '<AttributeReference type="Enumeration" value="State"/>',
    );
  });
});

describe('encodeKmipXml escaping', () => {
  it('escapes markup and keeps tabs and line ends through a round trip', () => {
    const text = `<a & "b"> 'c'\td\ne\r\nf`;
    const xml = encodeKmipXml(item(Tag.NameValue, 'TextString', text));
    assert.equal(
      xml,
      `<NameValue type="TextString" value="&lt;a &amp; &quot;b&quot;&gt; 'c'&#9;d&#10;e&#13;&#10;f"/>`,
    );
    assert.equal(decodeKmipXml(xml).value, text);
  });

  it('keeps non-ASCII text as is', () => {
    const text = 'Greek Capital Alpha (\u0391) \u{1F600}';
    assert.equal(decodeKmipXml(encodeKmipXml(item(Tag.NameValue, 'TextString', text))).value, text);
  });
});

describe('encodeKmipXml errors', () => {
  it('refuses text XML 1.0 cannot carry', () => {
    assertEncodeError(item(Tag.NameValue, 'TextString', 'a\u0000b'), 'NameValue');
    assertEncodeError(item(Tag.NameValue, 'TextString', '\uFFFF'));
    assertEncodeError(item(Tag.NameValue, 'TextString', '\uD800'));
  });

  it('refuses values of the wrong JS type or range', () => {
    const bad: unknown[] = [
      { tag: Tag.BatchCount, type: 'Integer', value: 2 ** 31 },
      { tag: Tag.BatchCount, type: 'Integer', value: 1.5 },
      { tag: Tag.ObjectType, type: 'Enumeration', value: -1 },
      { tag: Tag.LeaseTime, type: 'Interval', value: 2 ** 32 },
      { tag: Tag.UsageLimitsTotal, type: 'LongInteger', value: 2n ** 63n },
      { tag: Tag.UsageLimitsTotal, type: 'LongInteger', value: 1 },
      { tag: Tag.Modulus, type: 'BigInteger', value: '1' },
      { tag: Tag.TimeStamp, type: 'DateTimeExtended', value: -(2n ** 63n) - 1n },
      { tag: Tag.Sensitive, type: 'Boolean', value: 1 },
      { tag: Tag.NameValue, type: 'TextString', value: 1 },
      { tag: Tag.KeyMaterial, type: 'ByteString', value: [1] },
      { tag: Tag.ActivationDate, type: 'DateTime', value: new Date(Number.NaN) },
      { tag: Tag.BatchItem, type: 'Structure', value: {} },
      { tag: Tag.BatchItem, type: 'Frob', value: 1 },
      { tag: 0x430000, type: 'Integer', value: 1 },
      { tag: '0x420001', type: 'Integer', value: 1 },
      null,
    ];
    for (const tree of bad) assertEncodeError(tree);
  });

  it('names the path of a bad child', () => {
    const tree = item(Tag.RequestMessage, 'Structure', [
      item(Tag.BatchItem, 'Structure', [
        { tag: Tag.Operation, type: 'Enumeration', value: -1 } as KmipItem,
      ]),
    ]);
    assertEncodeError(tree, 'RequestMessage/BatchItem/Operation');
  });

  it('turns a cyclic tree into an error, not a stack overflow', () => {
    const children: KmipItem[] = [];
    const cyclic = item(Tag.BatchItem, 'Structure', children);
    children.push(cyclic);
    assertEncodeError(cyclic);
  });
});
