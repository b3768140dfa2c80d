// `keywarden serve` started the way PyKMIP's server is: from a PyKMIP server.conf (with its
// policy_path and an [auth:slugs] block) and PyKMIP's script flags, then used by the PyKMIP
// client; and the clear exit 2 for a server.conf that cannot be used.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

type OpResult = { op: string; ok: boolean; result?: unknown; result_reason?: string | null };

describe('keywarden serve --pykmip-config', () => {
  let home: string;
  let server: KeywardenProcess;

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-pykmip-conf-'));
    const init = await runKeywarden(['init', '--home', home]);
    assert.equal(init.code, 0, init.stderr);
    await mkdir(join(home, 'policies'));
    await writeFile(
      join(home, 'policies', 'shared.json'),
      JSON.stringify({
        shared: { preset: { SYMMETRIC_KEY: { GET: 'ALLOW_ALL', DESTROY: 'DISALLOW_ALL' } } },
      }),
    );
    // The seed's [server] block with real paths, plus an unknown key and a SLUGS block.
    await writeFile(
      join(home, 'server.conf'),
      `[server]
hostname=127.0.0.1
port=5696
certificate_path=${home}/pki/server.crt
key_path=${home}/pki/server.key
ca_path=${home}/pki/ca.crt
auth_suite=TLS1.2
policy_path=${home}/policies
enable_tls_client_auth=True
tls_cipher_suites=
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
logging_level=INFO
database_path=${home}/pykmip.db
max_threads=8

[auth:slugs]
enabled=False
url=http://127.0.0.1:8080/slugs/
`,
    );
    server = await startKeywardenProcess({
      home,
      args: ['--pykmip-config', join(home, 'server.conf'), '-p', '0', '-v', 'INFO'],
    });
  });
  after(async () => {
    await server?.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  it('starts, warns about the unknown key, and stores objects in database_path', () => {
    assert.match(server.stderr(), /warning: server\.max_threads: unknown setting, ignored/);
    assert.match(server.stderr(), /warning: \[auth:slugs\] ignored: the plugin is not enabled/);
    assert.ok(existsSync(join(home, 'pykmip.db')));
  });

  it('serves the PyKMIP client and applies the policies of policy_path', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = (await runPykmipScript('client_ops.py', {
      host: server.host,
      port: server.port,
      certfile: server.pki.clientCert,
      keyfile: server.pki.clientKey,
      ca_certs: server.pki.ca,
      ops: [
        { op: 'create', algorithm: 'AES', length: 256, operation_policy_name: 'shared' },
        { op: 'get', uid: '$0' },
        { op: 'destroy', uid: '$0' },
      ],
    })) as OpResult[];
    assert.equal(results[0]?.ok, true, JSON.stringify(results[0]));
    assert.equal(results[1]?.ok, true, JSON.stringify(results[1]));
    assert.equal(results[2]?.result_reason, 'PERMISSION_DENIED', 'DISALLOW_ALL even for the owner');
  });
});

describe('keywarden serve with an unusable PyKMIP server.conf', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-pykmip-bad-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('exits 2 for the seed example: as printed (continuation lines unindented) and as meant', async () => {
    const conf = join(dir, 'seed.conf');
    await writeFile(
      conf,
      `[server]
hostname=127.0.0.1
port=5696
certificate_path=/path/to/certificate/file
key_path=/path/to/certificate/key/file
ca_path=/path/to/ca/certificate/file
auth_suite=Basic
policy_path=/path/to/policy/file
enable_tls_client_auth=True
tls_cipher_suites=
TLS_RSA_WITH_AES_128_CBC_SHA256
TLS_RSA_WITH_AES_256_CBC_SHA256
TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384
logging_level=DEBUG
database_path=/tmp/pykmip.db
`,
    );
    // The seed's rendering lost the indentation of the tls_cipher_suites continuation lines;
    // Python's configparser refuses that text too (ParsingError on line 11).
    const printed = await runKeywarden(['serve', '--home', dir, '--pykmip-config', conf]);
    assert.equal(printed.code, 2, printed.stderr);
    assert.match(printed.stderr, /KW_CONFIG_PARSE: .*seed\.conf:11: expected name = value/);
    const text = await readFile(conf, 'utf8');
    await writeFile(conf, text.replace(/^TLS_/gm, '    TLS_'));
    const run = await runKeywarden(['serve', '--home', dir, '--pykmip-config', conf]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      /KW_CONFIG_INVALID: invalid setting server\.certificate_path \(file [^)]*seed\.conf\): file \/path\/to\/certificate\/file does not exist/,
    );
  });

  it('exits 2 for a file that is not INI, and for auto without /etc/pykmip/server.conf', async (t) => {
    const conf = join(dir, 'broken.conf');
    await writeFile(conf, 'hostname=127.0.0.1\n');
    const run = await runKeywarden(['serve', '--home', dir, '--pykmip-config', conf]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /KW_CONFIG_PARSE: .*broken\.conf:1: setting outside any \[section\]/);
    if (existsSync('/etc/pykmip/server.conf')) {
      t.diagnostic('/etc/pykmip/server.conf exists here: the auto case is not checked');
      return;
    }
    const auto = await runKeywarden(['serve', '--home', dir, '--pykmip-config', 'auto']);
    assert.equal(auto.code, 2);
    assert.match(
      auto.stderr,
      /KW_CLI_USAGE: --pykmip-config: auto: there is no PyKMIP configuration at \/etc\/pykmip\/server\.conf/,
    );
  });
});
