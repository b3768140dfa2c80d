/** Property tests of the TTLV codec and message reader (fast-check). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import {
  decodeTtlv,
  encodedLength,
  encodeTtlv,
  TtlvDecodeError,
  TtlvMessageReader,
} from '../../../../src/kmip/ttlv/index.ts';
import type { TtlvDecodeOptions } from '../../../../src/kmip/ttlv/index.ts';

const tagArb = fc.oneof(
  fc.integer({ min: 0x420000, max: 0x42ffff }),
  fc.integer({ min: 0x540000, max: 0x54ffff }),
);
const int64Arb = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const uint32Arb = fc.integer({ min: 0, max: 0xffff_ffff });

function primitive<T extends KmipItem['type']>(
  type: T,
  value: fc.Arbitrary<unknown>,
): fc.Arbitrary<KmipItem> {
  return fc.record(
    { tag: tagArb, type: fc.constant(type), value },
    { noNullPrototype: true },
  ) as fc.Arbitrary<KmipItem>;
}

/** Any primitive item, values spanning each type's whole range. */
const primitiveArb: fc.Arbitrary<KmipItem> = fc.oneof(
  primitive('Integer', fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
  primitive('LongInteger', int64Arb),
  primitive('BigInteger', fc.oneof(int64Arb, fc.bigInt({ min: -(2n ** 1100n), max: 2n ** 1100n }))),
  primitive('Enumeration', uint32Arb),
  primitive('Boolean', fc.boolean()),
  // 'binary' covers every code point (multi-byte UTF-8, surrogate pairs); both string paths.
  primitive(
    'TextString',
    fc.oneof(fc.string({ maxLength: 70 }), fc.string({ unit: 'binary', maxLength: 70 })),
  ),
  primitive('ByteString', fc.uint8Array({ maxLength: 40 })),
  primitive(
    'DateTime',
    fc.integer({ min: -8.64e12, max: 8.64e12 }).map((seconds) => new Date(seconds * 1000)),
  ),
  primitive('Interval', uint32Arb),
  primitive('DateTimeExtended', int64Arb),
);

const { structure: structureArb } = fc.letrec<{ tree: KmipItem; structure: KmipItem }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, primitiveArb, tie('structure')),
  structure: fc.record(
    {
      tag: tagArb,
      type: fc.constant('Structure' as const),
      value: fc.array(tie('tree'), { maxLength: 5 }),
    },
    { noNullPrototype: true },
  ),
}));

/** A top-level item: mostly Structures (as messages are), sometimes a primitive. */
const topArb = fc.oneof(
  { weight: 4, arbitrary: structureArb },
  { weight: 1, arbitrary: primitiveArb },
);

/** Offsets of every item header in the encoding of `item` starting at `at`. */
function headerOffsets(item: KmipItem, at = 0, out: number[] = []): number[] {
  out.push(at);
  if (item.type === 'Structure') {
    let p = at + 8;
    for (const child of item.value) {
      headerOffsets(child, p, out);
      p += encodedLength(child);
    }
  }
  return out;
}

/** Decodes, requiring success or a TtlvDecodeError; a success must re-encode to the same tree. */
function decodeOrCodedError(bytes: Uint8Array, options?: TtlvDecodeOptions): void {
  let decoded: KmipItem;
  try {
    decoded = decodeTtlv(bytes, options);
  } catch (error) {
    assert.ok(error instanceof TtlvDecodeError, `unexpected ${String(error)}`);
    assert.ok(Number.isInteger(error.offset) && error.offset >= 0 && error.offset <= bytes.length);
    return;
  }
  assert.deepEqual(decodeTtlv(encodeTtlv(decoded), { maxDepth: 1000 }), decoded);
}

const mutationArb = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({
    kind: fc.constant('byte' as const),
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('length' as const),
    at: fc.nat(),
    value: fc.oneof(fc.integer({ min: 0, max: 80 }), uint32Arb),
  }),
);
type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

function mutate(item: KmipItem, bytes: Uint8Array, m: Mutation): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (m.kind) {
    case 'flip':
      bytes[m.at % bytes.length]! ^= 1 << m.bit;
      return bytes;
    case 'byte':
      bytes[m.at % bytes.length] = m.value;
      return bytes;
    case 'truncate':
      return bytes.subarray(0, m.at % bytes.length);
    case 'length': {
      // Overwrite the length field of one of the original items (if it is still in range).
      const offsets = headerOffsets(item);
      const at = offsets[m.at % offsets.length]! + 4;
      if (at + 4 <= bytes.length) view.setUint32(at, m.value);
      return bytes;
    }
  }
}

describe('TTLV codec properties', () => {
  it('round-trips random item trees: decode(encode(x)) deep-equals x', () => {
    fc.assert(
      fc.property(topArb, (item) => {
        const bytes = encodeTtlv(item);
        assert.equal(bytes.length, encodedLength(item));
        assert.equal(bytes.length % 8, 0);
        assert.deepEqual(decodeTtlv(bytes, { maxDepth: 1000 }), item);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every decoded Structure a packed child array of its exact length (issue #9 sizing)', () => {
    // The decoder sizes child arrays from the Structure's length and trims them when closed.
    const isPacked = (item: KmipItem): boolean =>
      item.type !== 'Structure' ||
      item.value.every((child, i) => Object.hasOwn(item.value, i) && isPacked(child));
    fc.assert(
      fc.property(topArb, (item) => {
        const decoded = decodeTtlv(encodeTtlv(item), { maxDepth: 1000 });
        assert.deepStrictEqual(decoded, item);
        assert.ok(isPacked(decoded));
        if (decoded.type === 'Structure') {
          assert.equal(Object.keys(decoded.value).length, decoded.value.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('decodes Structures of more children than the decoder counts ahead (64), and of empty strings', () => {
    const many = (n: number, child: (i: number) => KmipItem): KmipItem => ({
      tag: 0x420001,
      type: 'Structure',
      value: Array.from({ length: n }, (_, i) => child(i)),
    });
    const integer = (i: number): KmipItem => ({ tag: 0x420002, type: 'Integer', value: i });
    const empty = (): KmipItem => ({ tag: 0x420003, type: 'TextString', value: '' });
    for (const item of [
      many(200, integer),
      many(65, empty),
      many(3, (i) => many(i * 40, integer)),
      many(0, integer),
    ]) {
      assert.deepStrictEqual(decodeTtlv(encodeTtlv(item)), item);
    }
  });

  it('decodes random bytes or throws TtlvDecodeError, nothing else', () => {
    const headerish = fc
      .tuple(
        tagArb,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 96 }),
        fc.uint8Array({ maxLength: 96 }),
      )
      .map(([tag, type, length, body]) => {
        const out = new Uint8Array(8 + body.length);
        new DataView(out.buffer).setUint32(0, tag * 256 + type);
        new DataView(out.buffer).setUint32(4, length);
        out.set(body, 8);
        return out;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), headerish), (bytes) =>
        decodeOrCodedError(bytes),
      ),
      { numRuns: 500 },
    );
  });

  it('decodes mutated valid encodings or throws TtlvDecodeError, nothing else', () => {
    fc.assert(
      fc.property(
        topArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (item, mutations, maxDepth, strict) => {
          let bytes = encodeTtlv(item);
          for (const m of mutations) bytes = mutate(item, bytes, m);
          // Strict decoding with a predicate that knows only the standard range.
          const isKnownTag = strict ? (tag: number) => tag < 0x540000 : undefined;
          decodeOrCodedError(bytes, { maxDepth, isKnownTag });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects huge length fields without allocating for them', () => {
    const before = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    fc.assert(
      fc.property(
        tagArb,
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 2 ** 24, max: 0xffff_ffff }),
        fc.uint8Array({ maxLength: 64 }),
        fc.boolean(),
        (tag, type, length, body, nested) => {
          const header = new Uint8Array(8);
          new DataView(header.buffer).setUint32(0, tag * 256 + type);
          new DataView(header.buffer).setUint32(4, length);
          let bytes = new Uint8Array([...header, ...body]);
          if (nested) {
            // A well-sized Structure around the lying child.
            const outer = new Uint8Array(8 + bytes.length);
            new DataView(outer.buffer).setUint32(0, 0x42007801);
            new DataView(outer.buffer).setUint32(4, bytes.length);
            outer.set(bytes, 8);
            bytes = outer;
          }
          for (const maxMessageSize of [undefined, 2 ** 40]) {
            assert.throws(
              () => decodeTtlv(bytes, { maxMessageSize }),
              (error: unknown) =>
                error instanceof TtlvDecodeError &&
                ['KW_TTLV_TOO_LARGE', 'KW_TTLV_TRUNCATED', 'KW_TTLV_BAD_LENGTH'].includes(
                  error.code,
                ),
            );
          }
          assert.throws(() => new TtlvMessageReader({ expectStructure: false }).push(header), {
            code: 'KW_TTLV_TOO_LARGE',
          });
        },
      ),
      { numRuns: 300 },
    );
    assert.ok(
      process.memoryUsage().arrayBuffers - before < 16 * 2 ** 20,
      'no large buffer was allocated',
    );
    assert.ok(performance.now() - started < 2000, 'rejections are quick');
  });
});

describe('TtlvMessageReader properties', () => {
  it('yields exactly the messages of a stream cut into random chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(structureArb, primitiveArb), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (items, cuts) => {
          const messages = items.map(encodeTtlv);
          const stream = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
          let at = 0;
          for (const m of messages) stream.set(m, (at += m.length) - m.length);
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort(
            (a, b) => a - b,
          );
          const bounds = [0, ...points, stream.length];

          const reader = new TtlvMessageReader({ expectStructure: false });
          const got: Uint8Array[] = [];
          for (let i = 1; i < bounds.length; i++)
            got.push(...reader.push(stream.subarray(bounds[i - 1], bounds[i])));
          reader.end();
          assert.deepEqual(got, messages);
          assert.deepEqual(
            got.map((m) => decodeTtlv(m, { maxDepth: 1000 })),
            items,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
