// Quantum Safe True only on keys that are (OASIS QS-M-2-20/-21: Create of an AES-128 key
// marked Quantum Safe fails with General Failure).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ObjectType,
  ProtectionLevel,
  ResultReason,
  ResultStatus,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import * as crypto from '../../../../src/crypto/index.ts';
import { isQuantumSafeKey } from '../../../../src/server/operations/quantum-safe.ts';
import {
  aesKeyAttributes,
  createAesKey,
  createServerHarness,
  itemOutcome,
  type ServerHarness,
} from '../../../support/server-harness.ts';

const quantumSafe = (value: boolean): Attribute => ({ name: 'QuantumSafe', value });
const FAILED = { status: ResultStatus.OperationFailed, reason: ResultReason.GeneralFailure };

describe('Quantum Safe attribute', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  it('refuses Create of an AES-128 key marked Quantum Safe (QS-M-2) in 2.0 and 2.1', async () => {
    const extra: Attribute[] = [
      { name: 'ProtectionLevel', value: ProtectionLevel.High },
      { name: 'ProtectionPeriod', value: 409968000 },
      quantumSafe(true),
    ];
    for (const version of ['2.0', '2.1'] as const) {
      assert.deepEqual(
        itemOutcome(await harness.sendOne(version, createAesKey(128, extra))),
        FAILED,
      );
    }
  });

  it('creates a 256-bit AES key marked Quantum Safe, and any key marked not', async () => {
    const safe = await harness.sendOne('2.1', createAesKey(256, [quantumSafe(true)]));
    assert.equal(itemOutcome(safe).status, ResultStatus.Success);
    const notClaimed = await harness.sendOne('2.1', createAesKey(128, [quantumSafe(false)]));
    assert.equal(itemOutcome(notClaimed).status, ResultStatus.Success);
  });

  it('refuses Create Key Pair marked Quantum Safe: RSA and EC fall to Shor', async () => {
    const item = await harness.sendOne('2.1', {
      operation: 'CreateKeyPair',
      payload: {
        commonAttributes: {
          attributes: [
            { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.RSA },
            { name: 'CryptographicLength', value: 2048 },
          ],
        },
        privateKeyAttributes: {
          attributes: [
            { name: 'CryptographicUsageMask', value: CryptographicUsageMask.Sign },
            quantumSafe(true),
          ],
        },
        publicKeyAttributes: {
          attributes: [{ name: 'CryptographicUsageMask', value: CryptographicUsageMask.Verify }],
        },
      },
    });
    assert.deepEqual(itemOutcome(item), FAILED);
  });

  it('refuses Register of an AES-128 key marked Quantum Safe', async () => {
    const item = await harness.sendOne('2.1', {
      operation: 'Register',
      payload: {
        objectType: ObjectType.SymmetricKey,
        attributes: { attributes: aesKeyAttributes(128, [quantumSafe(true)]) },
        object: {
          kind: 'SymmetricKey',
          keyBlock: {
            keyFormatType: KeyFormatType.Raw,
            keyValue: { keyMaterial: crypto.randomBytes(16) },
            cryptographicAlgorithm: CryptographicAlgorithm.AES,
            cryptographicLength: 128,
          },
        },
      },
    });
    assert.deepEqual(itemOutcome(item), FAILED);
  });

  it('judges algorithm and length', () => {
    const { AES, ChaCha20, RSA, DES3 } = CryptographicAlgorithm;
    assert.equal(isQuantumSafeKey({ algorithm: AES, lengthBits: 256 }), true);
    assert.equal(isQuantumSafeKey({ algorithm: ChaCha20, lengthBits: 256 }), true);
    assert.equal(isQuantumSafeKey({ algorithm: AES, lengthBits: 192 }), false);
    assert.equal(isQuantumSafeKey({ algorithm: DES3, lengthBits: 192 }), false);
    assert.equal(isQuantumSafeKey({ algorithm: RSA, lengthBits: 4096 }), false);
    assert.equal(isQuantumSafeKey({ algorithm: AES, lengthBits: undefined }), false);
  });
});
