// `keywarden serve` on a fresh data folder, driven by PyKMIP 0.10's client (ProxyKmipClient and
// KMIPProxy through test/support/pykmip/client_ops.py), plus the start/stop contract of the
// process: data folder reuse, invalid configuration, SIGTERM.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  runKeywarden,
  startKeywardenProcess,
  type KeywardenProcess,
} from '../../support/keywarden-process.ts';
import { PYKMIP_PYTHON, probePykmip, requirePykmip } from '../../support/pykmip.ts';
import { okResult, runClientOps } from '../../support/pykmip-client-ops.ts';

const probe = probePykmip();

async function caFingerprint(home: string): Promise<string> {
  return new X509Certificate(await readFile(join(home, 'pki', 'ca.crt'))).fingerprint256;
}

describe('keywarden serve with the PyKMIP client', () => {
  let home: string;
  let server: KeywardenProcess;
  let keyId: string;

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-smoke-'));
    server = await startKeywardenProcess({ home });
  });
  after(async () => {
    await server.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  it('sets up the data folder on first start and prints the ready line last', async () => {
    const out = server.stdout();
    assert.match(out, /^ {2}config {6}\S+config\.toml {2}\(created\)$/m);
    assert.match(out, /^ {2}admin cert {2}\S+client-admin\.crt {2}\(created\)$/m);
    assert.match(out, /^port=\d+$/m);
    assert.match(out, /keywarden: KMIP listening on 127\.0\.0\.1:\d+\n$/);
    assert.notEqual(server.port, 0);
  });

  it('answers DiscoverVersions and Query', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await runClientOps(server, [
      { op: 'discover_versions' },
      { op: 'query', functions: ['QUERY_OPERATIONS', 'QUERY_OBJECTS'] },
    ]);
    const versions = okResult(results, 0) as number[][];
    assert.ok(
      versions.some(([major, minor]) => major === 1 && minor === 2),
      JSON.stringify(versions),
    );
    const query = okResult(results, 1) as { operations: string[]; object_types: string[] };
    for (const operation of ['CREATE', 'GET', 'GET_ATTRIBUTES', 'ACTIVATE', 'DESTROY', 'QUERY']) {
      assert.ok(query.operations.includes(operation), `Query lists ${operation}`);
    }
  });

  it('creates an AES-256 key, gets it back, reads its attributes and activates it', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await runClientOps(server, [
      { op: 'create', algorithm: 'AES', length: 256, name: 'smoke-key' },
      { op: 'get', uid: '$0' },
      // Names given: PyKMIP 0.10 cannot parse Original Creation Date (KMIP 1.2+), which an
      // unfiltered 1.2 GetAttributes response carries.
      {
        op: 'get_attributes',
        uid: '$0',
        names: ['Cryptographic Algorithm', 'Cryptographic Length', 'State', 'Name'],
      },
      { op: 'activate', uid: '$0' },
      { op: 'get_attributes', uid: '$0', names: ['State'] },
    ]);
    keyId = okResult(results, 0) as string;
    const key = okResult(results, 1) as {
      object_type: string;
      cryptographic_algorithm: string;
      value: string;
    };
    assert.equal(key.object_type, 'SYMMETRIC_KEY');
    assert.equal(key.cryptographic_algorithm, 'AES');
    assert.equal(key.value.length / 2, 32, 'a 256-bit key is 32 bytes');
    const attributes = (okResult(results, 2) as { attributes: { name: string; value: unknown }[] })
      .attributes;
    const byName = new Map(attributes.map((a) => [a.name, a.value]));
    assert.equal(byName.get('Cryptographic Algorithm'), 'AES');
    assert.equal(byName.get('Cryptographic Length'), 256);
    assert.equal(byName.get('State'), 'PRE_ACTIVE');
    assert.equal(okResult(results, 3), null);
    const state = okResult(results, 4) as { attributes: { name: string; value: unknown }[] };
    assert.deepEqual(
      state.attributes.map((a) => [a.name, a.value]),
      [['State', 'ACTIVE']],
    );
  });

  it('destroys a key, after which Get reports ItemNotFound', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await runClientOps(server, [
      { op: 'create', algorithm: 'AES', length: 128 },
      { op: 'destroy', uid: '$0' },
      { op: 'get', uid: '$0' },
    ]);
    okResult(results, 1);
    const gone = results[2];
    assert.equal(gone?.ok, false);
    assert.equal(gone?.ok === false && gone.result_reason, 'ITEM_NOT_FOUND');
  });

  it('works with the printed pykmip.conf and demo command', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const section = /^\[client\]\n(?:[a-z_]+=.*\n)+/m.exec(server.stdout());
    assert.ok(section !== null, 'a [client] section is printed');
    const conf = join(home, 'pykmip.conf');
    await writeFile(conf, section[0]);
    // As runPykmipScript does: the system interpreter, without a pyenv/virtualenv's paths.
    const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
    delete env['PYTHONHOME'];
    delete env['PYTHONPATH'];
    const demo = spawnSync(
      PYKMIP_PYTHON,
      ['-m', 'kmip.demos.pie.create', '-s', conf, '-c', 'client', '-a', 'AES', '-l', '256'],
      { encoding: 'utf8', env, timeout: 60_000 },
    );
    assert.match(demo.stderr + demo.stdout, /Successfully created symmetric key with ID: \S+/);
  });

  it('exits 0 on SIGTERM, and a second start reuses the data folder and its objects', async (t) => {
    const fingerprint = await caFingerprint(home);
    assert.equal(await server.stop('SIGTERM'), 0);
    assert.match(server.stderr(), /"msg":"shutting down"/);

    server = await startKeywardenProcess({ home });
    assert.doesNotMatch(server.stdout(), /\(created\)/);
    assert.equal(await caFingerprint(home), fingerprint);
    if (!requirePykmip(t, probe)) return;
    assert.ok(keyId !== undefined, 'the create test ran first');
    const results = await runClientOps(server, [{ op: 'get', uid: keyId }]);
    assert.equal((okResult(results, 0) as { value: string }).value.length / 2, 32);
  });
});

describe('keywarden serve start-up errors', () => {
  let home: string;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-smoke-bad-'));
  });
  after(() => rm(home, { recursive: true, force: true }));

  it('exits 2 naming the setting for an invalid configuration', async () => {
    await writeFile(join(home, 'config.toml'), '[kmip]\nmaxMessageSize = 12\n');
    const run = await runKeywarden(['serve', '--home', home, '--port', '0']);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /^keywarden: KW_CONFIG_INVALID: invalid setting kmip\.maxMessageSize \(file [^)]*config\.toml\): must be an integer from 1024 to /,
    );
    assert.equal(run.stdout, '');
  });

  it('exits 1 with one line when the port is taken', async () => {
    const first = await startKeywardenProcess();
    try {
      const run = await runKeywarden(['serve', '--home', first.home, '--port', String(first.port)]);
      assert.equal(run.code, 1);
      assert.match(
        run.stderr,
        /^keywarden: KW_LISTENER_START: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)\n$/m,
      );
      assert.doesNotMatch(run.stderr, /^\s+at /m);
    } finally {
      await first.cleanup();
    }
  });
});
