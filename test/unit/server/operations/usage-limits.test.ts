import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  ResultReason,
  ResultStatus,
  UsageLimitsUnit,
} from '../../../../src/kmip/generated/registry.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import { failure, ok, registerObject, symmetricKey } from './crypto-fixture.ts';

const ENC_DEC = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;
const ECB = { blockCipherMode: BlockCipherMode.ECB };
const block = () => new Uint8Array(randomBytes(16));

describe('Usage Limits (issue #6, CS-BC-M-7)', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const limited = (total: bigint, unit: number, mask = ENC_DEC) =>
    registerObject(harness, symmetricKey('AES', new Uint8Array(randomBytes(16))), mask, {
      extra: [{ name: 'UsageLimits', value: { total, unit } }],
    });
  const storedCount = async (id: string) => {
    const stored = await harness.store.get(id);
    const limits = stored.attributes.find((a) => a.name === 'UsageLimits')?.value as {
      count?: bigint;
    };
    return limits.count;
  };

  it('counts the bytes Encrypt protects and refuses past the total with Permission Denied', async () => {
    const id = await limited(40n, UsageLimitsUnit.Byte);
    const enc = { uniqueIdentifier: id, cryptographicParameters: ECB, data: block() };
    const out = await ok(harness, 'Encrypt', enc);
    await ok(harness, 'Encrypt', enc, '1.4');
    assert.equal(await storedCount(id), 8n);
    assert.equal((await failure(harness, 'Encrypt', enc)).reason, ResultReason.PermissionDenied);
    assert.equal(
      (await failure(harness, 'Encrypt', enc, '1.4')).reason,
      ResultReason.PermissionDenied,
    );
    assert.equal(await storedCount(id), 8n, 'a refused use counts nothing');
    // Processing is not limited (KMIP 1.4 §3.21).
    await ok(harness, 'Decrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: ECB,
      data: out.data as Uint8Array,
    });
    await ok(harness, 'Encrypt', { ...enc, data: new Uint8Array(randomBytes(8)).subarray(0, 0) });
  });

  it('counts one unit per MAC with the Object unit', async () => {
    const id = await limited(2n, UsageLimitsUnit.Object, CryptographicUsageMask.MACGenerate);
    const mac = {
      uniqueIdentifier: id,
      cryptographicParameters: { cryptographicAlgorithm: CryptographicAlgorithm.HMAC_SHA256 },
      data: new Uint8Array(randomBytes(100)),
    };
    await ok(harness, 'MAC', mac);
    await ok(harness, 'MAC', mac);
    assert.equal((await failure(harness, 'MAC', mac)).reason, ResultReason.PermissionDenied);
    assert.equal(await storedCount(id), 0n);
  });

  it('concurrent Encrypts never protect more than the limit (compare-and-set)', async () => {
    const id = await limited(48n, UsageLimitsUnit.Byte);
    const items = await Promise.all(
      Array.from({ length: 8 }, () =>
        harness.sendOne('2.1', {
          operation: 'Encrypt',
          payload: { uniqueIdentifier: id, cryptographicParameters: ECB, data: block() },
        }),
      ),
    );
    const typed = items.map((i) => (i.kind === 'invalid' ? assert.fail('decodable') : i));
    const succeeded = typed.filter((i) => i.resultStatus === ResultStatus.Success);
    const refused = typed.filter((i) => i.resultReason === ResultReason.PermissionDenied);
    assert.equal(succeeded.length, 3);
    assert.equal(refused.length, 5);
    assert.equal(await storedCount(id), 0n);
  });
});
