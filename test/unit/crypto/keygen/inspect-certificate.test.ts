import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inspectCertificate, type CertificateInfo } from '../../../../src/crypto/index.ts';

// Certificates are made by the openssl CLI and every field is checked against what openssl
// itself reads back, so the expected values come from an independent implementation.
const dir = mkdtempSync(join(tmpdir(), 'kw-inspect-cert-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const path = (name: string): string => join(dir, name);
const openssl = (...args: string[]): string =>
  execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface OpensslView {
  serial: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  sha256: string;
}

function opensslView(der: string): OpensslView {
  const out = openssl(
    'x509',
    '-in',
    der,
    '-inform',
    'DER',
    '-noout',
    '-serial',
    '-subject',
    '-issuer',
    '-startdate',
    '-enddate',
    '-fingerprint',
    '-sha256',
    '-nameopt',
    'RFC2253',
    '-dateopt',
    'iso_8601',
  );
  const field = (name: string): string => {
    const line = out.split('\n').find((l) => l.startsWith(`${name}=`));
    assert.ok(line, `openssl printed ${name}`);
    return line.slice(name.length + 1);
  };
  const date = (text: string): Date => new Date(text.replace(' ', 'T'));
  return {
    serial: field('serial').toLowerCase(),
    subject: field('subject'),
    issuer: field('issuer'),
    notBefore: date(field('notBefore')),
    notAfter: date(field('notAfter')),
    sha256: field('sha256 Fingerprint').replaceAll(':', '').toLowerCase(),
  };
}

function assertMatchesOpenssl(info: CertificateInfo, der: string): void {
  const view = opensslView(der);
  assert.equal(info.serialNumber, view.serial);
  assert.equal(info.subject, view.subject);
  assert.equal(info.issuer, view.issuer);
  assert.equal(info.notBefore.getTime(), view.notBefore.getTime());
  assert.equal(info.notAfter.getTime(), view.notAfter.getTime());
  assert.equal(Buffer.from(info.digestSha256).toString('hex'), view.sha256);
}

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(path(name)));
const contains = (haystack: Uint8Array, needle: Uint8Array): boolean =>
  Buffer.from(haystack).includes(Buffer.from(needle));

before(() => {
  // A v3 self-signed EC CA with a multi-valued RDN and a character that needs escaping.
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    path('ca.key'),
    '-out',
    path('ca.der'),
    '-outform',
    'DER',
    '-days',
    '30',
    '-set_serial',
    '0x0123456789abcdef',
    '-subj',
    '/C=US/O=Acme, Inc./CN=Keywarden Test CA+serialNumber=42',
  );
  // A v1 leaf (no version field, no extensions) for an RSA key, issued by the CA.
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  writeFileSync(path('leaf.key'), rsa.export({ format: 'pem', type: 'pkcs8' }));
  openssl(
    'req',
    '-new',
    '-key',
    path('leaf.key'),
    '-subj',
    '/CN=leaf.example',
    '-out',
    path('leaf.csr'),
  );
  openssl(
    'x509',
    '-req',
    '-in',
    path('leaf.csr'),
    '-CA',
    path('ca.der'),
    '-CAform',
    'DER',
    '-CAkey',
    path('ca.key'),
    '-set_serial',
    '0xff01',
    '-days',
    '2',
    '-out',
    path('leaf.der'),
    '-outform',
    'DER',
  );
  for (const type of ['ed25519', 'ed448']) {
    openssl(
      'req',
      '-x509',
      '-newkey',
      type,
      '-nodes',
      '-keyout',
      path(`${type}.key`),
      '-out',
      path(`${type}.der`),
      '-outform',
      'DER',
      '-days',
      '1',
      '-subj',
      `/CN=${type}`,
    );
  }
});

describe('inspectCertificate', () => {
  it('reads a self-signed EC CA certificate as openssl does', () => {
    const der = read('ca.der');
    const info = inspectCertificate(der);
    assertMatchesOpenssl(info, path('ca.der'));
    assert.equal(info.subject, 'CN=Keywarden Test CA+serialNumber=42,O=Acme\\, Inc.,C=US');
    assert.equal(info.serialNumber, '0123456789abcdef');
    assert.equal(info.publicKeyAlgorithm, 'EC');
    assert.equal(info.publicKeyLength, 256);
    assert.equal(info.publicKeyCurve, 'P_256');
    assert.equal(info.isCa, true);
    assert.deepEqual(info.subjectDer, info.issuerDer, 'self-signed');
    assert.equal(info.subjectDer[0], 0x30);
    assert.ok(contains(der, info.subjectDer));
  });

  it('reads a v1 RSA leaf issued by the CA, linking issuer to the CA subject', () => {
    const ca = inspectCertificate(read('ca.der'));
    const info = inspectCertificate(read('leaf.der'));
    assertMatchesOpenssl(info, path('leaf.der'));
    assert.equal(info.subject, 'CN=leaf.example');
    assert.equal(info.publicKeyAlgorithm, 'RSA');
    assert.equal(info.publicKeyLength, 2048);
    assert.equal(info.publicKeyCurve, undefined);
    assert.equal(info.isCa, false);
    assert.deepEqual(info.issuerDer, ca.subjectDer);
    assert.notDeepEqual(info.subjectDer, info.issuerDer);
  });

  it('returns the SubjectPublicKeyInfo of the certified key', () => {
    const info = inspectCertificate(read('leaf.der'));
    assert.ok(info.subjectPublicKeyInfo);
    const pem = openssl('pkey', '-in', path('leaf.key'), '-pubout');
    const expected = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    assert.equal(Buffer.from(info.subjectPublicKeyInfo).toString('hex'), expected.toString('hex'));
  });

  it('reads an Ed25519 certificate', () => {
    const info = inspectCertificate(read('ed25519.der'));
    assertMatchesOpenssl(info, path('ed25519.der'));
    assert.equal(info.publicKeyAlgorithm, 'Ed25519');
    assert.equal(info.publicKeyLength, 256);
  });

  it('still reads a certificate whose key type it does not handle, leaving the key fields unset', () => {
    const info = inspectCertificate(read('ed448.der'));
    assertMatchesOpenssl(info, path('ed448.der'));
    assert.equal(info.publicKeyAlgorithm, undefined);
    assert.equal(info.publicKeyLength, undefined);
    assert.equal(info.subjectPublicKeyInfo, undefined);
  });

  it('refuses PEM, trailing bytes, truncation, keys and garbage with KW_CRYPTO_CERTIFICATE_FORMAT', () => {
    const der = read('ca.der');
    const pem = new TextEncoder().encode(
      openssl('x509', '-in', path('ca.der'), '-inform', 'DER', '-outform', 'PEM'),
    );
    const spki = inspectCertificate(der).subjectPublicKeyInfo ?? new Uint8Array(0);
    for (const bad of [
      pem,
      Uint8Array.of(...der, 0),
      der.subarray(0, der.length - 1),
      der.subarray(0, 10),
      spki,
      new Uint8Array(0),
      Uint8Array.of(0x30, 0x06, 0x30, 0x00, 0x30, 0x00, 0x03, 0x00),
    ]) {
      assert.throws(() => inspectCertificate(bad), { code: 'KW_CRYPTO_CERTIFICATE_FORMAT' });
    }
  });
});
