/**
 * Reads XML text into an XmlElement tree with start-tag positions (saxes-tree.ts: saxes, a
 * strict, non-validating XML 1.0 parser). Everything that is not well-formed XML, including characters
 * XML 1.0 forbids (e.g. U+0000–U+0008) and ill-formed UTF-8, is an XmlParseError.
 * Limits guard against hostile input: total size, element nesting depth, and no DTDs at all
 * (a DOCTYPE could declare entities; CIM-XML never needs one, DSP0201 §3.2).
 */
import { XmlParseError } from '../errors.ts';
import type { XmlElement } from './element.ts';
import { SourcePositions } from './source-positions.ts';
import { buildTree } from './saxes-tree.ts';

/** Limits for reading XML. */
export interface XmlReadLimits {
  /** Most characters (after UTF-8 decoding) accepted; default 64 Mi. */
  readonly maxLength?: number;
  /** Deepest element nesting accepted; default 100. */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_LENGTH = 64 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 100;

/** Decodes UTF-8 strictly: ill-formed sequences (e.g. encoded surrogates) are an error. */
function decodeUtf8(bytes: Uint8Array, meaning: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new XmlParseError(`${meaning} is not well-formed UTF-8`);
  }
}

// Candidates for characters XML 1.0 §2.2 forbids; a surrogate is fine when paired. Without
// the u flag this scans a 20 MB response about twice as fast as the exact Unicode regex.
const SUSPECT = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/g;

/** Throws at the first character XML 1.0 does not allow. */
function checkChars(text: string, meaning: string): void {
  SUSPECT.lastIndex = 0;
  let found: RegExpExecArray | null;
  while ((found = SUSPECT.exec(text)) !== null) {
    const at = found.index;
    const c = text.charCodeAt(at);
    const next = text.charCodeAt(at + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      SUSPECT.lastIndex = at + 2;
      continue;
    }
    throw new XmlParseError(
      `${meaning} is not well-formed XML: a character XML 1.0 does not allow`,
      new SourcePositions(text).at(at),
    );
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
  checkChars(text, meaning);
  return buildTree(text, meaning, maxDepth);
}
