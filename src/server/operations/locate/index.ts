/**
 * Locate (KMIP 1.4 §4.9, 2.1 §6.1.32): the Unique Identifiers of the objects that match
 * every attribute of the request and that the caller may Locate (the object's operation
 * policy; under `default` the owner, and anyone for certificates and public keys), newest
 * first; Offset Items skips, Maximum Items caps; Located Items (1.3+) counts every match.
 * One identifier returned sets the ID Placeholder, anything else empties it.
 *
 * The store checks what it can in one query (see criteria.ts); conditions it can only narrow
 * (states that dates may have changed, partial structures, Usage Limits, some storage
 * mixes) are checked on each candidate, read as the caller. Objects the caller may not
 * Locate are never matched, so a Locate tells nothing about them.
 * Reasons: Invalid Field for an unknown attribute name, a field or value the version does not
 * define, a negative count, a Date attribute given more than twice.
 */
import { ResultReason, Tag } from '../../../kmip/generated/registry.ts';
import type { KmipItem } from '../../../kmip/item.ts';
import type { LocateRequest, LocateResponse } from '../../../kmip/messages/payloads/locate.ts';
import { tagName } from '../../../kmip/messages/schema.ts';
import type { AttributeFilter, ObjectQuery } from '../../../store/index.ts';
import type { ManagedObjectMetadata } from '../../objects/index.ts';
import { invalidField, KmipResultError } from '../../pipeline/result-error.ts';
import type { OperationContext } from '../context.ts';
import { attributeCriteria, type Criterion } from './criteria.ts';
import { groupMemberScope, storageCriterion } from './search-scope.ts';

// Reading a candidate may fail because it went away or the caller may not see it: either
// way it is not a match.
const NOT_A_MATCH: ReadonlySet<number> = new Set([
  ResultReason.ItemNotFound,
  ResultReason.ObjectNotFound,
  ResultReason.PermissionDenied,
]);

/** The fields a later version added, as the request carries them. */
interface NewerFields {
  offsetItems?: number;
  objectGroupMember?: number;
}

/**
 * Offset Items (1.3) and Object Group Member (1.1) in a request of an earlier version are
 * honoured: PyKMIP 0.10 sends them at its default KMIP 1.2 and its server applies them, and
 * their meaning is not in doubt. Any other field the version does not define is refused
 * rather than ignored, as ignoring a filter would return objects that do not match.
 */
function newerFields(unknownItems: readonly KmipItem[] | undefined): NewerFields {
  const fields: NewerFields = {};
  for (const item of unknownItems ?? []) {
    if (item.tag === Tag.OffsetItems && item.type === 'Integer') fields.offsetItems = item.value;
    else if (item.tag === Tag.ObjectGroupMember && item.type === 'Enumeration') {
      fields.objectGroupMember = item.value;
    } else {
      throw invalidField(`${tagName(item.tag)} is not a field of Locate in this KMIP version`);
    }
  }
  return fields;
}

function count(value: number | undefined, name: string): number | undefined {
  if (value !== undefined && value < 0) throw invalidField(`${name} must not be negative`);
  return value;
}

/** The store query of the criteria: their object types, states and filters, all ANDed. */
function toQuery(criteria: readonly Criterion[], order: 'asc' | 'desc'): ObjectQuery {
  let objectTypes: readonly string[] | undefined;
  let states: ObjectQuery['state'];
  const attributes: AttributeFilter[] = [];
  for (const c of criteria) {
    if (c.objectTypes !== undefined) {
      const previous = objectTypes;
      objectTypes =
        previous === undefined ? c.objectTypes : c.objectTypes.filter((t) => previous.includes(t));
    }
    if (c.states !== undefined) {
      const previous = states as readonly string[] | undefined;
      states = previous === undefined ? c.states : c.states.filter((s) => previous.includes(s));
    }
    attributes.push(...(c.filters ?? []));
  }
  // Plain assignments rather than spreads of conditional objects (cheaper per Locate).
  const query: { -readonly [K in keyof ObjectQuery]: ObjectQuery[K] } = { attributes, order };
  if (objectTypes !== undefined) query.objectType = objectTypes;
  if (states !== undefined) query.state = states;
  return query;
}

async function readCandidate(
  id: string,
  ctx: OperationContext,
): Promise<ManagedObjectMetadata | undefined> {
  try {
    return await ctx.objects.getMetadataForOperation(id, 'Locate');
  } catch (error) {
    if (error instanceof KmipResultError && NOT_A_MATCH.has(error.reason)) return undefined;
    throw error;
  }
}

/** Locate by Unique Identifier: at most that object, when it meets every other criterion. */
async function locateById(
  ids: readonly string[],
  criteria: readonly Criterion[],
  ctx: OperationContext,
): Promise<string[]> {
  const [id] = ids;
  if (id === undefined || ids.some((other) => other !== id)) return [];
  const record = await readCandidate(id, ctx);
  return record !== undefined && criteria.every((c) => c.matches(record)) ? [id] : [];
}

async function locateByQuery(
  criteria: readonly Criterion[],
  order: 'asc' | 'desc',
  ctx: OperationContext,
): Promise<string[]> {
  const query = toQuery(criteria, order);
  const pending = criteria.filter((c) => !c.isExact);
  if (pending.length === 0) return ctx.objects.find(query, 'Locate');
  // The access check already read each candidate's metadata: the rest is checked on that
  // read, not on a second one (issue #9).
  const records = await ctx.objects.findMetadata(query, 'Locate');
  ctx.signal.throwIfAborted();
  const matched: string[] = [];
  for (const record of records) {
    if (pending.every((c) => c.matches(record))) matched.push(record.id);
  }
  return matched;
}

/** Locate. */
export async function locate(
  request: LocateRequest,
  ctx: OperationContext,
): Promise<LocateResponse> {
  const newer = newerFields(request.unknownItems);
  const maximumItems = count(request.maximumItems, 'Maximum Items');
  const offsetItems = count(request.offsetItems ?? newer.offsetItems, 'Offset Items') ?? 0;
  const group = groupMemberScope(request.objectGroupMember ?? newer.objectGroupMember);
  const { criteria, uniqueIdentifiers } = attributeCriteria(request.attributes ?? [], ctx);
  criteria.push(storageCriterion(request.storageStatusMask, ctx.version), ...group.criteria);

  let matches =
    uniqueIdentifiers.length > 0
      ? await locateById(uniqueIdentifiers, criteria, ctx)
      : await locateByQuery(criteria, group.order, ctx);
  if (group.isSingle) matches = matches.slice(0, 1);
  const end = maximumItems === undefined ? undefined : offsetItems + maximumItems;
  const page = matches.slice(offsetItems, end);

  const [only] = page;
  if (only !== undefined && page.length === 1) ctx.idPlaceholder.set(only);
  else ctx.idPlaceholder.clear();
  // No debug line here: the item logger it needs costs two pino children (~8 µs) per
  // Locate even when debug is off (issue #9); the count is in the response.
  return { locatedItems: matches.length, uniqueIdentifiers: page };
}
