import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  constants,
  createHash,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { signPssDigest, verifyPssDigest } from '../../../../src/crypto/rsa/emsa-pss.ts';
import { sign, verify } from '../../../../src/crypto/signatures/sign.ts';

const message = new TextEncoder().encode('KMIP Sign with Digested Data');
const sha = (name: string): Uint8Array => new Uint8Array(createHash(name).update(message).digest());
const PSS = constants.RSA_PKCS1_PSS_PADDING;

describe('RSASSA-PSS over a given digest (emsa-pss.ts)', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  for (const [hash, node] of [
    ['SHA_1', 'sha1'],
    ['SHA_256', 'sha256'],
    ['SHA_512', 'sha512'],
  ] as const) {
    it(`${hash}: node verifies our signature over the message; we verify node's`, () => {
      const ours = signPssDigest(rsa.privateKey, hash, sha(node), 20);
      assert.equal(
        nodeVerify(node, message, { key: rsa.publicKey, padding: PSS, saltLength: 20 }, ours),
        true,
      );
      for (const saltLength of [0, 32, constants.RSA_PSS_SALTLEN_MAX_SIGN]) {
        const theirs = new Uint8Array(
          nodeSign(node, message, { key: rsa.privateKey, padding: PSS, saltLength }),
        );
        assert.equal(verifyPssDigest(rsa.publicKey, hash, sha(node), theirs, 'auto'), true);
        const other = new Uint8Array(createHash(node).update('x').digest());
        assert.equal(verifyPssDigest(rsa.publicKey, hash, other, theirs, 'auto'), false);
      }
      assert.equal(verifyPssDigest(rsa.publicKey, hash, sha(node), ours, 20), true);
      assert.equal(verifyPssDigest(rsa.publicKey, hash, sha(node), ours, 21), false);
    });
  }
  it('a modulus whose bit length is 1 mod 8 (EM one byte shorter than the modulus)', () => {
    const odd = generateKeyPairSync('rsa', { modulusLength: 1025 });
    const ours = signPssDigest(odd.privateKey, 'SHA_256', sha('sha256'), 32);
    assert.equal(ours.length, 129);
    assert.equal(
      nodeVerify('sha256', message, { key: odd.publicKey, padding: PSS, saltLength: 32 }, ours),
      true,
    );
    assert.equal(verifyPssDigest(odd.publicKey, 'SHA_256', sha('sha256'), ours, 'auto'), true);
  });
  it('a salt too long for the key is KW_CRYPTO_PARAMETER; a garbage signature is invalid', () => {
    assert.throws(() => signPssDigest(rsa.privateKey, 'SHA_512', sha('sha512'), 200), {
      code: 'KW_CRYPTO_PARAMETER',
    });
    assert.equal(
      verifyPssDigest(
        rsa.publicKey,
        'SHA_256',
        sha('sha256'),
        new Uint8Array(256).fill(0xff),
        'auto',
      ),
      false,
    );
    assert.equal(
      verifyPssDigest(rsa.publicKey, 'SHA_256', sha('sha256'), new Uint8Array(3), 'auto'),
      false,
    );
  });
});

describe('sign()/verify() with Digested Data, RSA', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  it('PSS: a signature over the digest verifies over the message, and the reverse', () => {
    const p = { algorithm: 'RSA', padding: 'PSS', hash: 'SHA_384' };
    const fromDigest = sign({ ...p, key: rsa.privateKey, digest: sha('sha384') });
    assert.equal(verify({ ...p, key: rsa.publicKey, data: message, signature: fromDigest }), true);
    const fromMessage = sign({ ...p, key: rsa.privateKey, data: message });
    assert.equal(
      verify({ ...p, key: rsa.publicKey, digest: sha('sha384'), signature: fromMessage }),
      true,
    );
    assert.throws(() => sign({ ...p, key: rsa.privateKey, digest: sha('sha256') }), {
      code: 'KW_CRYPTO_PARAMETER',
    });
  });
  it('PSS verify without a Salt Length accepts any salt length (the OASIS CS-AC-M-2 signature uses the maximum)', () => {
    const signature = new Uint8Array(
      nodeSign('sha256', message, {
        key: rsa.privateKey,
        padding: PSS,
        saltLength: constants.RSA_PSS_SALTLEN_MAX_SIGN,
      }),
    );
    const p = { algorithm: 'RSA', padding: 'PSS', hash: 'SHA_256', key: rsa.publicKey, signature };
    assert.equal(verify({ ...p, data: message }), true);
    assert.equal(verify({ ...p, digest: sha('sha256') }), true);
    assert.equal(verify({ ...p, data: message, saltLength: 32 }), false);
  });
  it('PKCS#1 v1.5 without a hash signs the given bytes as the DigestInfo itself', () => {
    const digestInfo = Buffer.concat([
      Buffer.from('3031300d060960864801650304020105000420', 'hex'),
      sha('sha256'),
    ]);
    const signature = sign({ algorithm: 'RSA', key: rsa.privateKey, digest: digestInfo });
    assert.equal(nodeVerify('sha256', message, rsa.publicKey, signature), true);
    const short = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const raw = sign({ algorithm: 'RSA', key: rsa.privateKey, digest: short });
    assert.equal(
      verify({ algorithm: 'RSA', key: rsa.publicKey, digest: short, signature: raw }),
      true,
    );
    assert.equal(
      verify({ algorithm: 'RSA', key: rsa.publicKey, digest: short.subarray(1), signature: raw }),
      false,
    );
    assert.throws(
      () => sign({ algorithm: 'RSA', key: rsa.privateKey, digest: new Uint8Array(250) }),
      {
        code: 'KW_CRYPTO_PARAMETER',
      },
    );
  });
});

describe('interop with openssl pkeyutl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-pss-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyFile = join(dir, 'key.pem');
  const pubFile = join(dir, 'pub.pem');
  writeFileSync(keyFile, rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }));
  writeFileSync(pubFile, rsa.publicKey.export({ format: 'pem', type: 'spki' }));
  const digestFile = join(dir, 'digest');
  writeFileSync(digestFile, sha('sha256'));
  const pkeyutl = (args: string[]) => spawnSync('openssl', ['pkeyutl', ...args]);
  for (const padding of ['PSS', 'PKCS1V1_5'] as const) {
    const opts =
      padding === 'PSS'
        ? ['-pkeyopt', 'rsa_padding_mode:pss', '-pkeyopt', 'rsa_pss_saltlen:32']
        : ['-pkeyopt', 'rsa_padding_mode:pkcs1'];
    it(`${padding}: openssl verifies our digest signature, we verify openssl's`, () => {
      const p = { algorithm: 'RSA', padding, hash: 'SHA_256', digest: sha('sha256') };
      const ours = sign({ ...p, key: rsa.privateKey });
      const sigFile = join(dir, `ours-${padding}`);
      writeFileSync(sigFile, ours);
      const check = pkeyutl([
        '-verify',
        '-pubin',
        '-inkey',
        pubFile,
        '-in',
        digestFile,
        '-sigfile',
        sigFile,
        '-pkeyopt',
        'digest:sha256',
        ...opts,
      ]);
      assert.equal(check.status, 0, check.stderr.toString());
      const theirsFile = join(dir, `theirs-${padding}`);
      const made = pkeyutl([
        '-sign',
        '-inkey',
        keyFile,
        '-in',
        digestFile,
        '-out',
        theirsFile,
        '-pkeyopt',
        'digest:sha256',
        ...opts,
      ]);
      assert.equal(made.status, 0, made.stderr.toString());
      const theirs = new Uint8Array(readFileSync(theirsFile));
      assert.equal(verify({ ...p, key: rsa.publicKey, signature: theirs }), true);
    });
  }
});
