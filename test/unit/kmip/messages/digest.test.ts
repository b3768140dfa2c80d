// The Digest attribute structure per version: KMIP 1.0 has no Key Format Type field (OASIS SKLC-M-1-10).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HashingAlgorithm, KeyFormatType, Tag } from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { digest } from '../../../../src/kmip/messages/common.ts';

const value = {
  hashingAlgorithm: HashingAlgorithm.SHA_256,
  digestValue: new Uint8Array(32),
  keyFormatType: KeyFormatType.Raw,
};

const fieldTags = (item: KmipItem) =>
  item.type === 'Structure' ? item.value.map((c) => c.tag) : [];

describe('Digest codec', () => {
  it('leaves Key Format Type out in KMIP 1.0', () => {
    const item = digest.encode(value, Tag.Digest, { version: '1.0' }, []);
    assert.deepEqual(fieldTags(item), [Tag.HashingAlgorithm, Tag.DigestValue]);
  });

  for (const version of ['1.1', '1.4', '2.1'] as const) {
    it(`carries Key Format Type in KMIP ${version}`, () => {
      const item = digest.encode(value, Tag.Digest, { version }, []);
      assert.deepEqual(fieldTags(item), [Tag.HashingAlgorithm, Tag.DigestValue, Tag.KeyFormatType]);
      assert.deepEqual(digest.decode(item, { version }, []), value);
    });
  }
});
