/**
 * A minimal XML element tree: what the CIM objects produce (`toCimXml()`) and what the CIM-XML
 * reader builds from a response. Serializing escapes markup characters, writes CR, TAB and LF
 * in attributes as character references (so attribute-value normalization keeps them) and CR
 * in text likewise (so end-of-line handling keeps it), and refuses characters XML 1.0 forbids.
 */
import { CimInvalidValueError } from '../errors.ts';

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

function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;',
  );
}

function escapeAttribute(text: string): string {
  const refs: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    '\t': '&#9;',
    '\n': '&#10;',
    '\r': '&#13;',
  };
  return text.replace(/[&<>"\t\n\r]/g, (c) => refs[c] ?? c);
}

/** One XML element with ordered attributes and children. */
export class XmlElement {
  readonly name: string;
  readonly attributes: Map<string, string>;
  readonly children: XmlNode[];
  /** 1-based line and column of the start tag, for elements read from text; else null. */
  readonly line: number | null;
  readonly column: number | null;

  /**
   * `attributes` as a Map is taken over as it is (the reader's fast path); as a record,
   * null and undefined values are left out. Null and undefined children are dropped.
   */
  constructor(
    name: string,
    attributes: XmlAttributesInput | Map<string, string> = {},
    children: readonly (XmlNode | null | undefined)[] = [],
    position: { line: number; column: number } | null = null,
  ) {
    this.name = name;
    if (attributes instanceof Map) {
      this.attributes = attributes;
    } else {
      this.attributes = new Map();
      for (const key in attributes) {
        const value = attributes[key];
        if (value !== null && value !== undefined) this.attributes.set(key, value);
      }
    }
    this.children = children.every((c) => c !== null && c !== undefined)
      ? (children as XmlNode[])
      : children.filter((c): c is XmlNode => c !== null && c !== undefined);
    this.line = position?.line ?? null;
    this.column = position?.column ?? null;
  }

  /** The value of an attribute, or undefined. */
  attr(name: string): string | undefined {
    return this.attributes.get(name);
  }

  /** The child elements, without text. */
  elements(): XmlElement[] {
    return this.children.filter((c): c is XmlElement => typeof c !== 'string');
  }

  /** The concatenated text children (whitespace kept). */
  text(): string {
    return this.children.filter((c): c is string => typeof c === 'string').join('');
  }

  /**
   * Serializes the element. Without `indent`, no whitespace is added (the form sent on the
   * wire); with it, child elements go on their own lines (for people; whitespace in mixed
   * content then changes the data, as pywbem warns for toprettyxml).
   * @throws KW_WBEM_INVALID_VALUE for characters XML 1.0 does not allow
   */
  toXml(options: { indent?: string | number } = {}): string {
    const indent = typeof options.indent === 'number' ? ' '.repeat(options.indent) : options.indent;
    const out: string[] = [];
    this.#write(out, indent, 0);
    return out.join('');
  }

  #write(out: string[], indent: string | undefined, level: number): void {
    const pad = indent === undefined ? '' : indent.repeat(level);
    out.push(`${pad}<${this.name}`);
    for (const [key, value] of this.attributes) {
      checkXmlChars(value, `attribute ${key} of ${this.name}`);
      out.push(` ${key}="${escapeAttribute(value)}"`);
    }
    if (this.children.length === 0) {
      out.push(indent === undefined ? '/>' : '/>\n');
      return;
    }
    const onlyText = this.children.every((c) => typeof c === 'string');
    out.push('>');
    if (indent !== undefined && !onlyText) out.push('\n');
    for (const child of this.children) {
      if (typeof child === 'string') {
        checkXmlChars(child, `text of ${this.name}`);
        out.push(escapeText(child));
      } else {
        child.#write(out, onlyText ? undefined : indent, level + 1);
      }
    }
    out.push(indent !== undefined && !onlyText ? `${pad}</${this.name}>` : `</${this.name}>`);
    if (indent !== undefined) out.push('\n');
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
