import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from '../../../src/crypto/index.ts';

const CHEAP = { logN: 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('verifies the password it hashed and refuses any other', async () => {
    const encoded = await hashPassword('correct horse battery', CHEAP);
    assert.match(encoded, /^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    assert.equal(await verifyPassword('correct horse battery', encoded), true);
    assert.equal(await verifyPassword('correct horse batterY', encoded), false);
    assert.equal(await verifyPassword('', encoded), false);
  });

  it('uses the default cost (N = 2^15) when none is given', async () => {
    const encoded = await hashPassword('pw-default-cost');
    assert.match(encoded, /^\$scrypt\$ln=15,r=8,p=1\$/);
    assert.equal(await verifyPassword('pw-default-cost', encoded), true);
  });

  it('salts every hash: one password, two different encodings', async () => {
    const a = await hashPassword('same', CHEAP);
    const b = await hashPassword('same', CHEAP);
    assert.notEqual(a, b);
  });

  it('normalizes to NFC, so composed and decomposed accents match', async () => {
    const encoded = await hashPassword('caf\u00e9-pass', CHEAP);
    assert.equal(await verifyPassword('cafe\u0301-pass', encoded), true);
  });

  it('treats malformed or out-of-range encodings as a mismatch', async () => {
    const good = await hashPassword('x', CHEAP);
    for (const bad of [
      '',
      'plain',
      good.replace('$scrypt$', '$bcrypt$'),
      good.replace('ln=10', 'ln=30'),
      good.replace('ln=10', 'ln=5'),
      good.slice(0, -8),
    ]) {
      assert.equal(await verifyPassword('x', bad), false, bad);
    }
  });
});
