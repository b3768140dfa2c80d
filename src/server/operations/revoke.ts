/**
 * Revoke (KMIP 1.4 §4.20, 2.1 §6.1.47). With Key Compromise or CA Compromise the object
 * becomes Compromised (from Pre-Active, Active or Deactivated; a Destroyed object becomes
 * Destroyed Compromised), Compromise Date is set to now and Compromise Occurrence Date to the
 * request's value, or to the Initial Date when the request has none. With any other reason an
 * Active object becomes Deactivated and Deactivation Date is set to now. Either way the
 * Revocation Reason is stored. Reasons: Item Not Found (2.1: Object Not Found), Permission
 * Denied, Invalid Field for a reason code the version does not define or a Compromise
 * Occurrence Date with a non-compromise reason (the spec says it SHALL NOT be given then),
 * Illegal Operation for a Template, which has no lifecycle (KMIP 1.x; 2.x has none: Item Not
 * Found), and the state machine's lifecycle error (2.1 Wrong Key Lifecycle State, else
 * Permission Denied).
 */
import { ResultReason, RevocationReasonCode } from '../../kmip/generated/registry.ts';
import type { RevocationReasonValue } from '../../kmip/messages/common.ts';
import type { RevokeRequest, RevokeResponse } from '../../kmip/messages/payloads/revoke.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { enumValueEntry, existsInVersion, isExtensionEnumValue } from '../../kmip/registry.ts';
import { attributeValue, type AttributeEdit } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

const COMPROMISE_CODES: ReadonlySet<number> = new Set([
  RevocationReasonCode.KeyCompromise,
  RevocationReasonCode.CACompromise,
]);

/**
 * The Revocation Reason to store: a code the version defines (or a vendor extension value,
 * 0x8XXXXXXX) and the message, nothing else the request may have carried.
 */
function storedReason(
  reason: RevocationReasonValue,
  version: KmipVersionName,
): RevocationReasonValue {
  const entry = enumValueEntry('RevocationReasonCode', reason.code);
  const isKnown = entry !== undefined && existsInVersion(entry, version);
  if (!isKnown && !isExtensionEnumValue(reason.code)) {
    throw invalidField(
      `Revocation Reason Code 0x${(reason.code >>> 0).toString(16)} is not defined in KMIP ${version}`,
    );
  }
  return reason.message === undefined
    ? { code: reason.code }
    : { code: reason.code, message: reason.message };
}

/** Revoke. */
export async function revoke(
  request: RevokeRequest,
  ctx: OperationContext,
): Promise<RevokeResponse> {
  const reason = storedReason(request.revocationReason, ctx.version);
  const isCompromise = COMPROMISE_CODES.has(reason.code);
  if (!isCompromise && request.compromiseOccurrenceDate !== undefined) {
    throw invalidField(
      'Compromise Occurrence Date is only given with Key Compromise or CA Compromise',
    );
  }
  const id = ctx.resolveId(request.uniqueIdentifier);
  // The key material is neither needed nor read (issue #9).
  const record = await ctx.objects.getMetadataForOperation(id, 'Revoke');
  if (record.objectType === 'Template') {
    throw new KmipResultError(ResultReason.IllegalOperation, 'a Template cannot be revoked');
  }
  const now = ctx.now();
  let edits: AttributeEdit[];
  if (isCompromise) {
    const initialDate = attributeValue(record, 'InitialDate');
    const occurred =
      request.compromiseOccurrenceDate ?? (initialDate instanceof Date ? initialDate : now);
    edits = [
      { op: 'set', name: 'CompromiseDate', value: now },
      { op: 'set', name: 'CompromiseOccurrenceDate', value: occurred },
      { op: 'set', name: 'RevocationReason', value: reason },
    ];
  } else {
    edits = [
      { op: 'set', name: 'DeactivationDate', value: now },
      { op: 'set', name: 'RevocationReason', value: reason },
    ];
  }
  const written = await ctx.objects.updateMetadata(record, {
    event: isCompromise ? 'compromise' : 'revoke',
    edits,
  });
  ctx.logger.info(
    {
      objectId: id,
      revocationReasonCode:
        enumValueEntry('RevocationReasonCode', reason.code)?.name ?? reason.code,
      state: written.state,
    },
    'revoked object',
  );
  return { uniqueIdentifier: id };
}
