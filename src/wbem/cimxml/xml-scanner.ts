/**
 * A strict, non-validating XML 1.0 reader for documents without a DTD, building XmlElements
 * (issue #10: it replaced saxes, which with the tree it fed cost ~55 % of a parse; a
 * differential test keeps saxes as the reference). What it checks, by XML 1.0 (5th ed.):
 * the XML declaration only at the start (§2.8), comments without "--" (§2.5), processing
 * instructions not named xml (§2.6), names (§2.3), unique quoted attributes without '<'
 * (§3.1), matching end tags, one root and nothing but misc around it (§2.1), "]]>" outside
 * CDATA (§2.4), references to the five predefined entities or to a legal character (§4.1,
 * WFC: Entity Declared, Legal Character). A DOCTYPE is refused (CIM-XML needs none, DSP0201
 * §3.2, and it could declare entities). Characters XML 1.0 forbids are the caller's check.
 * Line ends are normalized (§2.11) and attribute values too (§3.3.3, all CDATA).
 */
import { XmlParseError } from '../errors.ts';
import { readElement, type XmlElement } from './element.ts';
import { SourcePositions } from './source-positions.ts';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const QUOTE = 39;
const SLASH = 47;
const EQUALS = 61;
const LT = 60;
const GT = 62;
const QUESTION = 63;
const BANG = 33;

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR;
}

// XML 1.0 §2.3 NameStartChar and NameChar; the ASCII part as tables, the rest by regex.
const NAME_START = new Uint8Array(128);
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  NAME_START[c] = /[:A-Z_a-z]/.test(ch) ? 1 : 0;
  NAME_CHAR[c] = /[:A-Z_a-z.0-9-]/.test(ch) ? 1 : 0;
}
const START_RANGES =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF' +
  '\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD' +
  '\\u{10000}-\\u{EFFFF}';
const NAME = new RegExp(
  // eslint-disable-next-line no-misleading-character-class -- NameChar includes combining marks
  `[${START_RANGES}][${START_RANGES}.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040-]*`,
  'uy',
);

// §2.8: version, then optional encoding and standalone, in this order.
const XML_DECLARATION =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  apos: "'",
  quot: '"',
};

/** §2.2 Char, for character references. */
function isXmlChar(n: number): boolean {
  return (
    n === TAB ||
    n === LF ||
    n === CR ||
    (n >= 0x20 && n <= 0xd7ff) ||
    (n >= 0xe000 && n <= 0xfffd) ||
    (n >= 0x10000 && n <= 0x10ffff)
  );
}

function normalizeText(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

function normalizeAttribute(raw: string): string {
  return /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
}

const NO_ATTRIBUTES: string[] = [];
Object.freeze(NO_ATTRIBUTES);

// Names and short attribute values repeat across a response (PROPERTY, TYPE="string" …):
// one string per (length, first and last character) saves a copy per occurrence, and the
// tree the collector must move shrinks accordingly.
const INTERN_MAX = 24;
const FEW_ATTRIBUTES = 16;
const INTERN_SLOTS = 1024; // power of two; small, since each embedded object makes a scanner

/** Reads one document; `maxDepth` bounds element nesting. */
class Scanner {
  readonly src: string;
  readonly #interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SLOTS);
  /** Where the start tag read last ends, and whether it was an empty-element tag. */
  tagEnd = 0;
  tagIsEmpty = false;
  readonly meaning: string;
  readonly maxDepth: number;
  readonly positions: SourcePositions;

  constructor(src: string, meaning: string, maxDepth: number) {
    this.src = src;
    this.meaning = meaning;
    this.maxDepth = maxDepth;
    this.positions = new SourcePositions(src);
  }

  fail(message: string, offset: number): never {
    const why = `${this.meaning} is not well-formed XML: ${message}`;
    throw new XmlParseError(why, this.positions.at(Math.min(offset, this.src.length)));
  }

  document(): XmlElement {
    const src = this.src;
    let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (src.startsWith('<?xml', i) && (isSpace(src.charCodeAt(i + 5)) || src[i + 5] === '?')) {
      XML_DECLARATION.lastIndex = i;
      if (!XML_DECLARATION.test(src)) this.fail('malformed XML declaration', i);
      i = XML_DECLARATION.lastIndex;
    }
    i = this.misc(i);
    if (i >= src.length) throw new XmlParseError(`${this.meaning} has no root element`);
    const [root, end] = this.content(i);
    i = this.misc(end);
    if (i < src.length) this.fail('only one root element is allowed', i);
    return root;
  }

  /** Skips white space, comments and processing instructions; returns where else begins. */
  misc(from: number): number {
    const src = this.src;
    let i = from;
    for (;;) {
      while (isSpace(src.charCodeAt(i))) i++;
      if (i >= src.length || src.charCodeAt(i) !== LT) {
        if (i < src.length) this.fail('text outside the root element', i);
        return i;
      }
      const next = src.charCodeAt(i + 1);
      if (src.startsWith('<!--', i)) i = this.comment(i);
      else if (next === QUESTION) i = this.instruction(i);
      else if (src.startsWith('<!DOCTYPE', i)) {
        throw new XmlParseError(
          `${this.meaning} contains a DOCTYPE, which is refused`,
          this.positions.at(i),
        );
      } else if (next === BANG) this.fail('markup outside the root element', i);
      else return i;
    }
  }

  comment(at: number): number {
    const end = this.src.indexOf('-->', at + 4);
    if (end < 0) this.fail('unclosed comment', at);
    const dashes = this.src.indexOf('--', at + 4);
    if (dashes < end) this.fail("'--' inside a comment", dashes);
    return end + 3;
  }

  instruction(at: number): number {
    const src = this.src;
    const nameEnd = this.name(at + 2);
    if (src.slice(at + 2, nameEnd).toLowerCase() === 'xml') {
      this.fail('an XML declaration must be at the start of the document', at);
    }
    if (src.startsWith('?>', nameEnd)) return nameEnd + 2;
    if (!isSpace(src.charCodeAt(nameEnd))) this.fail('malformed processing instruction', nameEnd);
    const end = src.indexOf('?>', nameEnd);
    if (end < 0) this.fail('unclosed processing instruction', at);
    return end + 2;
  }

  /** The end of the name starting at `at`. */
  name(at: number): number {
    const src = this.src;
    const first = src.charCodeAt(at);
    if (first < 128) {
      if (NAME_START[first] === 0) this.fail('invalid or missing name', at);
      let i = at + 1;
      for (;;) {
        const c = src.charCodeAt(i);
        if (c < 128) {
          if (NAME_CHAR[c] === 0) return i;
          i++;
        } else if (Number.isNaN(c)) return i;
        else break;
      }
    }
    NAME.lastIndex = at;
    if (!NAME.test(src)) this.fail('invalid or missing name', at);
    return NAME.lastIndex;
  }

  /** `src.slice(start, end)`, shared with earlier equal short strings. */
  slice(start: number, end: number): string {
    const length = end - start;
    if (length > INTERN_MAX || length === 0) return this.src.slice(start, end);
    const src = this.src;
    const slot =
      (length * 31 + src.charCodeAt(start) * 7 + src.charCodeAt(end - 1)) & (INTERN_SLOTS - 1);
    const known = this.#interned[slot];
    if (known !== undefined && known.length === length && src.startsWith(known, start)) {
      return known;
    }
    const fresh = src.slice(start, end);
    this.#interned[slot] = fresh;
    return fresh;
  }

  /** Text with line ends and references resolved; `attribute` also normalizes blanks. */
  decode(raw: string, base: number, attribute: boolean): string {
    const normalize = attribute ? normalizeAttribute : normalizeText;
    let amp = raw.indexOf('&');
    if (amp < 0) return normalize(raw);
    let out = '';
    let last = 0;
    while (amp >= 0) {
      out += normalize(raw.slice(last, amp));
      const semi = raw.indexOf(';', amp + 1);
      if (semi < 0) this.fail('unterminated reference', base + amp);
      out += this.reference(raw.slice(amp + 1, semi), base + amp);
      last = semi + 1;
      amp = raw.indexOf('&', last);
    }
    return out + normalize(raw.slice(last));
  }

  reference(name: string, at: number): string {
    const known = PREDEFINED[name];
    if (known !== undefined && Object.hasOwn(PREDEFINED, name)) return known;
    let n = NaN;
    if (/^#x[0-9a-fA-F]+$/.test(name)) n = parseInt(name.slice(2), 16);
    else if (/^#[0-9]+$/.test(name)) n = parseInt(name.slice(1), 10);
    else this.fail('undefined entity or malformed reference', at);
    if (!isXmlChar(n)) this.fail('reference to a character XML 1.0 does not allow', at);
    return String.fromCodePoint(n);
  }

  /** A start tag at `at`: the element; sets tagEnd and tagIsEmpty. */
  startTag(at: number): XmlElement {
    const src = this.src;
    const nameEnd = this.name(at + 1);
    let list = NO_ATTRIBUTES;
    let seen: Set<string> | null = null;
    let i = nameEnd;
    for (;;) {
      let c = src.charCodeAt(i);
      const spaced = isSpace(c);
      while (isSpace(c)) c = src.charCodeAt(++i);
      if (c === GT || c === SLASH) {
        if (c === SLASH && src.charCodeAt(i + 1) !== GT) this.fail("'/' not followed by '>'", i);
        this.tagEnd = c === GT ? i + 1 : i + 2;
        this.tagIsEmpty = c === SLASH;
        return readElement(this.slice(at + 1, nameEnd), list, at, this.positions);
      }
      if (Number.isNaN(c)) this.fail('unclosed start tag', at);
      if (!spaced) this.fail('no white space before an attribute', i);
      const attrEnd = this.name(i);
      const attrName = this.slice(i, attrEnd);
      i = attrEnd;
      while (isSpace((c = src.charCodeAt(i)))) i++;
      if (c !== EQUALS) this.fail('attribute without value', i);
      while (isSpace((c = src.charCodeAt(++i))));
      if (c !== DQUOTE && c !== QUOTE) this.fail('unquoted attribute value', i);
      const close = src.indexOf(c === DQUOTE ? '"' : "'", i + 1);
      if (close < 0) this.fail('unclosed attribute value', i);
      const raw = this.slice(i + 1, close);
      const lt = raw.indexOf('<');
      if (lt >= 0) this.fail("'<' in an attribute value", i + 1 + lt);
      // §3.1 WFC Unique Att Spec. A scan of the few attributes CIM-XML has; a Set past that,
      // so a hostile tag with millions of attributes costs linear time, not quadratic.
      if (seen !== null) {
        if (seen.has(attrName)) this.fail(`duplicate attribute ${attrName}`, attrEnd);
        seen.add(attrName);
      } else {
        for (let k = 0; k < list.length; k += 2) {
          if (list[k] === attrName) this.fail(`duplicate attribute ${attrName}`, attrEnd);
        }
        if (list.length >= 2 * FEW_ATTRIBUTES) {
          seen = new Set<string>();
          for (let k = 0; k < list.length; k += 2) seen.add(list[k] as string);
          seen.add(attrName);
        }
      }
      if (list === NO_ATTRIBUTES) list = [];
      list.push(attrName, this.decode(raw, i + 1, true));
      i = close + 1;
    }
  }

  /** The root element starting at `at` with all it contains; returns it and its end. */
  content(at: number): [XmlElement, number] {
    const src = this.src;
    if (this.maxDepth < 1) this.fail(`elements nest deeper than ${this.maxDepth}`, at);
    const root = this.startTag(at);
    if (this.tagIsEmpty) return [root, this.tagEnd];
    const stack: XmlElement[] = [root];
    let top = root;
    let i = this.tagEnd;
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) this.fail(`unclosed element ${top.name}`, src.length);
      if (lt > i) {
        const raw = src.slice(i, lt);
        const cdataEnd = raw.indexOf(']]>');
        if (cdataEnd >= 0) this.fail("']]>' in text", i + cdataEnd);
        addText(top, this.decode(raw, i, false));
      }
      i = lt;
      const next = src.charCodeAt(i + 1);
      if (next === SLASH) {
        const nameEnd = this.name(i + 2);
        if (nameEnd - i - 2 !== top.name.length || !src.startsWith(top.name, i + 2)) {
          this.fail(`end tag does not match ${top.name}`, i);
        }
        let c = src.charCodeAt(nameEnd);
        let end = nameEnd;
        while (isSpace(c)) c = src.charCodeAt(++end);
        if (c !== GT) this.fail('malformed end tag', end);
        i = end + 1;
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent === undefined) return [root, i];
        top = parent;
      } else if (next === BANG) {
        if (src.startsWith('<!--', i)) i = this.comment(i);
        else if (src.startsWith('<![CDATA[', i)) {
          const end = src.indexOf(']]>', i + 9);
          if (end < 0) this.fail('unclosed CDATA section', i);
          addText(top, normalizeText(src.slice(i + 9, end)));
          i = end + 3;
        } else this.fail('unexpected markup', i);
      } else if (next === QUESTION) {
        i = this.instruction(i);
      } else {
        if (stack.length >= this.maxDepth) {
          this.fail(`elements nest deeper than ${this.maxDepth}`, i);
        }
        const el = this.startTag(i);
        top.children.push(el);
        i = this.tagEnd;
        if (!this.tagIsEmpty) {
          stack.push(el);
          top = el;
        }
      }
    }
  }
}

/** Appends text, joined to text just before it (split by a comment or CDATA section). */
function addText(el: XmlElement, text: string): void {
  const kids = el.children;
  const last = kids.length - 1;
  if (last >= 0 && typeof kids[last] === 'string') kids[last] += text;
  else kids.push(text);
}

/**
 * Reads the root element of `text`, which holds only characters XML 1.0 allows.
 * @throws KW_WBEM_XML_PARSE with the line and column of the problem
 */
export function scanXml(text: string, meaning: string, maxDepth: number): XmlElement {
  return new Scanner(text, meaning, maxDepth).document();
}
