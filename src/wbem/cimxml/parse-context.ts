/**
 * Shared checks of the CIM-XML parser (pywbem tupleparse `check_node`, `one_child`, ...).
 * Every failure is a CimXmlParseError at the position of the offending element.
 */
import { CimXmlParseError } from '../errors.ts';
import type { XmlElement } from './element.ts';
import type { XmlReadLimits } from './xml-reader.ts';

/** Options of the CIM-XML parser. */
export interface CimXmlParseOptions extends XmlReadLimits {
  /** Deepest nesting of embedded objects inside embedded objects; default 10. */
  readonly maxEmbeddingDepth?: number;
}

/** Parser state passed down: limits and the current embedding depth. */
export interface ParseContext {
  readonly options: CimXmlParseOptions;
  readonly embeddingDepth: number;
}

const NON_BLANK = /[^ \t\n]/;

/** Throws a CimXmlParseError located at `el`. */
export function fail(el: XmlElement, message: string): never {
  throw new CimXmlParseError(message, { line: el.line, column: el.column });
}

/** Names and the element the check is about, for messages. */
function names(list: readonly string[]): string {
  return list.map((n) => `'${n}'`).join(', ');
}

/**
 * Checks the element name, required and permitted attributes, permitted child elements (null:
 * not checked) and that there is no non-blank text unless `pcdata` is allowed.
 */
export function checkNode(
  el: XmlElement,
  name: string,
  required: readonly string[] = [],
  optional: readonly string[] = [],
  children: readonly string[] | null = null,
  pcdata = false,
): void {
  if (el.name !== name) fail(el, `unexpected element '${el.name}' (expecting '${name}')`);
  for (const attr of required) {
    if (el.attr(attr) === undefined) fail(el, `element '${name}' misses attribute '${attr}'`);
  }
  const unexpected = el.unexpectedAttribute(required, optional);
  if (unexpected !== undefined) fail(el, `element '${name}' has invalid attribute '${unexpected}'`);
  if (children !== null) {
    for (const child of el.children) {
      if (typeof child !== 'string' && !children.includes(child.name)) {
        const allowed = children.length === 0 ? 'none allowed' : `allowed: ${names(children)}`;
        fail(child, `element '${name}' has invalid child element '${child.name}' (${allowed})`);
      }
    }
  }
  if (!pcdata) {
    for (const child of el.children) {
      if (typeof child === 'string' && NON_BLANK.test(child)) {
        fail(el, `element '${name}' has unexpected non-blank text`);
      }
    }
  }
}

/** The text of an element that may hold only text. */
export function pcdata(el: XmlElement): string {
  const child = el.elements()[0];
  if (child !== undefined) fail(child, `element '${el.name}' may only contain text`);
  return el.text();
}

/** Exactly one child element, whose name is one of `allowed`. */
export function oneChild(el: XmlElement, allowed: readonly string[]): XmlElement {
  const kids = el.elements();
  if (kids.length === 0)
    fail(el, `element '${el.name}' misses a child element (${names(allowed)})`);
  if (kids.length > 1) fail(el, `element '${el.name}' has too many child elements`);
  const child = kids[0] as XmlElement;
  if (!allowed.includes(child.name)) {
    fail(child, `element '${el.name}' has invalid child element '${child.name}'`);
  }
  return child;
}

/** Zero or one child element, whose name is one of `allowed`. */
export function optionalChild(el: XmlElement, allowed: readonly string[]): XmlElement | null {
  return el.elements().length === 0 ? null : oneChild(el, allowed);
}

/** Child elements, each of which must be one of `allowed`. */
export function childrenOf(el: XmlElement, allowed: readonly string[]): XmlElement[] {
  const kids = el.elements();
  for (const child of kids) {
    if (!allowed.includes(child.name)) {
      fail(child, `element '${el.name}' has invalid child element '${child.name}'`);
    }
  }
  return kids;
}

/** Child elements with one of the given names; others are skipped. */
export function matching(el: XmlElement, wanted: readonly string[]): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of el.children) {
    if (typeof child !== 'string' && wanted.includes(child.name)) found.push(child);
  }
  return found;
}

/** Exactly `count` child elements. */
export function exactly(el: XmlElement, count: number, expected: string): XmlElement[] {
  const kids = el.elements();
  if (kids.length !== count) {
    fail(el, `element '${el.name}' has ${kids.length} child elements (expecting ${expected})`);
  }
  return kids;
}

/** An attribute known to be present (checked by checkNode). */
export function attr(el: XmlElement, name: string): string {
  return el.attr(name) ?? fail(el, `element '${el.name}' misses attribute '${name}'`);
}

/** A boolean attribute ('true'/'false', case-insensitive), or the default when absent. */
export function boolAttribute(el: XmlElement, name: string, byDefault: boolean): boolean {
  const value = el.attr(name);
  if (value === undefined) return byDefault;
  const folded = value.trim().toLowerCase();
  if (folded === 'true') return true;
  if (folded === 'false') return false;
  return fail(el, `element '${el.name}' has an invalid boolean value for '${name}'`);
}

/** An optional non-negative integer attribute (ARRAYSIZE). */
export function sizeAttribute(el: XmlElement, name: string): number | null {
  const value = el.attr(name);
  if (value === undefined) return null;
  if (!/^\s*\d+\s*$/.test(value)) fail(el, `element '${el.name}' has an invalid '${name}'`);
  return Number(value);
}
