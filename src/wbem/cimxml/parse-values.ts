/**
 * Values in CIM-XML (DSP0201 §5.2): VALUE, VALUE.ARRAY, VALUE.NULL, and the conversion of
 * VALUE text to CIM values of a given type (pywbem tupleparse `unpack_*`).
 */
import { CimDateTime } from '../types/datetime.ts';
import { integerClasses } from '../types/integers.ts';
import { Real32, Real64, parseReal } from '../types/reals.ts';
import { isIntegerTypeName, isRealTypeName, type CimScalar } from '../types/cim-type.ts';
import type { XmlElement } from './element.ts';
import { checkNode, childrenOf, fail, matching, pcdata } from './parse-context.ts';

/** A scalar read from CIM-XML; untyped numbers (KEYVALUE VALUETYPE="numeric") stay plain. */
export type ParsedScalar = CimScalar | number | bigint;

const HEX = /^[+-]?0[xX][0-9a-fA-F]+$/;
const INTEGER = /^[+-]?\d+$/;

/** VALUE: its text, whitespace kept. */
export function parseValue(el: XmlElement): string {
  checkNode(el, 'VALUE', [], [], [], true);
  return pcdata(el);
}

/** VALUE.NULL: null. */
export function parseValueNull(el: XmlElement): null {
  checkNode(el, 'VALUE.NULL', [], [], []);
  return null;
}

/** VALUE.ARRAY: the texts of its items, null for VALUE.NULL. */
export function parseValueArray(el: XmlElement): (string | null)[] {
  checkNode(el, 'VALUE.ARRAY');
  return childrenOf(el, ['VALUE', 'VALUE.NULL']).map((child) =>
    child.name === 'VALUE' ? parseValue(child) : parseValueNull(child),
  );
}

/** A boolean from its text (case-insensitive, blanks ignored); '' is tolerated as NULL. */
export function unpackBoolean(data: string, el: XmlElement): boolean | null {
  const folded = data.trim().toLowerCase();
  if (folded === 'true') return true;
  if (folded === 'false') return false;
  if (folded === '') return null; // pywbem tolerates this (with a warning)
  return fail(el, `invalid boolean value ${JSON.stringify(data.slice(0, 40))}`);
}

/** A number from its text: decimal or hex integer, else a real (INF, -INF, NaN included). */
function readNumber(data: string, el: XmlElement): number | bigint {
  const text = data.trim();
  if (HEX.test(text)) {
    const magnitude = BigInt(text.replace(/^[+-]/, ''));
    return text.startsWith('-') ? -magnitude : magnitude;
  }
  if (INTEGER.test(text)) return BigInt(text);
  try {
    return parseReal(text, 'numeric');
  } catch {
    return fail(el, `invalid numeric value ${JSON.stringify(data.slice(0, 40))}`);
  }
}

function unpackNumeric(data: string, type: string | null, el: XmlElement): ParsedScalar {
  const n = readNumber(data, el);
  if (type === null) {
    return typeof n === 'bigint' && Number.isSafeInteger(Number(n)) ? Number(n) : n;
  }
  try {
    if (isIntegerTypeName(type)) {
      if (typeof n === 'number' && !Number.isInteger(n)) {
        fail(el, `value ${JSON.stringify(data.slice(0, 40))} of type ${type} is not an integer`);
      }
      return new integerClasses[type](typeof n === 'number' ? BigInt(n) : n);
    }
    return type === 'real32' ? new Real32(Number(n)) : new Real64(Number(n));
  } catch (cause) {
    if (cause instanceof Error && 'code' in cause && cause.code === 'KW_WBEM_CIMXML_PARSE') {
      throw cause;
    }
    return fail(el, `cannot convert ${JSON.stringify(data.slice(0, 40))} to CIM type ${type}`);
  }
}

/**
 * The CIM value of VALUE text for a CIM type other than reference; a null type means an
 * untyped number (a KEYVALUE with VALUETYPE="numeric" and no TYPE).
 */
export function unpackSingleValue(
  data: string | null,
  type: string | null,
  el: XmlElement,
): ParsedScalar | null {
  if (data === null) return null;
  if (type === 'string') return data;
  if (type === 'boolean') return unpackBoolean(data, el);
  if (type === null || isIntegerTypeName(type) || isRealTypeName(type)) {
    return unpackNumeric(data, type, el);
  }
  if (type === 'datetime') {
    try {
      return new CimDateTime(data);
    } catch {
      return fail(el, `invalid datetime value ${JSON.stringify(data.slice(0, 40))}`);
    }
  }
  if (type === 'char16') {
    if (data.length === 0) fail(el, 'char16 value is empty');
    const code = data.charCodeAt(0);
    if (data.length > 1 || (code >= 0xd800 && code <= 0xdfff)) {
      fail(el, 'char16 value is not one UCS-2 character');
    }
    return data;
  }
  return fail(el, `invalid CIM type ${JSON.stringify(type)}`);
}

/**
 * The value held by an element with a TYPE attribute and an optional VALUE or VALUE.ARRAY
 * child (PROPERTY, PROPERTY.ARRAY, QUALIFIER, QUALIFIER.DECLARATION): null when absent.
 */
export function unpackValue(el: XmlElement): ParsedScalar | (ParsedScalar | null)[] | null {
  const type = el.attr('TYPE') ?? null;
  const found = matching(el, ['VALUE', 'VALUE.ARRAY']);
  if (found.length === 0) return null;
  if (found.length > 1) fail(found[1] as XmlElement, `element '${el.name}' has too many values`);
  const child = found[0] as XmlElement;
  if (child.name === 'VALUE') return unpackSingleValue(parseValue(child), type, child);
  return parseValueArray(child).map((item) => unpackSingleValue(item, type, child));
}
