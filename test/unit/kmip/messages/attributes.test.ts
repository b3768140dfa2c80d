import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  LinkType,
  NameType,
  ResultReason,
  State,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import {
  attributeListV2,
  attributeReference,
  attributeV1,
  findAttributeValue,
  KmipMessageError,
  normalizeAttributeName,
  singleAttributeV2,
  specAttributeName,
  templateAttribute,
  type Attribute,
} from '../../../../src/kmip/messages/index.ts';

const text = (tag: number, value: string): KmipItem => ({ tag, type: 'TextString', value });
const enumItem = (tag: number, value: number): KmipItem => ({ tag, type: 'Enumeration', value });
const struct = (tag: number, ...value: KmipItem[]): KmipItem => ({ tag, type: 'Structure', value });
const v1 = (name: string, value: KmipItem, index?: number): KmipItem =>
  struct(
    Tag.Attribute,
    text(Tag.AttributeName, name),
    ...(index === undefined
      ? []
      : [{ tag: Tag.AttributeIndex, type: 'Integer', value: index } as KmipItem]),
    { ...value, tag: Tag.AttributeValue } as KmipItem,
  );
const ctx14 = { version: '1.4' } as const;
const ctx20 = { version: '2.0' } as const;

const nameAttribute: Attribute = {
  name: 'Name',
  value: { value: 'key-1', type: NameType.UninterpretedTextString },
};
const nameValue = struct(
  Tag.Name,
  text(Tag.NameValue, 'key-1'),
  enumItem(Tag.NameType, NameType.UninterpretedTextString),
);

describe('attribute names', () => {
  it('normalizes KMIP 1.x spec names and keeps custom names', () => {
    assert.equal(normalizeAttributeName('Cryptographic Algorithm'), 'CryptographicAlgorithm');
    assert.equal(
      normalizeAttributeName('X.509 Certificate Identifier'),
      'X_509CertificateIdentifier',
    );
    assert.equal(normalizeAttributeName('x-ID'), 'x-ID');
    assert.equal(specAttributeName('CryptographicUsageMask'), 'Cryptographic Usage Mask');
    assert.equal(specAttributeName('x-ID'), 'x-ID');
  });

  it('maps Attribute Reference enumerations (tags) and vendor structures to names and back', () => {
    const byTag = enumItem(Tag.AttributeReference, Tag.State);
    assert.equal(attributeReference.decode(byTag, ctx20, []), 'State');
    assert.deepStrictEqual(
      attributeReference.encode('State', Tag.AttributeReference, ctx20, []),
      byTag,
    );
    const vendor = struct(
      Tag.AttributeReference,
      text(Tag.VendorIdentification, 'x'),
      text(Tag.AttributeName, 'ID'),
    );
    assert.equal(attributeReference.decode(vendor, ctx20, []), 'x-ID');
    assert.deepStrictEqual(
      attributeReference.encode('x-ID', Tag.AttributeReference, ctx20, []),
      vendor,
    );
    const extension = enumItem(Tag.AttributeReference, 0x540010);
    assert.equal(attributeReference.decode(extension, ctx20, []), '0x540010');
    assert.deepStrictEqual(
      attributeReference.encode('0x540010', Tag.AttributeReference, ctx20, []),
      extension,
    );
  });
});

describe('KMIP 1.x Attribute', () => {
  it('decodes well-known structured values to typed objects and keeps the index', () => {
    const decoded = attributeV1.decode(v1('Name', nameValue, 2), ctx14, ['Attribute']);
    assert.deepStrictEqual(decoded, { ...nameAttribute, index: 2 });
  });

  it('decodes scalar values with the registry type and re-encodes them exactly', () => {
    const item = v1('Cryptographic Algorithm', enumItem(0, CryptographicAlgorithm.AES));
    const decoded = attributeV1.decode(item, ctx14, []);
    assert.deepStrictEqual(decoded, {
      name: 'CryptographicAlgorithm',
      value: CryptographicAlgorithm.AES,
    });
    assert.deepStrictEqual(attributeV1.encode(decoded, Tag.Attribute, ctx14, []), item);
  });

  it('keeps custom attribute values as raw items tagged Attribute Value', () => {
    const item = v1('x-purpose', text(0, 'backup'));
    const decoded = attributeV1.decode(item, ctx14, []);
    assert.deepStrictEqual(decoded, {
      name: 'x-purpose',
      value: text(Tag.AttributeValue, 'backup'),
    });
    assert.deepStrictEqual(attributeV1.encode(decoded, Tag.Attribute, ctx14, []), item);
  });

  it('rejects a well-known attribute whose value has the wrong type with Invalid Message at Attribute Value', () => {
    const item = v1('Cryptographic Length', text(0, '256'));
    assert.throws(
      () => attributeV1.decode(item, ctx14, ['Attribute']),
      (error: unknown) =>
        error instanceof KmipMessageError &&
        error.resultReason === ResultReason.InvalidMessage &&
        error.path.join('/') === 'Attribute/AttributeValue',
    );
  });
});

describe('KMIP 2.x Attributes', () => {
  const link = struct(
    Tag.Link,
    enumItem(Tag.LinkType, LinkType.PublicKeyLink),
    text(Tag.LinkedObjectIdentifier, 'pub-1'),
  );
  const vendor = struct(
    Tag.Attribute,
    text(Tag.VendorIdentification, 'x'),
    text(Tag.AttributeName, 'ID'),
    text(Tag.AttributeValue, 'k'),
  );
  const attributes = struct(
    Tag.Attributes,
    enumItem(Tag.State, State.Active),
    nameValue,
    link,
    vendor,
  );
  const normalized: Attribute[] = [
    { name: 'State', value: State.Active },
    nameAttribute,
    { name: 'Link', value: { linkType: LinkType.PublicKeyLink, linkedObjectIdentifier: 'pub-1' } },
    { name: 'x-ID', value: text(Tag.AttributeValue, 'k') },
  ];

  it('decodes attribute tags and Vendor Attributes into the normalized model', () => {
    assert.deepStrictEqual(attributeListV2.decode(attributes, ctx20, []), normalized);
    assert.deepStrictEqual(
      attributeListV2.encode(normalized, Tag.Attributes, ctx20, []),
      attributes,
    );
  });

  it('converts a KMIP 1.x Template-Attribute to 2.x Attributes and back', () => {
    const template = struct(
      Tag.TemplateAttribute,
      v1('State', enumItem(0, State.Active)),
      v1('Name', nameValue),
      v1('Link', link),
      v1('x-ID', text(0, 'k')),
    );
    const set = templateAttribute.decode(template, ctx14, []);
    assert.deepStrictEqual(set, { attributes: normalized });
    assert.deepStrictEqual(
      attributeListV2.encode(set.attributes, Tag.Attributes, ctx20, []),
      attributes,
    );
    assert.deepStrictEqual(
      templateAttribute.encode(set, Tag.TemplateAttribute, ctx14, []),
      template,
    );
  });

  it('keeps extension tags as raw items named by their hex tag', () => {
    const extension: KmipItem = { tag: 0x540001, type: 'Integer', value: 9 };
    const decoded = attributeListV2.decode(struct(Tag.Attributes, extension), ctx20, []);
    assert.deepStrictEqual(decoded, [{ name: '0x540001', value: extension }]);
    assert.deepStrictEqual(
      attributeListV2.encode(decoded, Tag.Attributes, ctx20, []),
      struct(Tag.Attributes, extension),
    );
  });

  it('keeps a vendor identification that contains a dash', () => {
    const item = struct(
      Tag.Attribute,
      text(Tag.VendorIdentification, 'ACME-Corp'),
      text(Tag.AttributeName, 'tier'),
      text(Tag.AttributeValue, 'gold'),
    );
    const decoded = attributeListV2.decode(struct(Tag.Attributes, item), ctx20, []);
    assert.equal(decoded[0]?.name, 'ACME-Corp-tier');
    assert.deepStrictEqual(
      attributeListV2.encode(decoded, Tag.Attributes, ctx20, []),
      struct(Tag.Attributes, item),
    );
  });

  it('leaves out attributes the target version does not define', () => {
    const attrs: Attribute[] = [
      { name: 'OperationPolicyName', value: 'default' },
      { name: 'Sensitive', value: true },
      { name: 'State', value: State.Active },
    ];
    const in20 = attributeListV2.encode(attrs, Tag.Attributes, ctx20, []);
    assert.deepStrictEqual(in20.type === 'Structure' ? in20.value.map((c) => c.tag) : [], [
      Tag.Sensitive,
      Tag.State,
    ]);
    const in10 = templateAttribute.encode(
      { attributes: attrs },
      Tag.TemplateAttribute,
      { version: '1.0' },
      [],
    );
    assert.equal(in10.type === 'Structure' ? in10.value.length : -1, 2);
  });

  it('requires exactly one attribute in New Attribute', () => {
    assert.throws(
      () => singleAttributeV2.decode(struct(Tag.NewAttribute), ctx20, ['NewAttribute']),
      {
        code: 'KW_KMIP_MESSAGE',
        path: ['NewAttribute'],
      },
    );
    assert.deepStrictEqual(
      singleAttributeV2.decode(struct(Tag.NewAttribute, nameValue), ctx20, []),
      nameAttribute,
    );
  });
});

describe('findAttributeValue', () => {
  it('returns the first value of a name, typed for well-known attributes', () => {
    const name = findAttributeValue([nameAttribute], 'Name');
    assert.equal(name?.value, 'key-1');
    assert.equal(findAttributeValue([nameAttribute], 'State'), undefined);
  });
});
