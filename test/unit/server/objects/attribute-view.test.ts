// Listing order of all attributes (Get Attributes without names, Get Attribute List).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inListingOrder } from '../../../../src/server/objects/index.ts';

const names = (list: readonly string[]) =>
  inListingOrder(list.map((name, i) => ({ name, i }))).map((a) => a.name);

describe('inListingOrder', () => {
  it('puts identity and algorithm first, then the rest alphabetically, as the OASIS cases do (SKFF-M-9-21)', () => {
    assert.deepEqual(
      names([
        'State',
        'Name',
        'CryptographicLength',
        'Digest',
        'ObjectType',
        'KeyFormatType',
        'ActivationDate',
        'ShortUniqueIdentifier',
        'CryptographicAlgorithm',
        'Extractable',
        'UniqueIdentifier',
      ]),
      [
        'UniqueIdentifier',
        'ShortUniqueIdentifier',
        'ObjectType',
        'CryptographicAlgorithm',
        'CryptographicLength',
        'ActivationDate',
        'Digest',
        // The cases list Key Format Type right after Digest.
        'KeyFormatType',
        'Extractable',
        'Name',
        'State',
      ],
    );
  });

  it('puts custom attributes last, in their stored order, and keeps instances in order', () => {
    const list = [
      { name: 'x-b', i: 0 },
      { name: 'Name', i: 1 },
      { name: '0x540001', i: 2 },
      { name: 'Name', i: 3 },
      { name: 'x-a', i: 4 },
      { name: 'Digest', i: 5 },
    ];
    assert.deepEqual(
      inListingOrder(list).map((a) => a.i),
      [5, 1, 3, 0, 2, 4],
    );
  });
});
