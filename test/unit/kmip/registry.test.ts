import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  compareVersions,
  enumValueByName,
  enumValueEntry,
  enumerationOfTag,
  existsInVersion,
  isAllowedType,
  isExtensionEnumValue,
  isExtensionTag,
  maskBitByName,
  maskOfTag,
  splitMask,
  tagEntry,
  tagEntryByAttributeName,
  tagEntryByName,
  tagTypeInVersion,
  versionName,
} from '../../../src/kmip/registry.ts';
import {
  CryptographicUsageMask,
  ObjectType,
  ResultReason,
  Tag,
  tagEntries,
  enumerationEntries,
  maskEntries,
} from '../../../src/kmip/generated/registry.ts';
import { KMIP_VERSIONS } from '../../../src/kmip/registry-types.ts';

interface RawRegistry {
  tags: { name: string; tag: string; since: string; until: string | null }[];
  enumerations: Record<string, { values: { name: string; value: string }[] }>;
  masks: Record<string, { values: { name: string; value: string }[] }>;
}
const raw = JSON.parse(
  readFileSync(new URL('../../../data/kmip/registry.json', import.meta.url), 'utf8'),
) as RawRegistry;

describe('generated registry', () => {
  it('holds every tag, enumeration value and mask bit of registry.json', () => {
    assert.equal(tagEntries.length, raw.tags.length);
    for (const t of raw.tags) {
      assert.equal(tagEntryByName(t.name)?.tag, Number(t.tag), t.name);
    }
    for (const [name, set] of Object.entries(raw.enumerations)) {
      assert.equal(enumerationEntries[name]?.values.length, set.values.length, name);
      for (const v of set.values)
        assert.equal(enumValueByName(name, v.name)?.value, Number(v.value));
    }
    for (const [name, set] of Object.entries(raw.masks)) {
      assert.equal(maskEntries[name]?.values.length, set.values.length, name);
    }
  });

  it('counts the tags valid in each version as data/kmip/SOURCES.md states', () => {
    const expected = {
      '1.0': 161,
      '1.1': 183,
      '1.2': 211,
      '1.3': 247,
      '1.4': 292,
      '2.0': 338,
      '2.1': 355,
    };
    for (const version of KMIP_VERSIONS) {
      const count = tagEntries.filter((e) => existsInVersion(e, version)).length;
      assert.equal(count, expected[version], version);
    }
  });

  it('exposes constants by normalized name', () => {
    assert.equal(Tag.UniqueIdentifier, 0x420094);
    assert.equal(ObjectType.SymmetricKey, 2);
    assert.equal(ResultReason.ItemNotFound, 1);
    assert.equal(CryptographicUsageMask.Encrypt, 4);
  });
});

describe('registry lookups', () => {
  it('finds tags by number, name and KMIP 1.x attribute name', () => {
    assert.equal(tagEntry(0x420028)?.name, 'CryptographicAlgorithm');
    assert.equal(tagEntryByAttributeName('Cryptographic Algorithm')?.tag, 0x420028);
    assert.equal(tagEntryByAttributeName('x-custom'), undefined);
    assert.equal(tagEntry(0x540001), undefined);
  });

  it('answers the item type a tag has in each version', () => {
    const asyncIndicator = tagEntryByName('AsynchronousIndicator');
    assert.ok(asyncIndicator);
    assert.equal(tagTypeInVersion(asyncIndicator, '1.4'), 'Boolean');
    assert.equal(tagTypeInVersion(asyncIndicator, '2.0'), 'Enumeration');
    const keyMaterial = tagEntryByName('KeyMaterial');
    assert.ok(keyMaterial);
    assert.ok(isAllowedType(keyMaterial, 'Structure'));
    assert.ok(isAllowedType(keyMaterial, 'ByteString'));
    assert.ok(!isAllowedType(keyMaterial, 'Integer'));
  });

  it('knows which versions define a tag', () => {
    const fresh = tagEntryByName('Fresh');
    assert.ok(fresh);
    assert.equal(existsInVersion(fresh, '1.0'), false);
    assert.equal(existsInVersion(fresh, '1.1'), true);
    const attributeIndex = tagEntryByName('AttributeIndex');
    assert.ok(attributeIndex);
    assert.equal(existsInVersion(attributeIndex, '1.4'), true);
    assert.equal(existsInVersion(attributeIndex, '2.0'), false);
  });

  it('resolves enumeration values, aliases and former names', () => {
    assert.equal(enumerationOfTag(Tag.ObjectType)?.name, 'ObjectType');
    assert.equal(enumValueEntry('ObjectType', 2)?.name, 'SymmetricKey');
    assert.equal(enumValueByName('ResultReason', 'NotAuthorized')?.name, 'NotAuthorised');
    assert.equal(enumValueByName('HashingAlgorithm', 'SHA-3-256')?.name, 'SHA3_256');
    assert.equal(enumValueEntry('ObjectType', 0x7fffffff), undefined);
    assert.ok(isExtensionEnumValue(0x80000001));
    assert.ok(!isExtensionEnumValue(0x7fffffff));
  });

  it('splits masks into named bits and keeps unnamed bits', () => {
    assert.equal(maskOfTag(Tag.CryptographicUsageMask)?.name, 'CryptographicUsageMask');
    assert.deepEqual(splitMask('CryptographicUsageMask', 0x0c), {
      names: ['Encrypt', 'Decrypt'],
      rest: 0,
    });
    assert.deepEqual(splitMask('CryptographicUsageMask', 0x80000004), {
      names: ['Encrypt'],
      rest: 0x80000000,
    });
    assert.equal(maskBitByName('CryptographicUsageMask', 'ContentCommitment')?.value, 0x400);
  });

  it('orders and names versions', () => {
    assert.ok(compareVersions('1.4', '2.0') < 0);
    assert.equal(versionName(2, 1), '2.1');
    assert.equal(versionName(3, 0), undefined);
    // Every pair near the known ones names exactly the versions listed (issue #9: a lookup
    // table replaced building the `major.minor` string).
    for (let major = -1; major <= 4; major++) {
      for (let minor = -1; minor <= 12; minor++) {
        const text = `${major}.${minor}`;
        const expected = (KMIP_VERSIONS as readonly string[]).includes(text) ? text : undefined;
        assert.equal(versionName(major, minor), expected, text);
      }
    }
    assert.equal(versionName(1.5, 0), undefined);
    assert.ok(isExtensionTag(0x540000));
    assert.ok(!isExtensionTag(0x420000));
  });
});
