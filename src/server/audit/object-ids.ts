/**
 * The Unique Identifiers a batch item names: the top-level `…UniqueIdentifier` fields of its
 * request and response payloads (Locate's list included). Only text ids: a 2.x reference
 * (ID Placeholder by enumeration or index) is resolved by the response's id.
 */

/** At most this many ids per record (a Locate may return thousands). */
export const MAX_AUDITED_IDS = 64;

const ID_FIELD = /uniqueIdentifiers?$/i;
// Whether a payload field names ids, by field name: the codecs use a few dozen names, so the
// regular expression runs once per name instead of once per field of every audited payload.
const idFields = new Map<string, boolean>();
const MAX_REMEMBERED_FIELDS = 1024;

function isIdField(key: string): boolean {
  let isId = idFields.get(key);
  if (isId === undefined) {
    isId = ID_FIELD.test(key);
    if (idFields.size < MAX_REMEMBERED_FIELDS) idFields.set(key, isId);
  }
  return isId;
}

function idsOfPayload(payload: unknown, into: string[]): void {
  if (typeof payload !== 'object' || payload === null) return;
  for (const key of Object.keys(payload)) {
    if (!isIdField(key)) continue;
    const value = (payload as Record<string, unknown>)[key];
    if (!Array.isArray(value)) {
      if (typeof value === 'string') into.push(value);
      continue;
    }
    for (const v of value as unknown[]) if (typeof v === 'string') into.push(v);
  }
}

/** Distinct ids of the payloads, in order, capped at {@link MAX_AUDITED_IDS} (plus `+N more`). */
export function objectIdsOf(...payloads: readonly unknown[]): string[] {
  const found: string[] = [];
  for (const payload of payloads) idsOfPayload(payload, found);
  // Most items name one id, or the same one in request and response.
  if (found.length <= 1) return found;
  if (found.length === 2) return found[0] === found[1] ? [found[0] as string] : found;
  const ids = [...new Set(found)];
  if (ids.length <= MAX_AUDITED_IDS) return ids;
  return [...ids.slice(0, MAX_AUDITED_IDS), `+${ids.length - MAX_AUDITED_IDS} more`];
}
