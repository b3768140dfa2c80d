import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  NameType,
  ObjectType,
  State,
  Tag,
  UniqueIdentifier,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { isKnownTag } from '../../../../src/kmip/registry.ts';
import {
  decodeKmipXml,
  decodeKmipXmlDocument,
  DEFAULT_MAX_XML_ITEMS,
  KmipXmlError,
  type KmipXmlDecodeOptions,
} from '../../../../src/kmip/xml/index.ts';

/** The value of the single child of `<RequestPayload>…</RequestPayload>`. */
function leaf(inner: string): KmipItem {
  const payload = decodeKmipXml(`<RequestPayload>${inner}</RequestPayload>`);
  assert.equal(payload.type, 'Structure');
  return (payload.value as KmipItem[])[0]!;
}

function assertCode(xml: string, code: string, options?: KmipXmlDecodeOptions): KmipXmlError {
  let caught: unknown;
  assert.throws(
    () => decodeKmipXml(xml, options),
    (error) => {
      caught = error;
      return error instanceof KmipXmlError && error.code === code;
    },
  );
  return caught as KmipXmlError;
}

describe('decodeKmipXml item types', () => {
  it('decodes every scalar type', () => {
    assert.deepEqual(leaf('<BatchCount type="Integer" value="-5"/>'), {
      tag: Tag.BatchCount,
      type: 'Integer',
      value: -5,
    });
    assert.deepEqual(leaf('<UsageLimitsTotal type="LongInteger" value="-9223372036854775808"/>'), {
      tag: Tag.UsageLimitsTotal,
      type: 'LongInteger',
      value: -(2n ** 63n),
    });
    assert.deepEqual(leaf('<Modulus type="BigInteger" value="0000000000010001"/>'), {
      tag: Tag.Modulus,
      type: 'BigInteger',
      value: 65537n,
    });
    assert.deepEqual(leaf('<Modulus type="BigInteger" value="0xFFFFFFFFFFFFFFFF"/>'), {
      tag: Tag.Modulus,
      type: 'BigInteger',
      value: -1n,
    });
    assert.deepEqual(leaf('<ObjectType type="Enumeration" value="SymmetricKey"/>'), {
      tag: Tag.ObjectType,
      type: 'Enumeration',
      value: ObjectType.SymmetricKey,
    });
    assert.deepEqual(leaf('<Sensitive type="Boolean" value="false"/>'), {
      tag: Tag.Sensitive,
      type: 'Boolean',
      value: false,
    });
    assert.deepEqual(leaf('<NameValue type="TextString" value=" two  spaces "/>'), {
      tag: Tag.NameValue,
      type: 'TextString',
      value: ' two  spaces ',
    });
    assert.deepEqual(leaf('<KeyMaterial type="ByteString" value="00ff10"/>'), {
      tag: Tag.KeyMaterial,
      type: 'ByteString',
      value: Uint8Array.of(0, 0xff, 0x10),
    });
    assert.deepEqual(leaf('<ActivationDate type="DateTime" value="2001-01-01T10:00:00+10:00"/>'), {
      tag: Tag.ActivationDate,
      type: 'DateTime',
      value: new Date('2001-01-01T00:00:00Z'),
    });
    assert.deepEqual(leaf('<LeaseTime type="Interval" value="4294967295"/>'), {
      tag: Tag.LeaseTime,
      type: 'Interval',
      value: 4294967295,
    });
    assert.deepEqual(
      leaf('<TimeStamp type="DateTimeExtended" value="1970-01-01T00:00:00.000001Z"/>'),
      {
        tag: Tag.TimeStamp,
        type: 'DateTimeExtended',
        value: 1n,
      },
    );
  });

  it('decodes a Structure with or without type="Structure", empty or not', () => {
    assert.deepEqual(decodeKmipXml('<ProtocolVersion/>'), {
      tag: Tag.ProtocolVersion,
      type: 'Structure',
      value: [],
    });
    assert.deepEqual(decodeKmipXml('<ProtocolVersion type="Structure"></ProtocolVersion>'), {
      tag: Tag.ProtocolVersion,
      type: 'Structure',
      value: [],
    });
  });

  it('ignores whitespace around non-string values and keeps escapes in text', () => {
    assert.equal(leaf('<BatchCount type="Integer" value=" 7 "/>').value, 7);
    assert.equal(leaf('<NameValue type="TextString" value="a&amp;b&#10;c&lt;"/>').value, 'a&b\nc<');
  });

  it('reads numbers in 0x hex form too', () => {
    assert.equal(leaf('<BatchCount type="Integer" value="0x0000000A"/>').value, 10);
    assert.equal(
      leaf('<UsageLimitsTotal type="LongInteger" value="0x0000000000000010"/>').value,
      16n,
    );
    assert.equal(leaf('<LeaseTime type="Interval" value="0x00000E10"/>').value, 3600);
  });
});

describe('decodeKmipXml names and hex', () => {
  it('reads masks by names in any order and with leftover hex bits', () => {
    const { Encrypt, Decrypt } = CryptographicUsageMask;
    assert.equal(
      leaf('<CryptographicUsageMask type="Integer" value="Decrypt Encrypt"/>').value,
      Encrypt | Decrypt,
    );
    assert.equal(
      leaf('<CryptographicUsageMask type="Integer" value="Encrypt 0x40000000"/>').value,
      Encrypt | 0x40000000,
    );
    assert.equal(leaf('<CryptographicUsageMask type="Integer" value="12"/>').value, 12);
  });

  it('reads enumerations by name, alias, hex and decimal, and extension values', () => {
    assert.equal(
      leaf('<ResultReason type="Enumeration" value="NotAuthorized"/>').value,
      leaf('<ResultReason type="Enumeration" value="NotAuthorised"/>').value,
    );
    assert.equal(
      leaf('<ObjectType type="Enumeration" value="0x00000002"/>').value,
      ObjectType.SymmetricKey,
    );
    assert.equal(leaf('<ObjectType type="Enumeration" value="2"/>').value, ObjectType.SymmetricKey);
    assert.equal(leaf('<ObjectType type="Enumeration" value="0x8000000A"/>').value, 0x8000000a);
  });

  it('reads extension and unknown tags from <TTLV tag="0x…">', () => {
    assert.deepEqual(leaf('<TTLV tag="0x540001" type="TextString" value="na"/>'), {
      tag: 0x540001,
      type: 'TextString',
      value: 'na',
    });
    assert.deepEqual(
      decodeKmipXml('<TTLV tag="0x54FFFF"><TTLV tag="0x42FFFF" type="Integer" value="1"/></TTLV>'),
      {
        tag: 0x54ffff,
        type: 'Structure',
        value: [{ tag: 0x42ffff, type: 'Integer', value: 1 }],
      },
    );
    assert.equal(
      leaf('<TTLV tag="0x420094" type="TextString" value="x"/>').tag,
      Tag.UniqueIdentifier,
    );
  });

  it('types a 1.x Attribute Value by its sibling Attribute Name', () => {
    const attribute = (name: string, value: string) =>
      decodeKmipXml(
        `<Attribute><AttributeName type="TextString" value="${name}"/>${value}</Attribute>`,
      ).value as KmipItem[];
    const { Encrypt, Decrypt } = CryptographicUsageMask;
    assert.equal(
      attribute(
        'Cryptographic Usage Mask',
        '<AttributeValue type="Integer" value="Encrypt Decrypt"/>',
      )[1]!.value,
      Encrypt | Decrypt,
    );
    assert.equal(
      attribute(
        'Cryptographic   Usage Mask',
        '<AttributeValue type="Integer" value="Decrypt"/>',
      )[1]!.value,
      Decrypt,
    );
    assert.equal(
      attribute('Cryptographic Algorithm', '<AttributeValue type="Enumeration" value="AES"/>')[1]!
        .value,
      CryptographicAlgorithm.AES,
    );
    assert.equal(
      attribute('Object Type', '<AttributeValue type="Enumeration" value="PrivateKey"/>')[1]!.value,
      ObjectType.PrivateKey,
    );
    assert.equal(
      attribute('State', '<AttributeValue type="Enumeration" value="PreActive"/>')[1]!.value,
      State.PreActive,
    );
    assert.deepEqual(
      attribute(
        'Name',
        '<AttributeValue><NameValue type="TextString" value="k"/><NameType type="Enumeration" value="UninterpretedTextString"/></AttributeValue>',
      )[1],
      {
        tag: Tag.AttributeValue,
        type: 'Structure',
        value: [
          { tag: Tag.NameValue, type: 'TextString', value: 'k' },
          { tag: Tag.NameType, type: 'Enumeration', value: NameType.UninterpretedTextString },
        ],
      },
    );
    assert.equal(
      attribute(
        'State',
        '<AttributeIndex type="Integer" value="0"/><AttributeValue type="Enumeration" value="Active"/>',
      )[2]!.value,
      State.Active,
    );
  });

  it('keeps the given types of custom attributes: numbers and hex only', () => {
    const items = decodeKmipXml(
      '<Attribute><AttributeName type="TextString" value="x-Tag"/><AttributeValue type="Enumeration" value="0x00000003"/></Attribute>',
    ).value as KmipItem[];
    assert.equal(items[1]!.value, 3);
    assertCode(
      '<Attribute><AttributeName type="TextString" value="x-Tag"/><AttributeValue type="Enumeration" value="AES"/></Attribute>',
      'KW_KMIP_XML_BAD_VALUE',
    );
  });

  it('gives no names to an Attribute Value before its Attribute Name', () => {
    assertCode(
      '<Attribute><AttributeValue type="Enumeration" value="AES"/><AttributeName type="TextString" value="Cryptographic Algorithm"/></Attribute>',
      'KW_KMIP_XML_BAD_VALUE',
    );
  });

  it('reads 2.x Attribute Reference and Tag values as tag names', () => {
    assert.equal(leaf('<AttributeReference type="Enumeration" value="State"/>').value, Tag.State);
    assert.equal(
      leaf('<Tag type="Enumeration" value="CryptographicUsageMask"/>').value,
      Tag.CryptographicUsageMask,
    );
    assert.equal(
      leaf('<AttributeReference type="Enumeration" value="0x00540001"/>').value,
      0x540001,
    );
  });

  it('reads a Unique Identifier as text, Enumeration or Integer', () => {
    assert.equal(
      leaf('<UniqueIdentifier type="TextString" value="IDPlaceholder"/>').value,
      'IDPlaceholder',
    );
    assert.equal(
      leaf('<UniqueIdentifier type="Enumeration" value="IDPlaceholder"/>').value,
      UniqueIdentifier.IDPlaceholder,
    );
    assert.equal(leaf('<UniqueIdentifier type="Integer" value="3"/>').value, 3);
  });
});

describe('decodeKmipXmlDocument', () => {
  const message = '<RequestMessage><BatchItem/></RequestMessage>';
  const response = '<ResponseMessage/>';
  const expected = [
    {
      tag: Tag.RequestMessage,
      type: 'Structure',
      value: [{ tag: Tag.BatchItem, type: 'Structure', value: [] }],
    },
    { tag: Tag.ResponseMessage, type: 'Structure', value: [] },
  ];

  it('reads messages wrapped in <KMIP> or <KmipTestCase>, skipping comments', () => {
    assert.deepEqual(
      decodeKmipXmlDocument(`<?xml version="1.0"?><KMIP><!-- c -->${message}\n${response}</KMIP>`),
      expected,
    );
    assert.deepEqual(
      decodeKmipXmlDocument(`<KmipTestCase>${message}${response}</KmipTestCase>`),
      expected,
    );
    assert.deepEqual(decodeKmipXmlDocument('<KMIP/>'), []);
  });

  it('reads sibling messages without a wrapper, and a single message', () => {
    assert.deepEqual(decodeKmipXmlDocument(`${message}${response}`), expected);
    assert.deepEqual(decodeKmipXmlDocument(message), [expected[0]]);
  });

  it('names the message in the path of an error', () => {
    assert.throws(
      () =>
        decodeKmipXmlDocument(
          `<KMIP>${response}${response}<ResponseMessage><Frob/></ResponseMessage></KMIP>`,
        ),
      {
        code: 'KW_KMIP_XML_UNKNOWN_TAG',
        path: 'KMIP/ResponseMessage[3]/Frob',
      },
    );
  });

  it('refuses attributes on the wrapper', () => {
    assert.throws(() => decodeKmipXmlDocument('<KMIP version="1"/>'), {
      code: 'KW_KMIP_XML_MALFORMED',
    });
  });
});

describe('decodeKmipXml errors', () => {
  it('refuses several roots or a document wrapper', () => {
    assertCode('<RequestMessage/><RequestMessage/>', 'KW_KMIP_XML_MALFORMED');
    assertCode('<KMIP><RequestMessage/></KMIP>', 'KW_KMIP_XML_UNKNOWN_TAG');
  });

  it('refuses unknown names and bad TTLV tags with KW_KMIP_XML_UNKNOWN_TAG', () => {
    assertCode('<NoSuchTag type="Integer" value="1"/>', 'KW_KMIP_XML_UNKNOWN_TAG');
    assertCode('<TTLV type="Integer" value="1"/>', 'KW_KMIP_XML_UNKNOWN_TAG');
    assertCode('<TTLV tag="0x430001" type="Integer" value="1"/>', 'KW_KMIP_XML_UNKNOWN_TAG');
    assertCode('<TTLV tag="BatchCount" type="Integer" value="1"/>', 'KW_KMIP_XML_UNKNOWN_TAG');
  });

  it('refuses extension tags in strict mode', () => {
    const strict = { isKnownTag };
    assert.equal(decodeKmipXml('<BatchCount type="Integer" value="1"/>', strict).value, 1);
    assertCode(
      '<TTLV tag="0x540001" type="Integer" value="1"/>',
      'KW_KMIP_XML_UNKNOWN_TAG',
      strict,
    );
  });

  it('refuses stray attributes with KW_KMIP_XML_MALFORMED', () => {
    assertCode('<BatchCount type="Integer" value="1" extra="x"/>', 'KW_KMIP_XML_MALFORMED');
    assertCode('<BatchCount tag="0x42000D" type="Integer" value="1"/>', 'KW_KMIP_XML_MALFORMED');
  });

  it('refuses an unknown type with KW_KMIP_XML_BAD_TYPE', () => {
    assertCode('<BatchCount type="Int" value="1"/>', 'KW_KMIP_XML_BAD_TYPE');
    assertCode('<BatchCount type="" value="1"/>', 'KW_KMIP_XML_BAD_TYPE');
  });

  it('refuses missing, misplaced or invalid values with KW_KMIP_XML_BAD_VALUE', () => {
    for (const xml of [
      '<BatchCount type="Integer"/>',
      '<BatchCount type="Integer" value="x"/>',
      '<BatchCount type="Integer" value="1"><BatchCount type="Integer" value="1"/></BatchCount>',
      '<ProtocolVersion value="1"/>',
      '<ObjectType type="Enumeration" value="NoSuchType"/>',
      '<CryptographicUsageMask type="Integer" value="Encrypt Frobnicate"/>',
      '<Sensitive type="Boolean" value="yes"/>',
      '<KeyMaterial type="ByteString" value="abc"/>',
      '<Modulus type="BigInteger" value=""/>',
      '<ActivationDate type="DateTime" value="2001-02-30T00:00:00Z"/>',
      '<ActivationDate type="DateTime" value="2001-01-01T00:00:00.5Z"/>',
      '<LeaseTime type="Interval" value="-1"/>',
      '<TimeStamp type="DateTimeExtended" value="now"/>',
    ]) {
      assertCode(xml, 'KW_KMIP_XML_BAD_VALUE');
    }
  });

  it('gives the element path (with sibling positions) and the line of a bad value', () => {
    const error = assertCode(
      '<RequestMessage>\n<BatchItem/>\n<BatchItem>\n<Operation type="Enumeration" value="Nope"/>\n</BatchItem>\n</RequestMessage>',
      'KW_KMIP_XML_BAD_VALUE',
    );
    assert.equal(error.path, 'RequestMessage/BatchItem[2]/Operation');
    assert.equal(error.line, 4);
    assert.doesNotMatch(error.message, /Nope/, 'values stay out of messages');
  });

  it('bounds Structure depth (KW_KMIP_XML_TOO_DEEP) and input length (KW_KMIP_XML_TOO_LARGE)', () => {
    const nested = (n: number) =>
      `${'<BatchItem>'.repeat(n)}<BatchCount type="Integer" value="1"/>${'</BatchItem>'.repeat(n)}`;
    assert.equal(decodeKmipXml(nested(3), { maxDepth: 3 }).type, 'Structure');
    assertCode(nested(4), 'KW_KMIP_XML_TOO_DEEP', { maxDepth: 3 });
    assert.equal(decodeKmipXml(nested(32)).type, 'Structure');
    assertCode(nested(33), 'KW_KMIP_XML_TOO_DEEP');
    assertCode(`<RequestMessage/>${' '.repeat(100)}`, 'KW_KMIP_XML_TOO_LARGE', { maxLength: 100 });
  });

  it('bounds the number of items with KW_KMIP_XML_TOO_LARGE (memory grows with them)', () => {
    const items = (n: number) => `<BatchItem>${'<D/>'.repeat(n - 1)}</BatchItem>`;
    assert.equal((decodeKmipXml(items(10), { maxItems: 10 }).value as KmipItem[]).length, 9);
    assertCode(items(11), 'KW_KMIP_XML_TOO_LARGE', { maxItems: 10 });
    assert.equal(decodeKmipXmlDocument(`<KMIP>${items(10)}</KMIP>`, { maxItems: 10 }).length, 1);
    assertCode(items(DEFAULT_MAX_XML_ITEMS + 1), 'KW_KMIP_XML_TOO_LARGE');
  });
});
