/**
 * Digest authentication against the worked example of RFC 7616 §3.9.1 (MD5 and SHA-256), and
 * WWW-Authenticate parsing (RFC 9110 §11.6.1) with several challenges on one line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DigestSession, parseWwwAuthenticate } from '../../../../src/wbem/index.ts';

const RFC7616 = (algorithm: string) =>
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, ` +
  'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", ' +
  'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';
const creds = { user: 'Mufasa', password: 'Circle of Life' };
const cnonce = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';

function responseOf(header: string): string | undefined {
  return parseWwwAuthenticate(header)[0]?.params['response'];
}

describe('DigestSession (RFC 7616 §3.9.1)', () => {
  it('computes the MD5 response of the RFC example', () => {
    const [challenge] = parseWwwAuthenticate(RFC7616('MD5'));
    assert.ok(challenge);
    const header = new DigestSession(challenge).authorization(
      creds,
      'GET',
      '/dir/index.html',
      cnonce,
    );
    assert.equal(responseOf(header), '8ca523f5e9506fed4657c9700eebdbec');
    assert.match(header, /qop=auth, nc=00000001, cnonce="f2\/wE4/);
    assert.match(header, /opaque="FQhe/);
  });

  it('computes the SHA-256 response of the RFC example', () => {
    const [challenge] = parseWwwAuthenticate(RFC7616('SHA-256'));
    assert.ok(challenge);
    const header = new DigestSession(challenge).authorization(
      creds,
      'GET',
      '/dir/index.html',
      cnonce,
    );
    assert.equal(
      responseOf(header),
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });

  it('counts nonce uses (nc) per session', () => {
    const [challenge] = parseWwwAuthenticate(RFC7616('MD5'));
    assert.ok(challenge);
    const session = new DigestSession(challenge);
    session.authorization(creds, 'POST', '/cimom');
    assert.match(session.authorization(creds, 'POST', '/cimom'), /nc=00000002/);
  });
});

describe('parseWwwAuthenticate', () => {
  it('splits several challenges and reads quoted and token parameters', () => {
    const got = parseWwwAuthenticate(
      'Negotiate abc123==, Basic realm="a, b", Digest realm="r", nonce="n\\"x", algorithm=SHA-256',
    );
    assert.deepEqual(
      got.map((c) => c.scheme),
      ['negotiate', 'basic', 'digest'],
    );
    assert.equal(got[0]?.params['token68'], 'abc123==');
    assert.equal(got[1]?.params['realm'], 'a, b');
    assert.equal(got[2]?.params['nonce'], 'n"x');
    assert.equal(got[2]?.params['algorithm'], 'SHA-256');
  });

  it('returns nothing for an empty or garbage header', () => {
    assert.deepEqual(parseWwwAuthenticate(''), []);
    assert.deepEqual(parseWwwAuthenticate('  ,,  '), []);
  });
});
