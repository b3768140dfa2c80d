/**
 * A small, strict XML 1.0 reader for the KMIP XML encoding, which uses elements and
 * attributes only. Hand-written rather than a general parser so that the accepted language
 * stays tiny: no DOCTYPE (so no entity expansion or external entities), no namespaces, no
 * text content; comments and processing instructions are skipped. Input length and element
 * depth are bounded before any work that grows with them, and the loop is iterative.
 */
import { KmipXmlError, type KmipXmlErrorCode } from '../errors.ts';

/** One element: its name, attributes in document order and child elements. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: (readonly [name: string, value: string])[];
  readonly children: XmlElement[];
  /** Offset of the element's `<` in the input, for line numbers in errors. */
  readonly offset: number;
}

/** Bounds of `readXml`. */
export interface XmlReadLimits {
  /** Longest accepted input, in UTF-16 code units. */
  readonly maxLength: number;
  /** Deepest accepted element nesting; a top-level element is depth 1. */
  readonly maxDepth: number;
  /** Most elements accepted in all: bounds memory, which short elements multiply. */
  readonly maxElements: number;
}

/** Characters XML 1.0 §2.2 forbids anywhere in a document, even as character references. */
// eslint-disable-next-line no-control-regex -- matching those control characters is the point
export const FORBIDDEN_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const MAX_ATTRIBUTES = 3;
const ATTRIBUTE_SPECIAL = /[&\t\n\r]/;
const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** The 1-based line of an input offset. */
export function lineOf(xml: string, offset: number): number {
  let line = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < offset; i = xml.indexOf('\n', i + 1)) line++;
  return line;
}

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Reads the top-level elements of `xml` (one for a well-formed document; several when
 * messages are simply concatenated).
 * @throws {KmipXmlError} KW_KMIP_XML_MALFORMED, KW_KMIP_XML_TOO_LARGE or KW_KMIP_XML_TOO_DEEP.
 */
export function readXml(xml: string, limits: XmlReadLimits): XmlElement[] {
  const stack: XmlElement[] = [];
  let elementCount = 0;
  const fail = (code: KmipXmlErrorCode, offset: number, problem: string): never => {
    throw new KmipXmlError(code, stack.map((e) => e.name).join('/'), problem, lineOf(xml, offset));
  };
  if (xml.length > limits.maxLength) {
    throw new KmipXmlError(
      'KW_KMIP_XML_TOO_LARGE',
      '',
      `input longer than ${limits.maxLength} characters`,
    );
  }
  const forbidden = FORBIDDEN_XML_CHAR.exec(xml);
  if (forbidden !== null)
    fail('KW_KMIP_XML_MALFORMED', forbidden.index, 'character not allowed in XML');
  if (!xml.isWellFormed()) fail('KW_KMIP_XML_MALFORMED', 0, 'lone UTF-16 surrogate');

  const skipSpace = (p: number): number => {
    while (isSpace(xml.charCodeAt(p))) p++;
    return p;
  };
  const scanName = (p: number): number => {
    if (!isNameStart(xml.charCodeAt(p))) return p;
    p++;
    while (isNameChar(xml.charCodeAt(p))) p++;
    return p;
  };
  const decodeAttribute = (raw: string, offset: number): string => {
    if (!ATTRIBUTE_SPECIAL.test(raw)) return raw;
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (c === '&') {
        const semi = raw.indexOf(';', i);
        if (semi === -1 || semi - i > 10)
          fail('KW_KMIP_XML_MALFORMED', offset + i, 'bad reference');
        const ref = raw.slice(i + 1, semi);
        out += resolveReference(ref) ?? fail('KW_KMIP_XML_MALFORMED', offset + i, 'bad reference');
        i = semi;
      } else if (c === '\r' || c === '\n' || c === '\t') {
        // XML 1.0 §2.11 and §3.3.3: a line end (CR LF counts once) or tab becomes one space.
        if (c === '\r' && raw[i + 1] === '\n') i++;
        out += ' ';
      } else {
        out += c;
      }
    }
    return out;
  };

  const roots: XmlElement[] = [];
  const end = xml.length;
  let pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt === -1 ? end : lt;
    for (let p = pos; p < textEnd; p++) {
      if (!isSpace(xml.charCodeAt(p)))
        fail('KW_KMIP_XML_MALFORMED', p, 'text content is not allowed');
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4);
        if (close === -1) fail('KW_KMIP_XML_MALFORMED', lt, 'unterminated comment');
        pos = close + 3;
      } else if (xml.startsWith('<![CDATA[', lt) && stack.length > 0) {
        const close = xml.indexOf(']]>', lt + 9);
        if (close === -1) fail('KW_KMIP_XML_MALFORMED', lt, 'unterminated CDATA section');
        for (let p = lt + 9; p < close; p++) {
          if (!isSpace(xml.charCodeAt(p)))
            fail('KW_KMIP_XML_MALFORMED', p, 'text content is not allowed');
        }
        pos = close + 3;
      } else {
        fail('KW_KMIP_XML_MALFORMED', lt, 'DOCTYPE and other declarations are not allowed');
      }
      continue;
    }
    if (next === 0x3f /* ? */) {
      const close = xml.indexOf('?>', lt + 2);
      if (close === -1) fail('KW_KMIP_XML_MALFORMED', lt, 'unterminated processing instruction');
      pos = close + 2;
      continue;
    }
    if (next === 0x2f /* / */) {
      const nameEnd = scanName(lt + 2);
      const name = xml.slice(lt + 2, nameEnd);
      const gt = skipSpace(nameEnd);
      if (nameEnd === lt + 2 || xml.charCodeAt(gt) !== 0x3e)
        fail('KW_KMIP_XML_MALFORMED', lt, 'bad end tag');
      if (stack.at(-1)?.name !== name)
        fail('KW_KMIP_XML_MALFORMED', lt, 'end tag does not match the open element');
      stack.pop();
      pos = gt + 1;
      continue;
    }

    const nameEnd = scanName(lt + 1);
    if (nameEnd === lt + 1) fail('KW_KMIP_XML_MALFORMED', lt, 'bad element name');
    const element: XmlElement = {
      name: xml.slice(lt + 1, nameEnd),
      attributes: [],
      children: [],
      offset: lt,
    };
    let p = nameEnd;
    let isEmpty: boolean;
    for (;;) {
      const at = skipSpace(p);
      const c = xml.charCodeAt(at);
      if (c === 0x3e /* > */) {
        isEmpty = false;
        p = at + 1;
        break;
      }
      if (c === 0x2f /* / */ && xml.charCodeAt(at + 1) === 0x3e) {
        isEmpty = true;
        p = at + 2;
        break;
      }
      const attrEnd = scanName(at);
      if (at === p || attrEnd === at) fail('KW_KMIP_XML_MALFORMED', at, 'bad start tag');
      const attrName = xml.slice(at, attrEnd);
      const eq = skipSpace(attrEnd);
      const open = skipSpace(eq + 1);
      const quote = xml[open];
      if (xml.charCodeAt(eq) !== 0x3d || (quote !== '"' && quote !== "'")) {
        fail('KW_KMIP_XML_MALFORMED', at, 'bad attribute');
      }
      const close = xml.indexOf(quote!, open + 1);
      if (close === -1) fail('KW_KMIP_XML_MALFORMED', open, 'unterminated attribute value');
      const raw = xml.slice(open + 1, close);
      if (raw.includes('<')) fail('KW_KMIP_XML_MALFORMED', open, "'<' in an attribute value");
      if (element.attributes.some(([n]) => n === attrName)) {
        fail('KW_KMIP_XML_MALFORMED', at, 'duplicate attribute');
      }
      // KMIP elements carry at most `tag`, `type` and `value`; the cap also keeps the
      // duplicate check above from growing quadratic on hostile input.
      if (element.attributes.length === MAX_ATTRIBUTES) {
        fail('KW_KMIP_XML_MALFORMED', at, `more than ${MAX_ATTRIBUTES} attributes`);
      }
      element.attributes.push([attrName, decodeAttribute(raw, open + 1)]);
      p = close + 1;
    }
    if (++elementCount > limits.maxElements) {
      fail('KW_KMIP_XML_TOO_LARGE', lt, `more than ${limits.maxElements} elements`);
    }
    if (stack.length + 1 > limits.maxDepth) {
      fail('KW_KMIP_XML_TOO_DEEP', lt, `elements nested deeper than ${limits.maxDepth}`);
    }
    const parent = stack.at(-1);
    if (parent === undefined) roots.push(element);
    else parent.children.push(element);
    if (!isEmpty) stack.push(element);
    pos = p;
  }
  if (stack.length > 0) fail('KW_KMIP_XML_MALFORMED', end, 'element not closed');
  if (roots.length === 0) fail('KW_KMIP_XML_MALFORMED', end, 'no element');
  return roots;
}

function resolveReference(ref: string): string | undefined {
  if (!ref.startsWith('#')) return PREDEFINED_ENTITIES.get(ref);
  const isHex = ref[1] === 'x';
  const digits = ref.slice(isHex ? 2 : 1);
  if (!(isHex ? /^[0-9A-Fa-f]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
  const cp = Number.parseInt(digits, isHex ? 16 : 10);
  return isXmlChar(cp) ? String.fromCodePoint(cp) : undefined;
}
