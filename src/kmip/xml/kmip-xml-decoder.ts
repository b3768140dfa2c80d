/**
 * KMIP XML → item tree (KMIP Additional Message Encodings v1.0 §6.1, carried into the KMIP
 * Profiles "XML Profile"): each element is a tag (its normalized name, or `TTLV` with a hex
 * `tag` attribute), `type` gives the item type (absent = Structure) and `value` the value.
 */
import { KmipXmlError, type KmipXmlErrorCode } from '../errors.ts';
import { Tag } from '../generated/registry.ts';
import type { KmipItem } from '../item.ts';
import { tagEntryByName } from '../registry.ts';
import { parseScalarText } from './scalar-text.ts';
import { NAMELESS_TAG_ELEMENT, parseHexTag, parseItemTypeName } from './tag-text.ts';
import type { Fail } from './text-values.ts';
import { attributeTagOf, valueNamesFor } from './value-names.ts';
import { lineOf, readXml, type XmlElement } from './xml-reader.ts';

/** Options of `decodeKmipXml` and `decodeKmipXmlDocument`. */
export interface KmipXmlDecodeOptions {
  /** Longest accepted input in characters (default 4 MiB). */
  readonly maxLength?: number;
  /** Most items accepted in the input, all messages together (default 65,536). */
  readonly maxItems?: number;
  /** Deepest accepted Structure nesting; a top-level Structure is depth 1 (default 32). */
  readonly maxDepth?: number;
  /** Strict decoding: a tag this returns false for is rejected with KW_KMIP_XML_UNKNOWN_TAG. */
  readonly isKnownTag?: (tag: number) => boolean;
}

/** Default `maxLength`: 4 MiB of characters, room for a 1 MiB TTLV message in hex and markup. */
export const DEFAULT_MAX_XML_LENGTH = 4 * 1024 * 1024;
/**
 * Default `maxItems`: as many as 1 MiB of TTLV can hold (16 bytes an item). Memory grows
 * with the number of items, and `<D/>` is one in four characters.
 */
export const DEFAULT_MAX_XML_ITEMS = 65_536;
/** Default `maxDepth`, the same as the TTLV decoder's. */
export const DEFAULT_MAX_XML_DEPTH = 32;

// Wrappers of a test-case document: `<KMIP>` (OASIS profiles), `<KmipTestCase>` (Cosmian's
// extraction of the 1.0–1.2 profiles).
const DOCUMENT_WRAPPERS: ReadonlySet<string> = new Set(['KMIP', 'KmipTestCase']);

interface DecodeContext {
  readonly xml: string;
  readonly maxDepth: number;
  readonly isKnownTag: ((tag: number) => boolean) | undefined;
}

/**
 * Decodes one KMIP item (usually a Request or Response Message) from an XML document with
 * exactly one root element.
 * @throws {KmipXmlError} any KW_KMIP_XML_* decode code.
 */
export function decodeKmipXml(xml: string, options?: KmipXmlDecodeOptions): KmipItem {
  const { roots, context } = read(xml, options, false);
  if (roots.length !== 1) {
    throw new KmipXmlError('KW_KMIP_XML_MALFORMED', '', 'expected exactly one root element');
  }
  return decodeElement(roots[0]!, roots[0]!.name, 1, undefined, context);
}

/**
 * Decodes a sequence of KMIP items (Request/Response Messages of a test case), either
 * wrapped in one `<KMIP>` or `<KmipTestCase>` element or given as sibling root elements.
 * Comments are ignored.
 * @throws {KmipXmlError} any KW_KMIP_XML_* decode code.
 */
export function decodeKmipXmlDocument(xml: string, options?: KmipXmlDecodeOptions): KmipItem[] {
  const { roots, context } = read(xml, options, true);
  const wrapper =
    roots.length === 1 && DOCUMENT_WRAPPERS.has(roots[0]!.name) ? roots[0] : undefined;
  if (wrapper !== undefined && wrapper.attributes.length > 0) {
    throw new KmipXmlError(
      'KW_KMIP_XML_MALFORMED',
      wrapper.name,
      'attributes on the document element',
    );
  }
  const elements = wrapper?.children ?? roots;
  const paths = childPaths(wrapper === undefined ? '' : `${wrapper.name}/`, elements);
  return elements.map((element, i) => decodeElement(element, paths[i]!, 1, undefined, context));
}

function read(
  xml: string,
  options: KmipXmlDecodeOptions | undefined,
  isDocument: boolean,
): { roots: XmlElement[]; context: DecodeContext } {
  const maxDepth = options?.maxDepth ?? DEFAULT_MAX_XML_DEPTH;
  // Elements: the Structures, plus a document wrapper and a leaf inside the deepest Structure.
  // A wrapper is not an item, so a document may hold one element more than maxItems.
  const roots = readXml(xml, {
    maxLength: options?.maxLength ?? DEFAULT_MAX_XML_LENGTH,
    maxDepth: maxDepth + 2,
    maxElements: (options?.maxItems ?? DEFAULT_MAX_XML_ITEMS) + (isDocument ? 1 : 0),
  });
  return { roots, context: { xml, maxDepth, isKnownTag: options?.isKnownTag } };
}

// Paths of sibling elements: `[n]` (1-based, as XPath counts) where a name repeats. One pass
// with counters, so a Structure with many children costs linear time.
function childPaths(prefix: string, siblings: readonly XmlElement[]): string[] {
  const counts = new Map<string, number>();
  for (const { name } of siblings) counts.set(name, (counts.get(name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return siblings.map(({ name }) => {
    const position = (seen.get(name) ?? 0) + 1;
    seen.set(name, position);
    return counts.get(name)! > 1 ? `${prefix}${name}[${position}]` : `${prefix}${name}`;
  });
}

function decodeElement(
  element: XmlElement,
  path: string,
  depth: number,
  attributeTag: number | undefined,
  context: DecodeContext,
): KmipItem {
  const error = (code: KmipXmlErrorCode, problem: string): never => {
    throw new KmipXmlError(code, path, problem, lineOf(context.xml, element.offset));
  };
  let typeText: string | undefined;
  let valueText: string | undefined;
  let tagText: string | undefined;
  for (const [name, value] of element.attributes) {
    if (name === 'type') typeText = value;
    else if (name === 'value') valueText = value;
    else if (name === 'tag' && element.name === NAMELESS_TAG_ELEMENT) tagText = value;
    else error('KW_KMIP_XML_MALFORMED', 'unexpected attribute');
  }

  const tag =
    element.name === NAMELESS_TAG_ELEMENT
      ? parseHexTag(tagText ?? '')
      : tagEntryByName(element.name)?.tag;
  if (tag === undefined) {
    return error(
      'KW_KMIP_XML_UNKNOWN_TAG',
      element.name === NAMELESS_TAG_ELEMENT
        ? 'TTLV element without a valid hex tag'
        : 'unknown tag name',
    );
  }
  if (context.isKnownTag !== undefined && !context.isKnownTag(tag)) {
    error('KW_KMIP_XML_UNKNOWN_TAG', 'tag refused by strict decoding');
  }
  const type = typeText === undefined ? 'Structure' : parseItemTypeName(typeText);
  if (type === undefined) return error('KW_KMIP_XML_BAD_TYPE', 'unknown item type');

  if (type === 'Structure') {
    if (valueText !== undefined) error('KW_KMIP_XML_BAD_VALUE', 'Structure with a value attribute');
    if (depth > context.maxDepth) {
      error('KW_KMIP_XML_TOO_DEEP', `Structures nested deeper than ${context.maxDepth}`);
    }
    const children: KmipItem[] = [];
    // KMIP 1.x §2.1.1: an Attribute Value's enumeration or mask follows its Attribute Name.
    let siblingAttributeTag: number | undefined;
    const paths = childPaths(`${path}/`, element.children);
    for (let i = 0; i < element.children.length; i++) {
      const child = decodeElement(
        element.children[i]!,
        paths[i]!,
        depth + 1,
        siblingAttributeTag,
        context,
      );
      if (child.tag === Tag.AttributeName && child.type === 'TextString') {
        siblingAttributeTag = attributeTagOf(child.value);
      }
      children.push(child);
    }
    return { tag, type, value: children };
  }

  if (element.children.length > 0) error('KW_KMIP_XML_BAD_VALUE', `child elements in a ${type}`);
  if (valueText === undefined)
    return error('KW_KMIP_XML_BAD_VALUE', `${type} without a value attribute`);
  const fail: Fail = (problem) => error('KW_KMIP_XML_BAD_VALUE', `bad ${type}: ${problem}`);
  const value = parseScalarText(type, valueText, valueNamesFor(tag, type, attributeTag), fail);
  return { tag, type, value } as KmipItem;
}
