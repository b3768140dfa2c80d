/** Property tests of the KMIP XML encoding (fast-check). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { decodeTtlv, encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import {
  decodeKmipXml,
  decodeKmipXmlDocument,
  encodeKmipXml,
  KmipXmlError,
} from '../../../../src/kmip/xml/index.ts';
import { kmipItemArbitraries, xmlTextArb } from '../../../support/kmip-testcases.ts';

const { primitive, structure } = kmipItemArbitraries(xmlTextArb);
const treeArb = fc.oneof({ weight: 4, arbitrary: structure }, { weight: 1, arbitrary: primitive });

/** Calls `decode`; anything thrown must be a KmipXmlError with a KW_KMIP_XML_ code. */
function decodesOrThrowsTyped(decode: () => unknown): void {
  try {
    decode();
  } catch (error) {
    assert.ok(error instanceof KmipXmlError, `untyped error: ${String(error)}`);
    assert.match(error.code, /^KW_KMIP_XML_/);
  }
}

/** A few edits of `text`: deletions, insertions of XML-ish snippets, duplicated slices. */
const mutationArb = fc.array(
  fc.tuple(
    fc.constantFrom('delete', 'insert', 'duplicate'),
    fc.nat(),
    fc.integer({ min: 1, max: 12 }),
    fc.oneof(
      fc.constantFrom(
        '<',
        '>',
        '/>',
        '"',
        "'",
        '&',
        '&#0;',
        '&lt;',
        '<!--',
        '-->',
        ' ',
        'type=',
        'value="x"',
        '<TTLV>',
        '0x',
        '|',
        '\uD800',
      ),
      fc.string({ maxLength: 4 }),
    ),
  ),
  { minLength: 1, maxLength: 4 },
);

function mutate(text: string, edits: [string, number, number, string][]): string {
  let out = text;
  for (const [kind, at, length, snippet] of edits) {
    const i = out.length === 0 ? 0 : at % out.length;
    if (kind === 'delete') out = out.slice(0, i) + out.slice(i + length);
    else if (kind === 'insert') out = out.slice(0, i) + snippet + out.slice(i);
    else out = out.slice(0, i) + out.slice(i, i + length) + out.slice(i);
  }
  return out;
}

describe('KMIP XML properties', () => {
  it('round-trips any item tree: tree → XML → tree', () => {
    fc.assert(
      fc.property(treeArb, fc.boolean(), (tree, indent) => {
        assert.deepStrictEqual(decodeKmipXml(encodeKmipXml(tree, { indent })), tree);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with TTLV: tree → TTLV → tree → XML → tree', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const fromTtlv = decodeTtlv(encodeTtlv(tree));
        assert.deepStrictEqual(decodeKmipXml(encodeKmipXml(fromTtlv)), fromTtlv);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips documents of several messages', () => {
    fc.assert(
      fc.property(
        fc.array(structure, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('KMIP', 'KmipTestCase', ''),
        (trees, wrapper) => {
          const body = trees
            .map((tree) => encodeKmipXml(tree, { indent: true }))
            .join('<!-- next -->\n');
          const xml = wrapper === '' ? body : `<${wrapper}>${body}</${wrapper}>`;
          assert.deepStrictEqual(decodeKmipXmlDocument(xml), trees);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('only ever throws KmipXmlError on random text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })),
        (text) => {
          decodesOrThrowsTyped(() => decodeKmipXml(text));
          decodesOrThrowsTyped(() => decodeKmipXmlDocument(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('only ever throws KmipXmlError on mutated documents', () => {
    fc.assert(
      fc.property(treeArb, mutationArb, (tree, edits) => {
        const xml = mutate(encodeKmipXml(tree as KmipItem), edits);
        decodesOrThrowsTyped(() => decodeKmipXml(xml));
        decodesOrThrowsTyped(() => decodeKmipXmlDocument(xml, { maxDepth: 4 }));
      }),
      { numRuns: 500 },
    );
  });
});
