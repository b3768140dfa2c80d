import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  EKU_OIDS,
  createCaCertificate,
  isSignedBy,
  issueCertificate,
  type IssuedCertificate,
} from '../../../src/pki/index.ts';

const run = promisify(execFile);

describe('createCaCertificate', () => {
  it('makes a self-signed CA with basicConstraints CA, keyCertSign and cRLSign, valid 10 years', async () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const ca = await createCaCertificate({ now });
    const cert = new X509Certificate(ca.cert);
    assert.equal(cert.ca, true);
    assert.equal(cert.checkIssued(cert), true);
    assert.equal(cert.verify(cert.publicKey), true);
    assert.equal(ca.notAfter.getTime() - now.getTime(), 3650 * 86_400_000);
    assert.match(cert.subject, /CN=Keywarden Development CA/);
    assert.equal(cert.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  });

  it('makes an RSA 3072 CA when asked', async () => {
    const ca = await createCaCertificate({ keyAlgorithm: 'rsa-3072' });
    const cert = new X509Certificate(ca.cert);
    assert.equal(cert.publicKey.asymmetricKeyType, 'rsa');
    assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 3072);
  });

  it('rejects an unknown key algorithm with KW_PKI_KEY', async () => {
    await assert.rejects(createCaCertificate({ keyAlgorithm: 'dsa-1024' as never }), {
      code: 'KW_PKI_KEY',
      reason: 'unsupported-algorithm',
    });
  });
});

describe('issueCertificate', () => {
  let ca: IssuedCertificate;
  let dir: string;

  before(async () => {
    ca = await createCaCertificate();
    dir = await mkdtemp(join(tmpdir(), 'kw-pki-issue-'));
    await writeFile(join(dir, 'ca.crt'), ca.cert);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('issues a leaf that verifies against its CA (node, @peculiar/x509 and openssl verify)', async () => {
    const leaf = await issueCertificate({
      caCert: ca.cert,
      caKey: ca.key,
      commonName: 'alice',
      eku: ['clientAuth'],
    });
    const cert = new X509Certificate(leaf.cert);
    const caCert = new X509Certificate(ca.cert);
    assert.equal(cert.checkIssued(caCert), true);
    assert.equal(cert.verify(caCert.publicKey), true);
    assert.equal(cert.ca, false);
    assert.equal(await isSignedBy(leaf.cert, ca.cert), true);
    await writeFile(join(dir, 'alice.crt'), leaf.cert);
    const { stdout } = await run('openssl', [
      'verify',
      '-CAfile',
      join(dir, 'ca.crt'),
      '-purpose',
      'sslclient',
      join(dir, 'alice.crt'),
    ]);
    assert.match(stdout, /alice\.crt: OK/);
  });

  it('issues a key that belongs to the certificate', async () => {
    const leaf = await issueCertificate({ caCert: ca.cert, caKey: ca.key, commonName: 'k' });
    const cert = new X509Certificate(leaf.cert);
    assert.match(leaf.key, /^-----BEGIN PRIVATE KEY-----\n/);
    const { createPrivateKey } = await import('node:crypto');
    assert.equal(cert.checkPrivateKey(createPrivateKey(leaf.key)), true);
  });

  it('writes SANs and EKUs as asked', async () => {
    const leaf = await issueCertificate({
      caCert: ca.cert,
      caKey: ca.key,
      commonName: 'srv',
      sans: [
        { type: 'dns', value: 'kms.example' },
        { type: 'ip', value: '10.1.2.3' },
        { type: 'ip', value: '::1' },
        { type: 'email', value: 'ops@example.org' },
        { type: 'uri', value: 'spiffe://example.org/kms' },
      ],
      eku: ['serverAuth', 'clientAuth'],
    });
    const cert = new X509Certificate(leaf.cert);
    assert.equal(
      cert.subjectAltName,
      'DNS:kms.example, IP Address:10.1.2.3, IP Address:0:0:0:0:0:0:0:1, email:ops@example.org, URI:spiffe://example.org/kms',
    );
    assert.equal(cert.checkHost('kms.example'), 'kms.example');
    assert.equal(cert.checkIP('::1'), '::1');
    await writeFile(join(dir, 'srv.crt'), leaf.cert);
    const { stdout } = await run('openssl', [
      'x509',
      '-noout',
      '-text',
      '-in',
      join(dir, 'srv.crt'),
    ]);
    assert.match(stdout, /TLS Web Server Authentication, TLS Web Client Authentication/);
  });

  it('leaves out the EKU extension when no usage is given', async () => {
    const leaf = await issueCertificate({ caCert: ca.cert, caKey: ca.key, commonName: 'noeku' });
    await writeFile(join(dir, 'noeku.crt'), leaf.cert);
    const { stdout } = await run('openssl', [
      'x509',
      '-noout',
      '-text',
      '-in',
      join(dir, 'noeku.crt'),
    ]);
    assert.doesNotMatch(stdout, /Extended Key Usage/);
  });

  it('accepts an EKU given as an OID', async () => {
    const leaf = await issueCertificate({
      caCert: ca.cert,
      caKey: ca.key,
      commonName: 'oid',
      eku: [EKU_OIDS.clientAuth, '1.3.6.1.5.5.7.3.4'],
    });
    await writeFile(join(dir, 'oid.crt'), leaf.cert);
    const { stdout } = await run('openssl', [
      'x509',
      '-noout',
      '-text',
      '-in',
      join(dir, 'oid.crt'),
    ]);
    assert.match(stdout, /TLS Web Client Authentication, E-mail Protection/);
  });

  it('makes certificates with no CN or with two CNs', async () => {
    const none = await issueCertificate({
      caCert: ca.cert,
      caKey: ca.key,
      organization: 'NoName',
      eku: ['clientAuth'],
    });
    assert.equal(new X509Certificate(none.cert).subject, 'O=NoName');
    const two = await issueCertificate({ caCert: ca.cert, caKey: ca.key, commonName: ['a', 'b'] });
    assert.equal(new X509Certificate(two.cert).subject, 'CN=a\nCN=b');
  });

  it('makes an expired certificate that openssl verify refuses', async () => {
    const leaf = await issueCertificate({
      caCert: ca.cert,
      caKey: ca.key,
      commonName: 'old',
      validity: { notBefore: new Date('2020-01-01Z'), notAfter: new Date('2020-02-01Z') },
    });
    assert.equal(
      new X509Certificate(leaf.cert).validToDate.toISOString(),
      '2020-02-01T00:00:00.000Z',
    );
    await writeFile(join(dir, 'old.crt'), leaf.cert);
    await assert.rejects(
      run('openssl', ['verify', '-CAfile', join(dir, 'ca.crt'), join(dir, 'old.crt')]),
      (err: { stdout: string; stderr: string }) =>
        /certificate has expired/.test(err.stdout + err.stderr),
    );
  });

  it('issues RSA 2048 leaves with keyEncipherment from an ECDSA CA', async () => {
    const leaf = await issueCertificate({
      caCert: ca.cert,
      caKey: ca.key,
      commonName: 'rsa',
      keyAlgorithm: 'rsa-2048',
    });
    const cert = new X509Certificate(leaf.cert);
    assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    await writeFile(join(dir, 'rsa.crt'), leaf.cert);
    const { stdout } = await run('openssl', [
      'x509',
      '-noout',
      '-text',
      '-in',
      join(dir, 'rsa.crt'),
    ]);
    assert.match(stdout, /Digital Signature, Key Encipherment/);
  });

  it('signs with an RSA CA key', async () => {
    const rsaCa = await createCaCertificate({ keyAlgorithm: 'rsa-2048' });
    const leaf = await issueCertificate({ caCert: rsaCa.cert, caKey: rsaCa.key, commonName: 'x' });
    const cert = new X509Certificate(leaf.cert);
    assert.equal(cert.verify(new X509Certificate(rsaCa.cert).publicKey), true);
  });

  it('refuses a CA key that belongs to another CA with KW_PKI_KEY mismatch', async () => {
    const other = await createCaCertificate();
    await assert.rejects(issueCertificate({ caCert: ca.cert, caKey: other.key, commonName: 'x' }), {
      code: 'KW_PKI_KEY',
      reason: 'mismatch',
    });
    const rsa = await createCaCertificate({ keyAlgorithm: 'rsa-2048' });
    await assert.rejects(issueCertificate({ caCert: ca.cert, caKey: rsa.key, commonName: 'x' }), {
      code: 'KW_PKI_KEY',
      reason: 'mismatch',
    });
  });

  it('refuses an unreadable CA key with KW_PKI_KEY and a bad CA certificate with KW_PKI_CERTIFICATE', async () => {
    await assert.rejects(issueCertificate({ caCert: ca.cert, caKey: 'nope', commonName: 'x' }), {
      code: 'KW_PKI_KEY',
      reason: 'unreadable',
    });
    await assert.rejects(issueCertificate({ caCert: 'nope', caKey: ca.key, commonName: 'x' }), {
      code: 'KW_PKI_CERTIFICATE',
    });
  });

  for (const [name, options, field] of [
    ['an empty common name', { commonName: '' }, 'commonName[0]'],
    ['a 65-character common name', { commonName: 'x'.repeat(65) }, 'commonName[0]'],
    ['a bad IP SAN', { sans: [{ type: 'ip', value: '999.1.1.1' }] }, 'sans[0]'],
    ['a bad DNS SAN', { sans: [{ type: 'dns', value: 'a b' }] }, 'sans[0]'],
    ['an unknown EKU name', { eku: ['clientAuthh'] }, 'eku[0]'],
    [
      'notAfter before notBefore',
      { validity: { notBefore: new Date(2), notAfter: new Date(1) } },
      'validity',
    ],
    ['zero days', { validity: { days: 0 } }, 'validity.days'],
  ] as const) {
    it(`refuses ${name} with KW_PKI_INVALID naming ${field}`, async () => {
      await assert.rejects(issueCertificate({ caCert: ca.cert, caKey: ca.key, ...options }), {
        code: 'KW_PKI_INVALID',
        field,
      });
    });
  }

  it('gives every certificate a distinct positive serial number', async () => {
    const serials = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const leaf = await issueCertificate({ caCert: ca.cert, caKey: ca.key, commonName: `s${i}` });
      const serial = new X509Certificate(leaf.cert).serialNumber;
      assert.equal(serial.toLowerCase(), leaf.serialNumber);
      assert.ok(Number.parseInt(serial.slice(0, 2), 16) < 0x80);
      serials.add(serial);
    }
    assert.equal(serials.size, 5);
  });
});
