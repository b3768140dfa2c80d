import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  DEFAULT_CIPHER_SUITES,
  findSystemCaPath,
  listCipherSuites,
} from '../../../src/tls/index.ts';

describe('listCipherSuites', () => {
  const suites = listCipherSuites();
  it('lists TLS 1.3 suites first and marks the default ones', () => {
    assert.equal(suites[0]?.minVersion, 'TLSv1.3');
    const defaults = suites
      .filter((s) => s.isDefault)
      .map((s) => s.name)
      .sort();
    assert.deepEqual(defaults, [...DEFAULT_CIPHER_SUITES].sort());
  });
  it('describes key exchange, authentication, encryption and MAC as openssl does', () => {
    const gcm = suites.find((s) => s.name === 'ECDHE-RSA-AES128-GCM-SHA256');
    assert.deepEqual(gcm && [gcm.ianaName, gcm.minVersion, gcm.kx, gcm.au, gcm.enc, gcm.mac], [
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLSv1.2',
      'ECDH',
      'RSA',
      'AESGCM(128)',
      'AEAD',
    ]);
    const cbc = suites.find((s) => s.name === 'AES256-SHA');
    assert.deepEqual(cbc && [cbc.minVersion, cbc.kx, cbc.enc, cbc.mac], [
      'TLSv1.0',
      'RSA',
      'AES(256)',
      'SHA1',
    ]);
  });
  it('never lists weak or PSK suites', () => {
    assert.ok(!suites.some((s) => /NULL|RC4|DES|MD5|PSK|EXP/.test(s.name)));
  });
});

describe('findSystemCaPath', () => {
  it('returns the first location that exists, or undefined', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kw-ca-loc-'));
    try {
      await writeFile(join(dir, 'b.pem'), 'x');
      assert.equal(
        findSystemCaPath([join(dir, 'a.pem'), join(dir, 'b.pem'), dir]),
        join(dir, 'b.pem'),
      );
      assert.equal(findSystemCaPath([join(dir, 'a.pem')]), undefined);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
