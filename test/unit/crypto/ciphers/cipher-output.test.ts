import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { joinOutput, plainBytes } from '../../../../src/crypto/ciphers/cipher-output.ts';

describe('cipher output without needless copies (issue #6)', () => {
  it('views a Buffer that spans its own ArrayBuffer (cipher update output) as a plain Uint8Array', () => {
    const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
    const out = cipher.update(randomBytes(64 * 1024));
    const bytes = plainBytes(out);
    assert.equal(bytes.constructor, Uint8Array);
    assert.equal(bytes.buffer, out.buffer, 'no copy');
    assert.deepEqual(bytes, new Uint8Array(out));
  });

  it('copies a Buffer that shares Node’s pool, so no other bytes become reachable', () => {
    const pooled = Buffer.from('pooled bytes');
    assert.notEqual(pooled.byteLength, pooled.buffer.byteLength, 'precondition: a pool slice');
    const bytes = plainBytes(pooled);
    assert.notEqual(bytes.buffer, pooled.buffer);
    assert.equal(bytes.buffer.byteLength, pooled.length);
    assert.deepEqual(bytes, new Uint8Array(pooled));
  });

  it('joins update() and final() output: as is when one is empty, concatenated otherwise', () => {
    const head = Buffer.from(randomBytes(5000));
    const tail = Buffer.from(randomBytes(16));
    const empty = Buffer.alloc(0);
    assert.deepEqual(joinOutput(head, empty), new Uint8Array(head));
    assert.deepEqual(joinOutput(empty, tail), new Uint8Array(tail));
    assert.deepEqual(joinOutput(head, tail), new Uint8Array(Buffer.concat([head, tail])));
    assert.equal(joinOutput(head, tail).constructor, Uint8Array);
  });
});
