/**
 * The Unique Identifiers a batch item names: the top-level `…UniqueIdentifier` fields of its
 * request and response payloads (Locate's list included). Only text ids: a 2.x reference
 * (ID Placeholder by enumeration or index) is resolved by the response's id.
 */

/** At most this many ids per record (a Locate may return thousands). */
export const MAX_AUDITED_IDS = 64;

function idsOfPayload(payload: unknown, into: string[]): void {
  if (typeof payload !== 'object' || payload === null) return;
  for (const [key, value] of Object.entries(payload)) {
    if (!/uniqueIdentifiers?$/i.test(key)) continue;
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const v of values) if (typeof v === 'string') into.push(v);
  }
}

/** Distinct ids of the payloads, in order, capped at {@link MAX_AUDITED_IDS} (plus `+N more`). */
export function objectIdsOf(...payloads: readonly unknown[]): string[] {
  const found: string[] = [];
  for (const payload of payloads) idsOfPayload(payload, found);
  const ids = [...new Set(found)];
  if (ids.length <= MAX_AUDITED_IDS) return ids;
  return [...ids.slice(0, MAX_AUDITED_IDS), `+${ids.length - MAX_AUDITED_IDS} more`];
}
