/**
 * Test support: the XML reader src/wbem used before issue #10, kept as the reference the
 * reworked reader (src/wbem/cimxml/saxes-tree.ts) is compared with (xml-reader.test.ts).
 *
 * Reads XML text into an XmlElement tree with start-tag positions, using saxes (a strict,
 * non-validating XML 1.0 parser). Everything that is not well-formed XML, including characters
 * XML 1.0 forbids (e.g. U+0000–U+0008) and ill-formed UTF-8, is an XmlParseError.
 * Limits guard against hostile input: total size, element nesting depth, and no DTDs at all
 * (a DOCTYPE could declare entities; CIM-XML never needs one, DSP0201 §3.2).
 */
import { SaxesParser } from 'saxes';
import { XmlParseError } from '../../../../src/wbem/errors.ts';
import { XmlElement, type XmlNode } from '../../../../src/wbem/cimxml/element.ts';

/** Limits for reading XML. */
export interface XmlReadLimits {
  /** Most characters (after UTF-8 decoding) accepted; default 64 Mi. */
  readonly maxLength?: number;
  /** Deepest element nesting accepted; default 100. */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_LENGTH = 64 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 100;

interface Building {
  readonly name: string;
  readonly attributes: Map<string, string>;
  readonly children: XmlNode[];
  readonly line: number;
  readonly column: number;
}

/** Decodes UTF-8 strictly: ill-formed sequences (e.g. encoded surrogates) are an error. */
function decodeUtf8(bytes: Uint8Array, meaning: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new XmlParseError(`${meaning} is not well-formed UTF-8`);
  }
}

/**
 * Parses `input` (text, or UTF-8 bytes) into the root element.
 * @throws KW_WBEM_XML_PARSE with the line and column of the problem
 */
export function readXml(
  input: string | Uint8Array,
  meaning = 'CIM-XML response',
  limits: XmlReadLimits = {},
): XmlElement {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (typeof input !== 'string' && input.byteLength > maxLength * 4) {
    throw new XmlParseError(`${meaning} is larger than ${maxLength} characters`);
  }
  const text = typeof input === 'string' ? input : decodeUtf8(input, meaning);
  if (text.length > maxLength) {
    throw new XmlParseError(`${meaning} is larger than ${maxLength} characters`);
  }
  const parser = new SaxesParser({ xmlns: false, position: true });
  // saxes' column is 0-based and already past the character at fault: as 1-based, it points at it.
  const position = () => ({ line: parser.line, column: Math.max(1, parser.column) });
  const stack: Building[] = [];
  let root: XmlElement | null = null;
  let start = { line: 1, column: 1 };

  parser.on('doctype', () => {
    throw new XmlParseError(`${meaning} contains a DOCTYPE, which is refused`, position());
  });
  parser.on('opentagstart', (tag) => {
    // The parser stands just after '<NAME'; report the column of '<'.
    start = { line: parser.line, column: parser.column - tag.name.length - 1 };
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= maxDepth) {
      throw new XmlParseError(`${meaning} nests elements deeper than ${maxDepth}`, position());
    }
    const attributes = new Map<string, string>();
    const raw = tag.attributes;
    for (const key in raw) attributes.set(key, raw[key] as string);
    stack.push({
      name: tag.name,
      attributes,
      children: [],
      line: start.line,
      column: start.column,
    });
  });
  const addText = (data: string) => {
    const top = stack[stack.length - 1];
    if (top === undefined) return; // whitespace around the root element
    const last = top.children.length - 1;
    if (last >= 0 && typeof top.children[last] === 'string') top.children[last] += data;
    else top.children.push(data);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const done = stack.pop();
    if (done === undefined) return;
    const element = new XmlElement(done.name, done.attributes, done.children, done);
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = element;
    else parent.children.push(element);
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof XmlParseError) throw error;
    const why = error instanceof Error ? error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '') : '';
    throw new XmlParseError(`${meaning} is not well-formed XML: ${why}`, position());
  }
  if (root === null) throw new XmlParseError(`${meaning} has no root element`);
  return root;
}
