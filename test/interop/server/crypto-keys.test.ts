// Key wrapping, derivation, re-keying and Certify against `keywarden serve`, driven by the
// PyKMIP 0.10 client (client_ops.py) where it has the operation, and checked independently:
// wrapped keys unwrap with pyca/cryptography, derived keys match its PBKDF2, certificates
// verify with `openssl verify` against the data folder's CA.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  NameType,
  ObjectType,
  ResultStatus,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  RecommendedCurve,
} from '../../../src/kmip/generated/registry.ts';
import type { CertifyResponse } from '../../../src/kmip/messages/payloads/certify.ts';
import type { CreateKeyPairResponse } from '../../../src/kmip/messages/payloads/create-key-pair.ts';
import type { GetResponse } from '../../../src/kmip/messages/payloads/get.ts';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import { okResult, runClientOps } from '../../support/pykmip-client-ops.ts';
import { message } from '../../support/server-harness.ts';
import { adminCredentials, KmipTlsClient } from './kmip-tls-client.ts';

const probe = probePykmip();

describe('key wrapping, derivation, re-keying and Certify with real peers', () => {
  let home: string;
  let server: KeywardenProcess;

  const clientOps = (ops: object[]) => runClientOps(server, ops);

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-crypto-keys-'));
    server = await startKeywardenProcess({ home });
  });
  after(async () => {
    await server.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  it('PyKMIP gets a key wrapped with NIST key wrap; pyca/cryptography unwraps it', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const kek = randomBytes(16).toString('hex');
    const results = await clientOps([
      {
        op: 'register',
        object: {
          type: 'SymmetricKey',
          algorithm: 'AES',
          length: 128,
          value: kek,
          usage_mask: ['WRAP_KEY'],
        },
      },
      { op: 'activate', uid: '$0' },
      { op: 'create', algorithm: 'AES', length: 256, usage_mask: ['ENCRYPT', 'DECRYPT'] },
      {
        op: 'get_wrapped',
        uid: '$2',
        key_wrapping_specification: {
          wrapping_method: 'ENCRYPT',
          encryption_key_information: {
            unique_identifier: '$0',
            cryptographic_parameters: { block_cipher_mode: 'NIST_KEY_WRAP' },
          },
          encoding_option: 'NO_ENCODING',
        },
      },
      { op: 'get', uid: '$2' },
    ]);
    const wrapped = okResult(results, 3) as {
      value: string;
      key_wrapping_data: { wrapping_method: string };
    };
    const clear = okResult(results, 4) as { value: string };
    assert.equal(wrapped.key_wrapping_data.wrapping_method, 'ENCRYPT');
    const check = await clientOps([{ op: 'aes_key_unwrap', kek, wrapped: wrapped.value }]);
    assert.equal(okResult(check, 0), clear.value);
  });

  it('PyKMIP refused: a wrapping key without Wrap Key gets Permission Denied (1.x)', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT'] },
      { op: 'activate', uid: '$0' },
      { op: 'create', algorithm: 'AES', length: 256, usage_mask: ['ENCRYPT'] },
      {
        op: 'get_wrapped',
        uid: '$2',
        key_wrapping_specification: {
          wrapping_method: 'ENCRYPT',
          encryption_key_information: { unique_identifier: '$0' },
          encoding_option: 'NO_ENCODING',
        },
      },
    ]);
    const failed = results[3];
    assert.ok(failed !== undefined && !failed.ok);
    assert.equal(failed.result_reason, 'PERMISSION_DENIED');
  });

  it('PyKMIP derives a PBKDF2 secret that matches pyca/cryptography', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const password = Buffer.from('correct horse battery staple').toString('hex');
    const salt = randomBytes(16).toString('hex');
    const results = await clientOps([
      {
        op: 'register',
        object: { type: 'SecretData', value: password, usage_mask: ['DERIVE_KEY'] },
      },
      { op: 'activate', uid: '$0' },
      {
        op: 'derive_key',
        object_type: 'SYMMETRIC_KEY',
        uids: ['$0'],
        method: 'PBKDF2',
        algorithm: 'AES',
        length: 256,
        usage_mask: ['ENCRYPT'],
        derivation_parameters: {
          cryptographic_parameters: { hashing_algorithm: 'SHA_256' },
          salt,
          iteration_count: 2048,
        },
      },
      { op: 'get', uid: '$2' },
      { op: 'pbkdf2', password, salt, iterations: 2048, length: 32, hash: 'SHA256' },
    ]);
    assert.equal((okResult(results, 3) as { value: string }).value, okResult(results, 4));
  });

  it('PyKMIP derives SP 800-108 feedback and double-pipeline keys that match OpenSSL / HMAC', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const secret = randomBytes(32);
    const iv = randomBytes(32);
    const fixed = Buffer.from('label\0context', 'latin1');
    const derive = (method: string, parameters: object) => ({
      op: 'derive_key',
      object_type: 'SYMMETRIC_KEY',
      uids: ['$0'],
      method,
      algorithm: 'AES',
      length: 256,
      usage_mask: ['ENCRYPT'],
      derivation_parameters: {
        cryptographic_parameters: { hashing_algorithm: 'SHA_256' },
        derivation_data: fixed.toString('hex'),
        ...parameters,
      },
    });
    const results = await clientOps([
      {
        op: 'register',
        object: { type: 'SecretData', value: secret.toString('hex'), usage_mask: ['DERIVE_KEY'] },
      },
      { op: 'activate', uid: '$0' },
      derive('NIST800_108_F', { initialization_vector: iv.toString('hex') }),
      derive('NIST800_108_DPI', {}),
      { op: 'get', uid: '$2' },
      { op: 'get', uid: '$3' },
    ]);
    const options = [
      'mac:HMAC',
      'digest:SHA256',
      'mode:FEEDBACK',
      `hexkey:${secret.toString('hex')}`,
      `hexseed:${iv.toString('hex')}`,
      `hexsalt:${fixed.toString('hex')}`,
      'use-l:0',
      'use-separator:0',
    ].flatMap((o) => ['-kdfopt', o]);
    const feedback = execFileSync('openssl', ['kdf', '-keylen', '32', ...options, 'KBKDF'], {
      encoding: 'utf8',
    });
    assert.equal(
      (okResult(results, 4) as { value: string }).value,
      feedback.trim().replace(/:/g, '').toLowerCase(),
    );
    // SP 800-108 §4.3, one block: A(1) = HMAC(K, fixed), K(1) = HMAC(K, A(1) || [1]_32 || fixed).
    const hmac = (data: Buffer) => createHmac('sha256', secret).update(data).digest();
    const pipeline = hmac(Buffer.concat([hmac(fixed), Buffer.from([0, 0, 0, 1]), fixed]));
    assert.equal((okResult(results, 5) as { value: string }).value, pipeline.toString('hex'));
  });

  it('PyKMIP registers a compressed EC point and gets it back in the form it asks for (pyca checks)', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const spki = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    const compressedSpki = execFileSync(
      'openssl',
      ['ec', '-pubin', '-inform', 'DER', '-outform', 'DER', '-conv_form', 'compressed'],
      { input: spki, stdio: ['pipe', 'pipe', 'ignore'] },
    ).toString('hex');
    const results = await clientOps([
      { op: 'ec_points', spki: spki.toString('hex') },
      {
        op: 'register',
        object: {
          type: 'PublicKey',
          algorithm: 'EC',
          length: 384,
          value: compressedSpki,
          usage_mask: ['VERIFY'],
        },
      },
      {
        op: 'get_ec_public_key',
        uid: '$1',
        key_compression_type: 'EC_PUBLIC_KEY_TYPE_UNCOMPRESSED',
      },
      {
        op: 'register',
        object: {
          type: 'PublicKey',
          algorithm: 'EC',
          length: 384,
          value: spki.toString('hex'),
          usage_mask: ['VERIFY'],
        },
      },
      {
        op: 'get_ec_public_key',
        uid: '$3',
        key_compression_type: 'EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_PRIME',
      },
      { op: 'ec_points', spki: '$4.spki' },
    ]);
    const points = okResult(results, 0) as {
      compressed: string;
      uncompressed: string;
      spki: string;
    };
    const uncompressed = okResult(results, 2) as { spki: string; key_compression_type: string };
    assert.equal(uncompressed.spki, points.spki);
    assert.equal(uncompressed.key_compression_type, 'EC_PUBLIC_KEY_TYPE_UNCOMPRESSED');
    const compressed = okResult(results, 4) as { spki: string; key_compression_type: string };
    assert.equal(compressed.spki, compressedSpki);
    assert.equal(compressed.key_compression_type, 'EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_PRIME');
    // pyca reads the server's compressed SubjectPublicKeyInfo as the same point.
    const reread = okResult(results, 5) as typeof points;
    assert.equal(reread.uncompressed, points.uncompressed);
    assert.equal(reread.compressed, points.compressed);
  });

  it('PyKMIP rekeys a symmetric key: a new key with the same algorithm and length', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 192, usage_mask: ['ENCRYPT'] },
      { op: 'rekey', uid: '$0', offset: 0 },
      { op: 'get', uid: '$0' },
      { op: 'get', uid: '$1' },
    ]);
    const [before, after] = [okResult(results, 2), okResult(results, 3)] as {
      value: string;
      cryptographic_length: number;
      cryptographic_algorithm: string;
    }[];
    assert.notEqual(okResult(results, 1), okResult(results, 0));
    assert.equal(after?.cryptographic_length, 192);
    assert.equal(after?.cryptographic_algorithm, 'AES');
    assert.notEqual(after?.value, before?.value);
  });

  it('PyKMIP (KMIPProxy) rekeys a key pair: a new matching pair, checked with pyca/cryptography', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      {
        op: 'create_key_pair',
        algorithm: 'RSA',
        length: 2048,
        private_usage_mask: ['SIGN'],
        public_usage_mask: ['VERIFY'],
      },
      { op: 'rekey_key_pair', private_uid: '$0.private_uid' },
      { op: 'check_key_pair', private_uid: '$1.private_uid', public_uid: '$1.public_uid' },
    ]);
    const old = okResult(results, 0) as { private_uid: string };
    const fresh = okResult(results, 1) as { private_uid: string; public_uid: string };
    assert.notEqual(fresh.private_uid, old.private_uid);
    assert.deepEqual(okResult(results, 2), {
      key_type: '_RSAPrivateKey',
      signature_verified: true,
      same_public_key: true,
    });
  });

  it('Certify issues a certificate that `openssl verify` accepts against the data folder CA', async () => {
    const client = await KmipTlsClient.connect(server, await adminCredentials(home));
    try {
      const pair = await client.send(
        message('1.4', [
          {
            operation: 'CreateKeyPair',
            payload: {
              commonAttributes: {
                attributes: [
                  { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.EC },
                  {
                    name: 'CryptographicDomainParameters',
                    value: { recommendedCurve: RecommendedCurve.P_256 },
                  },
                ],
              },
              privateKeyAttributes: {
                attributes: [
                  { name: 'CryptographicUsageMask', value: CryptographicUsageMask.Sign },
                ],
              },
              publicKeyAttributes: {
                attributes: [
                  { name: 'CryptographicUsageMask', value: CryptographicUsageMask.Verify },
                  {
                    name: 'Name',
                    value: { value: 'interop-service', type: NameType.UninterpretedTextString },
                  },
                ],
              },
            },
          },
        ]),
      );
      const [created] = pair.batchItems;
      assert.ok(created?.kind === 'typed' && created.resultStatus === ResultStatus.Success);
      const publicId = (created.payload as CreateKeyPairResponse)
        .publicKeyUniqueIdentifier as string;
      // Certify names the public key; the Get in the same batch takes the ID Placeholder.
      const response = await client.send(
        message('1.4', [
          { operation: 'Certify', payload: { uniqueIdentifier: publicId }, id: 'certify' },
          { operation: 'Get', payload: {}, id: 'get' },
        ]),
      );
      for (const item of response.batchItems) {
        assert.ok(
          item.kind === 'typed' && item.resultStatus === ResultStatus.Success,
          JSON.stringify(item),
        );
      }
      const certified = (response.batchItems[0] as { payload: CertifyResponse }).payload;
      const got = (response.batchItems[1] as { payload: GetResponse }).payload;
      assert.equal(got.objectType, ObjectType.Certificate);
      assert.equal(got.uniqueIdentifier, certified.uniqueIdentifier);
      assert.ok(got.object.kind === 'Certificate');
      const pem = new X509Certificate(got.object.certificateValue).toString();
      const file = join(home, 'certified.pem');
      await writeFile(file, pem);
      const out = execFileSync('openssl', ['verify', '-CAfile', server.pki.ca, file], {
        encoding: 'utf8',
      });
      assert.match(out, /: OK/);
      assert.equal(new X509Certificate(pem).subject, 'CN=interop-service');
    } finally {
      client.destroy();
    }
  });
});
