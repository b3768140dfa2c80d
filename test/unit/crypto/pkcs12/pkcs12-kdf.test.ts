import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bmpPassword, pkcs12Kdf } from '../../../../src/crypto/pkcs12/pkcs12-kdf.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

describe('pkcs12Kdf (RFC 7292 Appendix B.2)', () => {
  // The vectors Bouncy Castle's PKCS12Test has used since 2000 ("smeg" / "queeg").
  it('derives the known key and IV for "smeg", 1 iteration', () => {
    const common = {
      hash: 'sha1',
      password: bmpPassword('smeg'),
      salt: fromHex('0a58cf64530d823f'),
      iterations: 1,
    };
    assert.equal(
      hex(pkcs12Kdf({ ...common, purpose: 1, length: 24 })),
      '8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3',
    );
    assert.equal(hex(pkcs12Kdf({ ...common, purpose: 2, length: 8 })), '79993dfe048d3b76');
  });

  it('derives the known key for "queeg", 1000 iterations', () => {
    const key = pkcs12Kdf({
      hash: 'sha1',
      password: bmpPassword('queeg'),
      salt: fromHex('1682c0fc5b3f7ec5'),
      iterations: 1000,
      purpose: 1,
      length: 24,
    });
    assert.equal(hex(key), '483dd6e919d7de2e8e648ba8f862f3fbfbdc2bcb2c02957f');
  });

  it('encodes the password as a BMPString with a two-byte terminator (B.1)', () => {
    assert.equal(hex(bmpPassword('ab')), '006100620000');
  });
});
