/**
 * The DER encodings of DSA keys, written and read by hand because Node exposes no DSA key
 * components (no JWK for DSA): SubjectPublicKeyInfo (RFC 3279 §2.3.2: the id-dsa algorithm with
 * Dss-Parms {p, q, g}, the key an INTEGER y in the BIT STRING) and PKCS#8 PrivateKeyInfo
 * (RFC 5208 §5 with the same AlgorithmIdentifier, the key an INTEGER x in the OCTET STRING,
 * as OpenSSL writes it).
 */
import {
  DerTag,
  derBitString,
  derInteger,
  derOctets,
  derOid,
  derSequence,
  expectDerTag,
  readDer,
  readDerChildren,
  readDerUnsignedInteger,
  tryDer,
  type DerNode,
} from '../asn1/der.ts';

// 1.2.840.10040.4.1 id-dsa (RFC 3279 §2.3.2), the OBJECT IDENTIFIER element.
const ID_DSA = derOid('1.2.840.10040.4.1');

/** The domain parameters and key value of a DSA key as DER holds them. */
export interface DsaDerParts {
  readonly p: bigint;
  readonly q: bigint;
  readonly g: bigint;
  /** y for a public key, x for a private key. */
  readonly value: bigint;
}

function algorithm(parts: DsaDerParts): Uint8Array {
  return derSequence(
    ID_DSA,
    derSequence(derInteger(parts.p), derInteger(parts.q), derInteger(parts.g)),
  );
}

/** A DSA public key as DER SubjectPublicKeyInfo. */
export function writeDsaSpki(parts: DsaDerParts): Uint8Array {
  return derSequence(algorithm(parts), derBitString(derInteger(parts.value)));
}

/** A DSA private key as DER PKCS#8 PrivateKeyInfo (version 0). */
export function writeDsaPkcs8(parts: DsaDerParts): Uint8Array {
  const key = derInteger(parts.value);
  try {
    return derSequence(derInteger(0n), algorithm(parts), derOctets(key));
  } finally {
    key.fill(0);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

// The Dss-Parms of an id-dsa AlgorithmIdentifier; undefined for another algorithm.
function readAlgorithm(node: DerNode | undefined) {
  const [oid, params, ...rest] = readDerChildren(expectDerTag(node, DerTag.Sequence));
  if (oid === undefined || rest.length > 0 || !sameBytes(oid.raw, ID_DSA)) return undefined;
  const [p, q, g, ...extra] = readDerChildren(expectDerTag(params, DerTag.Sequence));
  if (extra.length > 0) return undefined;
  return {
    p: readDerUnsignedInteger(p),
    q: readDerUnsignedInteger(q),
    g: readDerUnsignedInteger(g),
  };
}

/** The parts of a DER DSA SubjectPublicKeyInfo; undefined when it is not one. */
export function readDsaSpki(bytes: Uint8Array): DsaDerParts | undefined {
  return tryDer(() => {
    const [alg, key, ...rest] = readDerChildren(readDer(bytes, DerTag.Sequence));
    const params = readAlgorithm(alg);
    const bits = expectDerTag(key, DerTag.BitString).content;
    if (params === undefined || rest.length > 0 || bits[0] !== 0) return undefined;
    return { ...params, value: readDerUnsignedInteger(readDer(bits.subarray(1))) };
  });
}

/** The parts of a DER DSA PKCS#8 PrivateKeyInfo; undefined when it is not one. */
export function readDsaPkcs8(bytes: Uint8Array): DsaDerParts | undefined {
  return tryDer(() => {
    // RFC 5958 §2: attributes [0] and publicKey [1] may follow; OpenSSL writes neither.
    const [version, alg, key] = readDerChildren(readDer(bytes, DerTag.Sequence));
    const versionValue = readDerUnsignedInteger(version);
    if (versionValue !== 0n && versionValue !== 1n) return undefined;
    const params = readAlgorithm(alg);
    const octets = expectDerTag(key, DerTag.OctetString).content;
    if (params === undefined) return undefined;
    return { ...params, value: readDerUnsignedInteger(readDer(octets)) };
  });
}
