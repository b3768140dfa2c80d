import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEcdsaSignature } from '../../../../src/crypto/signatures/ecdsa-digest.ts';

describe('parseEcdsaSignature DER strictness', () => {
  it('reads a minimal Ecdsa-Sig-Value', () => {
    assert.deepEqual(parseEcdsaSignature(Uint8Array.of(0x30, 6, 2, 1, 5, 2, 1, 7)), {
      r: 5n,
      s: 7n,
    });
  });

  it('refuses lengths not in their shortest form (X.690 §10.1), outer or inner', () => {
    assert.equal(parseEcdsaSignature(Uint8Array.of(0x30, 0x81, 6, 2, 1, 5, 2, 1, 7)), undefined);
    assert.equal(parseEcdsaSignature(Uint8Array.of(0x30, 7, 2, 0x81, 1, 5, 2, 1, 7)), undefined);
  });

  it('refuses a third element, trailing bytes and a missing s', () => {
    assert.equal(parseEcdsaSignature(Uint8Array.of(0x30, 9, 2, 1, 5, 2, 1, 7, 2, 1, 1)), undefined);
    assert.equal(parseEcdsaSignature(Uint8Array.of(0x30, 6, 2, 1, 5, 2, 1, 7, 0)), undefined);
    assert.equal(parseEcdsaSignature(Uint8Array.of(0x30, 3, 2, 1, 5)), undefined);
  });
});
