// Memory of large messages on a connection (issue #6): stream chunks wiped and freed once
// framed, pooled responses wiped and handed back after a successful write only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeTtlv, POOLED_OUTPUT_MIN } from '../../../../src/kmip/ttlv/index.ts';
import { emptyOutputPool, pooledOutputCount } from '../../../../src/kmip/ttlv/output-pool.ts';
import {
  discardChunk,
  recycleAfterWrite,
} from '../../../../src/server/listener/large-message-memory.ts';

/** A large encoder output (from the pool). */
function pooledResponse(): Uint8Array {
  return encodeTtlv({
    tag: 0x42007b, // Response Message
    type: 'Structure',
    value: [
      { tag: 0x4200c2, type: 'ByteString', value: new Uint8Array(POOLED_OUTPUT_MIN).fill(9) },
    ],
  });
}

describe('discardChunk', () => {
  it('wipes a chunk that owns its memory and frees that memory (detached)', () => {
    const chunk = Buffer.alloc(16 * 1024, 0xab);
    const memory = chunk.buffer as ArrayBuffer;
    discardChunk(chunk);
    assert.equal(memory.detached, true);
    assert.equal(chunk.length, 0);
  });

  it('wipes only its own bytes of shared memory and leaves the memory attached', () => {
    const memory = new ArrayBuffer(64);
    const whole = new Uint8Array(memory).fill(0xcd);
    const chunk = Buffer.from(memory, 16, 32);
    discardChunk(chunk);
    assert.equal(memory.detached, false);
    assert.ok(whole.subarray(16, 48).every((b) => b === 0));
    assert.ok(whole.subarray(0, 16).every((b) => b === 0xcd));
    assert.ok(whole.subarray(48).every((b) => b === 0xcd));
  });

  it('wipes a chunk of pooled Buffer memory without detaching the pool', () => {
    const chunk = Buffer.from('a small chunk from the pool');
    const memory = chunk.buffer as ArrayBuffer;
    discardChunk(chunk);
    assert.equal(memory.detached, false);
    assert.ok(chunk.every((b) => b === 0));
  });
});

describe('recycleAfterWrite', () => {
  it('has no callback for a small response', () => {
    assert.equal(recycleAfterWrite(new Uint8Array(POOLED_OUTPUT_MIN - 1)), undefined);
  });

  it('wipes and hands back a pooled response after a successful write', () => {
    emptyOutputPool();
    const response = pooledResponse();
    const done = recycleAfterWrite(response);
    assert.ok(done !== undefined);
    done(null);
    assert.equal(pooledOutputCount(), 1);
    assert.ok(response.every((b) => b === 0));
  });

  it('only wipes a response whose write failed: it does not go back to the pool', () => {
    emptyOutputPool();
    const response = pooledResponse();
    recycleAfterWrite(response)?.(new Error('EPIPE'));
    assert.equal(pooledOutputCount(), 0);
    assert.ok(response.every((b) => b === 0));
  });
});
