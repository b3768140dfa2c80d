/**
 * The DER encodings of DSA keys, written and read by hand because Node exposes no DSA key
 * components (no JWK for DSA): SubjectPublicKeyInfo (RFC 3279 §2.3.2: the id-dsa algorithm with
 * Dss-Parms {p, q, g}, the key an INTEGER y in the BIT STRING) and PKCS#8 PrivateKeyInfo
 * (RFC 5208 §5 with the same AlgorithmIdentifier, the key an INTEGER x in the OCTET STRING,
 * as OpenSSL writes it).
 */
import { bigintToBytes, bytesToBigint } from './bytes.ts';
import { DerTag, readChildren, readRootSequence, type DerElement } from './der-shape.ts';

// 1.2.840.10040.4.1 id-dsa (RFC 3279 §2.3.2), the OBJECT IDENTIFIER element.
const ID_DSA = Uint8Array.of(0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01);

/** The domain parameters and key value of a DSA key as DER holds them. */
export interface DsaDerParts {
  readonly p: bigint;
  readonly q: bigint;
  readonly g: bigint;
  /** y for a public key, x for a private key. */
  readonly value: bigint;
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n % 256);
  return [0x80 | out.length, ...out];
}

function element(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const size = contents.reduce((sum, c) => sum + c.length, 0);
  const header = [tag, ...lengthBytes(size)];
  const out = new Uint8Array(header.length + size);
  out.set(header);
  let offset = header.length;
  for (const c of contents) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

// X.690 §8.3: two's complement, minimal; a leading 0x00 keeps a set top bit non-negative.
function integer(value: bigint): Uint8Array {
  const bytes = bigintToBytes(value) ?? new Uint8Array(1);
  const pad = ((bytes[0] ?? 0) & 0x80) !== 0 ? Uint8Array.of(0) : new Uint8Array(0);
  try {
    return element(DerTag.Integer, pad, bytes);
  } finally {
    bytes.fill(0);
  }
}

function algorithm(parts: DsaDerParts): Uint8Array {
  const params = element(DerTag.Sequence, integer(parts.p), integer(parts.q), integer(parts.g));
  return element(DerTag.Sequence, ID_DSA, params);
}

/** A DSA public key as DER SubjectPublicKeyInfo. */
export function writeDsaSpki(parts: DsaDerParts): Uint8Array {
  const key = integer(parts.value);
  return element(
    DerTag.Sequence,
    algorithm(parts),
    element(DerTag.BitString, Uint8Array.of(0), key),
  );
}

/** A DSA private key as DER PKCS#8 PrivateKeyInfo (version 0). */
export function writeDsaPkcs8(parts: DsaDerParts): Uint8Array {
  const key = integer(parts.value);
  try {
    return element(
      DerTag.Sequence,
      integer(0n),
      algorithm(parts),
      element(DerTag.OctetString, key),
    );
  } finally {
    key.fill(0);
  }
}

// A non-negative INTEGER's value; undefined for a negative or non-minimal one.
function readInteger(bytes: Uint8Array, e: DerElement | undefined): bigint | undefined {
  if (e?.tag !== DerTag.Integer || e.end <= e.contentStart) return undefined;
  const body = bytes.subarray(e.contentStart, e.end);
  const first = body[0] ?? 0;
  if (first & 0x80) return undefined;
  if (first === 0 && body.length > 1 && ((body[1] ?? 0) & 0x80) === 0) return undefined;
  return bytesToBigint(body);
}

// The one element filling `bytes[start, end)`.
function onlyElement(bytes: Uint8Array, start: number, end: number): DerElement | undefined {
  const wrapper = { tag: DerTag.Sequence, start, contentStart: start, end };
  const children = readChildren(bytes, wrapper);
  return children?.length === 1 ? children[0] : undefined;
}

function readAlgorithm(bytes: Uint8Array, e: DerElement | undefined) {
  if (e?.tag !== DerTag.Sequence) return undefined;
  const [oid, params, ...rest] = readChildren(bytes, e) ?? [];
  if (oid === undefined || params?.tag !== DerTag.Sequence || rest.length > 0) return undefined;
  const oidBytes = bytes.subarray(oid.start, oid.end);
  if (oidBytes.length !== ID_DSA.length || !oidBytes.every((b, i) => b === ID_DSA[i])) {
    return undefined;
  }
  const [p, q, g, ...extra] = readChildren(bytes, params) ?? [];
  if (extra.length > 0) return undefined;
  const values = [readInteger(bytes, p), readInteger(bytes, q), readInteger(bytes, g)];
  if (values.some((v) => v === undefined)) return undefined;
  const [pv, qv, gv] = values as [bigint, bigint, bigint];
  return { p: pv, q: qv, g: gv };
}

/** The parts of a DER DSA SubjectPublicKeyInfo; undefined when it is not one. */
export function readDsaSpki(bytes: Uint8Array): DsaDerParts | undefined {
  const root = readRootSequence(bytes);
  if (root === undefined) return undefined;
  const [alg, key, ...rest] = readChildren(bytes, root) ?? [];
  const params = readAlgorithm(bytes, alg);
  if (params === undefined || key?.tag !== DerTag.BitString || rest.length > 0) return undefined;
  if (key.end <= key.contentStart || bytes[key.contentStart] !== 0) return undefined;
  const value = readInteger(bytes, onlyElement(bytes, key.contentStart + 1, key.end));
  return value === undefined ? undefined : { ...params, value };
}

/** The parts of a DER DSA PKCS#8 PrivateKeyInfo; undefined when it is not one. */
export function readDsaPkcs8(bytes: Uint8Array): DsaDerParts | undefined {
  const root = readRootSequence(bytes);
  if (root === undefined) return undefined;
  // RFC 5958 §2: attributes [0] and publicKey [1] may follow; OpenSSL writes neither.
  const [version, alg, key] = readChildren(bytes, root) ?? [];
  const versionValue = readInteger(bytes, version);
  if (versionValue !== 0n && versionValue !== 1n) return undefined;
  const params = readAlgorithm(bytes, alg);
  if (params === undefined || key?.tag !== DerTag.OctetString) return undefined;
  const value = readInteger(bytes, onlyElement(bytes, key.contentStart, key.end));
  return value === undefined ? undefined : { ...params, value };
}
