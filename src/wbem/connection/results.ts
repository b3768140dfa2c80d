/**
 * Checks on what an operation got back: the kind of each IRETURNVALUE item, as pywbem checks
 * them after parsing (a well-formed response of the wrong kind is a CIMXMLParseError).
 */
import { CimXmlParseError } from '../errors.ts';
import type { IMethodResponse } from '../cimxml/parse-response.ts';

/** The IRETURNVALUE items, each checked with `guard`; none when there is no IRETURNVALUE. */
export function itemsOf<T>(
  resp: IMethodResponse,
  guard: (item: unknown) => item is T,
  what: string,
): T[] {
  const items = resp.returnValue?.items ?? [];
  return items.map((item) => {
    if (!guard(item)) {
      throw new CimXmlParseError(`${resp.name} response holds a non-${what} item`);
    }
    return item;
  });
}

/** Exactly one IRETURNVALUE item of the given kind (GetInstance, GetClass, CreateInstance …). */
export function singleItemOf<T>(
  resp: IMethodResponse,
  guard: (item: unknown) => item is T,
  what: string,
): T {
  const items = resp.returnValue?.items;
  if (items === undefined) {
    throw new CimXmlParseError(`${resp.name} response has no IRETURNVALUE`);
  }
  const first = items[0];
  if (items.length !== 1 || first === undefined) {
    throw new CimXmlParseError(
      `${resp.name} response has ${items.length} items, expected one ${what}`,
    );
  }
  if (!guard(first)) throw new CimXmlParseError(`${resp.name} response holds a non-${what} item`);
  return first;
}

/** Extra IPARAMVALUEs a caller passes along (pywbem `**extra`). */
export type ExtraParams = Readonly<Record<string, unknown>>;
