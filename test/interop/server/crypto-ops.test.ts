// Issue #6 interop: the PyKMIP 0.10 client (ProxyKmipClient, and KMIPProxy for AEAD) runs
// Encrypt, Decrypt, Sign, SignatureVerify and MAC against `keywarden serve`; every result is
// checked independently — ciphertexts and MACs with pyca/cryptography
// (test/support/pykmip/crypto_check.py), signatures with the openssl command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip, runPykmipScript } from '../../support/pykmip.ts';
import { failedResult, okResult, runClientOps } from '../../support/pykmip-client-ops.ts';

const probe = probePykmip();

/** Runs crypto_check.py (pyca/cryptography); returns each result's hex, failing on errors. */
async function independently(checks: object[]): Promise<string[]> {
  const out = (await runPykmipScript('crypto_check.py', { checks })) as {
    ok: boolean;
    result?: string;
    error?: string;
  }[];
  return out.map((r, i) => {
    assert.ok(r.ok, `check ${i}: ${r.error}`);
    return r.result as string;
  });
}

/** Verifies a signature with the openssl command and a DER public key. */
async function opensslVerifies(
  dir: string,
  publicKeyDer: string,
  keyForm: 'RSAPublicKey' | 'SubjectPublicKeyInfo',
  digest: string,
  message: string,
  signature: string,
  extra: readonly string[] = [],
): Promise<boolean> {
  const id = randomBytes(4).toString('hex');
  const [keyFile, dataFile, sigFile] = ['key.der', 'data.bin', 'sig.bin'].map((n) =>
    join(dir, `${id}-${n}`),
  );
  await writeFile(dataFile as string, Buffer.from(message, 'hex'));
  await writeFile(sigFile as string, Buffer.from(signature, 'hex'));
  // PKCS#1 RSAPublicKey DER needs `openssl rsa -RSAPublicKey_in` first; SPKI DER reads directly.
  let pubArg = ['-keyform', 'DER', '-pubin', '-inkey', keyFile as string];
  await writeFile(keyFile as string, Buffer.from(publicKeyDer, 'hex'));
  if (keyForm === 'RSAPublicKey') {
    const pem = `${keyFile}.pem`;
    const conv = spawnSync('openssl', [
      'rsa',
      '-RSAPublicKey_in',
      '-inform',
      'DER',
      '-in',
      keyFile as string,
      '-pubout',
      '-out',
      pem,
    ]);
    assert.equal(conv.status, 0, conv.stderr.toString());
    pubArg = ['-pubin', '-inkey', pem];
  }
  const run = spawnSync('openssl', [
    'pkeyutl',
    '-verify',
    ...pubArg,
    '-rawin',
    '-digest',
    digest,
    '-in',
    dataFile as string,
    '-sigfile',
    sigFile as string,
    ...extra,
  ]);
  return run.status === 0 && /Signature Verified Successfully/.test(run.stdout.toString());
}

const hex = (n: number) => randomBytes(n).toString('hex');

describe('cryptographic operations with the PyKMIP client, checked independently', () => {
  let server: KeywardenProcess;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-crypto-interop-'));
    server = await startKeywardenProcess();
  });
  after(async () => {
    await server.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('AES: server ciphertexts (CBC with a generated IV, CTR, GCM with AAD) decrypt with pyca/cryptography', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const data = hex(37);
    const aad = hex(13);
    const ctrIv = hex(16);
    const gcmIv = hex(12);
    const results = await runClientOps(server, [
      { op: 'create', algorithm: 'AES', length: 256, usage_mask: ['ENCRYPT', 'DECRYPT'] },
      { op: 'activate', uid: '$0' },
      { op: 'get', uid: '$0' },
      {
        op: 'encrypt',
        uid: '$0',
        data,
        params: {
          cryptographic_algorithm: 'AES',
          block_cipher_mode: 'CBC',
          padding_method: 'PKCS5',
        },
      },
      {
        op: 'decrypt',
        uid: '$0',
        data: '$3.data',
        iv: '$3.iv',
        params: {
          cryptographic_algorithm: 'AES',
          block_cipher_mode: 'CBC',
          padding_method: 'PKCS5',
        },
      },
      {
        op: 'encrypt',
        uid: '$0',
        data,
        iv: ctrIv,
        params: {
          cryptographic_algorithm: 'AES',
          block_cipher_mode: 'CTR',
          padding_method: 'NONE',
        },
      },
      {
        op: 'encrypt_aead',
        kmip_version: '1.4',
        uid: '$0',
        data,
        iv: gcmIv,
        aad,
        params: { cryptographic_algorithm: 'AES', block_cipher_mode: 'GCM', tag_length: 16 },
      },
    ]);
    const key = (okResult(results, 2) as { value: string }).value;
    const cbc = okResult(results, 3) as { data: string; iv: string };
    assert.equal(cbc.iv.length, 32, 'the server returns the IV it generated');
    assert.equal(okResult(results, 4), data, 'Decrypt reverses Encrypt');
    const ctr = okResult(results, 5) as { data: string; iv: string | null };
    assert.equal(ctr.iv, null, 'a client IV is not returned');
    const gcm = okResult(results, 6) as { data: string; tag: string };
    const checked = await independently([
      {
        kind: 'decrypt',
        algorithm: 'AES',
        mode: 'CBC',
        padding: 'PKCS5',
        key,
        iv: cbc.iv,
        data: cbc.data,
      },
      { kind: 'decrypt', algorithm: 'AES', mode: 'CTR', key, iv: ctrIv, data: ctr.data },
      { kind: 'decrypt_gcm', key, iv: gcmIv, data: gcm.data, tag: gcm.tag, aad },
    ]);
    assert.deepEqual(checked, [data, data, data]);
  });

  it('AES-GCM: a ciphertext from pyca/cryptography decrypts on the server; a wrong tag is a clean Cryptographic Failure', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const data = hex(40);
    const iv = hex(12);
    const results = await runClientOps(server, [
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT', 'DECRYPT'] },
      { op: 'activate', uid: '$0' },
      { op: 'get', uid: '$0' },
    ]);
    const key = (okResult(results, 2) as { value: string }).value;
    const [ciphertext] = await independently([
      { kind: 'encrypt', algorithm: 'AES', mode: 'CTR', key, iv: `${iv}00000002`, data },
    ]);
    const uid = okResult(results, 0) as string;
    const params = { cryptographic_algorithm: 'AES', block_cipher_mode: 'GCM' };
    // GCM = CTR from J0+1 plus the tag: ask the server for the tag over our ciphertext by
    // encrypting the same plaintext, then check both decrypt paths.
    const round = await runClientOps(server, [
      { op: 'encrypt_aead', kmip_version: '1.4', uid, data, iv, params },
    ]);
    const server_ = okResult(round, 0) as { data: string; tag: string };
    assert.equal(
      server_.data,
      ciphertext,
      'GCM ciphertext = AES-CTR from counter 2 (SP 800-38D §7.1)',
    );
    const badTag =
      (Number.parseInt(server_.tag.slice(0, 2), 16) ^ 1).toString(16).padStart(2, '0') +
      server_.tag.slice(2);
    const back = await runClientOps(server, [
      {
        op: 'decrypt_aead',
        kmip_version: '1.4',
        uid,
        data: ciphertext,
        iv,
        tag: server_.tag,
        params,
      },
      { op: 'decrypt_aead', kmip_version: '1.4', uid, data: ciphertext, iv, tag: badTag, params },
    ]);
    assert.equal(okResult(back, 0), data);
    assert.equal(failedResult(back, 1).result_reason, 'CRYPTOGRAPHIC_FAILURE');
    assert.equal((back[1] as { message: string }).message, 'decryption failed');
  });

  it('RSA-2048: PSS and PKCS#1 v1.5 signatures verify with openssl; OAEP ciphertext decrypts with pyca/cryptography', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const message = hex(100);
    const secret = hex(32);
    const results = await runClientOps(server, [
      {
        op: 'create_key_pair',
        algorithm: 'RSA',
        length: 2048,
        public_usage_mask: ['VERIFY', 'ENCRYPT'],
        private_usage_mask: ['SIGN', 'DECRYPT'],
      },
      { op: 'activate', uid: '$0.public_uid' },
      { op: 'activate', uid: '$0.private_uid' },
      { op: 'get', uid: '$0.public_uid' },
      { op: 'get', uid: '$0.private_uid' },
      {
        op: 'sign',
        uid: '$0.private_uid',
        data: message,
        params: {
          cryptographic_algorithm: 'RSA',
          padding_method: 'PSS',
          hashing_algorithm: 'SHA_256',
        },
      },
      {
        op: 'sign',
        uid: '$0.private_uid',
        data: message,
        params: { digital_signature_algorithm: 'SHA384_WITH_RSA_ENCRYPTION' },
      },
      {
        op: 'signature_verify',
        uid: '$0.public_uid',
        message,
        signature: '$5',
        params: {
          cryptographic_algorithm: 'RSA',
          padding_method: 'PSS',
          hashing_algorithm: 'SHA_256',
        },
      },
      {
        op: 'encrypt',
        uid: '$0.public_uid',
        data: secret,
        params: {
          cryptographic_algorithm: 'RSA',
          padding_method: 'OAEP',
          hashing_algorithm: 'SHA_256',
        },
      },
    ]);
    const publicDer = (okResult(results, 3) as { value: string }).value;
    const privateDer = (okResult(results, 4) as { value: string }).value;
    const pss = okResult(results, 5) as string;
    const pkcs1 = okResult(results, 6) as string;
    assert.equal(okResult(results, 7), 'VALID');
    assert.ok(
      await opensslVerifies(dir, publicDer, 'RSAPublicKey', 'sha256', message, pss, [
        '-pkeyopt',
        'rsa_padding_mode:pss',
        '-pkeyopt',
        'rsa_pss_saltlen:32',
      ]),
    );
    assert.ok(await opensslVerifies(dir, publicDer, 'RSAPublicKey', 'sha384', message, pkcs1));
    assert.ok(
      !(await opensslVerifies(dir, publicDer, 'RSAPublicKey', 'sha384', hex(100), pkcs1)),
      'openssl rejects another message',
    );
    const encrypted = okResult(results, 8) as { data: string };
    const [plain] = await independently([
      {
        kind: 'rsa_decrypt',
        private_der: privateDer,
        padding: 'OAEP',
        hash: 'SHA_256',
        data: encrypted.data,
      },
    ]);
    assert.equal(plain, secret);
  });

  it('ECDSA P-256 (registered key): the server signature verifies with openssl', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const gen = spawnSync('openssl', [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-outform',
      'DER',
    ]);
    // OpenSSL 3.0 writes SEC1 DER; PyKMIP's PrivateKey takes PKCS#8 (or PKCS#1, Raw) only.
    const pkcs8 = spawnSync(
      'openssl',
      ['pkcs8', '-topk8', '-nocrypt', '-inform', 'DER', '-outform', 'DER'],
      { input: gen.stdout },
    ).stdout.toString('hex');
    const pub = spawnSync('openssl', ['pkey', '-inform', 'DER', '-pubout', '-outform', 'DER'], {
      input: gen.stdout,
    }).stdout.toString('hex');
    const message = hex(64);
    const results = await runClientOps(server, [
      {
        op: 'register',
        object: {
          type: 'PrivateKey',
          algorithm: 'EC',
          length: 256,
          value: pkcs8,
          format: 'PKCS_8',
          usage_mask: ['SIGN'],
        },
      },
      { op: 'activate', uid: '$0' },
      {
        op: 'sign',
        uid: '$0',
        data: message,
        params: { digital_signature_algorithm: 'ECDSA_WITH_SHA256' },
      },
    ]);
    okResult(results, 0);
    assert.ok(
      await opensslVerifies(
        dir,
        pub,
        'SubjectPublicKeyInfo',
        'sha256',
        message,
        okResult(results, 2) as string,
      ),
    );
  });

  it("HMAC-SHA256: the server MAC equals pyca/cryptography's", async (t) => {
    if (!requirePykmip(t, probe)) return;
    const data = hex(77);
    const results = await runClientOps(server, [
      { op: 'create', algorithm: 'HMAC_SHA256', length: 256, usage_mask: ['MAC_GENERATE'] },
      { op: 'activate', uid: '$0' },
      { op: 'get', uid: '$0' },
      { op: 'mac', uid: '$0', data, algorithm: 'HMAC_SHA256' },
    ]);
    const key = (okResult(results, 2) as { value: string }).value;
    const [expected] = await independently([{ kind: 'hmac', hash: 'SHA_256', key, data }]);
    assert.equal((okResult(results, 3) as { data: string }).data, expected);
  });

  it('bad input: wrong key type, missing IV, unsupported mode, data too large, wrong usage mask, weak key', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await runClientOps(server, [
      {
        op: 'create_key_pair',
        algorithm: 'RSA',
        length: 2048,
        public_usage_mask: ['ENCRYPT'],
        private_usage_mask: ['DECRYPT'],
      },
      { op: 'activate', uid: '$0.private_uid' },
      { op: 'activate', uid: '$0.public_uid' },
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['DECRYPT'] },
      { op: 'activate', uid: '$3' },
      // 5: encrypt with a private key
      {
        op: 'encrypt',
        uid: '$0.private_uid',
        data: hex(16),
        params: { cryptographic_algorithm: 'RSA', padding_method: 'OAEP' },
      },
      // 6: CBC decrypt without an IV (Invalid Message, as the OASIS CS-BC-M-11 case answers)
      {
        op: 'decrypt',
        uid: '$3',
        data: hex(32),
        params: { cryptographic_algorithm: 'AES', block_cipher_mode: 'CBC' },
      },
      // 7: a mode the server does not implement
      {
        op: 'decrypt',
        uid: '$3',
        data: hex(32),
        iv: hex(16),
        params: { cryptographic_algorithm: 'AES', block_cipher_mode: 'PCBC' },
      },
      // 8: too much data for RSA-2048 OAEP
      {
        op: 'encrypt',
        uid: '$0.public_uid',
        data: hex(300),
        params: {
          cryptographic_algorithm: 'RSA',
          padding_method: 'OAEP',
          hashing_algorithm: 'SHA_256',
        },
      },
      // 9: the private key lacks the Sign bit (PyKMIP always adds Encrypt and Decrypt)
      {
        op: 'sign',
        uid: '$0.private_uid',
        data: hex(16),
        params: { digital_signature_algorithm: 'SHA256_WITH_RSA_ENCRYPTION' },
      },
      // 10: RSA-1024 is below the default policy
      {
        op: 'create_key_pair',
        algorithm: 'RSA',
        length: 1024,
        public_usage_mask: ['VERIFY'],
        private_usage_mask: ['SIGN'],
      },
    ]);
    // PyKMIP speaks KMIP 1.2: the 2.x reasons arrive as their 1.x equivalents.
    assert.equal(failedResult(results, 5).result_reason, 'INVALID_FIELD');
    assert.equal(failedResult(results, 6).result_reason, 'INVALID_MESSAGE');
    assert.equal(failedResult(results, 7).result_reason, 'INVALID_FIELD');
    assert.equal(failedResult(results, 8).result_reason, 'INVALID_FIELD');
    assert.equal(failedResult(results, 9).result_reason, 'PERMISSION_DENIED');
    assert.equal(failedResult(results, 10).result_reason, 'PERMISSION_DENIED');
  });
});
