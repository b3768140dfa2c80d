import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decryptSymmetric, encryptSymmetric } from '../../../../src/crypto/ciphers/symmetric.ts';

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const f = JSON.parse(
  readFileSync(new URL('../../../fixtures/crypto/other-ciphers.json', import.meta.url), 'utf8'),
) as {
  camellia: { name: string; key: string; plaintext: string; ciphertext: string }[];
  chacha20poly1305: {
    name: string;
    key: string;
    nonce: string;
    aad: string;
    plaintextUtf8: string;
    ciphertextPrefix: string;
    tag: string;
  }[];
};

describe('Camellia and ChaCha20-Poly1305 known answers', () => {
  for (const v of f.camellia) {
    it(`Camellia ${v.name}`, () => {
      const p = { algorithm: 'Camellia', mode: 'ECB', padding: 'None', key: bytes(v.key) };
      assert.equal(hex(encryptSymmetric({ ...p, data: bytes(v.plaintext) }).data), v.ciphertext);
      assert.equal(hex(decryptSymmetric({ ...p, data: bytes(v.ciphertext) })), v.plaintext);
    });
  }
  for (const v of f.chacha20poly1305) {
    it(v.name, () => {
      // The tag authenticates the whole ciphertext, so prefix + tag pin the full output.
      const p = {
        algorithm: 'ChaCha20Poly1305',
        key: bytes(v.key),
        iv: bytes(v.nonce),
        aad: bytes(v.aad),
      };
      const plaintext = new TextEncoder().encode(v.plaintextUtf8);
      const enc = encryptSymmetric({ ...p, data: plaintext });
      assert.equal(hex(enc.data).slice(0, v.ciphertextPrefix.length), v.ciphertextPrefix);
      assert.equal(hex(enc.tag ?? new Uint8Array()), v.tag);
      assert.deepEqual(decryptSymmetric({ ...p, data: enc.data, tag: bytes(v.tag) }), plaintext);
      assert.throws(() => decryptSymmetric({ ...p, data: enc.data, tag: new Uint8Array(16) }), {
        code: 'KW_CRYPTO_DECRYPT',
      });
    });
  }
});

describe('3DES against openssl enc', () => {
  it('3-key TDEA CBC with PKCS5 padding', () => {
    const key = '0123456789abcdef23456789abcdef01456789abcdef0123';
    const iv = '1234567890abcdef';
    const data = Buffer.from('The quick brown fox jumps');
    const run = spawnSync('openssl', ['enc', '-des-ede3-cbc', '-K', key, '-iv', iv], {
      input: data,
    });
    assert.equal(run.status, 0, run.stderr.toString());
    const p = { algorithm: 'DES3', mode: 'CBC', key: bytes(key), iv: bytes(iv) };
    assert.equal(hex(encryptSymmetric({ ...p, data }).data), run.stdout.toString('hex'));
    assert.deepEqual(
      decryptSymmetric({ ...p, data: new Uint8Array(run.stdout) }),
      new Uint8Array(data),
    );
  });
});

describe('legacy ciphers with the OpenSSL legacy provider loaded', () => {
  it('Blowfish, CAST5, IDEA, SEED, RC4 round-trip when node runs with --openssl-legacy-provider and the policy allows', () => {
    const module = new URL('../../../../src/crypto/ciphers/symmetric.ts', import.meta.url).href;
    const script = `
      import { encryptSymmetric, decryptSymmetric } from ${JSON.stringify(module)};
      const policy = { allowLegacy: true, minSecurityBits: 0 };
      const out = [];
      for (const algorithm of ['Blowfish', 'CAST5', 'IDEA', 'SEED', 'RC4']) {
        const key = new Uint8Array(16).fill(3);
        const data = new TextEncoder().encode('legacy interop data');
        const enc = encryptSymmetric({ algorithm, mode: 'CBC', key, data, policy });
        const dec = decryptSymmetric({ algorithm, mode: 'CBC', key, iv: enc.iv, data: enc.data, policy });
        out.push(algorithm + ':' + (new TextDecoder().decode(dec) === 'legacy interop data'));
      }
      console.log(out.join(' '));`;
    const run = spawnSync(process.execPath, [
      '--openssl-legacy-provider',
      '--input-type=module',
      '-e',
      script,
    ]);
    assert.equal(run.status, 0, run.stderr.toString());
    assert.equal(
      run.stdout.toString().trim(),
      'Blowfish:true CAST5:true IDEA:true SEED:true RC4:true',
    );
  });
});
