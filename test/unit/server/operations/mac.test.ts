import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  ResultReason,
  ValidityIndicator,
} from '../../../../src/kmip/generated/registry.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import { failure, ok, registerObject, symmetricKey } from './crypto-fixture.ts';

const MACS = CryptographicUsageMask.MACGenerate | CryptographicUsageMask.MACVerify;
const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('MAC and MACVerify', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  // RFC 4231 §4.2 test case 1: key 0x0b × 20, "Hi There".
  for (const [algorithm, expected] of [
    ['HMAC_SHA256', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [
      'HMAC_SHA512',
      '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
    ],
  ] as const) {
    it(`${algorithm} reproduces RFC 4231 test case 1 and MACVerify accepts it`, async () => {
      const id = await registerObject(
        harness,
        symmetricKey('HMAC_SHA256', new Uint8Array(20).fill(0x0b)),
        MACS,
      );
      const cryptographicParameters = { cryptographicAlgorithm: CryptographicAlgorithm[algorithm] };
      const out = await ok(harness, 'MAC', {
        uniqueIdentifier: id,
        cryptographicParameters,
        data: utf8('Hi There'),
      });
      assert.deepEqual(out.macData, hex(expected));
      const verified = await ok(harness, 'MACVerify', {
        uniqueIdentifier: id,
        cryptographicParameters,
        data: utf8('Hi There'),
        macData: hex(expected),
      });
      assert.equal(verified.validityIndicator, ValidityIndicator.Valid);
    });
  }

  it('HMAC-SHA3-256 named in the request matches OpenSSL, whatever the key algorithm (as PyKMIP)', async () => {
    const key = new Uint8Array(randomBytes(32));
    const id = await registerObject(harness, symmetricKey('AES', key), MACS);
    const data = new Uint8Array(randomBytes(100));
    const out = await ok(harness, 'MAC', {
      uniqueIdentifier: id,
      cryptographicParameters: { cryptographicAlgorithm: CryptographicAlgorithm.HMAC_SHA3_256 },
      data,
    });
    assert.deepEqual(
      out.macData,
      new Uint8Array(createHmac('sha3-256', key).update(data).digest()),
    );
  });

  it('AES-CMAC reproduces RFC 4493 example 2', async () => {
    const id = await registerObject(
      harness,
      symmetricKey('AES', hex('2b7e151628aed2a6abf7158809cf4f3c')),
      MACS,
    );
    const out = await ok(harness, 'MAC', {
      uniqueIdentifier: id,
      cryptographicParameters: { blockCipherMode: BlockCipherMode.CMAC },
      data: hex('6bc1bee22e409f96e93d7e117393172a'),
    });
    assert.deepEqual(out.macData, hex('070a16b46b4d4144f79bdd9dd04a287c'));
  });

  it('a wrong or truncated MAC is Validity Indicator Invalid', async () => {
    const id = await registerObject(
      harness,
      symmetricKey('HMAC_SHA256', new Uint8Array(randomBytes(32))),
      MACS,
    );
    const data = utf8('payload');
    const out = await ok(harness, 'MAC', { uniqueIdentifier: id, data });
    const mac = out.macData as Uint8Array;
    for (const macData of [
      mac.subarray(0, 16),
      Uint8Array.from(mac, (b, i) => (i === 0 ? b ^ 1 : b)),
    ]) {
      const verified = await ok(harness, 'MACVerify', { uniqueIdentifier: id, data, macData });
      assert.equal(verified.validityIndicator, ValidityIndicator.Invalid);
    }
  });

  it('HMAC-MD5 is refused by the default policy: Permission Denied', async () => {
    const id = await registerObject(
      harness,
      symmetricKey('AES', new Uint8Array(randomBytes(16))),
      MACS,
    );
    const result = await failure(harness, 'MAC', {
      uniqueIdentifier: id,
      cryptographicParameters: { cryptographicAlgorithm: CryptographicAlgorithm.HMAC_MD5 },
      data: utf8('x'),
    });
    assert.equal(result.reason, ResultReason.PermissionDenied);
    assert.match(result.message ?? '', /crypto\.allowLegacy/);
  });

  it('a key without MAC Generate: Incompatible Cryptographic Usage Mask', async () => {
    const id = await registerObject(
      harness,
      symmetricKey('HMAC_SHA256', new Uint8Array(randomBytes(32))),
      CryptographicUsageMask.MACVerify,
    );
    const result = await failure(harness, 'MAC', { uniqueIdentifier: id, data: utf8('x') });
    assert.equal(result.reason, ResultReason.IncompatibleCryptographicUsageMask);
  });

  it('MACVerify without MAC Data: Missing Data', async () => {
    const id = await registerObject(
      harness,
      symmetricKey('HMAC_SHA256', new Uint8Array(randomBytes(32))),
      MACS,
    );
    const result = await failure(harness, 'MACVerify', { uniqueIdentifier: id, data: utf8('x') });
    assert.equal(result.reason, ResultReason.MissingData);
  });
});
