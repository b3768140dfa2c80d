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
import {
  checkKeyDates,
  checkKeyUse,
  requireKeyForUse,
  usableKeyOf,
  type KeyUse,
} from '../../../../src/server/operations/key-use.ts';
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

  it('usableKeyOf: the key block without the use checks; destroyed or wrapped still refused', () => {
    // A state and mask requireKeyForUse refuses: usableKeyOf leaves those to checkKeyUse.
    const key = usableKeyOf(record({ state: 'Deactivated' }), '2.1');
    assert.equal(key.algorithm, 'AES');
    assert.equal(key.lengthBits, 128);
    assert.equal(key.keyBlock.keyFormatType, KeyFormatType.Raw);
    assert.equal(
      reason(() => usableKeyOf(record({ destroyed: true }), '2.1')),
      ResultReason.ObjectDestroyed,
    );
    assert.equal(
      reason(() => usableKeyOf(record({ wrapped: true }), '1.4')),
      ResultReason.KeyValueNotPresent,
    );
  });
});

describe('checkKeyDates (Protect Stop Date, Process Start Date)', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const hour = 3_600_000;
  const dated = (name: string, offset: number): ManagedObjectRecord => {
    const base = record({ mask: Encrypt | Decrypt });
    return {
      ...base,
      attributes: [...base.attributes, { name, index: 0, value: new Date(now.getTime() + offset) }],
    };
  };
  const protect = { operation: 'Encrypt', purpose: 'protect' } as const;
  const process = { operation: 'Decrypt', purpose: 'process' } as const;

  it('refuses protection from the Protect Stop Date on: Wrong Key Lifecycle State (1.x: Permission Denied)', () => {
    const stopped = dated('ProtectStopDate', -hour);
    assert.equal(
      reason(() => checkKeyDates(stopped, protect, '2.1', now)),
      ResultReason.WrongKeyLifecycleState,
    );
    assert.equal(
      reason(() => checkKeyDates(stopped, protect, '1.4', now)),
      ResultReason.PermissionDenied,
    );
    assert.equal(
      reason(() => checkKeyDates(dated('ProtectStopDate', 0), protect, '2.1', now)),
      ResultReason.WrongKeyLifecycleState,
    );
    checkKeyDates(dated('ProtectStopDate', hour), protect, '2.1', now);
    checkKeyDates(stopped, process, '2.1', now);
  });

  it('refuses processing before the Process Start Date, not protection', () => {
    const early = dated('ProcessStartDate', hour);
    assert.equal(
      reason(() => checkKeyDates(early, process, '2.1', now)),
      ResultReason.WrongKeyLifecycleState,
    );
    checkKeyDates(early, protect, '2.1', now);
    checkKeyDates(dated('ProcessStartDate', -hour), process, '2.1', now);
  });

  it('checkKeyUse checks the dates only when given the time', () => {
    const stopped = dated('ProtectStopDate', -hour);
    const use = { ...ENCRYPT, purpose: 'protect' } as const;
    checkKeyUse(stopped, use, '2.1');
    assert.equal(
      reason(() => checkKeyUse(stopped, use, '2.1', now)),
      ResultReason.WrongKeyLifecycleState,
    );
  });
});
