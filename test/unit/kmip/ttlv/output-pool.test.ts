/**
 * The encoder's pool of large output buffers (issue #6): large encodes come from it, a
 * released output is wiped and reused, what did not come from it is left alone, and a reused
 * buffer never shows bytes of an earlier message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import {
  decodeTtlv,
  encodeTtlv,
  POOLED_OUTPUT_MIN,
  releaseEncoded,
} from '../../../../src/kmip/ttlv/index.ts';
import {
  emptyOutputPool,
  pooledOutputCount,
  takeOutput,
} from '../../../../src/kmip/ttlv/output-pool.ts';

const DATA_TAG = 0x4200c2; // Data
const UID_TAG = 0x420094; // Unique Identifier

function message(data: Uint8Array, text = 'id-1'): KmipItem {
  return {
    tag: 0x42007c, // Response Payload
    type: 'Structure',
    value: [
      { tag: UID_TAG, type: 'TextString', value: text },
      { tag: DATA_TAG, type: 'ByteString', value: data },
    ],
  };
}

function filled(length: number, byte: number): Uint8Array {
  return new Uint8Array(length).fill(byte);
}

const isZero = (bytes: Uint8Array) => bytes.every((b) => b === 0);

describe('output pool', () => {
  it('hands out zeroed arrays of the asked length and wipes what is released', () => {
    const out = takeOutput(POOLED_OUTPUT_MIN);
    assert.equal(out.length, POOLED_OUTPUT_MIN);
    assert.ok(isZero(out));
    out.fill(0xa5);
    const before = pooledOutputCount();
    assert.equal(releaseEncoded(out), true);
    assert.ok(isZero(out), 'released bytes are wiped');
    assert.equal(pooledOutputCount(), before + 1);
    // Handing the same array back twice must not put its buffer in the pool twice.
    assert.equal(releaseEncoded(out), false);
    assert.equal(pooledOutputCount(), before + 1);
    const again = takeOutput(POOLED_OUTPUT_MIN - 8);
    assert.equal(again.buffer, out.buffer, 'the released buffer is reused');
    assert.equal(again.length, POOLED_OUTPUT_MIN - 8);
    assert.ok(isZero(again));
    assert.equal(releaseEncoded(again), true);
  });

  it('does not reuse a buffer more than twice the size asked for', () => {
    const big = takeOutput(4 * POOLED_OUTPUT_MIN);
    assert.equal(releaseEncoded(big), true);
    const small = takeOutput(POOLED_OUTPUT_MIN);
    assert.notEqual(small.buffer, big.buffer);
    releaseEncoded(small);
  });

  it('leaves bytes it did not hand out alone', () => {
    const foreign = filled(POOLED_OUTPUT_MIN, 7);
    assert.equal(releaseEncoded(foreign), false);
    assert.ok(foreign.every((b) => b === 7));
    const small = encodeTtlv(message(filled(100, 1)));
    assert.equal(releaseEncoded(small), false, 'small messages are not pooled');
    assert.notEqual(decodeTtlv(small), undefined);
  });

  it('keeps at most a few buffers of a bounded total size', () => {
    const outs = Array.from({ length: 8 }, () => takeOutput(2 * 1024 * 1024));
    for (const out of outs) releaseEncoded(out);
    assert.ok(pooledOutputCount() <= 4);
    assert.ok(pooledOutputCount() * 2 * 1024 * 1024 <= 8 * 1024 * 1024);
    emptyOutputPool();
    assert.equal(pooledOutputCount(), 0);
  });
});

describe('encodeTtlv with large outputs', () => {
  it('encodes a large message into a pooled buffer, and a reused one shows no old bytes', () => {
    emptyOutputPool();
    const first = encodeTtlv(message(filled(3 * POOLED_OUTPUT_MIN + 3, 0xff), 'a'.repeat(40)));
    assert.equal(releaseEncoded(first), true, 'a large output comes from the pool');
    // Shorter, with padding where the first message had data: the padding must be zero.
    const data = filled(2 * POOLED_OUTPUT_MIN + 1, 0x11);
    const second = encodeTtlv(message(data, 'b'));
    assert.equal(second.buffer, first.buffer, 'the wiped buffer was reused');
    const decoded = decodeTtlv(second);
    const [uid, bytes] = decoded.value as KmipItem[];
    assert.equal(uid?.value, 'b');
    assert.deepEqual(bytes?.value, data);
    // The item ends with 7 bytes of padding after the data.
    assert.ok(isZero(second.subarray(second.length - 7)));
    assert.equal(second.length % 8, 0);
    releaseEncoded(second);
  });

  it('pools a large message made only of small items too', () => {
    const items: KmipItem[] = Array.from({ length: POOLED_OUTPUT_MIN / 16 + 1 }, (_, i) => ({
      tag: 0x42006a, // Maximum Items: any Integer
      type: 'Integer',
      value: i,
    }));
    const out = encodeTtlv({ tag: 0x42007c, type: 'Structure', value: items });
    assert.ok(out.length >= POOLED_OUTPUT_MIN);
    assert.equal((decodeTtlv(out).value as KmipItem[]).length, items.length);
    assert.equal(releaseEncoded(out), true);
  });
});
