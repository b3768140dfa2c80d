/**
 * Item tree → KMIP XML (KMIP Additional Message Encodings v1.0 §6.1.6 "XML Element
 * Encoding"): `<Name type="…" value="…"/>` per item, Structures as elements with children
 * and no `type`, unknown and extension tags as `<TTLV tag="0x540001" …>`.
 */
import { KmipXmlError } from '../errors.ts';
import { Tag } from '../generated/registry.ts';
import { formatTag, type KmipItem } from '../item.ts';
import { MAX_ENCODE_DEPTH } from '../ttlv/index.ts';
import { checkItem, isValidTag } from './item-checks.ts';
import { formatScalarText } from './scalar-text.ts';
import { NAMELESS_TAG_ELEMENT, tagNameOf } from './tag-text.ts';
import type { Fail } from './text-values.ts';
import { attributeTagOf, valueNamesFor } from './value-names.ts';
import { FORBIDDEN_XML_CHAR } from './xml-reader.ts';

/** Options of `encodeKmipXml`. */
export interface KmipXmlEncodeOptions {
  /** One element per line, indented by two spaces per level (default false: no whitespace). */
  readonly indent?: boolean;
}

const ESCAPED_CHAR = /[&<>"\t\n\r]/g;
// Tab and line ends as references: written raw, attribute-value normalization (§3.3.3)
// would turn them into spaces.
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Encodes an item tree as KMIP XML.
 * @throws {KmipXmlError} KW_KMIP_XML_ENCODE for a bad tag, an unknown type, a value of the
 *   wrong JS type or range, text XML 1.0 cannot carry, or nesting beyond 512 Structures.
 */
export function encodeKmipXml(item: KmipItem, options?: KmipXmlEncodeOptions): string {
  const out: string[] = [];
  writeElement(item, out, options?.indent === true ? '' : undefined, 1, undefined, '');
  return out.join('');
}

function writeElement(
  item: KmipItem,
  out: string[],
  indent: string | undefined,
  depth: number,
  attributeTag: number | undefined,
  parentPath: string,
): void {
  const tag: unknown = (item as Partial<KmipItem> | null)?.tag;
  const name = typeof tag === 'number' ? tagNameOf(tag) : undefined;
  const path = `${parentPath}${name ?? (isValidTag(tag) ? formatTag(tag) : '?')}`;
  const fail: Fail = (problem) => {
    throw new KmipXmlError('KW_KMIP_XML_ENCODE', path, problem);
  };
  checkItem(item, fail);
  const start = `${indent ?? ''}<${name ?? `${NAMELESS_TAG_ELEMENT} tag="${formatTag(item.tag)}"`}`;
  const end = indent === undefined ? '' : '\n';

  if (item.type !== 'Structure') {
    const text = formatScalarText(item, valueNamesFor(item.tag, item.type, attributeTag));
    if (FORBIDDEN_XML_CHAR.test(text)) fail('TextString has a character XML 1.0 cannot carry');
    out.push(
      `${start} type="${item.type}" value="${text.replace(ESCAPED_CHAR, (c) => ESCAPES[c]!)}"/>${end}`,
    );
    return;
  }
  if (depth > MAX_ENCODE_DEPTH) fail(`Structures nested deeper than ${MAX_ENCODE_DEPTH}`);
  if (item.value.length === 0) {
    out.push(`${start}/>${end}`);
    return;
  }
  out.push(`${start}>${end}`);
  const childIndent = indent === undefined ? undefined : `${indent}  `;
  // KMIP 1.x §2.1.1: an Attribute Value's enumeration or mask follows its Attribute Name.
  let siblingAttributeTag: number | undefined;
  for (const child of item.value) {
    writeElement(child, out, childIndent, depth + 1, siblingAttributeTag, `${path}/`);
    if (child.tag === Tag.AttributeName && child.type === 'TextString') {
      siblingAttributeTag = attributeTagOf(child.value);
    }
  }
  out.push(`${indent ?? ''}</${name ?? NAMELESS_TAG_ELEMENT}>${end}`);
}
