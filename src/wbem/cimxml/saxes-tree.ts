/**
 * Builds the XmlElement tree of one document with saxes (a kept, strict, non-validating XML
 * 1.0 parser; issue #10 asks for a library here, not an own parser). Refuses a DOCTYPE (it
 * could declare entities; CIM-XML never needs one, DSP0201 §3.2) and nesting deeper than
 * `maxDepth`. Elements record the offset of their '<' and work out line and column only when
 * asked (source-positions.ts), which keeps large responses cheap.
 */
import { SaxesParser } from 'saxes';
import { XmlParseError } from '../errors.ts';
import { readElement, type XmlElement } from './element.ts';
import { SourcePositions } from './source-positions.ts';

/**
 * Parses `text` into its root element.
 * @throws KW_WBEM_XML_PARSE with the line and column of the problem
 */
export function buildTree(text: string, meaning: string, maxDepth: number): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const positions = new SourcePositions(text);
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let tagOffset = 0;
  // saxes' line and column stand just past the character at fault: as 1-based, they point at it.
  const here = () => ({ line: parser.line, column: Math.max(1, parser.column) });

  parser.on('doctype', () => {
    throw new XmlParseError(`${meaning} contains a DOCTYPE, which is refused`, here());
  });
  parser.on('opentagstart', (tag) => {
    // saxes stands past '<', the name and the one character that ended the name (its
    // position counts UTF-16 units, as offsets here do).
    tagOffset = parser.position - tag.name.length - 2;
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= maxDepth) {
      throw new XmlParseError(`${meaning} nests elements deeper than ${maxDepth}`, here());
    }
    const attributes: string[] = [];
    const raw = tag.attributes;
    for (const key in raw) attributes.push(key, raw[key] as string);
    const element = readElement(tag.name, attributes, tagOffset, positions);
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = element;
    else parent.children.push(element);
    stack.push(element);
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
    stack.pop();
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof XmlParseError) throw error;
    const why = error instanceof Error ? error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '') : '';
    throw new XmlParseError(`${meaning} is not well-formed XML: ${why}`, here());
  }
  if (root === null) throw new XmlParseError(`${meaning} has no root element`);
  return root;
}
