/**
 * Check (KMIP 1.4 §4.10, 2.1 §6.1.4): could the caller use the object as the request
 * describes? Nothing about the object changes. Each value given is checked:
 *  - Cryptographic Usage Mask: every requested bit must be in the object's Cryptographic
 *    Usage Mask, and the object's state must allow that use (KMIP 1.4 §3.22: only an Active
 *    object applies protection; Deactivated and Compromised objects may still process
 *    protected data — decrypt, verify, unwrap; Pre-Active and destroyed objects do nothing);
 *  - Usage Limits Count: the object must be Active and, when it has Usage Limits, have that
 *    many units left (KMIP 1.4 §3.21);
 *  - Lease Time: no longer than the object's Lease Time, the longest lease the server grants
 *    it (KMIP 1.4 §3.20), when it has one; and the object must be usable at all.
 * On success the response carries the Unique Identifier. On failure the item fails (the spec
 * asks for Stop or Undo in a batch with Check, so nothing after it runs) with a Result Message
 * naming the values that failed: Incompatible Cryptographic Usage Mask when the object's mask
 * lacks a requested bit (OASIS BL-M-2-21, BL-M-3-21), else the lifecycle error when the state
 * forbids the use, else Permission Denied (the 1.x error table; 1.x clients see Permission
 * Denied for all three). Other reasons: Item Not Found (2.1: Object Not Found), Permission
 * Denied, Illegal Operation for a Template (KMIP 1.x; 2.x has none: Item Not Found).
 */
import { CryptographicUsageMask, ResultReason } from '../../kmip/generated/registry.ts';
import type { UsageLimitsValue } from '../../kmip/messages/common.ts';
import type { CheckRequest, CheckResponse } from '../../kmip/messages/payloads/check.ts';
import { splitMask } from '../../kmip/registry.ts';
import type { ObjectState } from '../../store/index.ts';
import { attributeValue, lifecycleError, type ManagedObjectRecord } from '../objects/index.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

// Uses that process already-protected data (KMIP 1.4 §3.22: allowed in Deactivated and
// Compromised); every other use applies protection and needs an Active object.
const PROCESSING_USES =
  CryptographicUsageMask.Verify |
  CryptographicUsageMask.Decrypt |
  CryptographicUsageMask.UnwrapKey |
  CryptographicUsageMask.MACVerify |
  CryptographicUsageMask.ValidateCryptogram |
  CryptographicUsageMask.TranslateDecrypt |
  CryptographicUsageMask.TranslateUnwrap |
  CryptographicUsageMask.FPEDecrypt;

/** The uses the state allows, as a mask. */
function usesAllowedIn(state: ObjectState): number {
  switch (state) {
    case 'Active':
      return 0xffffffff;
    case 'Deactivated':
    case 'Compromised':
      return PROCESSING_USES;
    default:
      return 0;
  }
}

const FIELD_LABELS = {
  CryptographicUsageMask: 'Cryptographic Usage Mask',
  UsageLimitsCount: 'Usage Limits Count',
  LeaseTime: 'Lease Time',
} as const;

/** One requested value the object does not allow. */
interface CheckFailure {
  /** The request field, by registry tag name. */
  readonly field: keyof typeof FIELD_LABELS;
  /** `mask`: the object's usage mask; `state`: its lifecycle state; `limit`: a limit it has. */
  readonly cause: 'mask' | 'state' | 'limit';
  readonly detail: string;
}

function maskNames(mask: number): string {
  const { names, rest } = splitMask('CryptographicUsageMask', mask);
  return [...names, ...(rest === 0 ? [] : [`0x${rest.toString(16)}`])].join('|');
}

function checkMask(record: ManagedObjectRecord, requested: number): CheckFailure | undefined {
  const own = attributeValue(record, 'CryptographicUsageMask');
  const ownMask = typeof own === 'number' ? own >>> 0 : 0;
  const wanted = requested >>> 0;
  const missing = (wanted & ~ownMask) >>> 0;
  if (missing !== 0) {
    return {
      field: 'CryptographicUsageMask',
      cause: 'mask',
      detail: `the object's usage mask does not include ${maskNames(missing)}`,
    };
  }
  const forbidden = (wanted & ~usesAllowedIn(record.state)) >>> 0;
  if (forbidden !== 0) {
    return {
      field: 'CryptographicUsageMask',
      cause: 'state',
      detail: `${maskNames(forbidden)} is not allowed in state ${record.state}`,
    };
  }
  return undefined;
}

/** Units left: the Usage Limits Count, never more than the Total. */
function unitsLeft(limits: UsageLimitsValue): bigint | undefined {
  const { count, total } = limits;
  if (count !== undefined && total !== undefined) return count < total ? count : total;
  return count ?? total;
}

function checkUsageLimits(
  record: ManagedObjectRecord,
  requested: bigint,
): CheckFailure | undefined {
  if (record.state !== 'Active') {
    return {
      field: 'UsageLimitsCount',
      cause: 'state',
      detail: `no protection may be applied in state ${record.state}`,
    };
  }
  const limits = attributeValue(record, 'UsageLimits') as UsageLimitsValue | undefined;
  const left = limits === undefined ? undefined : unitsLeft(limits);
  if (left !== undefined && requested > left) {
    return {
      field: 'UsageLimitsCount',
      cause: 'limit',
      detail: `${requested} units requested, ${left} left`,
    };
  }
  return undefined;
}

function checkLeaseTime(record: ManagedObjectRecord, requested: number): CheckFailure | undefined {
  if (usesAllowedIn(record.state) === 0) {
    return {
      field: 'LeaseTime',
      cause: 'state',
      detail: `the object cannot be used in state ${record.state}`,
    };
  }
  const longest = attributeValue(record, 'LeaseTime');
  if (typeof longest === 'number' && requested > longest) {
    return {
      field: 'LeaseTime',
      cause: 'limit',
      detail: `a lease of ${requested} s was asked for, at most ${longest} s is granted`,
    };
  }
  return undefined;
}

/** The requested values `record` does not allow, in request order; empty when all pass. */
function checkFailures(record: ManagedObjectRecord, request: CheckRequest): CheckFailure[] {
  const failures = [
    request.usageLimitsCount === undefined
      ? undefined
      : checkUsageLimits(record, request.usageLimitsCount),
    request.cryptographicUsageMask === undefined
      ? undefined
      : checkMask(record, request.cryptographicUsageMask),
    request.leaseTime === undefined ? undefined : checkLeaseTime(record, request.leaseTime),
  ];
  return failures.filter((f): f is CheckFailure => f !== undefined);
}

/**
 * The failed response payload: the Unique Identifier and each requested value that failed
 * (KMIP 1.4 §4.10 / 2.1 §6.1.4: the server returns the attributes that caused the check to
 * fail; Usage Limits Count, Cryptographic Usage Mask and Lease Time are each "returned by
 * the server if" the one requested is refused).
 */
function failurePayload(
  id: string,
  request: CheckRequest,
  failures: readonly CheckFailure[],
): CheckResponse {
  const failed = new Set(failures.map((f) => f.field));
  return {
    uniqueIdentifier: id,
    ...(failed.has('UsageLimitsCount') && { usageLimitsCount: request.usageLimitsCount }),
    ...(failed.has('CryptographicUsageMask') && {
      cryptographicUsageMask: request.cryptographicUsageMask,
    }),
    ...(failed.has('LeaseTime') && { leaseTime: request.leaseTime }),
  };
}

function failureError(
  failures: readonly CheckFailure[],
  payload: CheckResponse,
  ctx: OperationContext,
): KmipResultError {
  const text = `Check failed: ${failures
    .map((f) => `${FIELD_LABELS[f.field]}: ${f.detail}`)
    .join('; ')}`;
  if (failures.some((f) => f.cause === 'mask')) {
    return new KmipResultError(ResultReason.IncompatibleCryptographicUsageMask, text, { payload });
  }
  const reason = failures.some((f) => f.cause === 'state')
    ? lifecycleError(ctx.version, text).reason
    : ResultReason.PermissionDenied;
  return new KmipResultError(reason, text, { payload });
}

/** Check. */
export async function check(request: CheckRequest, ctx: OperationContext): Promise<CheckResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'Check');
  if (record.objectType === 'Template') {
    throw new KmipResultError(ResultReason.IllegalOperation, 'a Template cannot be checked');
  }
  const failures = checkFailures(record, request);
  if (failures.length > 0) {
    throw failureError(failures, failurePayload(id, request, failures), ctx);
  }
  return { uniqueIdentifier: id };
}
