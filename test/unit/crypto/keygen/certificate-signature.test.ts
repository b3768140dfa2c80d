import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { isCertificateSignedBy } from '../../../../src/crypto/index.ts';
import {
  createCaCertificate,
  issueCertificate,
  type IssuedCertificate,
} from '../../../../src/pki/index.ts';

describe('isCertificateSignedBy', () => {
  let ca: IssuedCertificate;
  let otherCa: IssuedCertificate;
  let leaf: IssuedCertificate;
  let rsaCa: IssuedCertificate;
  before(async () => {
    ca = await createCaCertificate();
    otherCa = await createCaCertificate();
    rsaCa = await createCaCertificate({ keyAlgorithm: 'rsa-2048' });
    leaf = await issueCertificate({ caCert: ca.cert, caKey: ca.key, commonName: 'leaf' });
  });

  it('is true for a certificate the CA signed, and for a self-signed CA', () => {
    assert.equal(isCertificateSignedBy(leaf.cert, ca.cert), true);
    assert.equal(isCertificateSignedBy(ca.cert, ca.cert), true);
  });

  it('is false for another CA, of the same or another key type', () => {
    assert.equal(isCertificateSignedBy(leaf.cert, otherCa.cert), false);
    assert.equal(isCertificateSignedBy(leaf.cert, rsaCa.cert), false);
  });

  it('refuses anything but exactly one PEM certificate with KW_CRYPTO_CERTIFICATE_FORMAT', () => {
    for (const bad of ['', 'garbage', leaf.cert + ca.cert, leaf.key]) {
      assert.throws(() => isCertificateSignedBy(bad, ca.cert), {
        code: 'KW_CRYPTO_CERTIFICATE_FORMAT',
      });
      assert.throws(() => isCertificateSignedBy(leaf.cert, bad), {
        code: 'KW_CRYPTO_CERTIFICATE_FORMAT',
      });
    }
  });

  it('refuses a damaged certificate body', () => {
    const damaged = leaf.cert.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
    assert.throws(() => isCertificateSignedBy(damaged, ca.cert), {
      code: 'KW_CRYPTO_CERTIFICATE_FORMAT',
    });
  });
});
