/**
 * Data-driven TTLV vectors: the KMIP spec's §9.1.2 examples (exact bytes both ways) and the
 * transcribed OASIS messages (decode, re-encode byte for byte, and cross-check the decoded
 * tree against the fixture's independently generated `decodedXml`).
 *
 * Every vector is canonical (minimal Big Integers, zero padding), so none is listed as an
 * exception: a vector that stops round-tripping is a codec bug.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Tag } from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { bytesToHex, decodeTtlv, encodeTtlv, hexToBytes } from '../../../../src/kmip/ttlv/index.ts';

const dir = new URL('../../../fixtures/kmip/testcases/ttlv-hex/', import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

interface SpecExample {
  description: string;
  hex: string;
  tag: string;
  type: KmipItem['type'];
  value: unknown;
}

/** Builds the expected item from the spec example's JSON value. */
function expectedItem(e: { tag: string; type: KmipItem['type']; value: unknown }): KmipItem {
  const tag = Number.parseInt(e.tag, 16);
  switch (e.type) {
    case 'Structure':
      return { tag, type: e.type, value: (e.value as SpecExample[]).map(expectedItem) };
    case 'LongInteger':
    case 'BigInteger':
    case 'DateTimeExtended':
      return { tag, type: e.type, value: BigInt(e.value as string) };
    case 'ByteString':
      return { tag, type: e.type, value: hexToBytes(e.value as string) };
    case 'DateTime':
      return { tag, type: e.type, value: new Date(Number(e.value) * 1000) };
    default:
      return { tag, type: e.type, value: e.value } as KmipItem;
  }
}

describe('TTLV spec examples (KMIP 1.4 §9.1.2)', () => {
  const { examples } = readJson('spec-ttlv-examples.json') as { examples: SpecExample[] };
  it('has the 10 examples', () => assert.equal(examples.length, 10));
  for (const example of examples) {
    it(`decodes and encodes exactly: ${example.description}`, () => {
      const expected = expectedItem(example);
      assert.deepEqual(decodeTtlv(hexToBytes(example.hex)), expected);
      assert.equal(bytesToHex(encodeTtlv(expected)), example.hex.toUpperCase());
    });
  }
});

interface Vector {
  id: string;
  line?: number;
  hex: string;
  decodedXml: string;
}

const tagByName = new Map<string, number>(Object.entries(Tag));

/**
 * Checks the decoded tree against the fixture's XML rendering, element by element in
 * document order: tag, item type, and the values that need no enumeration names.
 */
function assertMatchesXml(item: KmipItem, xml: string): void {
  const items: KmipItem[] = [];
  const walk = (i: KmipItem): void => {
    items.push(i);
    if (i.type === 'Structure') i.value.forEach(walk);
  };
  walk(item);
  const elements = [...xml.matchAll(/<(\w+)(?: type="(\w+)")?(?: value="([^"]*)")?\s*\/?>/g)];
  assert.equal(elements.length, items.length, 'item count');
  elements.forEach(([, name, type, text], index) => {
    const got = items[index]!;
    assert.equal(got.tag, tagByName.get(name!), `tag of element ${index} (${name})`);
    assert.equal(got.type, type ?? 'Structure', `type of element ${index} (${name})`);
    if (text === undefined) return;
    if (got.type === 'TextString') assert.equal(got.value, text);
    if (got.type === 'ByteString') assert.equal(bytesToHex(got.value), text.toUpperCase());
    if (got.type === 'Boolean') assert.equal(String(got.value), text);
    if (got.type === 'BigInteger') assert.equal(got.value, BigInt(text));
    if (got.type === 'DateTime') assert.equal(got.value.getTime(), Date.parse(text));
    if (got.type === 'Integer' && /^-?\d+$/.test(text)) assert.equal(got.value, Number(text));
  });
}

for (const file of ['nlnetlabs-kmip-usecase-vectors.json', 'pykmip-kmip-doc-vectors.json']) {
  describe(`TTLV vectors: ${file}`, () => {
    const { vectors } = readJson(file) as { vectors: Vector[] };
    it('has vectors', () => assert.ok(vectors.length > 60));
    for (const vector of vectors) {
      // PyKMIP reuses test names across files of payloads, so the line number disambiguates.
      const name = vector.line === undefined ? vector.id : `${vector.id} (line ${vector.line})`;
      it(`${name}: decodes, re-encodes byte for byte, matches decodedXml`, () => {
        const item = decodeTtlv(hexToBytes(vector.hex));
        assert.equal(bytesToHex(encodeTtlv(item)), vector.hex.toUpperCase());
        assertMatchesXml(item, vector.decodedXml);
      });
    }
  });
}
