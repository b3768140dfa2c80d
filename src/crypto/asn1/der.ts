/**
 * The one DER reader and writer of src/crypto (X.690). Reading is strict and bounded: definite
 * lengths only, every length checked against the bytes that remain before anything is sliced
 * (a hostile length allocates nothing), high tag numbers refused; nodes are views into the
 * input, never copies. Each failure is a CryptoDerFormatError, which callers turn into their
 * own typed error (`tryDer` for those that want `undefined`).
 */
import { CryptoDerFormatError } from './errors.ts';

/** DER tag bytes used by key, certificate and PFX structures (X.690 §8). */
export const DerTag = {
  Integer: 0x02,
  BitString: 0x03,
  OctetString: 0x04,
  Null: 0x05,
  Oid: 0x06,
  Utf8String: 0x0c,
  BmpString: 0x1e,
  Sequence: 0x30,
  Set: 0x31,
  /** [0] IMPLICIT on a primitive type. */
  ContextPrimitive0: 0x80,
  /** [0] EXPLICIT, or [0] IMPLICIT on a constructed type. */
  ContextConstructed0: 0xa0,
} as const;

/** One element: its tag and its content bytes (a view into the input, never a copy). */
export interface DerNode {
  readonly tag: number;
  readonly content: Uint8Array;
  /** The whole element, header included (a view). */
  readonly raw: Uint8Array;
}

function fail(detail: string): never {
  throw new CryptoDerFormatError(detail);
}

/** The element starting at `offset` (trailing bytes after it are the caller's business). */
export function readDerAt(bytes: Uint8Array, offset = 0): DerNode {
  const remaining = bytes.length - offset;
  if (remaining < 2) fail('truncated element');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) fail('high tag number');
  let length = bytes[offset + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // X.690 §10.1: DER has definite lengths only (0x80 would be BER indefinite); 4 bytes
    // reach 4 GiB, far past anything a KMIP message can carry.
    if (count === 0) fail('indefinite length (BER) is not DER');
    if (count > 4) fail('length too long');
    if (remaining < 2 + count) fail('truncated length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset + 2 + i] as number);
    header += count;
  }
  if (length > remaining - header) fail('length runs past the data');
  const start = offset + header;
  return {
    tag,
    content: bytes.subarray(start, start + length),
    raw: bytes.subarray(offset, start + length),
  };
}

/** The single element filling `bytes` exactly; with `tag`, it must have that tag. */
export function readDer(bytes: Uint8Array, tag?: number): DerNode {
  const node = readDerAt(bytes, 0);
  if (node.raw.length !== bytes.length) fail('trailing data');
  if (tag !== undefined && node.tag !== tag) fail(`unexpected tag 0x${node.tag.toString(16)}`);
  return node;
}

/** The elements exactly filling `node`'s content; at most `max` of them. */
export function readDerChildren(node: DerNode, max = Number.POSITIVE_INFINITY): DerNode[] {
  const children: DerNode[] = [];
  let offset = 0;
  while (offset < node.content.length) {
    if (children.length === max) fail(`more than ${max} elements`);
    const child = readDerAt(node.content, offset);
    children.push(child);
    offset += child.raw.length;
  }
  return children;
}

/** `node` when it is present and has tag `tag`. */
export function expectDerTag(node: DerNode | undefined, tag: number): DerNode {
  if (node === undefined) fail('missing element');
  if (node.tag !== tag) fail(`unexpected tag 0x${node.tag.toString(16)}`);
  return node;
}

/** Tells whether the element's length is in the shortest form (X.690 §10.1). */
export function hasMinimalLength(node: DerNode): boolean {
  return node.raw.length - node.content.length === 1 + lengthBytes(node.content.length).length;
}

/** A non-negative INTEGER that fits a safe JavaScript number. */
export function readDerSmallInteger(node: DerNode | undefined): number {
  const { content } = expectDerTag(node, DerTag.Integer);
  if (content.length === 0 || content.length > 6) fail('integer out of range');
  if ((content[0] as number) & 0x80) fail('negative integer');
  let value = 0;
  for (const byte of content) value = value * 256 + byte;
  return value;
}

/** A non-negative INTEGER in minimal two's complement (X.690 §8.3.2), of any size. */
export function readDerUnsignedInteger(node: DerNode | undefined): bigint {
  const { content } = expectDerTag(node, DerTag.Integer);
  if (content.length === 0) fail('empty integer');
  const first = content[0] as number;
  if (first & 0x80) fail('negative integer');
  if (first === 0 && content.length > 1 && ((content[1] as number) & 0x80) === 0) {
    fail('integer not minimal');
  }
  let value = 0n;
  for (const byte of content) value = (value << 8n) | BigInt(byte);
  return value;
}

/** The dotted form of an OBJECT IDENTIFIER (X.690 §8.19). */
export function readDerOid(node: DerNode | undefined): string {
  const { content } = expectDerTag(node, DerTag.Oid);
  if (content.length === 0 || content.length > 64) fail('bad object identifier');
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i] as number;
    if (value === 0 && byte === 0x80) fail('bad object identifier');
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) fail('object identifier arc too large');
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === content.length - 1) {
      fail('truncated object identifier');
    }
  }
  const first = arcs[0] as number;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** `read()`'s result, or undefined when it found malformed DER (other errors pass through). */
export function tryDer<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof CryptoDerFormatError) return undefined;
    throw error;
  }
}

// ---- writing ----

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n % 256);
  return [0x80 | out.length, ...out];
}

/** One element with `tag` around `parts` (definite, minimal length). */
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
  derElement(DerTag.Sequence, ...parts);

/** OCTET STRING. */
export const derOctets = (bytes: Uint8Array): Uint8Array => derElement(DerTag.OctetString, bytes);

/** BIT STRING of whole bytes (no unused bits). */
export const derBitString = (...parts: readonly Uint8Array[]): Uint8Array =>
  derElement(DerTag.BitString, Uint8Array.of(0), ...parts);

/**
 * A non-negative INTEGER (X.690 §8.3: minimal, a leading 0x00 keeps a set top bit
 * non-negative). Temporaries holding the value are zeroed: it may be a private key.
 * @throws RangeError for a negative or non-integer value.
 */
export function derInteger(value: number | bigint): Uint8Array {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError('not a safe integer');
  }
  let n = BigInt(value);
  if (n < 0n) throw new RangeError('negative integer');
  let size = 1;
  for (let v = n >> 8n; v > 0n; v >>= 8n) size++;
  const bytes = new Uint8Array(size + 1); // room for the sign byte
  for (let i = size; i >= 1; i--) {
    bytes[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  const body = ((bytes[1] as number) & 0x80) !== 0 ? bytes : bytes.subarray(1);
  try {
    return derElement(DerTag.Integer, body);
  } finally {
    bytes.fill(0);
  }
}

/** OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Uint8Array {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes: number[] = [];
  for (const arc of [a * 40 + b, ...rest]) {
    const groups = [arc % 128];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) {
      groups.unshift((n % 128) | 0x80);
    }
    bytes.push(...groups);
  }
  return derElement(DerTag.Oid, Uint8Array.from(bytes));
}

/** BMPString (UTF-16BE) of `text`. */
export function derBmpString(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i] = unit >> 8;
    bytes[2 * i + 1] = unit & 0xff;
  }
  return derElement(DerTag.BmpString, bytes);
}

/** NULL. */
export const DER_NULL = Uint8Array.from([DerTag.Null, 0]);

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
  derElement(DerTag.Set, ...[...parts].sort(compareBytes));
