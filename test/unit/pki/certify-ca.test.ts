import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { certifyPublicKey, loadCertifyCa } from '../../../src/pki/index.ts';
import {
  CA_EXTENSIONS,
  encryptKey,
  opensslCert,
  opensslKey,
  type CaFiles,
} from './certify-ca-fixture.ts';

describe('loadCertifyCa', () => {
  let dir: string;
  let rsaCa: CaFiles;
  let ecCa: CaFiles;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-certify-ca-'));
    rsaCa = await opensslCert(dir, 'rsa-ca', await opensslKey(dir, 'rsa-ca', 'rsa'), CA_EXTENSIONS);
    ecCa = await opensslCert(dir, 'ec-ca', await opensslKey(dir, 'ec-ca', 'ec'), CA_EXTENSIONS);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const leafSpki = () =>
    new Uint8Array(
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
        type: 'spki',
        format: 'der',
      }),
    );

  for (const [label, files] of [
    ['an RSA CA with a PKCS#1 key', () => rsaCa],
    ['an EC CA with a SEC1 key', () => ecCa],
  ] as const) {
    it(`loads ${label}, and what it signs chains to the CA`, async () => {
      const ca = await loadCertifyCa(files());
      assert.match(ca.subject, /CN=(rsa|ec)-ca/);
      assert.match(ca.caKey, /^-----BEGIN PRIVATE KEY-----/);
      const issued = await certifyPublicKey({
        ...ca,
        publicKey: leafSpki(),
        subject: { commonName: 'leaf' },
      });
      const caCert = new X509Certificate(await readFile(files().certFile));
      const leaf = new X509Certificate(issued.der);
      assert.ok(leaf.checkIssued(caCert));
      assert.ok(leaf.verify(caCert.publicKey));
    });
  }

  it('takes the first certificate of a chain file as the CA', async () => {
    const chain = join(dir, 'chain.crt');
    await writeFile(
      chain,
      (await readFile(rsaCa.certFile, 'utf8')) + (await readFile(ecCa.certFile, 'utf8')),
    );
    const ca = await loadCertifyCa({ certFile: chain, keyFile: rsaCa.keyFile });
    assert.match(ca.subject, /CN=rsa-ca/);
  });

  it('accepts a PKCS#8 key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const keyFile = join(dir, 'p384.key');
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const files = await opensslCert(dir, 'p384-ca', keyFile, CA_EXTENSIONS);
    const ca = await loadCertifyCa(files);
    const cert = new X509Certificate(ca.caCert);
    assert.ok(cert.publicKey.equals(publicKey));
  });

  const refused = (setting: string, problem: string) => ({
    code: 'KW_PKI_CERTIFY_CA',
    setting,
    problem,
  });

  it('refuses a certificate that is not a CA', async () => {
    const leaf = await opensslCert(dir, 'leaf', rsaCa.keyFile, ['basicConstraints = CA:FALSE']);
    await assert.rejects(loadCertifyCa(leaf), refused('pki.certifyCaCert', 'not-ca'));
    const none = await opensslCert(dir, 'no-bc', rsaCa.keyFile, []);
    await assert.rejects(loadCertifyCa(none), refused('pki.certifyCaCert', 'not-ca'));
  });

  it('refuses a CA whose keyUsage lacks keyCertSign', async () => {
    const files = await opensslCert(dir, 'no-sign', rsaCa.keyFile, [
      'basicConstraints = critical, CA:TRUE',
      'keyUsage = critical, digitalSignature',
    ]);
    await assert.rejects(loadCertifyCa(files), refused('pki.certifyCaCert', 'no-key-cert-sign'));
  });

  it('refuses a CA outside its validity', async () => {
    const future = new Date(Date.now() + 365 * 86_400_000);
    await assert.rejects(
      loadCertifyCa({ ...rsaCa, now: future }),
      refused('pki.certifyCaCert', 'expired'),
    );
    const past = new Date(Date.now() - 86_400_000);
    await assert.rejects(
      loadCertifyCa({ ...rsaCa, now: past }),
      refused('pki.certifyCaCert', 'not-yet-valid'),
    );
  });

  it('refuses a key that is not the CA certificate key (same or other algorithm)', async () => {
    const otherRsa = await opensslKey(dir, 'other-rsa', 'rsa');
    await assert.rejects(
      loadCertifyCa({ certFile: rsaCa.certFile, keyFile: otherRsa }),
      refused('pki.certifyCaKey', 'key-mismatch'),
    );
    await assert.rejects(
      loadCertifyCa({ certFile: rsaCa.certFile, keyFile: ecCa.keyFile }),
      refused('pki.certifyCaKey', 'key-mismatch'),
    );
  });

  it('refuses an encrypted key, and says so without the passphrase', async () => {
    const keyFile = await encryptKey(dir, rsaCa.keyFile);
    await assert.rejects(loadCertifyCa({ certFile: rsaCa.certFile, keyFile }), (error: Error) => {
      assert.equal((error as { problem?: string }).problem, 'encrypted-key');
      assert.match(error.message, /pki\.certifyCaKey/);
      assert.doesNotMatch(error.message, /secret-pass/);
      return true;
    });
  });

  it('refuses files that hold no certificate or no key', async () => {
    await assert.rejects(
      loadCertifyCa({ certFile: rsaCa.keyFile, keyFile: rsaCa.keyFile }),
      refused('pki.certifyCaCert', 'unreadable-certificate'),
    );
    await assert.rejects(
      loadCertifyCa({ certFile: rsaCa.certFile, keyFile: rsaCa.certFile }),
      refused('pki.certifyCaKey', 'unreadable-key'),
    );
  });

  it('refuses a missing file with KW_PKI_FILE naming it', async () => {
    const missing = join(dir, 'missing.crt');
    await assert.rejects(loadCertifyCa({ certFile: missing, keyFile: rsaCa.keyFile }), {
      code: 'KW_PKI_FILE',
      path: missing,
    });
  });
});
