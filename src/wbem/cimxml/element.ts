/**
 * A minimal XML element tree: what the CIM objects produce (`toCimXml()`) and what the CIM-XML
 * reader builds from a response. Serializing escapes markup characters, writes CR, TAB and LF
 * in attributes as character references (so attribute-value normalization keeps them) and CR
 * in text likewise (so end-of-line handling keeps it), and refuses characters XML 1.0 forbids.
 */
import { CimInvalidValueError } from '../errors.ts';
import { SourcePositions, type SourcePosition } from './source-positions.ts';

/** A child of an element: another element or text. */
export type XmlNode = XmlElement | string;

/** Attribute input: entries with a null or undefined value are left out. */
export type XmlAttributesInput = Readonly<Record<string, string | null | undefined>>;

// XML 1.0 §2.2 Char. With the u flag a lone surrogate is a code point outside every range.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Throws unless every character of `text` may appear in an XML 1.0 document. */
export function checkXmlChars(text: string, where: string): void {
  if (FORBIDDEN.test(text)) {
    throw new CimInvalidValueError(`${where} contains a character XML 1.0 does not allow`);
  }
}

const TEXT_MARKUP = /[&<>\r]/;
const ATTRIBUTE_MARKUP = /[&<>"\t\n\r]/;
const REFERENCES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

// The tests first: most values need no escaping, and replace() with a callback is slow.
function escapeText(text: string): string {
  return TEXT_MARKUP.test(text) ? text.replace(/[&<>\r]/g, (c) => REFERENCES[c] ?? c) : text;
}

function escapeAttribute(text: string): string {
  return ATTRIBUTE_MARKUP.test(text)
    ? text.replace(/[&<>"\t\n\r]/g, (c) => REFERENCES[c] ?? c)
    : text;
}

function attributeXml(element: string, key: string, value: string): string {
  if (FORBIDDEN.test(value)) checkXmlChars(value, `attribute ${key} of ${element}`);
  return ` ${key}="${escapeAttribute(value)}"`;
}

const NO_ATTRIBUTES: XmlAttributesInput = Object.freeze({});
// Shared by elements without attributes; never written (the list is private).
const EMPTY_LIST: string[] = [];

/**
 * Makes an element for the reader: attributes as a [name, value …] list it hands over, and
 * the start tag's offset in `source` (line and column worked out when asked). Not exported
 * from the package; set by XmlElement's static block, which may touch the private fields.
 */
export let readElement: (
  name: string,
  attributes: string[],
  offset: number,
  source: SourcePositions,
) => XmlElement;

/** One XML element with ordered attributes and children. */
export class XmlElement {
  readonly name: string;
  readonly children: XmlNode[];
  // Attributes as [name, value, name, value …] until `attributes` is read; from then on the
  // Map is the truth (callers may change it). A Map per element was a large share of the
  // reader's allocations (issue #10).
  #list: string[] | null = null;
  #map: Map<string, string> | null = null;
  // The start tag's position; elements from the reader hold their document and offset
  // instead, and work out line and column when first asked.
  #where: SourcePosition | SourcePositions | null = null;
  #offset = 0;

  /**
   * `attributes` as a Map is taken over as it is; as a record, null and undefined values are
   * left out. Null and undefined children are dropped.
   */
  constructor(
    name: string,
    attributes: XmlAttributesInput | Map<string, string> = {},
    children: readonly (XmlNode | null | undefined)[] = [],
    position: SourcePosition | null = null,
  ) {
    this.name = name;
    if (attributes instanceof Map) {
      this.#map = attributes;
    } else if (attributes === NO_ATTRIBUTES) {
      this.#list = EMPTY_LIST;
    } else {
      const list: string[] = [];
      for (const key in attributes) {
        const value = attributes[key];
        if (value !== null && value !== undefined) list.push(key, value);
      }
      this.#list = list;
    }
    let complete = true;
    for (const c of children) if (c === null || c === undefined) complete = false;
    this.children = complete
      ? (children as XmlNode[])
      : children.filter((c): c is XmlNode => c !== null && c !== undefined);
    if (position !== null) this.#where = { line: position.line, column: position.column };
  }

  static {
    readElement = (name, list, offset, source) => {
      const el = new XmlElement(name, NO_ATTRIBUTES);
      el.#list = list;
      el.#offset = offset;
      el.#where = source;
      return el;
    };
  }

  /** The attributes in document order, by name. */
  get attributes(): Map<string, string> {
    if (this.#map === null) {
      const list = this.#list ?? EMPTY_LIST;
      const map = new Map<string, string>();
      for (let k = 0; k < list.length; k += 2) map.set(list[k] as string, list[k + 1] as string);
      this.#map = map;
      this.#list = null;
    }
    return this.#map;
  }

  /** 1-based line of the start tag, for elements read from text; else null. */
  get line(): number | null {
    return this.#position()?.line ?? null;
  }

  /** 1-based column of the start tag's '<', for elements read from text; else null. */
  get column(): number | null {
    return this.#position()?.column ?? null;
  }

  #position(): SourcePosition | null {
    if (this.#where instanceof SourcePositions) this.#where = this.#where.at(this.#offset);
    return this.#where;
  }

  /** The value of an attribute, or undefined. */
  attr(name: string): string | undefined {
    const list = this.#list;
    if (list === null) return this.attributes.get(name);
    for (let k = 0; k < list.length; k += 2) if (list[k] === name) return list[k + 1];
    return undefined;
  }

  /** The attribute names in document order. */
  attributeNames(): string[] {
    const list = this.#list;
    if (list === null) return [...this.attributes.keys()];
    const names: string[] = [];
    for (let k = 0; k < list.length; k += 2) names.push(list[k] as string);
    return names;
  }

  /** The first attribute named in neither list, or undefined (the parser's check). */
  unexpectedAttribute(
    required: readonly string[],
    optional: readonly string[],
  ): string | undefined {
    const list = this.#list;
    if (list === null) {
      for (const key of this.attributes.keys()) {
        if (!required.includes(key) && !optional.includes(key)) return key;
      }
      return undefined;
    }
    for (let k = 0; k < list.length; k += 2) {
      const key = list[k] as string;
      if (!required.includes(key) && !optional.includes(key)) return key;
    }
    return undefined;
  }

  /** The child elements, without text. */
  elements(): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of this.children) if (typeof c !== 'string') out.push(c);
    return out;
  }

  /** The concatenated text children (whitespace kept). */
  text(): string {
    const kids = this.children;
    if (kids.length === 1 && typeof kids[0] === 'string') return kids[0];
    let text = '';
    for (const c of kids) if (typeof c === 'string') text += c;
    return text;
  }

  /**
   * Serializes the element. Without `indent`, no whitespace is added (the form sent on the
   * wire); with it, child elements go on their own lines (for people; whitespace in mixed
   * content then changes the data, as pywbem warns for toprettyxml).
   * @throws KW_WBEM_INVALID_VALUE for characters XML 1.0 does not allow
   */
  toXml(options: { indent?: string | number } = {}): string {
    const indent = typeof options.indent === 'number' ? ' '.repeat(options.indent) : options.indent;
    return this.#xml(indent, 0);
  }

  // Joined with + (V8 builds a rope, flattened once): faster than pushing ~50 pieces an
  // instance onto an array and joining it (issue #10).
  #xml(indent: string | undefined, level: number): string {
    const pad = indent === undefined ? '' : indent.repeat(level);
    let out = pad + '<' + this.name;
    const list = this.#list;
    if (list === null) {
      for (const [key, value] of this.attributes) out += attributeXml(this.name, key, value);
    } else {
      for (let k = 0; k < list.length; k += 2) {
        out += attributeXml(this.name, list[k] as string, list[k + 1] as string);
      }
    }
    const kids = this.children;
    if (kids.length === 0) return out + (indent === undefined ? '/>' : '/>\n');
    let onlyText = true;
    for (const child of kids) if (typeof child !== 'string') onlyText = false;
    const inner = onlyText ? undefined : indent;
    out += inner === undefined ? '>' : '>\n';
    for (const child of kids) {
      if (typeof child === 'string') {
        if (FORBIDDEN.test(child)) checkXmlChars(child, `text of ${this.name}`);
        out += escapeText(child);
      } else {
        out += child.#xml(inner, level + 1);
      }
    }
    out += inner === undefined ? '</' + this.name + '>' : pad + '</' + this.name + '>';
    return indent === undefined ? out : out + '\n';
  }
}

/** Shorthand for `new XmlElement(name, attributes, children)`. */
export function xmlElement(
  name: string,
  attributes: XmlAttributesInput = {},
  children: readonly (XmlNode | null | undefined)[] = [],
): XmlElement {
  return new XmlElement(name, attributes, children);
}
