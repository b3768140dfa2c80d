/**
 * The lifecycle of managed cryptographic objects (KMIP 1.4 §3.22 "State", figure 1; 2.1 §4.57).
 * Every transition the specification allows is listed once in TRANSITIONS, with the event that
 * causes it; anything else is refused with the version's lifecycle error.
 *
 *   Pre-Active ──activate / activation date──▶ Active ──revoke──▶ Deactivated
 *   Pre-Active, Active ──deactivation date──▶ Deactivated
 *   Pre-Active, Active, Deactivated ──compromise──▶ Compromised
 *   Pre-Active, Deactivated ──destroy──▶ Destroyed ──compromise──▶ Destroyed Compromised
 *   Compromised ──destroy──▶ Destroyed Compromised
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { compareVersions } from '../../kmip/registry.ts';
import type { ObjectState } from '../../store/index.ts';
import { KmipResultError } from '../pipeline/result-error.ts';

/** What moves an object from one state to another. */
export type LifecycleEvent =
  /** Activate operation, or the Activation Date is reached (transition 4). */
  | 'activate'
  /** Revoke with a reason other than a compromise (transition 6). */
  | 'revoke'
  /** The Deactivation Date is reached. */
  | 'deactivation-date'
  /** Revoke with Key Compromise or CA Compromise (transitions 3, 5, 8, 10). */
  | 'compromise'
  /** Destroy operation (transitions 2, 7, 9). */
  | 'destroy';

/** One allowed transition. */
export interface Transition {
  readonly from: ObjectState;
  readonly event: LifecycleEvent;
  readonly to: ObjectState;
}

/** Every allowed transition; the table the tests walk. */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'PreActive', event: 'activate', to: 'Active' },
  { from: 'Active', event: 'revoke', to: 'Deactivated' },
  { from: 'PreActive', event: 'deactivation-date', to: 'Deactivated' },
  { from: 'Active', event: 'deactivation-date', to: 'Deactivated' },
  { from: 'PreActive', event: 'compromise', to: 'Compromised' },
  { from: 'Active', event: 'compromise', to: 'Compromised' },
  { from: 'Deactivated', event: 'compromise', to: 'Compromised' },
  { from: 'Destroyed', event: 'compromise', to: 'DestroyedCompromised' },
  { from: 'PreActive', event: 'destroy', to: 'Destroyed' },
  { from: 'Deactivated', event: 'destroy', to: 'Destroyed' },
  { from: 'Compromised', event: 'destroy', to: 'DestroyedCompromised' },
];

// By state, then event: every read of an object with an Activation Date asks (no key string
// built per call; issue #9).
const next = new Map<ObjectState, Map<LifecycleEvent, ObjectState>>();
for (const t of TRANSITIONS) {
  const byEvent = next.get(t.from) ?? new Map<LifecycleEvent, ObjectState>();
  byEvent.set(t.event, t.to);
  next.set(t.from, byEvent);
}

/** The state `event` leads to from `from`, or undefined when the event is not allowed there. */
export function nextState(from: ObjectState, event: LifecycleEvent): ObjectState | undefined {
  return next.get(from)?.get(event);
}

/** True when some event leads from `from` to `to`. */
export function canTransition(from: ObjectState, to: ObjectState): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to);
}

/**
 * The error for an operation the object's state forbids. KMIP 2.1 names it Wrong Key
 * Lifecycle State; KMIP 1.x and 2.0 answer Permission Denied (OASIS test cases
 * SKLC-M-2-14, AKLC-M-2-20 and SKLC-M-2-21).
 */
export function lifecycleError(version: KmipVersionName, message: string): KmipResultError {
  const reason =
    compareVersions(version, '2.1') >= 0
      ? ResultReason.WrongKeyLifecycleState
      : ResultReason.PermissionDenied;
  return new KmipResultError(reason, message);
}

/**
 * The state after `event`, or the version's lifecycle error when the state forbids it.
 * @throws KmipResultError (KW_KMIP_RESULT) with Wrong Key Lifecycle State / Permission Denied.
 */
export function assertTransition(
  from: ObjectState,
  event: LifecycleEvent,
  version: KmipVersionName,
): ObjectState {
  const to = nextState(from, event);
  if (to === undefined) throw lifecycleError(version, `${event} is not allowed in state ${from}`);
  return to;
}

/**
 * The state after the date-driven transitions due at `now` (KMIP 1.4 §3.24, §3.27): an object
 * whose Activation Date has passed is Active, one whose Deactivation Date has passed is
 * Deactivated. Other states are left alone.
 */
export function stateAt(
  state: ObjectState,
  dates: { readonly activationDate?: Date; readonly deactivationDate?: Date },
  now: Date,
): ObjectState {
  let current = state;
  if (dates.activationDate !== undefined && dates.activationDate <= now) {
    current = nextState(current, 'activate') ?? current;
  }
  if (dates.deactivationDate !== undefined && dates.deactivationDate <= now) {
    current = nextState(current, 'deactivation-date') ?? current;
  }
  return current;
}
