// Subject and issuer name fields of a certificate, for the split KMIP 1.4 certificate attributes.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { certificateNames } from '../../../src/pki/certificate-names.ts';
import {
  CERTIFICATE_NAME_FIELDS,
  createCaCertificate,
  issueCertificate,
  loadCertificateNameReader,
} from '../../../src/pki/index.ts';

const der = (pem: string) =>
  new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64'));

describe('certificateNames', () => {
  let leaf: Uint8Array;
  before(async () => {
    const ca = await createCaCertificate({ commonName: 'Names CA', organization: 'Keywarden' });
    const issued = await issueCertificate({
      caCert: ca.cert,
      caKey: ca.key,
      commonName: ['first', 'second'],
      organization: 'Tenant',
    });
    leaf = der(issued.cert);
  });

  it('reads each field of the subject and the issuer, several values in name order', () => {
    const names = certificateNames(leaf);
    assert.deepEqual(names.subject, { CN: ['first', 'second'], O: ['Tenant'] });
    assert.deepEqual(names.issuer, { CN: ['Names CA'], O: ['Keywarden'] });
  });

  it('is what loadCertificateNameReader loads', async () => {
    assert.equal(await loadCertificateNameReader(), certificateNames);
  });

  it('names the twelve fields KMIP 1.4 splits out', () => {
    assert.deepEqual(Object.keys(CERTIFICATE_NAME_FIELDS), [
      'CN',
      'O',
      'OU',
      'Email',
      'C',
      'ST',
      'L',
      'UID',
      'SerialNumber',
      'Title',
      'DC',
      'DNQualifier',
    ]);
  });

  it('refuses bytes that are not a certificate with KW_PKI_CERTIFICATE', () => {
    assert.throws(() => certificateNames(new Uint8Array([0x30, 0x03, 1, 2, 3])), {
      code: 'KW_PKI_CERTIFICATE',
    });
  });
});
