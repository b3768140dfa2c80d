// Create Key Pair and Register against `keywarden serve`, driven by PyKMIP 0.10's client
// (test/support/pykmip/client_ops.py): key pairs are checked in Python (pyca/cryptography
// signs with the private key and verifies with the public one), registered objects come back
// from Get byte for byte, and PyKMIP can read the attribute listings of both.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, randomBytes } from '../../../src/crypto/index.ts';
import { createCaCertificate } from '../../../src/pki/index.ts';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import { failedResult, okResult, runClientOps } from '../../support/pykmip-client-ops.ts';

const probe = probePykmip();

interface AttributeList {
  readonly attributes: readonly { name: string; value: unknown }[];
}

function names(list: unknown): string[] {
  return (list as AttributeList).attributes.map((a) => a.name);
}

function byName(list: unknown): Map<string, unknown> {
  return new Map((list as AttributeList).attributes.map((a) => [a.name, a.value]));
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function pemToDer(pem: string): Uint8Array {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

describe('Create Key Pair and Register with the PyKMIP client', () => {
  let home: string;
  let server: KeywardenProcess;
  const clientOps = (ops: object[], kmipVersion = '1.2') =>
    runClientOps(server, ops, { kmipVersion });

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-ckp-reg-'));
    server = await startKeywardenProcess({ home });
  });
  after(async () => {
    await server.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  for (const version of ['1.2', '2.0']) {
    it(`creates an RSA-2048 pair that signs and verifies in Python (KMIP ${version})`, async (t) => {
      if (!requirePykmip(t, probe)) return;
      const results = await clientOps(
        [
          {
            op: 'create_key_pair',
            algorithm: 'RSA',
            length: 2048,
            private_name: 'ckp-private',
            public_name: 'ckp-public',
            private_usage_mask: ['SIGN'],
            public_usage_mask: ['VERIFY'],
          },
          { op: 'check_key_pair', private_uid: '$0.private_uid', public_uid: '$0.public_uid' },
          { op: 'get', uid: '$0.private_uid' },
          { op: 'get', uid: '$0.public_uid' },
          { op: 'get_attributes', uid: '$0.private_uid' },
          { op: 'get_attributes', uid: '$0.public_uid' },
          { op: 'get_attribute_list', uid: '$0.private_uid' },
        ],
        version,
      );
      okResult(results, 0);
      assert.deepEqual(okResult(results, 1), {
        key_type: '_RSAPrivateKey',
        signature_verified: true,
        same_public_key: true,
      });
      const privateKey = okResult(results, 2) as Record<string, unknown>;
      assert.equal(privateKey['object_type'], 'PRIVATE_KEY');
      assert.equal(privateKey['key_format_type'], 'PKCS_1');
      assert.equal(privateKey['cryptographic_length'], 2048);
      const publicKey = okResult(results, 3) as Record<string, unknown>;
      assert.equal(publicKey['object_type'], 'PUBLIC_KEY');
      assert.equal(publicKey['key_format_type'], 'PKCS_1');
      // Full listings parse in PyKMIP: the Link, which it cannot read, is listed from KMIP 2.1.
      const privateAttributes = byName(okResult(results, 4));
      assert.equal(privateAttributes.get('Cryptographic Algorithm'), 'RSA');
      assert.equal(privateAttributes.get('Cryptographic Length'), 2048);
      assert.deepEqual(privateAttributes.get('Cryptographic Usage Mask'), ['SIGN']);
      assert.equal(privateAttributes.get('Object Type'), 'PRIVATE_KEY');
      assert.equal(byName(okResult(results, 5)).get('Object Type'), 'PUBLIC_KEY');
      assert.ok(!names(okResult(results, 4)).includes('Link'));
      assert.ok((okResult(results, 6) as string[]).includes('Cryptographic Usage Mask'));
    });
  }

  it('creates an EC P-256 pair from algorithm EC and length 256', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      {
        op: 'create_key_pair',
        algorithm: 'EC',
        length: 256,
        private_usage_mask: ['SIGN'],
        public_usage_mask: ['VERIFY'],
      },
      { op: 'check_key_pair', private_uid: '$0.private_uid', public_uid: '$0.public_uid' },
      { op: 'get', uid: '$0.private_uid' },
      { op: 'get', uid: '$0.public_uid' },
      { op: 'get_attributes', uid: '$0.public_uid' },
    ]);
    assert.deepEqual(okResult(results, 1), {
      key_type: '_EllipticCurvePrivateKey',
      signature_verified: true,
      same_public_key: true,
    });
    assert.equal((okResult(results, 2) as Record<string, unknown>)['key_format_type'], 'PKCS_8');
    assert.equal((okResult(results, 3) as Record<string, unknown>)['key_format_type'], 'X_509');
    assert.equal(byName(okResult(results, 4)).get('Cryptographic Algorithm'), 'EC');
  });

  it('refuses a key pair without usage masks with Invalid Field, as PyKMIP does', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([{ op: 'create_key_pair', algorithm: 'RSA', length: 2048 }]);
    assert.equal(failedResult(results, 0).result_reason, 'INVALID_FIELD');
  });

  it('registers every object type PyKMIP has and gets each back byte for byte', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const rsa = await generateKeyPair({ algorithm: 'RSA', lengthBits: 2048 });
    const ca = await createCaCertificate({ commonName: 'Interop CA', keyAlgorithm: 'rsa-2048' });
    const certificate = pemToDer(ca.cert);
    const objects = [
      {
        type: 'SymmetricKey',
        algorithm: 'AES',
        length: 256,
        value: hex(randomBytes(32)),
        usage_mask: ['ENCRYPT', 'DECRYPT'],
      },
      {
        type: 'PublicKey',
        algorithm: 'RSA',
        length: 2048,
        value: hex(rsa.publicKey.X_509),
        format: 'X_509',
        usage_mask: ['VERIFY'],
      },
      {
        type: 'PrivateKey',
        algorithm: 'RSA',
        length: 2048,
        value: hex(rsa.privateKey.PKCS_8),
        format: 'PKCS_8',
        usage_mask: ['SIGN'],
      },
      {
        type: 'SplitKey',
        algorithm: 'AES',
        length: 128,
        value: hex(randomBytes(16)),
        split_key_parts: 3,
        key_part_identifier: 1,
        split_key_threshold: 3,
        split_key_method: 'XOR',
      },
      { type: 'Certificate', value: hex(certificate), usage_mask: ['VERIFY'] },
      {
        type: 'SecretData',
        value: hex(new TextEncoder().encode('s3cret pass')),
        data_type: 'PASSWORD',
      },
      { type: 'OpaqueObject', value: hex(randomBytes(40)), name: 'opaque-interop' },
    ];
    for (const version of ['1.2', '2.0']) {
      const ops = objects.flatMap((object, i) => [
        { op: 'register', object },
        { op: 'get', uid: `$${i * 3}` },
        { op: 'get_attributes', uid: `$${i * 3}` },
      ]);
      const results = await clientOps(ops, version);
      objects.forEach((object, i) => {
        okResult(results, i * 3);
        const got = okResult(results, i * 3 + 1) as Record<string, unknown>;
        assert.equal(
          got['value'],
          object.value,
          `${object.type} (${version}) comes back unchanged`,
        );
        const attributes = byName(okResult(results, i * 3 + 2));
        assert.equal(attributes.get('State'), 'PRE_ACTIVE', `${object.type} (${version})`);
        if ('algorithm' in object) {
          assert.equal(attributes.get('Cryptographic Algorithm'), object.algorithm);
          assert.equal(attributes.get('Cryptographic Length'), object.length);
        }
      });
      const cert = byName(okResult(results, 4 * 3 + 2));
      assert.equal(cert.get('Cryptographic Algorithm'), 'RSA', `certificate key (${version})`);
      assert.equal(cert.get('Cryptographic Length'), 2048);
      const split = okResult(results, 3 * 3 + 1) as Record<string, unknown>;
      assert.equal(split['split_key_parts'], 3);
      assert.equal(split['split_key_method'], 'XOR');
    }
  });

  it('refuses bad material with Invalid Field', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const rsa = await generateKeyPair({ algorithm: 'RSA', lengthBits: 2048 });
    const results = await clientOps([
      // An AES key of 20 bytes.
      {
        op: 'register',
        object: {
          type: 'SymmetricKey',
          algorithm: 'AES',
          length: 160,
          value: hex(randomBytes(20)),
        },
      },
      // A public key stated 4096 bits long that has 2048.
      {
        op: 'register',
        object: {
          type: 'PublicKey',
          algorithm: 'RSA',
          length: 4096,
          value: hex(rsa.publicKey.X_509),
        },
      },
      // Garbage as a certificate.
      { op: 'register', object: { type: 'Certificate', value: hex(randomBytes(64)) } },
    ]);
    assert.equal(failedResult(results, 0).result_reason, 'INVALID_FIELD');
    assert.equal(failedResult(results, 1).result_reason, 'INVALID_FIELD');
    assert.equal(failedResult(results, 2).result_reason, 'INVALID_FIELD');
  });
});
