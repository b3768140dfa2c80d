import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  ObjectType,
  State,
  Tag,
  UniqueIdentifier,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { isKnownTag } from '../../../../src/kmip/registry.ts';
import {
  decodeKmipJson,
  DEFAULT_MAX_JSON_ITEMS,
  KmipJsonError,
  type KmipJsonDecodeOptions,
} from '../../../../src/kmip/json/index.ts';

const { Encrypt, Decrypt } = CryptographicUsageMask;

/** Decodes `{tag, type, value}` given as an object. */
function value(tag: string, type: string, v: unknown): unknown {
  return decodeKmipJson({ tag, type, value: v }).value;
}

function assertCode(
  input: unknown,
  code: string,
  path?: string,
  options?: KmipJsonDecodeOptions,
): void {
  assert.throws(
    () => decodeKmipJson(input, options),
    (error) => {
      assert.ok(error instanceof KmipJsonError);
      assert.equal(error.code, code);
      if (path !== undefined) assert.equal(error.path, path);
      return true;
    },
  );
}

describe('decodeKmipJson values', () => {
  it('reads numbers as JSON numbers or 0x hex strings', () => {
    assert.equal(value('BatchCount', 'Integer', -5), -5);
    assert.equal(value('BatchCount', 'Integer', '0xFFFFFFFF'), -1);
    assert.equal(value('UsageLimitsTotal', 'LongInteger', 16), 16n);
    assert.equal(value('UsageLimitsTotal', 'LongInteger', '0x8000000000000000'), -(2n ** 63n));
    assert.equal(value('UsageLimitsTotal', 'LongInteger', '-12'), -12n);
    assert.equal(value('Modulus', 'BigInteger', 65537), 65537n);
    assert.equal(value('Modulus', 'BigInteger', '0x0000000000010001'), 65537n);
    assert.equal(value('Modulus', 'BigInteger', '0xFF'), -1n);
    assert.equal(value('LeaseTime', 'Interval', 3600), 3600);
    assert.equal(value('LeaseTime', 'Interval', '0x00000E10'), 3600);
    assert.equal(value('BatchCount', 'Integer', -0), 0);
    assert.ok(Object.is(value('BatchCount', 'Integer', -0), 0), 'no negative zero');
  });

  it('reads the other scalar types', () => {
    assert.equal(value('Sensitive', 'Boolean', true), true);
    assert.equal(value('Sensitive', 'Boolean', '0x0000000000000000'), false);
    assert.equal(value('NameValue', 'TextString', ' x '), ' x ');
    assert.deepEqual(value('KeyMaterial', 'ByteString', '00ab'), Uint8Array.of(0, 0xab));
    assert.deepEqual(
      value('ActivationDate', 'DateTime', '2012-04-27T08:12:24Z'),
      new Date('2012-04-27T08:12:24Z'),
    );
    assert.deepEqual(
      value('ActivationDate', 'DateTime', '0x000000004F9A54E8'),
      new Date('2012-04-27T08:12:24Z'),
    );
    assert.equal(value('TimeStamp', 'DateTimeExtended', '1970-01-01T00:00:00.000002+00:00'), 2n);
  });

  it('reads enumerations by name, hex and number; masks by names and hex joined by |', () => {
    assert.equal(value('ObjectType', 'Enumeration', 'SymmetricKey'), ObjectType.SymmetricKey);
    assert.equal(value('ObjectType', 'Enumeration', '0x8000000A'), 0x8000000a);
    assert.equal(value('ObjectType', 'Enumeration', 2), ObjectType.SymmetricKey);
    assert.equal(value('CryptographicUsageMask', 'Integer', 'Encrypt|Decrypt'), Encrypt | Decrypt);
    assert.equal(
      value('CryptographicUsageMask', 'Integer', 'Decrypt|0x40000000'),
      Decrypt | 0x40000000,
    );
    assert.equal(value('AttributeReference', 'Enumeration', 'State'), Tag.State);
    assert.equal(
      value('UniqueIdentifier', 'Enumeration', 'IDPlaceholder'),
      UniqueIdentifier.IDPlaceholder,
    );
  });

  it('reads Structures, hex tags and JSON text', () => {
    const text =
      '{"tag":"0x540001","value":[{"tag":"ProtocolVersionMajor","type":"Integer","value":1}]}';
    const expected: KmipItem = {
      tag: 0x540001,
      type: 'Structure',
      value: [{ tag: Tag.ProtocolVersionMajor, type: 'Integer', value: 1 }],
    };
    assert.deepEqual(decodeKmipJson(text), expected);
    assert.deepEqual(decodeKmipJson(JSON.parse(text)), expected);
    assert.deepEqual(
      decodeKmipJson({
        tag: '0x540001',
        type: 'Structure',
        value: (JSON.parse(text) as { value: unknown }).value,
      }),
      expected,
    );
  });

  it('types a 1.x Attribute Value by its preceding Attribute Name', () => {
    const decoded = decodeKmipJson({
      tag: 'TemplateAttribute',
      value: [
        {
          tag: 'Attribute',
          value: [
            { tag: 'AttributeName', type: 'TextString', value: 'Cryptographic Algorithm' },
            { tag: 'AttributeValue', type: 'Enumeration', value: 'AES' },
          ],
        },
        {
          tag: 'Attribute',
          value: [
            { tag: 'AttributeName', type: 'TextString', value: 'Cryptographic Usage Mask' },
            { tag: 'AttributeValue', type: 'Integer', value: 'Encrypt|Decrypt' },
          ],
        },
        {
          tag: 'Attribute',
          value: [
            { tag: 'AttributeName', type: 'TextString', value: 'State' },
            { tag: 'AttributeValue', type: 'Enumeration', value: 'Active' },
          ],
        },
      ],
    });
    const values = (decoded.value as KmipItem[]).map((a) => (a.value as KmipItem[])[1]!.value);
    assert.deepEqual(values, [CryptographicAlgorithm.AES, Encrypt | Decrypt, State.Active]);
  });
});

describe('decodeKmipJson errors', () => {
  it('refuses text that is not JSON, and non-objects, with KW_KMIP_JSON_MALFORMED', () => {
    assertCode('{"tag": ', 'KW_KMIP_JSON_MALFORMED', '');
    assertCode('[]', 'KW_KMIP_JSON_MALFORMED');
    assertCode(null, 'KW_KMIP_JSON_MALFORMED');
    assertCode(42, 'KW_KMIP_JSON_MALFORMED');
    assertCode(
      { tag: 'BatchCount', type: 'Integer', value: 1, extra: 1 },
      'KW_KMIP_JSON_MALFORMED',
    );
    assertCode({ tag: 'ProtocolVersion', value: ['x'] }, 'KW_KMIP_JSON_MALFORMED', '/value/0');
  });

  it('refuses unknown and missing tags with KW_KMIP_JSON_UNKNOWN_TAG', () => {
    assertCode({ tag: 'NoSuchTag', type: 'Integer', value: 1 }, 'KW_KMIP_JSON_UNKNOWN_TAG', '/tag');
    assertCode({ type: 'Integer', value: 1 }, 'KW_KMIP_JSON_UNKNOWN_TAG');
    assertCode({ tag: 0x42000d, type: 'Integer', value: 1 }, 'KW_KMIP_JSON_UNKNOWN_TAG');
    assertCode({ tag: '0x430001', type: 'Integer', value: 1 }, 'KW_KMIP_JSON_UNKNOWN_TAG');
    assertCode({ tag: '0x540001', type: 'Integer', value: 1 }, 'KW_KMIP_JSON_UNKNOWN_TAG', '/tag', {
      isKnownTag,
    });
  });

  it('refuses unknown types with KW_KMIP_JSON_BAD_TYPE', () => {
    assertCode({ tag: 'BatchCount', type: 'Int', value: 1 }, 'KW_KMIP_JSON_BAD_TYPE', '/type');
    assertCode({ tag: 'BatchCount', type: 2, value: 1 }, 'KW_KMIP_JSON_BAD_TYPE');
  });

  it('refuses bad values with KW_KMIP_JSON_BAD_VALUE', () => {
    const bad: [string, string, unknown][] = [
      ['ProtocolVersion', 'Structure', {}],
      ['BatchCount', 'Integer', 1.5],
      ['BatchCount', 'Integer', 2 ** 31],
      ['BatchCount', 'Integer', true],
      ['BatchCount', 'Integer', undefined],
      ['BatchCount', 'Integer', null],
      ['UsageLimitsTotal', 'LongInteger', 2 ** 53],
      ['Modulus', 'BigInteger', '0000000000010001'],
      ['Modulus', 'BigInteger', '0x'],
      ['ObjectType', 'Enumeration', 'NoSuchType'],
      ['ObjectType', 'Enumeration', -1],
      ['CryptographicUsageMask', 'Integer', 'Encrypt|Frobnicate'],
      ['Sensitive', 'Boolean', 'yes'],
      ['Sensitive', 'Boolean', 1],
      ['NameValue', 'TextString', 5],
      ['NameValue', 'TextString', '\uD800'],
      ['KeyMaterial', 'ByteString', '0x00'],
      ['ActivationDate', 'DateTime', 1335514344],
      ['ActivationDate', 'DateTime', 'yesterday'],
      ['LeaseTime', 'Interval', -1],
      ['TimeStamp', 'DateTimeExtended', 5],
    ];
    for (const [tag, type, v] of bad)
      assertCode({ tag, type, value: v }, 'KW_KMIP_JSON_BAD_VALUE', '/value');
  });

  it('gives a JSON Pointer to the fault and keeps values out of the message', () => {
    const input = {
      tag: 'RequestMessage',
      value: [
        { tag: 'BatchItem', value: [] },
        { tag: 'BatchItem', value: [{ tag: 'Operation', type: 'Enumeration', value: 'Secret' }] },
      ],
    };
    assert.throws(
      () => decodeKmipJson(input),
      (error: KmipJsonError) => {
        assert.equal(error.path, '/value/1/value/0/value');
        assert.doesNotMatch(error.message, /Secret/);
        return true;
      },
    );
  });

  it('bounds Structure depth (KW_KMIP_JSON_TOO_DEEP) and text length (KW_KMIP_JSON_TOO_LARGE)', () => {
    let nested: unknown = { tag: 'BatchCount', type: 'Integer', value: 1 };
    for (let i = 0; i < 33; i++) nested = { tag: 'BatchItem', value: [nested] };
    assertCode(nested, 'KW_KMIP_JSON_TOO_DEEP');
    assert.equal(decodeKmipJson((nested as { value: unknown[] }).value[0]).type, 'Structure');
    assertCode(nested, 'KW_KMIP_JSON_TOO_DEEP', undefined, { maxDepth: 5 });
    assertCode(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'KW_KMIP_JSON_MALFORMED');
    assertCode(
      JSON.stringify({ tag: 'BatchCount', type: 'Integer', value: 1 }),
      'KW_KMIP_JSON_TOO_LARGE',
      '',
      { maxLength: 10 },
    );
  });

  it('bounds the number of items with KW_KMIP_JSON_TOO_LARGE', () => {
    const items = (n: number) => ({
      tag: 'BatchItem',
      value: Array.from({ length: n - 1 }, () => ({ tag: 'D', value: [] })),
    });
    assert.equal((decodeKmipJson(items(10), { maxItems: 10 }).value as KmipItem[]).length, 9);
    assertCode(items(11), 'KW_KMIP_JSON_TOO_LARGE', undefined, { maxItems: 10 });
    assertCode(items(DEFAULT_MAX_JSON_ITEMS + 1), 'KW_KMIP_JSON_TOO_LARGE');
  });
});
