// Issue #6: with crypto.allowLegacy, `keywarden serve` runs itself again with OpenSSL's legacy
// provider (Node 24 serves Blowfish, CAST5, IDEA, RC4 and SEED only from it), the PyKMIP
// client can use a Blowfish key (checked with pyca/cryptography), and each use is logged.
// Without the provider, the server refuses to start with an error naming the switch.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  runKeywarden,
  startKeywardenProcess,
  type KeywardenProcess,
} from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip, runPykmipScript } from '../../support/pykmip.ts';

const probe = probePykmip();
const hex = (n: number) => randomBytes(n).toString('hex');

type OpResult = { op: string; ok: boolean; result?: unknown; message?: string };

describe('keywarden serve with crypto.allowLegacy', () => {
  let server: KeywardenProcess;
  before(async () => {
    server = await startKeywardenProcess({ args: ['--crypto-allow-legacy', 'true'] });
  });
  after(() => server.cleanup());

  it('restarts itself with --openssl-legacy-provider and says so', () => {
    assert.match(server.stderr(), /restarting with --openssl-legacy-provider/);
  });

  it('encrypts with a Blowfish key for PyKMIP; pyca/cryptography decrypts it; the use is logged', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const key = hex(16);
    const iv = hex(8);
    const data = hex(21);
    const results = (await runPykmipScript('client_ops.py', {
      host: server.host,
      port: server.port,
      certfile: server.pki.clientCert,
      keyfile: server.pki.clientKey,
      ca_certs: server.pki.ca,
      ops: [
        {
          op: 'register',
          object: {
            type: 'SymmetricKey',
            algorithm: 'BLOWFISH',
            length: 128,
            value: key,
            usage_mask: ['ENCRYPT'],
          },
        },
        { op: 'activate', uid: '$0' },
        {
          op: 'encrypt',
          uid: '$0',
          data,
          iv,
          params: {
            cryptographic_algorithm: 'BLOWFISH',
            block_cipher_mode: 'CBC',
            padding_method: 'PKCS5',
          },
        },
      ],
    })) as OpResult[];
    assert.ok(results[2]?.ok, JSON.stringify(results));
    const ciphertext = (results[2]?.result as { data: string }).data;
    const [check] = (await runPykmipScript('crypto_check.py', {
      checks: [
        {
          kind: 'decrypt',
          algorithm: 'Blowfish',
          mode: 'CBC',
          padding: 'PKCS5',
          key,
          iv,
          data: ciphertext,
        },
      ],
    })) as { ok: boolean; result?: string; error?: string }[];
    assert.ok(check?.ok, check?.error);
    assert.equal(check?.result, data);
    assert.match(
      server.stderr(),
      /legacy algorithm used.*"algorithm":"Blowfish"|"algorithm":"Blowfish".*legacy algorithm used/,
    );
  });
});

describe('a process without the legacy provider and crypto.allowLegacy', () => {
  let home: string;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-legacy-'));
  });
  after(() => rm(home, { recursive: true, force: true }));

  it('refuses to serve with KW_CRYPTO_LEGACY_PROVIDER naming --openssl-legacy-provider', async () => {
    // The relaunch marker makes serve believe it is already the relaunched child.
    const run = await runKeywarden(
      ['serve', '--port', '0', '--home', home, '--crypto-allow-legacy', 'true'],
      {
        env: { KEYWARDEN_LEGACY_PROVIDER_RELAUNCH: '1' },
      },
    );
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /KW_CRYPTO_LEGACY_PROVIDER/);
    assert.match(run.stderr, /--openssl-legacy-provider/);
  });
});
