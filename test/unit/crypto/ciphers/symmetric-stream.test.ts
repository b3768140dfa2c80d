import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  isStreamableCipher,
  openSymmetricStream,
} from '../../../../src/crypto/ciphers/symmetric-stream.ts';
import { decryptSymmetric, encryptSymmetric } from '../../../../src/crypto/ciphers/symmetric.ts';

const bytes = (n: number) => new Uint8Array(randomBytes(n));
const concat = (parts: readonly Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

function feed(
  stream: ReturnType<typeof openSymmetricStream>,
  data: Uint8Array,
  cuts: readonly number[],
) {
  const outputs: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    outputs.push(stream.update(data.subarray(at, cut)));
    at = cut;
  }
  outputs.push(stream.update(data.subarray(at)));
  const last = stream.final();
  return { data: concat([...outputs, last.data]), tag: last.tag };
}

const CIPHERS = [
  { algorithm: 'AES', mode: 'CBC', padding: 'PKCS5', key: 16 },
  { algorithm: 'AES', mode: 'ECB', padding: 'PKCS5', key: 32 },
  { algorithm: 'AES', mode: 'CTR', padding: 'None', key: 16 },
  { algorithm: 'AES', mode: 'CFB', padding: 'None', key: 24 },
  { algorithm: 'AES', mode: 'GCM', padding: 'None', key: 16 },
  { algorithm: 'Camellia', mode: 'CBC', padding: 'PKCS5', key: 16 },
  { algorithm: 'ChaCha20', mode: undefined, padding: 'None', key: 32 },
  { algorithm: 'ChaCha20Poly1305', mode: undefined, padding: 'None', key: 32 },
] as const;

describe('openSymmetricStream', () => {
  for (const c of CIPHERS) {
    it(`${c.algorithm}-${c.mode ?? ''}: parts cut anywhere give the one-shot result both ways`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 80 }),
          fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 4 }),
          (length, rawCuts) => {
            const key = bytes(c.key);
            const data = bytes(length);
            const cuts = rawCuts.map((x) => Math.min(x, length));
            const p = {
              algorithm: c.algorithm,
              key,
              padding: c.padding,
              ...(c.mode === undefined ? {} : { mode: c.mode }),
            };
            const stream = openSymmetricStream(p, true);
            const oneShot = encryptSymmetric({
              ...p,
              ...(stream.iv ? { iv: stream.iv } : {}),
              data,
            });
            const streamed = feed(stream, data, cuts);
            assert.deepEqual(streamed.data, oneShot.data);
            assert.deepEqual(streamed.tag, oneShot.tag);
            if (!isStreamableCipher(c.algorithm, c.mode, false)) return;
            const back = feed(
              openSymmetricStream({ ...p, ...(stream.iv ? { iv: stream.iv } : {}) }, false),
              oneShot.data,
              cuts,
            );
            assert.deepEqual(back.data, data);
          },
        ),
        { numRuns: 25 },
      );
    });
  }

  it('CBC decryption releases a block only once a later one arrived (padding is in the last)', () => {
    const key = bytes(16);
    const iv = bytes(16);
    const p = { algorithm: 'AES', mode: 'CBC', padding: 'PKCS5', key, iv };
    const ct = encryptSymmetric({ ...p, data: bytes(20) }).data;
    const stream = openSymmetricStream(p, false);
    assert.equal(stream.update(ct.subarray(0, 16)).length, 0);
    assert.equal(stream.update(ct.subarray(16)).length, 16);
    assert.equal(stream.final().data.length, 4, 'the last block, unpadded');
    assert.equal(decryptSymmetric({ ...p, data: ct }).length, 20);
  });

  it('a bad padding fails at the end with the one decryption error', () => {
    const p = { algorithm: 'AES', mode: 'CBC', padding: 'PKCS5', key: bytes(16), iv: bytes(16) };
    const stream = openSymmetricStream(p, false);
    stream.update(bytes(32));
    assert.throws(() => stream.final(), { code: 'KW_CRYPTO_DECRYPT' });
  });

  it('without padding the parts must fill whole blocks', () => {
    const p = { algorithm: 'AES', mode: 'CBC', padding: 'None', key: bytes(16), iv: bytes(16) };
    const stream = openSymmetricStream(p, true);
    stream.update(bytes(20));
    assert.throws(() => stream.final(), { code: 'KW_CRYPTO_PARAMETER', parameter: 'data' });
  });

  it('does not stream XTS, key wrap or AEAD decryption', () => {
    assert.equal(isStreamableCipher('AES', 'XTS', true), false);
    assert.equal(isStreamableCipher('AES', 'NISTKeyWrap', true), false);
    assert.equal(isStreamableCipher('AES', 'GCM', false), false);
    assert.equal(isStreamableCipher('ChaCha20Poly1305', undefined, false), false);
    assert.throws(
      () =>
        openSymmetricStream(
          { algorithm: 'AES', mode: 'GCM', key: bytes(16), iv: bytes(12) },
          false,
        ),
      { code: 'KW_CRYPTO_UNSUPPORTED_CIPHER' },
    );
  });
});
