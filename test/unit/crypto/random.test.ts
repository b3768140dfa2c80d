import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomBytes, randomUUID } from '../../../src/crypto/index.ts';
import { fillPublicRandom } from '../../../src/crypto/random.ts';

describe('randomBytes', () => {
  it('returns a fresh plain Uint8Array of the asked length', () => {
    for (const n of [0, 1, 32, 70_000]) {
      const bytes = randomBytes(n);
      assert.equal(bytes.length, n);
      assert.equal(Object.getPrototypeOf(bytes), Uint8Array.prototype);
      assert.equal(bytes.byteOffset, 0);
      assert.equal(bytes.buffer.byteLength, n, 'not a slice of a shared pool');
    }
  });

  it('does not repeat itself', () => {
    assert.notDeepEqual(randomBytes(32), randomBytes(32));
  });

  it('rejects a negative or fractional length with RangeError', () => {
    assert.throws(() => randomBytes(-1), RangeError);
    assert.throws(() => randomBytes(1.5), RangeError);
  });
});

describe('randomUUID', () => {
  it('returns distinct version 4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => randomUUID()));
    assert.equal(ids.size, 1000);
    for (const id of ids) {
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('fillPublicRandom', () => {
  it('never hands out the same bytes twice, across pool refills', () => {
    // 12-byte nonces: 4096 / 12 leaves a tail, so refills happen mid-sequence.
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const nonce = new Uint8Array(12);
      fillPublicRandom(nonce);
      seen.add(Buffer.from(nonce).toString('hex'));
    }
    assert.equal(seen.size, 2000);
  });

  it('fills large targets and empty ones', () => {
    const large = new Uint8Array(10_000);
    fillPublicRandom(large);
    assert.ok(large.some((b) => b !== 0));
    const empty = new Uint8Array(0);
    fillPublicRandom(empty);
    assert.equal(empty.length, 0);
  });

  it('fills exactly the target (a view into a larger buffer)', () => {
    const whole = new Uint8Array(32);
    fillPublicRandom(whole.subarray(8, 20));
    assert.ok(whole.subarray(0, 8).every((b) => b === 0));
    assert.ok(whole.subarray(20).every((b) => b === 0));
  });
});
