import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHostname } from '../../../src/tls/index.ts';

describe('checkHostname', () => {
  const withSans = {
    subject: { CN: 'cn.example' },
    subjectaltname: 'DNS:kms.example, DNS:*.kms.example, IP Address:127.0.0.1, IP Address:::1',
  };

  it('matches a DNS name against the DNS SANs, case-insensitively', () => {
    assert.equal(checkHostname('KMS.example', withSans), undefined);
    assert.equal(checkHostname('kms.example.', withSans), undefined);
  });

  it('matches a wildcard as one whole left-most label only', () => {
    assert.equal(checkHostname('a.kms.example', withSans), undefined);
    assert.notEqual(checkHostname('a.b.kms.example', withSans), undefined);
    assert.notEqual(checkHostname('kms.example.org', withSans), undefined);
  });

  it('refuses a wildcard that covers a public suffix', () => {
    assert.notEqual(checkHostname('evil.com', { subjectaltname: 'DNS:*.com' }), undefined);
  });

  it('ignores the CN when the certificate has SANs', () => {
    assert.notEqual(checkHostname('cn.example', withSans), undefined);
  });

  it('falls back to the CN only when there is no subjectAltName', () => {
    assert.equal(checkHostname('cn.example', { subject: { CN: 'cn.example' } }), undefined);
    assert.notEqual(checkHostname('other.example', { subject: { CN: 'cn.example' } }), undefined);
  });

  it('matches IP addresses against IP SANs only, in any IPv6 spelling', () => {
    assert.equal(checkHostname('127.0.0.1', withSans), undefined);
    assert.equal(checkHostname('0:0:0:0:0:0:0:1', withSans), undefined);
    assert.notEqual(checkHostname('127.0.0.2', withSans), undefined);
    assert.notEqual(checkHostname('127.0.0.1', { subject: { CN: '127.0.0.1' } }), undefined);
  });
});
