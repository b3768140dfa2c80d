import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  base64urlToBigint,
  bigintToBase64url,
  bigintToBytes,
  bytesToBigint,
  takeBytes,
} from '../../../../src/crypto/keygen/bytes.ts';

describe('takeBytes', () => {
  it('returns a fresh copy and zeroes the original', () => {
    const source = Buffer.from([1, 2, 3, 4]);
    const copy = takeBytes(source);
    assert.deepEqual([...copy], [1, 2, 3, 4]);
    assert.deepEqual([...source], [0, 0, 0, 0]);
    assert.equal(Object.getPrototypeOf(copy), Uint8Array.prototype);
    assert.notEqual(copy.buffer, source.buffer);
  });
});

describe('big-endian integers', () => {
  it('round-trip through bytes and base64url', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 4100n }), (value) => {
        const bytes = bigintToBytes(value);
        assert.ok(bytes);
        assert.equal(bytesToBigint(bytes), value);
        assert.equal(base64urlToBigint(bigintToBase64url(value) ?? ''), value);
      }),
    );
  });

  it('writes minimal bytes, or left-pads to a fixed length', () => {
    assert.deepEqual([...(bigintToBytes(0n) ?? [])], [0]);
    assert.deepEqual([...(bigintToBytes(0x1234n) ?? [])], [0x12, 0x34]);
    assert.deepEqual([...(bigintToBytes(0x1234n, 4) ?? [])], [0, 0, 0x12, 0x34]);
  });

  it('refuses negative values and values that do not fit the length', () => {
    assert.equal(bigintToBytes(-1n), undefined);
    assert.equal(bigintToBytes(0x10000n, 2), undefined);
    assert.equal(bigintToBase64url(256n, 1), undefined);
  });
});
