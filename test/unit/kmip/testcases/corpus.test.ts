/**
 * The published KMIP test-case corpus (test/fixtures/kmip/testcases/, see README.md there)
 * replayed through all three encodings. For every message of every XML file:
 *   XML → tree → TTLV bytes → tree (deep-equal; TTLV re-encodes byte for byte)
 *   → XML → tree (deep-equal) → JSON → tree (deep-equal).
 * Files go through `prepareTestCase` first (annotations removed, placeholders given typed
 * values; see test/support/kmip-testcases.ts). The TTLV hex vectors with a decoded XML form
 * are checked against the XML decoder.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { decodeKmipJson, encodeKmipJson } from '../../../../src/kmip/json/index.ts';
import { decodeTtlv, encodeTtlv, hexToBytes } from '../../../../src/kmip/ttlv/index.ts';
import {
  decodeKmipXml,
  decodeKmipXmlDocument,
  encodeKmipXml,
  KmipXmlError,
} from '../../../../src/kmip/xml/index.ts';
import {
  listTestCaseFiles,
  loadTtlvHexVectors,
  prepareTestCase,
  readTestCase,
  UNREADABLE_TEST_CASES,
} from '../../../support/kmip-testcases.ts';

/** Every round trip of one message; `where` names it in failures. */
function assertRoundTrips(message: KmipItem, where: string): void {
  const bytes = encodeTtlv(message);
  const fromTtlv = decodeTtlv(bytes);
  assert.deepStrictEqual(fromTtlv, message, `${where}: TTLV round trip`);
  assert.deepStrictEqual(encodeTtlv(fromTtlv), bytes, `${where}: TTLV re-encoding`);
  const fromXml = decodeKmipXml(encodeKmipXml(fromTtlv));
  assert.deepStrictEqual(fromXml, message, `${where}: XML round trip`);
  const fromJson = decodeKmipJson(encodeKmipJson(fromXml));
  assert.deepStrictEqual(fromJson, message, `${where}: JSON round trip`);
}

const files = listTestCaseFiles();

describe('KMIP test-case corpus', () => {
  it('lists all 1016 XML files of MANIFEST.tsv, and every unreadable one among them', () => {
    assert.equal(files.length, 1016);
    for (const file of UNREADABLE_TEST_CASES.keys()) assert.ok(files.includes(file), file);
  });

  for (const file of files) {
    it(file, () => {
      const xml = prepareTestCase(readTestCase(file));
      const unreadable = UNREADABLE_TEST_CASES.get(file);
      if (unreadable !== undefined) {
        assert.throws(
          () => decodeKmipXmlDocument(xml),
          (error) => {
            return error instanceof KmipXmlError && error.code === unreadable.code;
          },
        );
        return;
      }
      const messages = decodeKmipXmlDocument(xml);
      assert.ok(messages.length > 0, 'no message');
      messages.forEach((message, i) => assertRoundTrips(message, `message ${i + 1}`));
    });
  }
});

describe('prepareTestCase', () => {
  it('gives $NOW placeholders typed times and ByteString placeholders distinct hex', () => {
    const xml = prepareTestCase(
      '<KMIP><A type="DateTime" value="$NOW"/><B value="$NOW-60" type="DateTime"/>' +
        '<C type="ByteString"\n value="$DATA_0"/><D type="TextString" value="$UNIQUE_IDENTIFIER_0"/></KMIP>',
    );
    assert.equal(
      xml,
      '<KMIP><A type="DateTime" value="2025-01-01T00:00:00+00:00"/><B value="2024-12-31T23:59:00+00:00" type="DateTime"/>' +
        '<C type="ByteString"\n value="24444154415f30"/><D type="TextString" value="$UNIQUE_IDENTIFIER_0"/></KMIP>',
    );
  });

  it('removes # annotations between elements, and nothing inside attribute values', () => {
    assert.equal(
      prepareTestCase('<KMIP> # TIME 0 <A/>\n# note\n  over lines <B v="&#913;"/></KMIP>'),
      '<KMIP> <A/>\n<B v="&#913;"/></KMIP>',
    );
  });
});

describe('KMIP TTLV hex vectors with a decoded XML form', () => {
  for (const vector of loadTtlvHexVectors()) {
    it(vector.name, () => {
      const fromTtlv = decodeTtlv(hexToBytes(vector.hex));
      assert.deepStrictEqual(decodeKmipXml(vector.decodedXml), fromTtlv);
      assertRoundTrips(fromTtlv, vector.name);
    });
  }
});
