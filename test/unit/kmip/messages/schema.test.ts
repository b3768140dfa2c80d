import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultReason, Tag } from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { childPath } from '../../../../src/kmip/messages/schema.ts';
import {
  decodeStructure,
  defineStruct,
  encodeStructure,
  enumeration,
  integer,
  isDefinedIn,
  KmipMessageError,
  protocolVersion,
  textString,
  type Extensible,
  type ProtocolVersion,
} from '../../../../src/kmip/messages/index.ts';

interface Sample extends Extensible {
  readonly uniqueIdentifier: string;
  readonly maximumItems?: number;
  /** Offset Items exists since KMIP 1.3. */
  readonly offsetItems?: number;
  readonly objectTypes?: readonly number[];
  readonly version?: ProtocolVersion;
}
const sampleSchema = defineStruct<Sample>('RequestPayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, textString),
  f.opt('maximumItems', Tag.MaximumItems, integer),
  f.opt('offsetItems', Tag.OffsetItems, integer),
  f.many('objectTypes', Tag.ObjectType, enumeration),
  f.opt('version', Tag.ProtocolVersion, protocolVersion),
]);

const uid: KmipItem = { tag: Tag.UniqueIdentifier, type: 'TextString', value: 'k1' };
const payload = (...children: KmipItem[]): KmipItem => ({
  tag: Tag.RequestPayload,
  type: 'Structure',
  value: children,
});
const v14 = { version: '1.4' } as const;

function messageError(fn: () => unknown): KmipMessageError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof KmipMessageError, String(error));
    assert.equal(error.code, 'KW_KMIP_MESSAGE');
    return error;
  }
  assert.fail('expected a KmipMessageError');
}

describe('decodeStructure', () => {
  it('maps children to typed fields, in any order, and repeated fields to arrays', () => {
    const item = payload(
      { tag: Tag.ObjectType, type: 'Enumeration', value: 2 },
      { tag: Tag.MaximumItems, type: 'Integer', value: 5 },
      uid,
      { tag: Tag.ObjectType, type: 'Enumeration', value: 3 },
    );
    assert.deepStrictEqual(decodeStructure(sampleSchema, item, v14), {
      objectTypes: [2, 3],
      maximumItems: 5,
      uniqueIdentifier: 'k1',
    });
  });

  it('rejects a missing required field with Invalid Message and the path of the field', () => {
    const error = messageError(() => decodeStructure(sampleSchema, payload(), v14));
    assert.equal(error.resultReason, ResultReason.InvalidMessage);
    assert.deepStrictEqual(error.path, ['RequestPayload', 'UniqueIdentifier']);
  });

  it('rejects a wrong item type with Invalid Message and the path of the item', () => {
    const bad: KmipItem = { tag: Tag.MaximumItems, type: 'TextString', value: '5' };
    const error = messageError(() => decodeStructure(sampleSchema, payload(uid, bad), v14));
    assert.equal(error.resultReason, ResultReason.InvalidMessage);
    assert.deepStrictEqual(error.path, ['RequestPayload', 'MaximumItems']);
  });

  it('rejects a wrong type deep inside a nested structure with the full path', () => {
    const version: KmipItem = {
      tag: Tag.ProtocolVersion,
      type: 'Structure',
      value: [
        { tag: Tag.ProtocolVersionMajor, type: 'Integer', value: 1 },
        { tag: Tag.ProtocolVersionMinor, type: 'Enumeration', value: 4 },
      ],
    };
    const error = messageError(() => decodeStructure(sampleSchema, payload(uid, version), v14));
    assert.deepStrictEqual(error.path, [
      'RequestPayload',
      'ProtocolVersion',
      'ProtocolVersionMinor',
    ]);
  });

  it('rejects a non-Structure item with Invalid Message', () => {
    const error = messageError(() => decodeStructure(sampleSchema, uid, v14));
    assert.equal(error.resultReason, ResultReason.InvalidMessage);
  });

  it('rejects a single field that occurs twice with Invalid Message', () => {
    const error = messageError(() => decodeStructure(sampleSchema, payload(uid, uid), v14));
    assert.equal(error.resultReason, ResultReason.InvalidMessage);
    assert.deepStrictEqual(error.path, ['RequestPayload', 'UniqueIdentifier']);
  });

  it('keeps unknown and extension children in unknownItems and re-emits them after the known fields', () => {
    const extension: KmipItem = { tag: 0x540001, type: 'TextString', value: 'vendor' };
    const item = payload(extension, uid);
    const decoded = decodeStructure(sampleSchema, item, v14);
    assert.deepStrictEqual(decoded, { uniqueIdentifier: 'k1', unknownItems: [extension] });
    assert.deepStrictEqual(
      encodeStructure(sampleSchema, decoded, Tag.RequestPayload, v14),
      payload(uid, extension),
    );
  });

  it('rejects an unknown child with Invalid Field in strict mode', () => {
    const extension: KmipItem = { tag: 0x540001, type: 'TextString', value: 'vendor' };
    const error = messageError(() =>
      decodeStructure(sampleSchema, payload(uid, extension), { version: '1.4', strict: true }),
    );
    assert.equal(error.resultReason, ResultReason.InvalidField);
    assert.deepStrictEqual(error.path, ['RequestPayload', '0x540001']);
  });

  it('treats a field the version does not define as unknown (Offset Items in KMIP 1.0)', () => {
    const offset: KmipItem = { tag: Tag.OffsetItems, type: 'Integer', value: 3 };
    assert.deepStrictEqual(
      decodeStructure(sampleSchema, payload(uid, offset), { version: '1.0' }),
      {
        uniqueIdentifier: 'k1',
        unknownItems: [offset],
      },
    );
    assert.equal(decodeStructure(sampleSchema, payload(uid, offset), v14).offsetItems, 3);
  });
});

describe('encodeStructure', () => {
  it('emits fields in schema order', () => {
    const item = encodeStructure(
      sampleSchema,
      { objectTypes: [1], uniqueIdentifier: 'k1', maximumItems: 2 },
      Tag.RequestPayload,
      v14,
    );
    assert.deepStrictEqual(
      item.value.map((c) => c.tag),
      [Tag.UniqueIdentifier, Tag.MaximumItems, Tag.ObjectType],
    );
  });

  it('leaves out fields the target version does not define (no Offset Items to a 1.0 peer)', () => {
    const value: Sample = { uniqueIdentifier: 'k1', offsetItems: 3 };
    assert.deepStrictEqual(
      encodeStructure(sampleSchema, value, Tag.RequestPayload, { version: '1.0' }),
      payload(uid),
    );
    assert.equal(
      encodeStructure(sampleSchema, value, Tag.RequestPayload, { version: '1.3' }).value.length,
      2,
    );
  });

  it('throws KW_KMIP_MESSAGE_ENCODE with the path when a required field is unset', () => {
    assert.throws(() => encodeStructure(sampleSchema, {} as Sample, Tag.RequestPayload, v14), {
      code: 'KW_KMIP_MESSAGE_ENCODE',
      path: ['RequestPayload', 'UniqueIdentifier'],
    });
  });

  it('returns an exact-length children array, also when repeated fields outnumber the fields', () => {
    const item = encodeStructure(
      sampleSchema,
      { uniqueIdentifier: 'k1', objectTypes: [1, 2, 3, 4, 5, 6, 7] },
      Tag.RequestPayload,
      v14,
    );
    assert.equal(item.value.length, 8);
    assert.equal(Object.keys(item.value).length, 8);
    const one = encodeStructure(sampleSchema, { uniqueIdentifier: 'k1' }, Tag.RequestPayload, v14);
    assert.deepStrictEqual(one, payload(uid));
  });

  it('throws KW_KMIP_MESSAGE_ENCODE when a value has the wrong JS type', () => {
    const value = { uniqueIdentifier: 7 } as unknown as Sample;
    assert.throws(() => encodeStructure(sampleSchema, value, Tag.RequestPayload, v14), {
      code: 'KW_KMIP_MESSAGE_ENCODE',
    });
  });
});

describe('schema plans (issue #9: worked out once per schema and version)', () => {
  interface Twice {
    readonly first?: string;
    readonly second: string;
    readonly third: number;
  }
  // Two fields claim Unique Identifier: the later one owns it, as the tag map always had it.
  const twice = defineStruct<Twice>('Twice', (f) => [
    f.opt('first', Tag.UniqueIdentifier, textString),
    f.one('third', Tag.MaximumItems, integer),
    f.one('second', Tag.UniqueIdentifier, textString),
  ]);

  it('a tag claimed by two fields decodes into the later field', () => {
    const decoded = decodeStructure(
      twice,
      payload(uid, { tag: Tag.MaximumItems, type: 'Integer', value: 3 }),
      { version: '1.4' },
    );
    assert.deepEqual(decoded, { second: 'k1', third: 3 });
  });

  it('the first missing required field is reported in the order of the tags they own', () => {
    assert.throws(
      () => decodeStructure(twice, payload(), { version: '1.4' }),
      (error: unknown) =>
        error instanceof KmipMessageError && error.path.join('/') === 'Twice/UniqueIdentifier',
    );
  });

  it('encodes the same in every version asked, in any order of versions', () => {
    const value: Sample = { uniqueIdentifier: 'k1', offsetItems: 2, maximumItems: 1 };
    const in10 = encodeStructure(sampleSchema, value, Tag.RequestPayload, { version: '1.0' });
    const in14 = encodeStructure(sampleSchema, value, Tag.RequestPayload, { version: '1.4' });
    assert.deepEqual(
      encodeStructure(sampleSchema, value, Tag.RequestPayload, { version: '1.0' }),
      in10,
    );
    assert.equal(in10.value.length, 2);
    assert.equal(in14.value.length, 3);
  });
});

describe('isDefinedIn', () => {
  it('follows the registry since/until, and counts unknown and extension tags as defined', () => {
    assert.equal(isDefinedIn(Tag.ClientCorrelationValue, '1.3'), false);
    assert.equal(isDefinedIn(Tag.ClientCorrelationValue, '1.4'), true);
    assert.equal(isDefinedIn(Tag.TemplateAttribute, '2.0'), false);
    assert.equal(isDefinedIn(Tag.Attributes, '1.4'), false);
    assert.equal(isDefinedIn(0x540001, '1.0'), true);
  });
});

describe('childPath', () => {
  it('is [...path, name] as a new array, the parent left alone', () => {
    for (const path of [[], ['A'], ['RequestMessage', 'BatchItem', 'RequestPayload']]) {
      const before = [...path];
      const child = childPath(path, 'X');
      assert.deepStrictEqual(child, [...path, 'X']);
      assert.notEqual(child, path);
      assert.deepStrictEqual(path, before);
    }
  });
});
