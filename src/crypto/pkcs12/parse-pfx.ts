/**
 * Reads a PFX (RFC 7292) protected by a password: verifies the integrity MAC first, then
 * decrypts the encrypted contents and key bags. Keeps private keys (PKCS#8) and X.509
 * certificates with their friendlyName / localKeyId; any other bag is refused. Bounded:
 * input size, bag counts, iterations, salt lengths (der.ts, pbe.ts).
 */
import type { CryptoPolicy } from '../policy/policy.ts';
import {
  childrenOf,
  Der,
  expectTag,
  readDer,
  readOid,
  readSmallInteger,
  type DerNode,
} from './der.ts';
import { CryptoPkcs12FormatError, CryptoPkcs12UnsupportedError } from './errors.ts';
import { decryptPbe, type PbeInput } from './pbe.ts';
import { verifyPfxMac } from './pfx-mac.ts';
import { PfxOid } from './pfx-oids.ts';

/** Largest PFX accepted, in bytes. */
export const MAX_PFX_BYTES = 1 << 20;
const MAX_BAGS = 64;
const MAX_FRIENDLY_NAME_UNITS = 256;

/** The PKCS#9 attributes of a bag that PKCS#12 users rely on. */
export interface Pkcs12BagAttributes {
  readonly friendlyName?: string;
  readonly localKeyId?: Uint8Array;
}

/** A private key from a PFX: its PKCS#8 PrivateKeyInfo DER. */
export interface Pkcs12PrivateKey extends Pkcs12BagAttributes {
  readonly pkcs8: Uint8Array;
}

/** An X.509 certificate from a PFX (DER). */
export interface Pkcs12Certificate extends Pkcs12BagAttributes {
  readonly der: Uint8Array;
}

/** What a PFX held. */
export interface ParsedPfx {
  readonly privateKeys: readonly Pkcs12PrivateKey[];
  readonly certificates: readonly Pkcs12Certificate[];
  /** The MAC and encryption schemes met, e.g. `HMAC-SHA256`, `PBE-SHA1-3DES` (for logs). */
  readonly schemes: readonly string[];
}

/** Options of {@link parsePfx}. */
export interface ParsePfxOptions {
  /** The PFX password (never logged). */
  readonly password: string;
  /** The weak-algorithm policy that judges the MAC and encryption schemes. */
  readonly policy: CryptoPolicy;
}

function explicitContent(node: DerNode | undefined, part: string): DerNode {
  const [inner, extra] = childrenOf(expectTag(node, Der.Explicit0, part), part, 1);
  if (inner === undefined || extra !== undefined) {
    throw new CryptoPkcs12FormatError(part, 'explicit [0] must hold one element');
  }
  return inner;
}

function decodeBmp(bytes: Uint8Array, part: string): string {
  if (bytes.length % 2 !== 0 || bytes.length / 2 > MAX_FRIENDLY_NAME_UNITS) {
    throw new CryptoPkcs12FormatError(part, 'bad friendlyName');
  }
  let text = '';
  for (let i = 0; i < bytes.length; i += 2) {
    text += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  }
  return text;
}

function bagAttributes(node: DerNode | undefined): Pkcs12BagAttributes {
  const part = 'bag-attributes';
  if (node === undefined) return {};
  let friendlyName: string | undefined;
  let localKeyId: Uint8Array | undefined;
  for (const attribute of childrenOf(expectTag(node, Der.Set, part), part)) {
    const [oidNode, values] = childrenOf(expectTag(attribute, Der.Sequence, part), part, 2);
    const oid = readOid(oidNode, part);
    const [value] = childrenOf(expectTag(values, Der.Set, part), part);
    if (oid === PfxOid.friendlyName) {
      friendlyName = decodeBmp(expectTag(value, Der.BmpString, part).content, part);
    } else if (oid === PfxOid.localKeyId) {
      localKeyId = expectTag(value, Der.OctetString, part).content.slice();
    }
    // Other attributes (Microsoft CSP name, key usage ...) carry nothing KMIP can hold.
  }
  return {
    ...(friendlyName === undefined ? {} : { friendlyName }),
    ...(localKeyId === undefined ? {} : { localKeyId }),
  };
}

function sequenceDer(bytes: Uint8Array, part: string): Uint8Array {
  readDer(bytes, Der.Sequence, part);
  return bytes.slice();
}

interface Collected {
  readonly privateKeys: Pkcs12PrivateKey[];
  readonly certificates: Pkcs12Certificate[];
  readonly schemes: Set<string>;
}

function readSafeContents(bytes: Uint8Array, input: PbeInput, out: Collected): void {
  const part = 'safe-bag';
  for (const bag of childrenOf(readDer(bytes, Der.Sequence, 'safe-contents'), part, MAX_BAGS)) {
    if (out.privateKeys.length + out.certificates.length >= MAX_BAGS) {
      throw new CryptoPkcs12FormatError(part, `more than ${MAX_BAGS} bags`);
    }
    const [oidNode, valueNode, attributesNode, extra] = childrenOf(
      expectTag(bag, Der.Sequence, part),
      part,
      3,
    );
    if (extra !== undefined) throw new CryptoPkcs12FormatError(part, 'unexpected element');
    const oid = readOid(oidNode, part);
    const value = explicitContent(valueNode, part);
    const attributes = bagAttributes(attributesNode);
    if (oid === PfxOid.keyBag) {
      out.privateKeys.push({ pkcs8: sequenceDer(value.raw, 'key-bag'), ...attributes });
    } else if (oid === PfxOid.pkcs8ShroudedKeyBag) {
      const [algorithm, encrypted, more] = childrenOf(
        expectTag(value, Der.Sequence, part),
        part,
        2,
      );
      if (more !== undefined) throw new CryptoPkcs12FormatError(part, 'unexpected element');
      const data = expectTag(encrypted, Der.OctetString, part).content;
      const { plaintext, scheme } = decryptPbe(algorithm, data, input);
      out.schemes.add(scheme);
      out.privateKeys.push({ pkcs8: sequenceDer(plaintext, 'key-bag'), ...attributes });
    } else if (oid === PfxOid.certBag) {
      const [certIdNode, certValue] = childrenOf(expectTag(value, Der.Sequence, part), part, 2);
      const certId = readOid(certIdNode, part);
      if (certId !== PfxOid.x509Certificate) {
        throw new CryptoPkcs12UnsupportedError(certId, 'certificate type (X.509 only)');
      }
      const der = expectTag(explicitContent(certValue, part), Der.OctetString, part).content;
      out.certificates.push({ der: sequenceDer(der, 'cert-bag'), ...attributes });
    } else {
      throw new CryptoPkcs12UnsupportedError(
        oid,
        'bag type (key, shrouded key and X.509 certificate bags only)',
      );
    }
  }
}

function readEncryptedData(
  node: DerNode,
  input: PbeInput,
): { plaintext: Uint8Array; scheme: string } {
  const part = 'encrypted-data';
  const [version, info] = childrenOf(expectTag(node, Der.Sequence, part), part, 3);
  readSmallInteger(version, part);
  const [contentType, algorithm, content] = childrenOf(
    expectTag(info, Der.Sequence, part),
    part,
    3,
  );
  if (readOid(contentType, part) !== PfxOid.data) {
    throw new CryptoPkcs12FormatError(part, 'encrypted content is not data');
  }
  // RFC 5652 §6.1: encryptedContent [0] IMPLICIT OCTET STRING (DER: primitive).
  const data = expectTag(content, Der.Implicit0, part).content;
  return decryptPbe(algorithm, data, input);
}

/**
 * The keys and certificates of a password-protected PFX.
 * @throws CryptoPkcs12FormatError (malformed or too large), CryptoPkcs12UnsupportedError (a
 *   mode, scheme or bag this code does not implement), CryptoPkcs12IntegrityError (wrong
 *   password or damaged data), CryptoPolicyError (the policy refuses a scheme's algorithm).
 */
export function parsePfx(bytes: Uint8Array, options: ParsePfxOptions): ParsedPfx {
  if (bytes.length > MAX_PFX_BYTES) throw new CryptoPkcs12FormatError('pfx', 'too large');
  const part = 'pfx';
  const [versionNode, authSafeNode, macNode, extra] = childrenOf(
    readDer(bytes, Der.Sequence, part),
    part,
    3,
  );
  if (extra !== undefined) throw new CryptoPkcs12FormatError(part, 'unexpected element');
  if (readSmallInteger(versionNode, part) !== 3)
    throw new CryptoPkcs12FormatError(part, 'version is not 3');
  const [typeNode, contentNode] = childrenOf(
    expectTag(authSafeNode, Der.Sequence, 'auth-safe'),
    'auth-safe',
    2,
  );
  const type = readOid(typeNode, 'auth-safe');
  if (type === PfxOid.signedData) {
    throw new CryptoPkcs12UnsupportedError(type, 'public-key integrity mode');
  }
  if (type !== PfxOid.data)
    throw new CryptoPkcs12FormatError('auth-safe', 'content type is not data');
  const authSafe = expectTag(
    explicitContent(contentNode, 'auth-safe'),
    Der.OctetString,
    'auth-safe',
  ).content;
  if (macNode === undefined) {
    throw new CryptoPkcs12UnsupportedError('mac-data', 'a PFX without a password MAC');
  }
  const input: PbeInput = { password: options.password, policy: options.policy };
  // Integrity first: nothing is decrypted before the MAC proves the password and the data.
  const schemes = new Set<string>([verifyPfxMac(macNode, authSafe, input)]);
  const out: Collected = { privateKeys: [], certificates: [], schemes };
  for (const info of childrenOf(readDer(authSafe, Der.Sequence, 'auth-safe'), 'auth-safe', 16)) {
    const [oidNode, content, more] = childrenOf(
      expectTag(info, Der.Sequence, 'content-info'),
      'content-info',
      2,
    );
    if (more !== undefined) throw new CryptoPkcs12FormatError('content-info', 'unexpected element');
    const oid = readOid(oidNode, 'content-info');
    const inner = explicitContent(content, 'content-info');
    if (oid === PfxOid.data) {
      readSafeContents(expectTag(inner, Der.OctetString, 'content-info').content, input, out);
    } else if (oid === PfxOid.encryptedData) {
      const { plaintext, scheme } = readEncryptedData(inner, input);
      schemes.add(scheme);
      readSafeContents(plaintext, input, out);
    } else {
      throw new CryptoPkcs12UnsupportedError(oid, 'content type (data and encrypted data only)');
    }
  }
  return { privateKeys: out.privateKeys, certificates: out.certificates, schemes: [...schemes] };
}
