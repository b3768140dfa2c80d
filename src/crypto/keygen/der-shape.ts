/**
 * Just enough DER reading to tell key and certificate encodings apart. OpenSSL's decoders are
 * lenient: given `type: 'pkcs1'` or `'sec1'` they accept PKCS#8 too, they ignore trailing bytes,
 * and `createPublicKey` takes a PKCS#1 *private* key as a public one. Checking the outer shape
 * first means a key registered as one format really is in that format (KMIP 1.4 §2.1.3: the
 * Key Format Type describes the Key Material as sent).
 */

/** One DER element: its tag byte and where its header, content and end sit in the input. */
export interface DerElement {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/** DER tag bytes used in key and certificate structures (X.690 §8). */
export const DerTag = {
  Integer: 0x02,
  BitString: 0x03,
  OctetString: 0x04,
  Sequence: 0x30,
  ContextConstructed0: 0xa0,
} as const;

// Reads the element at `offset`; undefined when it is malformed or runs past `limit`.
function readElement(bytes: Uint8Array, offset: number, limit: number): DerElement | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = bytes[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers never occur in these structures
  let length = bytes[offset + 1] ?? 0;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // X.690 §10.1: DER has definite lengths only; 4 length bytes cover anything we accept.
    if (count === 0 || count > 4 || contentStart + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[contentStart + i] ?? 0);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) return undefined;
  return { tag, start: offset, contentStart, end };
}

/** The children of a constructed element, or undefined unless they exactly fill its content. */
export function readChildren(bytes: Uint8Array, parent: DerElement): DerElement[] | undefined {
  const children: DerElement[] = [];
  let offset = parent.contentStart;
  while (offset < parent.end) {
    const child = readElement(bytes, offset, parent.end);
    if (child === undefined) return undefined;
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** The outer element when it is a SEQUENCE spanning all of `bytes` (no trailing data). */
export function readRootSequence(bytes: Uint8Array): DerElement | undefined {
  const root = readElement(bytes, 0, bytes.length);
  if (root === undefined || root.tag !== DerTag.Sequence || root.end !== bytes.length) {
    return undefined;
  }
  return root;
}

/**
 * Tells whether `bytes` is one SEQUENCE whose children start with the tags in `prefix`; with
 * `exact`, there are no further children.
 */
export function hasSequenceShape(
  bytes: Uint8Array,
  prefix: readonly number[],
  exact: boolean,
): boolean {
  const root = readRootSequence(bytes);
  if (root === undefined) return false;
  const children = readChildren(bytes, root);
  if (children === undefined || children.length < prefix.length) return false;
  if (exact && children.length !== prefix.length) return false;
  return prefix.every((tag, i) => children[i]?.tag === tag);
}
