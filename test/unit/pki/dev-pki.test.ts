import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  DEV_PKI_FILES,
  createCaCertificate,
  createDevPki,
  ensureDevPki,
  issueCertificate,
} from '../../../src/pki/index.ts';

const run = promisify(execFile);
const DAY = 86_400_000;

describe('createDevPki', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kw-devpki-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('writes the CA, server and admin files; openssl verifies both leaves against the CA', async () => {
    const dir = join(root, 'a', 'pki');
    const pki = await createDevPki(dir);
    assert.deepEqual([...pki.created].sort(), Object.keys(DEV_PKI_FILES).sort());
    for (const [file, name] of Object.entries(DEV_PKI_FILES)) {
      assert.equal(pki.paths[file as keyof typeof DEV_PKI_FILES], join(dir, name));
    }
    const { stdout } = await run('openssl', [
      'verify',
      '-CAfile',
      pki.paths.caCert,
      pki.paths.serverCert,
      pki.paths.adminCert,
    ]);
    assert.match(stdout, /server\.crt: OK/);
    assert.match(stdout, /client-admin\.crt: OK/);
    await run('openssl', [
      'verify',
      '-purpose',
      'sslserver',
      '-CAfile',
      pki.paths.caCert,
      pki.paths.serverCert,
    ]);
    await run('openssl', [
      'verify',
      '-purpose',
      'sslclient',
      '-CAfile',
      pki.paths.caCert,
      pki.paths.adminCert,
    ]);
  });

  it('writes private keys with mode 0600 and the folder with 0700', async () => {
    const dir = join(root, 'modes');
    const pki = await createDevPki(dir);
    for (const file of ['caKey', 'serverKey', 'adminKey'] as const) {
      assert.equal((await stat(pki.paths[file])).mode & 0o777, 0o600, file);
    }
    assert.equal((await stat(pki.paths.caCert)).mode & 0o777, 0o644);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
  });

  it('makes a 10-year CA, and a localhost server and an admin client certificate for 2 years', async () => {
    const now = new Date('2031-06-01T00:00:00Z');
    const pki = await createDevPki(join(root, 'content'), { now });
    const ca = new X509Certificate(await readFile(pki.paths.caCert));
    const server = new X509Certificate(await readFile(pki.paths.serverCert));
    const admin = new X509Certificate(await readFile(pki.paths.adminCert));
    assert.equal(ca.ca, true);
    assert.equal(ca.validToDate.getTime() - now.getTime(), 3650 * DAY);
    assert.equal(server.validToDate.getTime() - now.getTime(), 730 * DAY);
    assert.match(server.subject, /^CN=localhost$/m);
    assert.equal(
      server.subjectAltName,
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    assert.match(admin.subject, /^CN=admin$/m);
    const { stdout: serverText } = await run('openssl', [
      'x509',
      '-noout',
      '-text',
      '-in',
      pki.paths.serverCert,
    ]);
    assert.match(serverText, /Extended Key Usage: *\n *TLS Web Server Authentication\n/);
    const { stdout: adminText } = await run('openssl', [
      'x509',
      '-noout',
      '-text',
      '-in',
      pki.paths.adminCert,
    ]);
    assert.match(adminText, /Extended Key Usage: *\n *TLS Web Client Authentication\n/);
    const { stdout: caText } = await run('openssl', [
      'x509',
      '-noout',
      '-text',
      '-in',
      pki.paths.caCert,
    ]);
    assert.match(caText, /Basic Constraints: critical\n *CA:TRUE/);
    assert.match(caText, /Key Usage: critical\n *Certificate Sign, CRL Sign\n/);
    assert.equal(ca.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  });

  it('uses RSA keys when asked, and a custom admin CN', async () => {
    const pki = await createDevPki(join(root, 'rsa'), {
      keyAlgorithm: 'rsa-2048',
      adminCommonName: 'root',
    });
    const admin = new X509Certificate(await readFile(pki.paths.adminCert));
    assert.equal(admin.publicKey.asymmetricKeyType, 'rsa');
    assert.match(admin.subject, /^CN=root$/m);
  });
});

describe('ensureDevPki', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kw-ensure-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('creates everything in an empty folder, then reuses the files on a second call', async () => {
    const dir = join(root, 'reuse');
    const first = await ensureDevPki(dir);
    assert.equal(first.created.length, 6);
    const before = await Promise.all(Object.values(first.paths).map((p) => readFile(p, 'utf8')));
    const second = await ensureDevPki(dir);
    assert.deepEqual(second.created, []);
    const afterward = await Promise.all(
      Object.values(second.paths).map((p) => readFile(p, 'utf8')),
    );
    assert.deepEqual(afterward, before);
  });

  it('reissues only a missing leaf pair, from the existing CA', async () => {
    const dir = join(root, 'partial');
    const first = await ensureDevPki(dir);
    const caBefore = await readFile(first.paths.caCert, 'utf8');
    await unlink(first.paths.adminCert);
    await unlink(first.paths.adminKey);
    const second = await ensureDevPki(dir);
    assert.deepEqual([...second.created].sort(), ['adminCert', 'adminKey']);
    assert.equal(await readFile(second.paths.caCert, 'utf8'), caBefore);
    await run('openssl', ['verify', '-CAfile', second.paths.caCert, second.paths.adminCert]);
    assert.equal((await stat(second.paths.adminKey)).mode & 0o777, 0o600);
  });

  it('refuses half a key pair with KW_PKI_DEV_INCONSISTENT naming the missing file', async () => {
    const dir = join(root, 'half');
    const pki = await ensureDevPki(dir);
    await unlink(pki.paths.serverKey);
    await assert.rejects(ensureDevPki(dir), {
      code: 'KW_PKI_DEV_INCONSISTENT',
      path: pki.paths.serverKey,
    });
  });

  it('refuses leaves without their CA with KW_PKI_DEV_INCONSISTENT', async () => {
    const dir = join(root, 'noca');
    const pki = await ensureDevPki(dir);
    await unlink(pki.paths.caCert);
    await unlink(pki.paths.caKey);
    await assert.rejects(ensureDevPki(dir), {
      code: 'KW_PKI_DEV_INCONSISTENT',
      path: pki.paths.caCert,
    });
  });

  it('refuses a leaf signed by another CA with KW_PKI_DEV_INCONSISTENT', async () => {
    const dir = join(root, 'foreign');
    const pki = await ensureDevPki(dir);
    const other = await createCaCertificate();
    const foreign = await issueCertificate({
      caCert: other.cert,
      caKey: other.key,
      commonName: 'admin',
    });
    await writeFile(pki.paths.adminCert, foreign.cert);
    await assert.rejects(ensureDevPki(dir), {
      code: 'KW_PKI_DEV_INCONSISTENT',
      path: pki.paths.adminCert,
    });
  });
});
