/**
 * The converters between the KMIP 1.x and 2.x shapes, checked on the OASIS profile test
 * cases that exist for both 1.4 and 2.1 with the same content: every 1.4 message, decoded
 * and re-encoded for 2.1 (with the 2.1 file's header), equals the 2.1 file's message.
 * That covers Template-Attribute → Attributes, Attribute Name → Attribute Reference,
 * custom `x-…` attributes → Vendor Attributes and the 1.x-only response fields.
 * Test names differ by their suffix (`SKLC-M-1-14` vs `SKLC-M-1-21`), so Text Strings are
 * compared with `-14` read as `-21`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Tag } from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import {
  decodeRequestMessage,
  decodeResponseMessage,
  encodeRequestMessage,
  encodeResponseMessage,
} from '../../../../src/kmip/messages/index.ts';
import { loadTestCase } from '../../../support/kmip-testcases.ts';

// Pairs whose 1.4 and 2.1 files describe the same exchange (the others differ in content,
// e.g. 2.1 also asks for Key Format Type, or answers Wrong Key Lifecycle State).
const SAME_CONTENT = [
  'CS-AC-M-1',
  'CS-AC-M-2',
  'CS-AC-M-3',
  'CS-AC-M-4',
  'CS-AC-M-5',
  'CS-AC-M-6',
  'CS-AC-M-7',
  'CS-BC-M-1',
  'CS-BC-M-2',
  'CS-BC-M-3',
  'CS-BC-M-4',
  'CS-BC-M-5',
  'CS-BC-M-6',
  'CS-BC-M-7',
  'CS-BC-M-8',
  'CS-BC-M-9',
  'CS-BC-M-10',
  'CS-BC-M-11',
  'CS-BC-M-GCM-1',
  'CS-BC-M-GCM-3',
  'CS-RNG-M-1',
  'OMOS-M-1',
  'SASED-M-2',
  'SASED-M-3',
  'SKFF-M-1',
  'SKFF-M-2',
  'SKFF-M-3',
  'SKFF-M-4',
  'SKFF-M-5',
  'SKFF-M-6',
  'SKFF-M-7',
  'SKFF-M-8',
  'SKLC-M-1',
  'TL-M-2',
];

function load(name: string, version: '1.4' | '2.1'): KmipItem[] {
  const suffix = version.replace('.', '');
  return loadTestCase(`${version}/mandatory/${name}-${suffix}.xml`);
}

function renameSuffix(item: KmipItem): KmipItem {
  if (item.type === 'Structure') return { ...item, value: item.value.map(renameSuffix) };
  if (item.type === 'TextString') return { ...item, value: item.value.replace('-14', '-21') };
  return item;
}

describe('KMIP 1.4 messages re-encoded for 2.1', () => {
  for (const name of SAME_CONTENT) {
    it(`${name}: equal the 2.1 test case`, () => {
      const v14 = load(name, '1.4');
      const v21 = load(name, '2.1');
      assert.equal(v14.length, v21.length);
      v14.forEach((message, index) => {
        const target = v21[index] as KmipItem;
        let converted: KmipItem;
        if (message.tag === Tag.RequestMessage) {
          const header = decodeRequestMessage(target).header;
          converted = encodeRequestMessage({ ...decodeRequestMessage(message), header });
        } else {
          const header = decodeResponseMessage(target).header;
          converted = encodeResponseMessage({ ...decodeResponseMessage(message), header });
        }
        assert.deepStrictEqual(renameSuffix(converted), target, `message ${index}`);
      });
    });
  }
});
