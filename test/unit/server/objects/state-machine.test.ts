import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultReason } from '../../../../src/kmip/generated/registry.ts';
import { KMIP_VERSIONS } from '../../../../src/kmip/registry-types.ts';
import {
  assertTransition,
  canTransition,
  nextState,
  stateAt,
  TRANSITIONS,
  type LifecycleEvent,
} from '../../../../src/server/objects/state-machine.ts';
import { OBJECT_STATES, type ObjectState } from '../../../../src/store/index.ts';

const EVENTS: readonly LifecycleEvent[] = [
  'activate',
  'revoke',
  'deactivation-date',
  'compromise',
  'destroy',
];

// KMIP 1.4 §3.22 figure 1, written out state by state: the expected target of every event.
const EXPECTED: Record<ObjectState, Partial<Record<LifecycleEvent, ObjectState>>> = {
  PreActive: {
    activate: 'Active',
    'deactivation-date': 'Deactivated',
    compromise: 'Compromised',
    destroy: 'Destroyed',
  },
  Active: { revoke: 'Deactivated', 'deactivation-date': 'Deactivated', compromise: 'Compromised' },
  Deactivated: { compromise: 'Compromised', destroy: 'Destroyed' },
  Compromised: { destroy: 'DestroyedCompromised' },
  Destroyed: { compromise: 'DestroyedCompromised' },
  DestroyedCompromised: {},
};

describe('state machine', () => {
  for (const from of OBJECT_STATES) {
    for (const event of EVENTS) {
      const to = EXPECTED[from][event];
      if (to === undefined) {
        it(`refuses ${event} in ${from} with Permission Denied before 2.1 and Wrong Key Lifecycle State from 2.1`, () => {
          assert.equal(nextState(from, event), undefined);
          for (const version of KMIP_VERSIONS) {
            const reason =
              version === '2.1'
                ? ResultReason.WrongKeyLifecycleState
                : ResultReason.PermissionDenied;
            assert.throws(() => assertTransition(from, event, version), {
              code: 'KW_KMIP_RESULT',
              reason,
            });
          }
        });
      } else {
        it(`moves ${from} to ${to} on ${event}`, () => {
          assert.equal(nextState(from, event), to);
          assert.equal(assertTransition(from, event, '1.0'), to);
          assert.equal(canTransition(from, to), true);
        });
      }
    }
  }

  it('lists exactly the transitions of the specification', () => {
    const expected = OBJECT_STATES.flatMap((from) =>
      Object.entries(EXPECTED[from]).map(([event, to]) => `${from}/${event}/${to}`),
    ).sort();
    assert.deepEqual(TRANSITIONS.map((t) => `${t.from}/${t.event}/${t.to}`).sort(), expected);
  });

  it('has no transition out of Destroyed Compromised and none back to Pre-Active', () => {
    for (const to of OBJECT_STATES) assert.equal(canTransition('DestroyedCompromised', to), false);
    for (const from of OBJECT_STATES) assert.equal(canTransition(from, 'PreActive'), false);
  });
});

describe('stateAt', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const past = new Date('2029-01-01T00:00:00Z');
  const future = new Date('2031-01-01T00:00:00Z');

  it('activates a Pre-Active object whose Activation Date has passed', () => {
    assert.equal(stateAt('PreActive', { activationDate: past }, now), 'Active');
    assert.equal(stateAt('PreActive', { activationDate: now }, now), 'Active');
  });

  it('leaves a Pre-Active object with a future Activation Date alone', () => {
    assert.equal(stateAt('PreActive', { activationDate: future }, now), 'PreActive');
  });

  it('deactivates an Active or Pre-Active object whose Deactivation Date has passed', () => {
    assert.equal(stateAt('Active', { deactivationDate: past }, now), 'Deactivated');
    assert.equal(stateAt('PreActive', { deactivationDate: past }, now), 'Deactivated');
    assert.equal(
      stateAt('PreActive', { activationDate: past, deactivationDate: past }, now),
      'Deactivated',
    );
  });

  it('never moves compromised or destroyed objects', () => {
    for (const state of ['Compromised', 'Destroyed', 'DestroyedCompromised'] as const) {
      assert.equal(stateAt(state, { activationDate: past, deactivationDate: past }, now), state);
    }
  });
});
