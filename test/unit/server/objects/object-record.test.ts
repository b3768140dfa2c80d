import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ObjectType, State } from '../../../../src/kmip/generated/registry.ts';
import {
  assignIndexes,
  toMetadataRecord,
  toRecord,
  toStoredAttributes,
} from '../../../../src/server/objects/object-record.ts';
import type { StoredAttribute, StoredObject } from '../../../../src/store/index.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { IndexedAttribute } from '../../../../src/server/objects/object-record.ts';

const NOW = new Date('2026-11-26T00:00:00Z');

/** The record attributes as the first implementation built them (the reference). */
function referenceAttributes(stored: StoredObject, state: keyof typeof State) {
  const splits = stored.attributes.find((a) => a.name === '@VendorIdentifications')?.value as
    Record<string, string> | undefined;
  return [
    { name: 'UniqueIdentifier', index: 0, value: stored.id },
    {
      name: 'ObjectType',
      index: 0,
      value: ObjectType[stored.objectType as keyof typeof ObjectType],
    },
    { name: 'State', index: 0, value: State[state] },
    ...stored.attributes
      .filter((a) => a.name !== '@VendorIdentifications')
      .map((a) => {
        const vendor =
          splits !== undefined && Object.hasOwn(splits, a.name) ? splits[a.name] : undefined;
        return {
          name: a.name,
          index: a.index,
          value: a.value,
          ...(vendor !== undefined && { vendorIdentification: vendor }),
        };
      }),
  ];
}

const names = fc.constantFrom('Name', 'x-a', 'x-b', 'y-c', 'ObjectGroup', 'Fresh');
const attribute: fc.Arbitrary<StoredAttribute> = fc
  .tuple(names, fc.nat(3), fc.oneof(fc.string(), fc.boolean(), fc.integer()))
  .map(([name, index, value]) => ({ name, index, value }));
const storedObject: fc.Arbitrary<StoredObject> = fc
  .tuple(
    fc.array(attribute, { maxLength: 8 }),
    fc.option(fc.dictionary(names, fc.constantFrom('acme-corp', 'a-b-c')), { nil: undefined }),
    fc.option(fc.uint8Array({ minLength: 1, maxLength: 4 }), { nil: null }),
  )
  .map(([attributes, splits, material]) => ({
    id: 'id-1',
    objectType: 'SecretData',
    state: 'Active' as const,
    owner: 'alice',
    createdAt: NOW,
    updatedAt: NOW,
    revision: 3,
    material,
    attributes:
      splits === undefined
        ? attributes
        : [...attributes, { name: '@VendorIdentifications', index: 0, value: splits }],
  }));

describe('toRecord and toMetadataRecord (issue #9: one pass over the stored attributes)', () => {
  it('property: present the attributes as the reference does, vendor splits folded in', () => {
    fc.assert(
      fc.property(storedObject, (stored) => {
        const metadata = toMetadataRecord(stored, NOW);
        assert.deepEqual(metadata.attributes, referenceAttributes(stored, 'Active'));
        assert.deepEqual(Object.keys(metadata), [
          'id',
          'objectType',
          'state',
          'owner',
          'revision',
          'attributes',
        ]);
        if (stored.material === null) {
          const record = toRecord(stored, NOW);
          assert.deepEqual({ ...record, object: undefined }, { ...metadata, object: undefined });
          assert.equal(record.object, undefined);
        }
      }),
    );
  });

  it('property: the stored attributes come back from the record unchanged', () => {
    fc.assert(
      fc.property(storedObject, (stored) => {
        const sorted = [...stored.attributes].sort((a, b) =>
          a.name === b.name ? a.index - b.index : a.name < b.name ? -1 : 1,
        );
        const record = toMetadataRecord({ ...stored, attributes: sorted }, NOW);
        const back = toStoredAttributes(record.attributes);
        const splits = sorted.find((a) => a.name === '@VendorIdentifications');
        const plain = sorted.filter((a) => a.name !== '@VendorIdentifications');
        assert.deepEqual(
          back.filter((a) => a.name !== '@VendorIdentifications'),
          plain,
        );
        // Only the splits of names the object has survive the round trip.
        const kept = back.find((a) => a.name === '@VendorIdentifications');
        if (splits === undefined) assert.equal(kept, undefined);
      }),
    );
  });
});

// assignIndexes and toStoredAttributes as they were before the one-pass forms (issue #9).
function referenceAssignIndexes(attributes: readonly Attribute[]): IndexedAttribute[] {
  const used = new Map<string, Set<number>>();
  for (const a of attributes) {
    if (a.index !== undefined) used.set(a.name, (used.get(a.name) ?? new Set()).add(a.index));
  }
  return attributes.map((a) => {
    if (a.index !== undefined) return { ...a, index: a.index };
    const set = used.get(a.name) ?? new Set<number>();
    let index = 0;
    while (set.has(index)) index++;
    used.set(a.name, set.add(index));
    return { ...a, index };
  });
}
function referenceToStored(attributes: readonly IndexedAttribute[]): StoredAttribute[] {
  const kept = attributes.filter(
    (a) => !['UniqueIdentifier', 'ObjectType', 'State'].includes(a.name),
  );
  const splits: Record<string, string> = {};
  for (const a of kept)
    if (a.vendorIdentification !== undefined) splits[a.name] = a.vendorIdentification;
  const stored = kept.map((a) => ({ name: a.name, index: a.index, value: a.value }));
  if (Object.keys(splits).length > 0)
    stored.push({ name: '@VendorIdentifications', index: 0, value: splits });
  return stored.sort((a, b) => (a.name === b.name ? a.index - b.index : a.name < b.name ? -1 : 1));
}

const clientAttribute: fc.Arbitrary<Attribute> = fc
  .tuple(
    fc.constantFrom('Name', 'x-a', 'ObjectGroup', 'State', 'UniqueIdentifier', 'Fresh'),
    fc.option(fc.nat(3), { nil: undefined }),
    fc.string({ maxLength: 3 }),
    fc.option(fc.constantFrom('acme', 'a-b'), { nil: undefined }),
  )
  .map(([name, index, value, vendor]) => ({
    name,
    value,
    ...(index !== undefined && { index }),
    ...(vendor !== undefined && { vendorIdentification: vendor }),
  }));

describe('assignIndexes and toStoredAttributes (issue #9: one pass, no Set per name)', () => {
  it('property: give the same indexes and stored list as the reference, with or without explicit indexes', () => {
    fc.assert(
      fc.property(
        fc.array(clientAttribute, { maxLength: 10 }),
        fc.boolean(),
        (list, dropIndexes) => {
          const input = dropIndexes ? list.map(({ index: _, ...rest }) => rest) : list;
          const indexed = assignIndexes(input);
          assert.deepStrictEqual(indexed, referenceAssignIndexes(input));
          assert.deepStrictEqual(toStoredAttributes(indexed), referenceToStored(indexed));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: long lists (counted per name in a Map) give the same indexes as the reference', () => {
    fc.assert(
      fc.property(
        fc.array(clientAttribute, { minLength: 33, maxLength: 60 }),
        fc.boolean(),
        (list, dropIndexes) => {
          const input = dropIndexes ? list.map(({ index: _, ...rest }) => rest) : list;
          assert.deepStrictEqual(assignIndexes(input), referenceAssignIndexes(input));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('numbers repeated names in order when no instance carries an index', () => {
    const indexed = assignIndexes([
      { name: 'Name', value: 'a' },
      { name: 'ObjectGroup', value: 'g' },
      { name: 'Name', value: 'b' },
    ]);
    assert.deepStrictEqual(
      indexed.map((a) => [a.name, a.index]),
      [
        ['Name', 0],
        ['ObjectGroup', 0],
        ['Name', 1],
      ],
    );
  });
});
