/**
 * The PFX password integrity mode (RFC 7292 §4, Appendix B): an HMAC over the
 * AuthenticatedSafe, keyed by the PKCS#12 KDF (purpose 3) of the BMPString password.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { assertAlgorithmAllowed, type CryptoPolicy } from '../policy/policy.ts';
import {
  childrenOf,
  Der,
  DER_NULL,
  derInteger,
  derOctets,
  derOid,
  derSequence,
  expectTag,
  readOid,
  type DerNode,
} from './der.ts';
import { CryptoPkcs12IntegrityError, CryptoPkcs12UnsupportedError } from './errors.ts';
import { boundedIterations, MAX_PKCS12_SALT_BYTES } from './pbe.ts';
import { CryptoPkcs12FormatError } from './errors.ts';
import { bmpPassword, PKCS12_KDF_HASHES, pkcs12Kdf } from './pkcs12-kdf.ts';

const DIGESTS: Readonly<Record<string, { readonly hash: string; readonly policyName: string }>> = {
  '1.3.14.3.2.26': { hash: 'sha1', policyName: 'HMAC_SHA1' },
  '2.16.840.1.101.3.4.2.4': { hash: 'sha224', policyName: 'HMAC_SHA224' },
  '2.16.840.1.101.3.4.2.1': { hash: 'sha256', policyName: 'HMAC_SHA256' },
  '2.16.840.1.101.3.4.2.2': { hash: 'sha384', policyName: 'HMAC_SHA384' },
  '2.16.840.1.101.3.4.2.3': { hash: 'sha512', policyName: 'HMAC_SHA512' },
};
const SHA256_OID = '2.16.840.1.101.3.4.2.1';

function macOf(
  hash: string,
  password: string,
  salt: Uint8Array,
  iterations: number,
  data: Uint8Array,
) {
  const length = (PKCS12_KDF_HASHES[hash] as readonly [number, number])[0];
  const key = pkcs12Kdf({
    hash,
    password: bmpPassword(password),
    salt,
    iterations,
    purpose: 3,
    length,
  });
  return createHmac(hash, key).update(data).digest();
}

/**
 * Verifies the MacData `node` over `authSafe`; returns the MAC's name (for logs).
 * @throws CryptoPkcs12IntegrityError (wrong password or damaged data), CryptoPkcs12FormatError,
 *   CryptoPkcs12UnsupportedError (an unknown digest, PBMAC1), CryptoPolicyError.
 */
export function verifyPfxMac(
  node: DerNode,
  authSafe: Uint8Array,
  input: { readonly password: string; readonly policy: CryptoPolicy },
): string {
  const part = 'mac-data';
  const [digestInfo, saltNode, iterationsNode] = childrenOf(
    expectTag(node, Der.Sequence, part),
    part,
    3,
  );
  const [algorithm, digestNode] = childrenOf(expectTag(digestInfo, Der.Sequence, part), part, 2);
  const [oidNode, params] = childrenOf(expectTag(algorithm, Der.Sequence, part), part, 2);
  if (params !== undefined && params.tag !== Der.Null) {
    throw new CryptoPkcs12UnsupportedError(readOid(oidNode, part), 'MAC with parameters (PBMAC1)');
  }
  const oid = readOid(oidNode, part);
  const digest = DIGESTS[oid];
  if (digest === undefined) throw new CryptoPkcs12UnsupportedError(oid, 'MAC digest');
  const expected = expectTag(digestNode, Der.OctetString, part).content;
  const salt = expectTag(saltNode, Der.OctetString, part).content;
  if (salt.length > MAX_PKCS12_SALT_BYTES) throw new CryptoPkcs12FormatError(part, 'salt too long');
  // RFC 7292 §4: iterations INTEGER DEFAULT 1.
  const iterations = iterationsNode === undefined ? 1 : boundedIterations(iterationsNode, part);
  assertAlgorithmAllowed(digest.policyName, undefined, 'verify', input.policy);
  const actual = macOf(digest.hash, input.password, salt, iterations, authSafe);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new CryptoPkcs12IntegrityError();
  }
  return `HMAC-${digest.hash.toUpperCase()}`;
}

/** MacData with HMAC-SHA256 over `authSafe`. */
export function pfxMac(authSafe: Uint8Array, password: string, iterations: number): Uint8Array {
  const salt = new Uint8Array(randomBytes(16));
  const mac = macOf('sha256', password, salt, iterations, authSafe);
  return derSequence(
    derSequence(derSequence(derOid(SHA256_OID), DER_NULL), derOctets(mac)),
    derOctets(salt),
    derInteger(iterations),
  );
}
