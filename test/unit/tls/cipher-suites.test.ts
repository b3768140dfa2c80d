import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCiphers } from 'node:tls';
import {
  DEFAULT_CIPHER_SUITES,
  IANA_TO_OPENSSL,
  buildCipherString,
  resolveCipherSuites,
} from '../../../src/tls/index.ts';

describe('resolveCipherSuites', () => {
  for (const [iana, openssl] of [
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'],
    ['TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 'ECDHE-ECDSA-AES256-SHA384'],
    ['TLS_RSA_WITH_AES_128_CBC_SHA256', 'AES128-SHA256'],
    ['TLS_RSA_WITH_AES_256_CBC_SHA256', 'AES256-SHA256'],
    ['TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'ECDHE-RSA-CHACHA20-POLY1305'],
    ['TLS_AES_128_GCM_SHA256', 'TLS_AES_128_GCM_SHA256'],
  ] as const) {
    it(`maps the IANA name ${iana} to ${openssl}`, () => {
      assert.deepEqual(resolveCipherSuites([iana]), [openssl]);
    });
  }

  it('passes OpenSSL names through', () => {
    assert.deepEqual(resolveCipherSuites(['ECDHE-RSA-AES128-GCM-SHA256', 'AES256-SHA256']), [
      'ECDHE-RSA-AES128-GCM-SHA256',
      'AES256-SHA256',
    ]);
  });

  it('accepts a mix of spellings, trims whitespace and drops repeats keeping the first order', () => {
    assert.deepEqual(
      resolveCipherSuites([
        ' TLS_RSA_WITH_AES_128_CBC_SHA256',
        'ECDHE-ECDSA-AES128-GCM-SHA256',
        'AES128-SHA256',
        'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\n',
      ]),
      ['AES128-SHA256', 'ECDHE-ECDSA-AES128-GCM-SHA256'],
    );
  });

  it('resolves the seed server.conf example list (PyKMIP docs)', () => {
    assert.deepEqual(
      resolveCipherSuites([
        'TLS_RSA_WITH_AES_128_CBC_SHA256',
        'TLS_RSA_WITH_AES_256_CBC_SHA256',
        'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
      ]),
      ['AES128-SHA256', 'AES256-SHA256', 'ECDHE-ECDSA-AES256-SHA384'],
    );
  });

  for (const name of ['TLS_FOO_WITH_BAR', 'ecdhe-rsa-aes128-gcm-sha256', '', 'HIGH']) {
    it(`refuses ${JSON.stringify(name)} as unknown with KW_TLS_CIPHER naming it`, () => {
      assert.throws(() => resolveCipherSuites(['AES128-SHA256', name]), {
        code: 'KW_TLS_CIPHER',
        cipher: name,
        reason: 'unknown',
      });
    });
  }

  for (const name of [
    'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
    'DES-CBC3-SHA',
    'TLS_RSA_WITH_RC4_128_SHA',
    'TLS_RSA_WITH_NULL_SHA256',
    'TLS_DH_anon_WITH_AES_128_CBC_SHA',
    'ADH-AES128-SHA',
    'EXP-RC4-MD5',
  ]) {
    it(`refuses the weak suite ${name} with KW_TLS_CIPHER`, () => {
      assert.throws(() => resolveCipherSuites([name]), {
        code: 'KW_TLS_CIPHER',
        cipher: name,
        reason: 'weak',
      });
    });
  }

  for (const name of [
    'TLS_DH_RSA_WITH_AES_128_CBC_SHA256',
    'DH-DSS-AES256-SHA256',
    'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256',
  ]) {
    it(`refuses ${name}, known but gone from OpenSSL, as unsupported`, () => {
      assert.throws(() => resolveCipherSuites([name]), {
        code: 'KW_TLS_CIPHER',
        cipher: name,
        reason: 'unsupported',
      });
    });
  }

  it('resolves every table entry to a suite this OpenSSL has, or refuses it as unsupported', () => {
    const supported = new Set(getCiphers());
    for (const [iana, openssl] of IANA_TO_OPENSSL) {
      if (supported.has(openssl.toLowerCase())) {
        assert.deepEqual(resolveCipherSuites([iana]), [openssl], iana);
      } else {
        assert.throws(() => resolveCipherSuites([iana]), { reason: 'unsupported' }, iana);
      }
    }
  });
});

describe('buildCipherString', () => {
  it('uses the default list when none is configured: TLS 1.3 suites and ECDHE AEAD for TLS 1.2', () => {
    for (const input of [undefined, []]) {
      assert.equal(buildCipherString(input), DEFAULT_CIPHER_SUITES.join(':'));
    }
    for (const suite of DEFAULT_CIPHER_SUITES) {
      assert.match(suite, /^TLS_|^ECDHE-(ECDSA|RSA)-(AES\d+-GCM-SHA\d+|CHACHA20-POLY1305)$/);
      assert.ok(getCiphers().includes(suite.toLowerCase()), suite);
    }
  });

  it('keeps the default TLS 1.3 suites ahead of a TLS 1.2-only list', () => {
    assert.equal(
      buildCipherString(['TLS_RSA_WITH_AES_128_CBC_SHA256']),
      'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:AES128-SHA256',
    );
  });

  it('uses only the TLS 1.3 suites listed when the list names some', () => {
    assert.equal(
      buildCipherString(['TLS_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256']),
      'TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256',
    );
  });
});
