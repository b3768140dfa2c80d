// DSA keys with the PyKMIP 0.10 client (issue #5): a DSA key pair registered as X.509 and
// PKCS#8 comes back byte for byte and pyca/cryptography finds the two halves of one pair
// (client_ops.py check_key_pair); the server's DSA signatures verify with the openssl command;
// PyKMIP creates a DSA key pair the server generates.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import { failedResult, okResult, runClientOps } from '../../support/pykmip-client-ops.ts';

const probe = probePykmip();

describe('DSA keys with the PyKMIP client', () => {
  let home: string;
  let server: KeywardenProcess;
  const pair = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
  const spki = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('hex');
  const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('hex');
  const clientOps = (ops: object[]) => runClientOps(server, ops);

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-dsa-'));
    server = await startKeywardenProcess({ home });
  });
  after(async () => {
    await server.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  it('registers a DSA-2048 pair, gets both back byte for byte, pyca/cryptography checks the pair', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      {
        op: 'register',
        object: {
          type: 'PublicKey',
          algorithm: 'DSA',
          length: 2048,
          value: spki,
          format: 'X_509',
          usage_mask: ['VERIFY'],
        },
      },
      {
        op: 'register',
        object: {
          type: 'PrivateKey',
          algorithm: 'DSA',
          length: 2048,
          value: pkcs8,
          format: 'PKCS_8',
          usage_mask: ['SIGN'],
        },
      },
      { op: 'get', uid: '$0' },
      { op: 'get', uid: '$1' },
      { op: 'check_key_pair', private_uid: '$1', public_uid: '$0' },
      { op: 'get_attributes', uid: '$0' },
    ]);
    const publicKey = okResult(results, 2) as Record<string, unknown>;
    assert.equal(publicKey['value'], spki);
    assert.equal(publicKey['cryptographic_algorithm'], 'DSA');
    assert.equal(publicKey['cryptographic_length'], 2048);
    assert.equal(publicKey['key_format_type'], 'X_509');
    assert.equal((okResult(results, 3) as Record<string, unknown>)['value'], pkcs8);
    assert.deepEqual(okResult(results, 4), {
      key_type: '_DSAPrivateKey',
      signature_verified: true,
      same_public_key: true,
    });
    const attributes = okResult(results, 5) as { attributes: { name: string; value: unknown }[] };
    const byName = new Map(attributes.attributes.map((a) => [a.name, a.value]));
    assert.equal(byName.get('Cryptographic Algorithm'), 'DSA');
    assert.equal(byName.get('Cryptographic Length'), 2048);
  });

  it('signs with DSA-SHA256 through the server; the openssl command verifies the signature', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const message = Buffer.from('keywarden DSA signature over PyKMIP').toString('hex');
    const results = await clientOps([
      {
        op: 'register',
        object: {
          type: 'PrivateKey',
          algorithm: 'DSA',
          length: 2048,
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
        params: { digital_signature_algorithm: 'DSA_WITH_SHA256' },
      },
    ]);
    const signature = okResult(results, 2) as string;
    const dir = await mkdtemp(join(tmpdir(), 'kw-dsa-sig-'));
    try {
      const [keyFile, dataFile, sigFile] = ['key.der', 'data.bin', 'sig.bin'].map((n) =>
        join(dir, n),
      ) as [string, string, string];
      await writeFile(keyFile, Buffer.from(spki, 'hex'));
      await writeFile(dataFile, Buffer.from(message, 'hex'));
      await writeFile(sigFile, Buffer.from(signature, 'hex'));
      const verify = (file: string) =>
        spawnSync('openssl', [
          'dgst',
          '-sha256',
          '-verify',
          keyFile,
          '-keyform',
          'DER',
          '-signature',
          sigFile,
          file,
        ]);
      const checked = verify(dataFile);
      assert.equal(checked.status, 0, checked.stderr.toString());
      assert.match(checked.stdout.toString(), /Verified OK/);
      await writeFile(join(dir, 'other.bin'), 'another message');
      assert.notEqual(verify(join(dir, 'other.bin')).status, 0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('creates a DSA-2048 pair (PKCS#8 / X.509) that pyca/cryptography checks; DSA-1024 is refused by the default policy', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      {
        op: 'create_key_pair',
        algorithm: 'DSA',
        length: 2048,
        private_usage_mask: ['SIGN'],
        public_usage_mask: ['VERIFY'],
      },
      { op: 'check_key_pair', private_uid: '$0.private_uid', public_uid: '$0.public_uid' },
      { op: 'get', uid: '$0.private_uid' },
      {
        op: 'create_key_pair',
        algorithm: 'DSA',
        length: 1024,
        private_usage_mask: ['SIGN'],
        public_usage_mask: ['VERIFY'],
      },
    ]);
    assert.deepEqual(okResult(results, 1), {
      key_type: '_DSAPrivateKey',
      signature_verified: true,
      same_public_key: true,
    });
    assert.equal((okResult(results, 2) as Record<string, unknown>)['key_format_type'], 'PKCS_8');
    assert.equal(failedResult(results, 3).result_reason, 'PERMISSION_DENIED');
  });
});
