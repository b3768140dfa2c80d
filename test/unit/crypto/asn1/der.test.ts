import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DER_NULL,
  DerTag,
  derBitString,
  derBmpString,
  derInteger,
  derOctets,
  derOid,
  derSequence,
  derSet,
  expectDerTag,
  hasMinimalLength,
  readDer,
  readDerAt,
  readDerChildren,
  readDerOid,
  readDerSmallInteger,
  readDerUnsignedInteger,
  tryDer,
  type DerNode,
} from '../../../../src/crypto/asn1/der.ts';
import { CryptoDerFormatError } from '../../../../src/crypto/asn1/errors.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytesOf = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

function refuses(read: () => unknown, detail?: string): void {
  assert.throws(read, (error: unknown) => {
    assert.ok(error instanceof CryptoDerFormatError);
    assert.equal(error.code, 'KW_CRYPTO_DER_FORMAT');
    if (detail !== undefined) assert.equal(error.detail, detail);
    return true;
  });
}

// Walks every element (children of constructed tags), as a parser would.
function walk(node: DerNode, depth = 0): void {
  if (depth < 8 && node.tag & 0x20) for (const c of readDerChildren(node)) walk(c, depth + 1);
}

describe('DER writer', () => {
  it('writes short and long lengths minimally', () => {
    assert.equal(hex(derOctets(new Uint8Array(3))), '0403000000');
    assert.equal(hex(derOctets(new Uint8Array(0x80)).subarray(0, 3)), '048180');
    assert.equal(hex(derOctets(new Uint8Array(0x100)).subarray(0, 4)), '04820100');
  });

  it('writes INTEGERs minimal, with a sign byte when the top bit is set', () => {
    assert.equal(hex(derInteger(0)), '020100');
    assert.equal(hex(derInteger(127)), '02017f');
    assert.equal(hex(derInteger(128)), '02020080');
    assert.equal(hex(derInteger(0x10000n)), '0203010000');
    assert.throws(() => derInteger(-1), RangeError);
    assert.throws(() => derInteger(-1n), RangeError);
    assert.throws(() => derInteger(1.5), RangeError);
  });

  it('writes OIDs, BMPStrings, NULL, BIT STRINGs and sorted SETs', () => {
    assert.equal(hex(derOid('1.2.840.113549.1.7.1')), '06092a864886f70d010701');
    assert.equal(hex(derBmpString('A')), '1e020041');
    assert.equal(hex(DER_NULL), '0500');
    assert.equal(hex(derBitString(Uint8Array.of(0xff))), '030200ff');
    assert.equal(hex(derSet(derInteger(2), derInteger(1))), '3106020101020102');
  });
});

describe('DER reader', () => {
  it('reads nested elements as views into the input', () => {
    const der = derSequence(derInteger(5), derOid('1.2.3'), derOctets(Uint8Array.of(9)));
    const root = readDer(der, DerTag.Sequence);
    const [n, oid, octets] = readDerChildren(root);
    assert.equal(readDerSmallInteger(n), 5);
    assert.equal(readDerOid(oid), '1.2.3');
    assert.equal(expectDerTag(octets, DerTag.OctetString).content.buffer, der.buffer);
  });

  it('refuses each kind of malformed element with its detail', () => {
    refuses(() => readDerAt(Uint8Array.of(0x30)), 'truncated element');
    refuses(() => readDerAt(Uint8Array.of(0x1f, 0)), 'high tag number');
    refuses(() => readDerAt(Uint8Array.of(0x30, 0x80, 0, 0)), 'indefinite length (BER) is not DER');
    refuses(() => readDerAt(bytesOf('3085000000000100')), 'length too long');
    refuses(() => readDerAt(Uint8Array.of(0x04, 0x82, 0x01)), 'truncated length');
    refuses(() => readDerAt(bytesOf('0484ffffffff00')), 'length runs past the data');
    refuses(() => readDer(bytesOf('0500' + '00')), 'trailing data');
    refuses(() => readDer(DER_NULL, DerTag.Sequence), 'unexpected tag 0x5');
    refuses(() => expectDerTag(undefined, DerTag.Null), 'missing element');
    refuses(
      () => readDerChildren(readDer(derSequence(DER_NULL, DER_NULL)), 1),
      'more than 1 elements',
    );
    refuses(() => readDerChildren(readDer(bytesOf('300104'))), 'truncated element');
  });

  it('reads INTEGERs strictly', () => {
    const int = (h: string) => readDer(bytesOf(h));
    assert.equal(readDerUnsignedInteger(int('02020080')), 128n);
    assert.equal(readDerUnsignedInteger(int('020100')), 0n);
    refuses(() => readDerUnsignedInteger(int('0200')), 'empty integer');
    refuses(() => readDerUnsignedInteger(int('0201ff')), 'negative integer');
    refuses(() => readDerUnsignedInteger(int('0202007f')), 'integer not minimal');
    refuses(() => readDerSmallInteger(int('020701000000000000')), 'integer out of range');
    refuses(() => readDerOid(readDer(bytesOf('060188'))), 'truncated object identifier');
    refuses(() => readDerOid(readDer(bytesOf('06028001'))), 'bad object identifier');
  });

  it('tells minimal length encodings from padded ones', () => {
    assert.equal(hasMinimalLength(readDer(bytesOf('040100'))), true);
    assert.equal(hasMinimalLength(readDer(bytesOf('04810100'))), false);
    assert.equal(hasMinimalLength(readDer(derOctets(new Uint8Array(200)))), true);
  });

  it('tryDer answers undefined for malformed DER and lets other errors through', () => {
    assert.equal(
      tryDer(() => readDer(Uint8Array.of(0x30))),
      undefined,
    );
    assert.equal(
      tryDer(() => 7),
      7,
    );
    assert.throws(
      () =>
        tryDer(() => {
          throw new TypeError('x');
        }),
      TypeError,
    );
  });
});

// Random trees of written elements.
const tree: fc.Arbitrary<Uint8Array> = fc.letrec<{ node: Uint8Array }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.uint8Array({ maxLength: 300 }).map((b) => derOctets(b)),
    fc.bigInt({ min: 0n, max: (1n << 600n) - 1n }).map((n) => derInteger(n)),
    fc
      .array(fc.nat({ max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 6 })
      .map((arcs) => derOid(['1', '2', ...arcs].join('.'))),
    fc.array(tie('node'), { maxLength: 4 }).map((children) => derSequence(...children)),
    fc.array(tie('node'), { maxLength: 4 }).map((children) => derSet(...children)),
  ),
})).node;

describe('DER properties', () => {
  it('reads back what it writes', () => {
    fc.assert(
      fc.property(
        fc.array(tree, { maxLength: 5 }),
        fc.bigInt({ min: 0n, max: 1n << 1000n }),
        (parts, n) => {
          const der = derSequence(...parts, derInteger(n));
          const children = readDerChildren(readDer(der, DerTag.Sequence));
          assert.equal(children.length, parts.length + 1);
          parts.forEach((p, i) => assert.equal(hex(children[i]!.raw), hex(p)));
          assert.equal(readDerUnsignedInteger(children[parts.length]), n);
          for (const c of children) {
            assert.equal(hasMinimalLength(c), true);
            walk(c);
          }
        },
      ),
    );
  });

  it('reads back OIDs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 39 }),
        fc.array(fc.nat({ max: 2 ** 40 }), { maxLength: 8 }),
        (a, b, rest) => {
          const dotted = [a, b, ...rest].join('.');
          assert.equal(readDerOid(readDer(derOid(dotted))), dotted);
        },
      ),
    );
  });

  const hostile = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    // written DER, then mutated or truncated
    fc
      .tuple(tree, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean())
      .map(([der, at, byte, truncate]) => {
        const i = der.length === 0 ? 0 : at % der.length;
        if (truncate) return der.subarray(0, i);
        const copy = der.slice();
        copy[i] = byte;
        return copy;
      }),
    // huge declared lengths over short input
    fc
      .tuple(
        fc.integer({ min: 1, max: 4 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.uint8Array({ maxLength: 16 }),
      )
      .map(([count, len, rest]) =>
        Uint8Array.of(0x04, 0x80 | count, ...len.subarray(0, count), ...rest),
      ),
  );

  it('throws nothing but CryptoDerFormatError on hostile bytes, and only hands out views', () => {
    fc.assert(
      fc.property(hostile, (bytes) => {
        try {
          const root = readDerAt(bytes);
          // never more than the input, and never a copy: nothing allocated from the length
          assert.ok(root.raw.length <= bytes.length);
          assert.equal(root.content.buffer, bytes.buffer);
          walk(root);
          for (const read of [readDerUnsignedInteger, readDerSmallInteger, readDerOid]) {
            tryDer(() => read(root));
          }
        } catch (error) {
          if (!(error instanceof CryptoDerFormatError)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
