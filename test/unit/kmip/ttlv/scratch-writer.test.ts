/**
 * The encoder's reused scratch buffer: wiped between uses, grown and dropped as needed,
 * large Byte Strings placed directly, re-entrant use, and output that is byte-identical to a
 * naive reference encoder.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { ItemType } from '../../../../src/kmip/item.ts';
import {
  decodeTtlv,
  encodedLength,
  encodeTtlv,
  TtlvEncodeError,
} from '../../../../src/kmip/ttlv/index.ts';
import {
  acquireWriter,
  DIRECT_COPY_MIN,
  releaseWriter,
  ScratchWriter,
} from '../../../../src/kmip/ttlv/scratch-writer.ts';

const TAG = 0x420020;

/** A deliberately plain TTLV encoder (KMIP 1.0 §9.1.1): the oracle for encodeTtlv. */
function referenceEncode(item: KmipItem): number[] {
  let value: number[];
  const u32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const i64 = (n: bigint): number[] => {
    const bytes: number[] = [];
    for (let shift = 56n; shift >= 0n; shift -= 8n) bytes.push(Number((n >> shift) & 255n));
    return bytes;
  };
  switch (item.type) {
    case 'Structure':
      value = item.value.flatMap(referenceEncode);
      break;
    case 'Integer':
    case 'Enumeration':
    case 'Interval':
      value = u32(item.value >>> 0);
      break;
    case 'LongInteger':
    case 'DateTimeExtended':
      value = i64(item.value);
      break;
    case 'BigInteger': {
      let length = 8;
      while (BigInt.asIntN(length * 8, item.value) !== item.value) length += 8;
      value = [];
      for (let i = length - 1; i >= 0; i--)
        value.push(Number((item.value >> BigInt(8 * i)) & 255n));
      break;
    }
    case 'Boolean':
      value = i64(item.value ? 1n : 0n);
      break;
    case 'TextString':
      value = [...new TextEncoder().encode(item.value)];
      break;
    case 'ByteString':
      value = [...item.value];
      break;
    case 'DateTime':
      value = i64(BigInt(Math.floor(item.value.getTime() / 1000)));
      break;
  }
  const fixed = ['Integer', 'Enumeration', 'Interval'].includes(item.type) ? 4 : value.length;
  const padding = new Array<number>((8 - (value.length % 8)) % 8).fill(0);
  const tag = [item.tag >>> 16, (item.tag >>> 8) & 255, item.tag & 255, ItemType[item.type]];
  return [...tag, ...u32(fixed), ...value, ...padding];
}

/** True if the shared scratch holds only zeros (it must between encodes). */
function isSharedScratchZero(): boolean {
  const writer = acquireWriter();
  try {
    return writer.pos === 0 && writer.buf.every((b) => b === 0);
  } finally {
    releaseWriter(writer, false);
  }
}

const bytesOf = (length: number, seed: number): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 255 || 1);
const text = (tag: number, value: string): KmipItem => ({ tag, type: 'TextString', value });
const bytes = (tag: number, value: Uint8Array): KmipItem => ({ tag, type: 'ByteString', value });
const structure = (value: KmipItem[]): KmipItem => ({ tag: TAG, type: 'Structure', value });

describe('ScratchWriter', () => {
  it('grows on reserve, keeping what was written and wiping the old buffer', () => {
    const writer = new ScratchWriter(16);
    const first = writer.buf;
    writer.reserve(16);
    first.fill(7);
    writer.pos = 16;
    writer.reserve(100);
    assert.notEqual(writer.buf, first);
    assert.ok(writer.buf.length >= 116);
    assert.deepEqual(writer.buf.subarray(0, 16), new Uint8Array(16).fill(7));
    assert.ok(first.every((b) => b === 0));
    assert.equal(writer.view.buffer, writer.buf.buffer);
  });

  it('copies out exactly the written bytes with directly placed ones in their slots, then wipes', () => {
    const writer = new ScratchWriter(64);
    writer.buf.set([1, 2, 3, 4, 5, 6, 7, 8]);
    writer.pos = 8;
    writer.placeDirect(bytesOf(600, 1), 600, 600);
    writer.buf.set([9, 9, 9, 9, 9, 9, 9, 9], 8); // buffer offset 8 = output offset 608
    writer.pos += 8;
    writer.placeDirect(bytesOf(600, 2), 3, 8); // only the first 3 bytes, padded to 8
    const out = writer.copyOut();
    assert.equal(out.length, 624);
    assert.deepEqual(out.subarray(0, 8), Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    assert.deepEqual(out.subarray(8, 608), bytesOf(600, 1));
    assert.deepEqual(out.subarray(608, 616), new Uint8Array(8).fill(9));
    assert.deepEqual(out.subarray(616, 624), Uint8Array.from([...bytesOf(3, 2), 0, 0, 0, 0, 0]));
    writer.wipe(false);
    assert.equal(writer.pos, 0);
    assert.equal(writer.skipped, 0);
    assert.ok(writer.buf.every((b) => b === 0));
  });
});

describe('encodeTtlv with the shared scratch', () => {
  it('leaves the scratch zeroed after an encode carrying key material, and after a failed one', () => {
    encodeTtlv(structure([bytes(0x420043, bytesOf(32, 3)), text(0x4200a1, 'p4ssw0rd')]));
    assert.ok(isSharedScratchZero());
    const bad = structure([bytes(0x420043, bytesOf(32, 3)), text(0x4200a1, 'ok\uD800')]);
    assert.throws(() => encodeTtlv(bad), TtlvEncodeError);
    assert.ok(isSharedScratchZero());
    assert.throws(() => encodedLength(structure([text(TAG, 'x'.repeat(50)), text(TAG, '\uDC00')])));
    assert.ok(isSharedScratchZero());
  });

  it('returns a new array owning exactly its bytes each time, unaffected by later encodes', () => {
    const item = structure([text(0x420094, 'a-key-id'), bytes(0x420043, bytesOf(32, 5))]);
    const a = encodeTtlv(item);
    const b = encodeTtlv(item);
    assert.notEqual(a.buffer, b.buffer);
    for (const out of [a, b]) {
      assert.equal(out.constructor, Uint8Array);
      assert.equal(out.byteOffset, 0);
      assert.equal(out.buffer.byteLength, out.length);
    }
    const copy = Uint8Array.from(a);
    b.fill(0xaa);
    encodeTtlv(structure([text(TAG, 'something else entirely')]));
    assert.deepEqual(a, copy);
    assert.deepEqual(encodeTtlv(item), copy);
  });

  it('encodes messages larger than the scratch keeps, and small ones after them', () => {
    const big = structure([text(TAG, 'é'.repeat(200_000)), bytes(TAG, bytesOf(300, 1))]);
    const small = structure([text(TAG, 'small')]);
    for (const item of [small, big, small, big]) {
      assert.deepEqual([...encodeTtlv(item)], referenceEncode(item));
      assert.equal(encodedLength(item), referenceEncode(item).length);
    }
    assert.ok(isSharedScratchZero());
    // The 400 KB scratch the big message needed is not kept.
    const writer = acquireWriter();
    releaseWriter(writer, false);
    assert.ok(writer.buf.length < 400_000);
  });

  it('sizes a long Text String exactly instead of reserving 3 bytes per character', () => {
    const item = structure([text(TAG, 'a'.repeat(60_000))]);
    assert.deepEqual([...encodeTtlv(item)], referenceEncode(item));
    const writer = acquireWriter();
    releaseWriter(writer, false);
    assert.ok(writer.buf.length < 100_000, `scratch of ${writer.buf.length} bytes`);
  });

  it(`places Byte Strings of ${DIRECT_COPY_MIN} bytes and more directly, at any position`, () => {
    const sizes = [0, 1, DIRECT_COPY_MIN - 1, DIRECT_COPY_MIN, DIRECT_COPY_MIN + 3, 70_000];
    for (const size of sizes) {
      const item = structure([
        bytes(TAG, bytesOf(size, 1)),
        bytes(TAG, bytesOf(size + 1, 2)),
        structure([text(TAG, 'between'), bytes(TAG, bytesOf(size, 3))]),
        bytes(TAG, bytesOf(size, 4)),
      ]);
      const out = encodeTtlv(item);
      assert.deepEqual([...out], referenceEncode(item), `size ${size}`);
      assert.deepEqual(decodeTtlv(out), item);
    }
    assert.ok(isSharedScratchZero());
  });

  it('encodes correctly when an item calls the encoder again mid-encode', () => {
    const inner = structure([text(TAG, 'inner'), bytes(TAG, bytesOf(600, 9))]);
    let innerBytes: Uint8Array | undefined;
    class ReentrantDate extends Date {
      override getTime(): number {
        innerBytes = encodeTtlv(inner);
        return super.getTime();
      }
    }
    const outer = structure([
      text(TAG, 'before'),
      { tag: TAG, type: 'DateTime', value: new ReentrantDate(1_700_000_000_000) },
      text(TAG, 'after'),
    ]);
    const expected = referenceEncode(outer);
    assert.deepEqual([...encodeTtlv(outer)], expected);
    assert.deepEqual([...(innerBytes ?? [])], referenceEncode(inner));
    assert.ok(isSharedScratchZero());
  });

  it('matches the reference encoder on random trees, encoded back to back', () => {
    const tagArb = fc.oneof(
      fc.integer({ min: 0x420000, max: 0x42ffff }),
      fc.integer({ min: 0x540000, max: 0x54ffff }),
    );
    const int64Arb = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    const leaf = (type: KmipItem['type'], value: fc.Arbitrary<unknown>): fc.Arbitrary<KmipItem> =>
      fc.record({ tag: tagArb, type: fc.constant(type), value }) as fc.Arbitrary<KmipItem>;
    const leafArb = fc.oneof(
      leaf('Integer', fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
      leaf('Enumeration', fc.integer({ min: 0, max: 0xffff_ffff })),
      leaf('Interval', fc.integer({ min: 0, max: 0xffff_ffff })),
      leaf('LongInteger', int64Arb),
      leaf('DateTimeExtended', int64Arb),
      leaf('BigInteger', fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n })),
      leaf('Boolean', fc.boolean()),
      leaf('TextString', fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary' }))),
      leaf(
        'ByteString',
        fc.oneof(
          fc.uint8Array({ maxLength: 40 }),
          fc.uint8Array({ minLength: 500, maxLength: 700 }),
        ),
      ),
      leaf(
        'DateTime',
        fc.integer({ min: -8.64e12, max: 8.64e12 }).map((s) => new Date(s * 1000)),
      ),
    );
    const { tree } = fc.letrec<{ tree: KmipItem }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        leafArb,
        fc.record({
          tag: tagArb,
          type: fc.constant('Structure' as const),
          value: fc.array(tie('tree'), { maxLength: 6 }),
        }) as fc.Arbitrary<KmipItem>,
      ),
    }));
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 3 }), (items) => {
        for (const item of items) {
          const want = referenceEncode(item);
          assert.deepEqual([...encodeTtlv(item)], want);
          assert.equal(encodedLength(item), want.length);
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(isSharedScratchZero());
  });
});
