import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesToHex, hexToBytes } from '../../../../src/kmip/ttlv/index.ts';

describe('hex helpers', () => {
  it('round-trips all byte values, printing upper case', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const hex = bytesToHex(all);
    assert.equal(hex.slice(0, 8), '00010203');
    assert.equal(hex.slice(-4), 'FEFF');
    assert.deepEqual(hexToBytes(hex), all);
    assert.deepEqual(hexToBytes(hex.toLowerCase()), all);
    assert.deepEqual(hexToBytes(''), new Uint8Array(0));
  });

  it('rejects odd lengths and non-hex characters with KW_TTLV_BAD_HEX at the offending offset', () => {
    assert.throws(() => hexToBytes('abc'), { code: 'KW_TTLV_BAD_HEX', offset: 3 });
    assert.throws(() => hexToBytes('0g'), { code: 'KW_TTLV_BAD_HEX', offset: 1 });
    assert.throws(() => hexToBytes('12 4'), { code: 'KW_TTLV_BAD_HEX', offset: 2 });
    assert.throws(() => hexToBytes('@0'), { code: 'KW_TTLV_BAD_HEX', offset: 0 });
  });
});
