import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { HashingAlgorithm, ResultReason } from '../../../../src/kmip/generated/registry.ts';
import { RNG_RETRIEVE_MAX } from '../../../../src/server/operations/rng-retrieve.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import { failure, ok } from './crypto-fixture.ts';

describe('Hash, RNGRetrieve, RNGSeed', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const data = new TextEncoder().encode('abc');
  for (const [name, node] of [
    ['SHA_1', 'sha1'],
    ['SHA_256', 'sha256'],
    ['SHA_512', 'sha512'],
    ['SHA3_256', 'sha3-256'],
  ] as const) {
    it(`Hash ${name} matches OpenSSL`, async () => {
      const out = await ok(harness, 'Hash', {
        cryptographicParameters: { hashingAlgorithm: HashingAlgorithm[name] },
        data,
      });
      assert.deepEqual(out.data, new Uint8Array(createHash(node).update(data).digest()));
    });
  }

  it('Hash MD5 is refused by the default policy; without an algorithm it is Missing Data', async () => {
    const md5 = await failure(harness, 'Hash', {
      cryptographicParameters: { hashingAlgorithm: HashingAlgorithm.MD5 },
      data,
    });
    assert.equal(md5.reason, ResultReason.PermissionDenied);
    const none = await failure(harness, 'Hash', { cryptographicParameters: {}, data });
    assert.equal(none.reason, ResultReason.MissingData);
  });

  it('RNGRetrieve returns the asked number of bytes, different each time', async () => {
    const a = await ok(harness, 'RNGRetrieve', { dataLength: 32 });
    const b = await ok(harness, 'RNGRetrieve', { dataLength: 32 });
    assert.equal(a.data.length, 32);
    assert.notDeepEqual(a.data, b.data);
  });

  it('RNGRetrieve refuses 0 and more than the bound with Invalid Field', async () => {
    for (const dataLength of [0, RNG_RETRIEVE_MAX + 1]) {
      assert.equal(
        (await failure(harness, 'RNGRetrieve', { dataLength })).reason,
        ResultReason.InvalidField,
      );
    }
  });

  it('RNGSeed is accepted and reports the length received (OASIS CS-RNG-O-1)', async () => {
    const out = await ok(harness, 'RNGSeed', { data: new Uint8Array(32) });
    assert.equal(out.dataLength, 32);
  });
});
