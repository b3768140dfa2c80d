import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  CryptographicUsageMask,
  enumerationEntries,
  maskEntries,
  ObjectType,
  State,
  StorageStatusMask,
  Tag,
  tagEntries,
} from '../../../../src/kmip/generated/registry.ts';
import { parseTagText, tagNameOf } from '../../../../src/kmip/xml/tag-text.ts';
import type { Fail } from '../../../../src/kmip/xml/text-values.ts';
import {
  attributeTagOf,
  formatEnumeration,
  formatMask,
  parseEnumerationText,
  parseIntegerText,
  valueNamesFor,
} from '../../../../src/kmip/xml/value-names.ts';

class Problem extends Error {}
const fail: Fail = (problem) => {
  throw new Problem(problem);
};
const usageMask = valueNamesFor(Tag.CryptographicUsageMask, 'Integer', undefined);

describe('valueNamesFor', () => {
  it('names Enumerations by the tag’s enumeration and mask Integers by its mask', () => {
    assert.equal(valueNamesFor(Tag.ObjectType, 'Enumeration', undefined)?.kind, 'enumeration');
    assert.equal(usageMask?.kind, 'mask');
    assert.equal(valueNamesFor(Tag.CryptographicLength, 'Integer', undefined), undefined);
    assert.equal(valueNamesFor(Tag.ObjectType, 'Integer', undefined), undefined);
  });

  it('types a 1.x Attribute Value by the tag of its Attribute Name', () => {
    const names = valueNamesFor(Tag.AttributeValue, 'Enumeration', Tag.State);
    assert.equal(formatEnumeration(State.Active, names), 'Active');
    assert.equal(valueNamesFor(Tag.AttributeValue, 'Enumeration', undefined), undefined);
  });

  it('names KMIP 2.x Attribute Reference and Tag values by the tag table', () => {
    for (const tag of [Tag.AttributeReference, Tag.Tag]) {
      const names = valueNamesFor(tag, 'Enumeration', undefined);
      assert.equal(formatEnumeration(Tag.State, names), 'State');
      assert.equal(
        parseEnumerationText('CryptographicAlgorithm', names, fail),
        Tag.CryptographicAlgorithm,
      );
      assert.equal(formatEnumeration(0x540001, names), '0x00540001');
    }
  });
});

describe('attributeTagOf', () => {
  it('maps 1.x attribute names, ignoring runs of whitespace', () => {
    assert.equal(attributeTagOf('Cryptographic Usage Mask'), Tag.CryptographicUsageMask);
    assert.equal(attributeTagOf(' Cryptographic   Usage\tMask '), Tag.CryptographicUsageMask);
    assert.equal(attributeTagOf('x-Custom'), undefined);
    assert.equal(attributeTagOf('CryptographicUsageMask'), undefined);
  });
});

describe('Enumeration text', () => {
  const objectType = valueNamesFor(Tag.ObjectType, 'Enumeration', undefined);

  it('prints a known value by name and any other as 0x hex', () => {
    assert.equal(formatEnumeration(ObjectType.SymmetricKey, objectType), 'SymmetricKey');
    assert.equal(formatEnumeration(0x8000000a, objectType), '0x8000000A');
    assert.equal(formatEnumeration(2, undefined), '0x00000002');
  });

  it('reads names, aliases, hex and decimal; refuses unknown names', () => {
    assert.equal(parseEnumerationText('SymmetricKey', objectType, fail), ObjectType.SymmetricKey);
    assert.equal(parseEnumerationText('0x8000000A', objectType, fail), 0x8000000a);
    assert.equal(parseEnumerationText('7', objectType, fail), 7);
    const reasons = valueNamesFor(Tag.ResultReason, 'Enumeration', undefined);
    assert.equal(
      parseEnumerationText('NotAuthorized', reasons, fail),
      parseEnumerationText('NotAuthorised', reasons, fail),
    );
    assert.throws(() => parseEnumerationText('NoSuchName', objectType, fail), Problem);
    assert.throws(() => parseEnumerationText('SymmetricKey', undefined, fail), Problem);
    assert.throws(() => parseEnumerationText('-1', objectType, fail), Problem);
  });

  it('round-trips every value of every enumeration in the registry', () => {
    for (const set of Object.values(enumerationEntries)) {
      const names = { kind: 'enumeration', set } as const;
      for (const { value } of set.values) {
        assert.equal(
          parseEnumerationText(formatEnumeration(value, names), names, fail),
          value,
          set.name,
        );
      }
    }
  });
});

describe('mask text', () => {
  it('prints set bits by name, leftover bits as one hex part', () => {
    const { Encrypt, Decrypt } = CryptographicUsageMask;
    assert.equal(formatMask(Encrypt | Decrypt, usageMask, ' '), 'Encrypt Decrypt');
    assert.equal(formatMask(Encrypt | 0x40000000, usageMask, '|'), 'Encrypt|0x40000000');
    assert.equal(formatMask(0x40000000, usageMask, ' '), undefined, 'no names: print a number');
    assert.equal(formatMask(Encrypt, undefined, ' '), undefined);
  });

  it('reads names in any order, separated by spaces or |, with hex parts', () => {
    const { Encrypt, Decrypt } = CryptographicUsageMask;
    assert.equal(parseIntegerText('Decrypt   Encrypt', usageMask, fail), Encrypt | Decrypt);
    assert.equal(parseIntegerText('Encrypt|Decrypt', usageMask, fail), Encrypt | Decrypt);
    assert.equal(parseIntegerText('Encrypt 0x80000000', usageMask, fail), Encrypt | -0x80000000);
    assert.equal(parseIntegerText('12', usageMask, fail), 12);
    assert.equal(parseIntegerText('0x0000000C', usageMask, fail), 12);
    const storage = valueNamesFor(Tag.StorageStatusMask, 'Integer', undefined);
    assert.equal(
      parseIntegerText('OnLineStorage ArchivalStorage', storage, fail),
      StorageStatusMask.OnLineStorage | StorageStatusMask.ArchivalStorage,
    );
  });

  it('refuses unknown bit names, empty masks and names on a plain Integer', () => {
    assert.throws(() => parseIntegerText('Encrypt Frobnicate', usageMask, fail), Problem);
    assert.throws(() => parseIntegerText(' | ', usageMask, fail), Problem);
    assert.throws(() => parseIntegerText('Encrypt', undefined, fail), Problem);
  });

  it('round-trips every 32-bit value of every mask', () => {
    for (const set of Object.values(maskEntries)) {
      const names = { kind: 'mask', set } as const;
      fc.assert(
        fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (value) => {
          const text = formatMask(value, names, ' ') ?? String(value);
          assert.equal(parseIntegerText(text, names, fail), value);
        }),
      );
    }
  });
});

describe('tag text', () => {
  it('round-trips every registry tag name and hex tags in both ranges', () => {
    for (const { name, tag } of tagEntries) {
      assert.match(name, /^[A-Za-z_][A-Za-z0-9_]*$/, 'usable as an XML element name');
      assert.equal(parseTagText(tagNameOf(tag)!), tag, name);
    }
    assert.equal(parseTagText('0x540001'), 0x540001);
    assert.equal(parseTagText('0x42FFFF'), 0x42ffff);
    for (const bad of ['0x430000', '0x5400001', 'NoSuchTag', ''])
      assert.equal(parseTagText(bad), undefined);
  });
});
