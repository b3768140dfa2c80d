import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ResultReason,
  WrappingMethod,
} from '../../../../src/kmip/generated/registry.ts';
import type { ManagedObjectRecord } from '../../../../src/server/objects/index.ts';
import { requireKeyForUse, type KeyUse } from '../../../../src/server/operations/key-use.ts';
import type { ObjectState } from '../../../../src/store/index.ts';

const { Encrypt, Decrypt, Unrestricted } = CryptographicUsageMask;

function record(options: {
  state?: ObjectState;
  mask?: number;
  objectType?: 'SymmetricKey' | 'SecretData';
  destroyed?: boolean;
  wrapped?: boolean;
  dates?: { ProcessStartDate?: Date; ProtectStopDate?: Date };
}): ManagedObjectRecord {
  return {
    id: 'k1',
    objectType: options.objectType ?? 'SymmetricKey',
    state: options.state ?? 'Active',
    owner: 'alice',
    revision: 1,
    attributes: [
      { name: 'CryptographicAlgorithm', index: 0, value: CryptographicAlgorithm.AES },
      { name: 'CryptographicLength', index: 0, value: 128 },
      ...(options.mask === undefined
        ? []
        : [{ name: 'CryptographicUsageMask', index: 0, value: options.mask }]),
      ...Object.entries(options.dates ?? {}).map(([name, value]) => ({ name, index: 0, value })),
    ],
    object:
      options.destroyed === true
        ? undefined
        : {
            kind: 'SymmetricKey',
            keyBlock: {
              keyFormatType: KeyFormatType.Raw,
              keyValue: { keyMaterial: new Uint8Array(16) },
              ...(options.wrapped === true
                ? { keyWrappingData: { wrappingMethod: WrappingMethod.Encrypt } }
                : {}),
            },
          },
  } as ManagedObjectRecord;
}

const ENCRYPT: KeyUse = { operation: 'Encrypt', objectTypes: ['SymmetricKey'], usage: Encrypt };
const DECRYPT: KeyUse = {
  operation: 'Decrypt',
  objectTypes: ['SymmetricKey'],
  usage: Decrypt,
  isProcessing: true,
};

function reason(fn: () => unknown): number {
  try {
    fn();
  } catch (error) {
    assert.equal((error as { code?: string }).code, 'KW_KMIP_RESULT');
    return (error as { reason: number }).reason;
  }
  assert.fail('expected a KmipResultError');
}

describe('requireKeyForUse', () => {
  it('returns the key block, algorithm name and length of a usable key', () => {
    const key = requireKeyForUse(record({ mask: Encrypt }), ENCRYPT, '2.1');
    assert.equal(key.algorithm, 'AES');
    assert.equal(key.lengthBits, 128);
    assert.equal(key.keyBlock.keyFormatType, KeyFormatType.Raw);
  });

  const states: ObjectState[] = ['PreActive', 'Active', 'Deactivated', 'Compromised', 'Destroyed'];
  for (const state of states) {
    it(`state ${state}: protecting ${state === 'Active' ? 'allowed' : 'refused'}, processing ${['Active', 'Deactivated', 'Compromised'].includes(state) ? 'allowed' : 'refused'}`, () => {
      const r = record({ state, mask: Encrypt | Decrypt });
      if (state === 'Active') requireKeyForUse(r, ENCRYPT, '2.1');
      else
        assert.equal(
          reason(() => requireKeyForUse(r, ENCRYPT, '2.1')),
          ResultReason.WrongKeyLifecycleState,
        );
      if (['Active', 'Deactivated', 'Compromised'].includes(state))
        requireKeyForUse(r, DECRYPT, '2.1');
      else
        assert.equal(
          reason(() => requireKeyForUse(r, DECRYPT, '2.1')),
          ResultReason.WrongKeyLifecycleState,
        );
    });
  }

  it('answers Permission Denied for a wrong state before KMIP 2.1', () => {
    const r = record({ state: 'PreActive', mask: Encrypt });
    assert.equal(
      reason(() => requireKeyForUse(r, ENCRYPT, '1.4')),
      ResultReason.PermissionDenied,
    );
  });

  it('needs every usage bit; a missing mask allows nothing; Unrestricted allows all', () => {
    assert.equal(
      reason(() => requireKeyForUse(record({ mask: Decrypt }), ENCRYPT, '2.1')),
      ResultReason.IncompatibleCryptographicUsageMask,
    );
    assert.equal(
      reason(() => requireKeyForUse(record({}), ENCRYPT, '2.1')),
      ResultReason.IncompatibleCryptographicUsageMask,
    );
    const both = { ...ENCRYPT, usage: Encrypt | Decrypt };
    assert.equal(
      reason(() => requireKeyForUse(record({ mask: Encrypt }), both, '2.1')),
      ResultReason.IncompatibleCryptographicUsageMask,
    );
    requireKeyForUse(record({ mask: Unrestricted }), both, '2.1');
  });

  it('refuses another object type with Invalid Object Type', () => {
    const r = record({ mask: Encrypt, objectType: 'SecretData' });
    assert.equal(
      reason(() => requireKeyForUse(r, ENCRYPT, '2.1')),
      ResultReason.InvalidObjectType,
    );
  });

  it('refuses a destroyed object (Object Destroyed) and a wrapped key (Key Value Not Present)', () => {
    assert.equal(
      reason(() =>
        requireKeyForUse(
          record({ mask: Decrypt, state: 'Deactivated', destroyed: true }),
          DECRYPT,
          '2.1',
        ),
      ),
      ResultReason.ObjectDestroyed,
    );
    assert.equal(
      reason(() => requireKeyForUse(record({ mask: Encrypt, wrapped: true }), ENCRYPT, '2.1')),
      ResultReason.KeyValueNotPresent,
    );
  });

  describe('issue #6 (CS-AC-M-8): Protect Stop Date and Process Start Date (KMIP 1.4 §3.25, §3.26)', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const before = new Date(now.getTime() - 1000);
    const later = new Date(now.getTime() + 1000);
    const both = Encrypt | Decrypt;

    it('protection is refused from the Protect Stop Date on, allowed before it', () => {
      const stopped = record({ mask: both, dates: { ProtectStopDate: now } });
      assert.equal(
        reason(() => requireKeyForUse(stopped, ENCRYPT, '2.1', now)),
        ResultReason.WrongKeyLifecycleState,
      );
      assert.equal(
        reason(() => requireKeyForUse(stopped, ENCRYPT, '1.4', now)),
        ResultReason.PermissionDenied,
      );
      requireKeyForUse(
        record({ mask: both, dates: { ProtectStopDate: later } }),
        ENCRYPT,
        '2.1',
        now,
      );
      // Processing is not protection: a stopped key still decrypts.
      requireKeyForUse(stopped, DECRYPT, '2.1', now);
    });

    it('processing is refused before the Process Start Date, allowed from it on', () => {
      const early = record({ mask: both, dates: { ProcessStartDate: later } });
      assert.equal(
        reason(() => requireKeyForUse(early, DECRYPT, '2.1', now)),
        ResultReason.WrongKeyLifecycleState,
      );
      requireKeyForUse(
        record({ mask: both, dates: { ProcessStartDate: now } }),
        DECRYPT,
        '2.1',
        now,
      );
      requireKeyForUse(
        record({ mask: both, dates: { ProcessStartDate: before } }),
        DECRYPT,
        '2.1',
        now,
      );
      requireKeyForUse(early, ENCRYPT, '2.1', now);
    });

    it('without a time the dates are not checked', () => {
      requireKeyForUse(record({ mask: both, dates: { ProtectStopDate: before } }), ENCRYPT, '2.1');
    });
  });
});
