/**
 * Usage Limits (KMIP 1.4 §3.21, 2.1 "Usage Limits"): a key with this attribute may apply protection
 * (Encrypt, Sign, MAC) to at most Usage Limits Total units for its whole life, counted in
 * its Usage Limits Unit: Byte (the bytes of Data protected) or Object (one per request). The
 * Usage Limits Count holds what is left (the Total while the count was never set); processing
 * (Decrypt, verification) is not limited. An exhausted key is refused with Permission Denied,
 * as the OASIS cases CS-BC-M-7 (KMIP 1.3–2.1) answer.
 *
 * The count is taken down by a compare-and-set update of the revision that was checked
 * (`ctx.objects.update`), after the cryptography ran and before the result leaves the server.
 * The pipeline commits the item's writes before it answers; when a concurrent use committed
 * first, the commit fails and the pipeline runs the whole item again on the key as the other
 * request left it (src/server/pipeline/batch.ts), so concurrent requests never protect more
 * than the limit and no result is returned for units that were not counted.
 */
import { ResultReason, UsageLimitsUnit } from '../../kmip/generated/registry.ts';
import type { UsageLimitsValue } from '../../kmip/messages/common.ts';
import { attributeValue, type ManagedObjectRecord } from '../objects/index.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

function limitsOf(record: ManagedObjectRecord): UsageLimitsValue | undefined {
  const value = attributeValue(record, 'UsageLimits');
  return typeof value === 'object' && value !== null && !(value instanceof Date)
    ? (value as UsageLimitsValue)
    : undefined;
}

/** Units left: the Count, never more than the Total (the Total while no Count is set). */
function unitsLeft(limits: UsageLimitsValue): bigint {
  const { count, total } = limits;
  if (count !== undefined && total !== undefined) return count < total ? count : total;
  return count ?? total ?? 0n;
}

function unitsFor(
  record: ManagedObjectRecord,
  limits: UsageLimitsValue,
  dataLength: number,
): bigint {
  switch (limits.unit) {
    case UsageLimitsUnit.Byte:
      return BigInt(dataLength);
    case UsageLimitsUnit.Object:
      return 1n;
    default:
      // Protection the server cannot count is protection it cannot limit: refused.
      throw new KmipResultError(
        ResultReason.PermissionDenied,
        `object ${JSON.stringify(record.id)} has Usage Limits in a unit the server does not count`,
      );
  }
}

function exhausted(record: ManagedObjectRecord, units: bigint, left: bigint): KmipResultError {
  return new KmipResultError(
    ResultReason.PermissionDenied,
    `the Usage Limits of object ${JSON.stringify(record.id)} allow ${left} more units; this use needs ${units}`,
  );
}

/**
 * Checks, without counting, that `record` may still protect `dataLength` bytes (before the
 * cryptography runs, so an exhausted key costs no work).
 * @throws KmipResultError Permission Denied when the limit would be exceeded.
 */
export function assertUsageAvailable(record: ManagedObjectRecord, dataLength: number): void {
  const limits = limitsOf(record);
  if (limits === undefined) return;
  const units = unitsFor(record, limits, dataLength);
  const left = unitsLeft(limits);
  if (units > left) throw exhausted(record, units, left);
}

/**
 * Counts a protecting use of `dataLength` bytes against the key's Usage Limits: checks the
 * units left on `record` and writes the new count conditionally on `record`'s revision. A key
 * without Usage Limits is not written.
 * @throws KmipResultError Permission Denied when the limit would be exceeded.
 */
export async function consumeUsage(
  ctx: OperationContext,
  record: ManagedObjectRecord,
  dataLength: number,
): Promise<void> {
  const limits = limitsOf(record);
  if (limits === undefined) return;
  const units = unitsFor(record, limits, dataLength);
  const left = unitsLeft(limits);
  if (units > left) throw exhausted(record, units, left);
  await ctx.objects.update(record, {
    edits: [{ op: 'set', name: 'UsageLimits', value: { ...limits, count: left - units } }],
  });
}
