/**
 * The DER reading and writing PKCS#12 needs (X.690). Reading is strict and bounded: definite
 * lengths only, every length checked against the bytes that remain before anything is
 * sliced, so a hostile length allocates nothing; each failure is a CryptoPkcs12FormatError.
 */
import { CryptoPkcs12FormatError } from './errors.ts';

/** DER tag bytes used by PFX structures. */
export const Der = {
  Integer: 0x02,
  OctetString: 0x04,
  Null: 0x05,
  Oid: 0x06,
  BmpString: 0x1e,
  Utf8String: 0x0c,
  Sequence: 0x30,
  Set: 0x31,
  Explicit0: 0xa0,
  Implicit0: 0x80,
} as const;

/** One element: its tag and its content bytes (a view into the input, never a copy). */
export interface DerNode {
  readonly tag: number;
  readonly content: Uint8Array;
  /** The whole element, header included (a view). */
  readonly raw: Uint8Array;
}

function fail(part: string, detail: string): never {
  throw new CryptoPkcs12FormatError(part, detail);
}

function readAt(bytes: Uint8Array, offset: number, part: string): DerNode {
  const remaining = bytes.length - offset;
  if (remaining < 2) fail(part, 'truncated element');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) fail(part, 'high tag numbers do not occur in a PFX');
  let length = bytes[offset + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // X.690 §10.1: DER has definite lengths only (0x80 would be BER indefinite); 4 bytes
    // reach 4 GiB, far past anything a KMIP message can carry.
    if (count === 0) fail(part, 'indefinite length (BER) is not DER');
    if (count > 4) fail(part, 'length too long');
    if (remaining < 2 + count) fail(part, 'truncated length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset + 2 + i] as number);
    header += count;
  }
  if (length > remaining - header) fail(part, 'length runs past the data');
  const start = offset + header;
  return {
    tag,
    content: bytes.subarray(start, start + length),
    raw: bytes.subarray(offset, start + length),
  };
}

/** The single element filling `bytes` exactly, with tag `tag`. */
export function readDer(bytes: Uint8Array, tag: number, part: string): DerNode {
  const node = readAt(bytes, 0, part);
  if (node.raw.length !== bytes.length) fail(part, 'trailing data');
  if (node.tag !== tag) fail(part, `unexpected tag 0x${node.tag.toString(16)}`);
  return node;
}

/** The children of a constructed node; at most `max` of them. */
export function childrenOf(node: DerNode, part: string, max = 64): DerNode[] {
  const children: DerNode[] = [];
  let offset = 0;
  while (offset < node.content.length) {
    if (children.length === max) fail(part, `more than ${max} elements`);
    const child = readAt(node.content, offset, part);
    children.push(child);
    offset += child.raw.length;
  }
  return children;
}

/** `node` when it has tag `tag`. */
export function expectTag(node: DerNode | undefined, tag: number, part: string): DerNode {
  if (node === undefined) fail(part, 'missing element');
  if (node.tag !== tag) fail(part, `unexpected tag 0x${node.tag.toString(16)}`);
  return node;
}

/** A non-negative INTEGER that fits a safe JavaScript number. */
export function readSmallInteger(node: DerNode | undefined, part: string): number {
  const { content } = expectTag(node, Der.Integer, part);
  if (content.length === 0 || content.length > 6) fail(part, 'integer out of range');
  if ((content[0] as number) & 0x80) fail(part, 'negative integer');
  let value = 0;
  for (const byte of content) value = value * 256 + byte;
  return value;
}

/** The dotted form of an OBJECT IDENTIFIER. */
export function readOid(node: DerNode | undefined, part: string): string {
  const { content } = expectTag(node, Der.Oid, part);
  if (content.length === 0 || content.length > 64) fail(part, 'bad object identifier');
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i] as number;
    if (value === 0 && byte === 0x80) fail(part, 'bad object identifier');
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) fail(part, 'object identifier arc too large');
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === content.length - 1) {
      fail(part, 'truncated object identifier');
    }
  }
  const first = arcs[0] as number;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

// ---- writing ----

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n % 256);
  return [0x80 | out.length, ...out];
}

/** One element with `tag` around `parts`. */
export function derElement(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  const header = [tag, ...lengthBytes(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let offset = header.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** SEQUENCE of `parts`. */
export const derSequence = (...parts: readonly Uint8Array[]): Uint8Array =>
  derElement(Der.Sequence, ...parts);

/** OCTET STRING. */
export const derOctets = (bytes: Uint8Array): Uint8Array => derElement(Der.OctetString, bytes);

/** A non-negative INTEGER. */
export function derInteger(value: number): Uint8Array {
  const bytes: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  if (bytes.length === 0 || (bytes[0] as number) & 0x80) bytes.unshift(0);
  return derElement(Der.Integer, Uint8Array.from(bytes));
}

/** OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Uint8Array {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes: number[] = [];
  for (const arc of [a * 40 + b, ...rest]) {
    const groups = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) {
      groups.unshift((n & 0x7f) | 0x80);
    }
    bytes.push(...groups);
  }
  return derElement(Der.Oid, Uint8Array.from(bytes));
}

/** BMPString (UTF-16BE) of `text`. */
export function derBmpString(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i] = unit >> 8;
    bytes[2 * i + 1] = unit & 0xff;
  }
  return derElement(Der.BmpString, bytes);
}

/** NULL. */
export const DER_NULL = Uint8Array.from([Der.Null, 0]);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** SET OF `parts`, sorted as X.690 §11.6 requires of DER. */
export const derSet = (...parts: readonly Uint8Array[]): Uint8Array =>
  derElement(Der.Set, ...[...parts].sort(compareBytes));
