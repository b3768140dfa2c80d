/** Property tests of the KMIP JSON encoding (fast-check). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  decodeKmipJson,
  encodeKmipJson,
  encodeKmipJsonObject,
  KmipJsonError,
} from '../../../../src/kmip/json/index.ts';
import { decodeTtlv, encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import { anyTextArb, kmipItemArbitraries } from '../../../support/kmip-testcases.ts';

const { primitive, structure } = kmipItemArbitraries(anyTextArb);
const treeArb = fc.oneof({ weight: 4, arbitrary: structure }, { weight: 1, arbitrary: primitive });

/** Calls `decode`; anything thrown must be a KmipJsonError with a KW_KMIP_JSON_ code. */
function decodesOrThrowsTyped(decode: () => unknown): void {
  try {
    decode();
  } catch (error) {
    assert.ok(error instanceof KmipJsonError, `untyped error: ${String(error)}`);
    assert.match(error.code, /^KW_KMIP_JSON_/);
  }
}

/** JSON-ish values shaped like KMIP JSON nodes, with wrong members mixed in. */
const nodeLikeArb = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.record(
      {
        tag: fc.oneof(
          fc.constantFrom('BatchItem', 'AttributeValue', 'ObjectType', '0x540001', 'Nope'),
          fc.jsonValue(),
        ),
        type: fc.oneof(
          fc.constantFrom('Integer', 'Enumeration', 'TextString', 'Structure', 'BigInteger'),
          fc.jsonValue(),
        ),
        value: fc.oneof(fc.jsonValue(), fc.array(tie('node'), { maxLength: 3 })),
      },
      { requiredKeys: [] },
    ),
    fc.jsonValue(),
  ),
}));

describe('KMIP JSON properties', () => {
  it('round-trips any item tree: tree → JSON text → tree', () => {
    fc.assert(
      fc.property(treeArb, fc.boolean(), (tree, indent) => {
        assert.deepStrictEqual(decodeKmipJson(encodeKmipJson(tree, { indent })), tree);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips through the object form', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        assert.deepStrictEqual(decodeKmipJson(encodeKmipJsonObject(tree)), tree);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with TTLV: tree → TTLV → tree → JSON → tree', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const fromTtlv = decodeTtlv(encodeTtlv(tree));
        assert.deepStrictEqual(decodeKmipJson(encodeKmipJson(fromTtlv)), fromTtlv);
      }),
      { numRuns: 200 },
    );
  });

  it('only ever throws KmipJsonError on random text and random JSON values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.json()), (text) => {
        decodesOrThrowsTyped(() => decodeKmipJson(text));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(nodeLikeArb.node, (value) => {
        decodesOrThrowsTyped(() => decodeKmipJson(value));
        decodesOrThrowsTyped(() => decodeKmipJson(JSON.stringify(value) ?? 'undefined'));
      }),
      { numRuns: 500 },
    );
  });

  it('only ever throws KmipJsonError on mutated documents', () => {
    fc.assert(
      fc.property(
        treeArb,
        fc.nat(),
        fc.nat({ max: 8 }),
        fc.string({ maxLength: 3 }),
        (tree, at, cut, insert) => {
          const text = encodeKmipJson(tree);
          const i = at % (text.length + 1);
          decodesOrThrowsTyped(() =>
            decodeKmipJson(text.slice(0, i) + insert + text.slice(i + cut)),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
