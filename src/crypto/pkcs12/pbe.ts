/**
 * Password-based encryption of PFX contents (RFC 7292 §4, RFC 8018 §6.2): PBES2 with PBKDF2
 * and AES-CBC, which Keywarden writes (as OpenSSL 3 does by default), and the legacy
 * pbeWithSHAAnd3-KeyTripleDES-CBC of RFC 7292 Appendix C, read only, judged by the
 * weak-algorithm policy as 3-key TDEA. Every parameter from the input is bounded before use
 * (iterations, salt and IV lengths), so a hostile PFX cannot make the server spin or allocate.
 */
import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
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
  readSmallInteger,
  type DerNode,
} from './der.ts';
import {
  CryptoPkcs12FormatError,
  CryptoPkcs12IntegrityError,
  CryptoPkcs12UnsupportedError,
} from './errors.ts';
import { bmpPassword, pkcs12Kdf } from './pkcs12-kdf.ts';

/** Most iterations accepted from a PFX (PBKDF2 and the PKCS#12 KDF): a bound on the work one request can cost. */
export const MAX_PKCS12_ITERATIONS = 1_000_000;
/** Longest salt accepted, in bytes. */
export const MAX_PKCS12_SALT_BYTES = 1024;

/** Object identifiers of the schemes. */
export const PbeOid = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeWithSha1And3KeyTripleDesCbc: '1.2.840.113549.1.12.1.3',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;

const PRFS: Readonly<Record<string, { readonly hash: string; readonly policyName: string }>> = {
  '1.2.840.113549.2.7': { hash: 'sha1', policyName: 'HMAC_SHA1' },
  '1.2.840.113549.2.8': { hash: 'sha224', policyName: 'HMAC_SHA224' },
  '1.2.840.113549.2.9': { hash: 'sha256', policyName: 'HMAC_SHA256' },
  '1.2.840.113549.2.10': { hash: 'sha384', policyName: 'HMAC_SHA384' },
  '1.2.840.113549.2.11': { hash: 'sha512', policyName: 'HMAC_SHA512' },
};

const AES_CBC: Readonly<Record<string, { readonly cipher: string; readonly keyBytes: number }>> = {
  '2.16.840.1.101.3.4.1.2': { cipher: 'aes-128-cbc', keyBytes: 16 },
  '2.16.840.1.101.3.4.1.22': { cipher: 'aes-192-cbc', keyBytes: 24 },
  '2.16.840.1.101.3.4.1.42': { cipher: 'aes-256-cbc', keyBytes: 32 },
};

// Legacy pbeWithSHAAnd* schemes (RFC 7292 Appendix C) other than 3-key TDEA: RC4, RC2 and
// 2-key TDEA. RC2/RC4 live in OpenSSL's legacy provider and give at most 80-bit security.
const REFUSED_LEGACY = new Set([
  '1.2.840.113549.1.12.1.1',
  '1.2.840.113549.1.12.1.2',
  '1.2.840.113549.1.12.1.4',
  '1.2.840.113549.1.12.1.5',
  '1.2.840.113549.1.12.1.6',
]);

/** What decrypting needs: the password and the policy that judges the scheme. */
export interface PbeInput {
  readonly password: string;
  readonly policy: CryptoPolicy;
}

/** A plaintext and the name of the scheme that protected it (for logs: never the password). */
export interface PbeResult {
  readonly plaintext: Uint8Array;
  readonly scheme: string;
}

function boundedSalt(node: DerNode | undefined, part: string): Uint8Array {
  const salt = expectTag(node, Der.OctetString, part).content;
  if (salt.length > MAX_PKCS12_SALT_BYTES) {
    throw new CryptoPkcs12FormatError(part, 'salt too long');
  }
  return salt;
}

/** Iterations within 1..MAX_PKCS12_ITERATIONS. */
export function boundedIterations(node: DerNode | undefined, part: string): number {
  const iterations = readSmallInteger(node, part);
  if (iterations < 1 || iterations > MAX_PKCS12_ITERATIONS) {
    throw new CryptoPkcs12UnsupportedError(
      'iterations',
      `${iterations} iterations (accepted: 1 to ${MAX_PKCS12_ITERATIONS})`,
    );
  }
  return iterations;
}

function decipher(cipher: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  try {
    const d = createDecipheriv(cipher, key, iv);
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
  } catch {
    // Bad padding after a wrong key: one fixed error, no padding oracle.
    throw new CryptoPkcs12IntegrityError();
  }
}

function decryptPbes2(params: DerNode | undefined, data: Uint8Array, input: PbeInput): PbeResult {
  const part = 'pbes2-params';
  const [kdf, scheme] = childrenOf(expectTag(params, Der.Sequence, part), part, 2);
  const [kdfOid, kdfParams] = childrenOf(expectTag(kdf, Der.Sequence, part), part, 2);
  if (readOid(kdfOid, part) !== PbeOid.pbkdf2) {
    throw new CryptoPkcs12UnsupportedError(
      readOid(kdfOid, part),
      'PBES2 key derivation other than PBKDF2',
    );
  }
  const fields = childrenOf(expectTag(kdfParams, Der.Sequence, part), part, 4);
  const salt = boundedSalt(fields[0], part);
  const iterations = boundedIterations(fields[1], part);
  let next = 2;
  let keyLength: number | undefined;
  if (fields[next]?.tag === Der.Integer) keyLength = readSmallInteger(fields[next++], part);
  let prfOid = '1.2.840.113549.2.7'; // RFC 8018 A.2: the default PRF is hmacWithSHA1
  const prfNode = fields[next];
  if (prfNode !== undefined) {
    const [oid, nullParam] = childrenOf(expectTag(prfNode, Der.Sequence, part), part, 2);
    if (nullParam !== undefined) expectTag(nullParam, Der.Null, part);
    prfOid = readOid(oid, part);
  }
  const prf = PRFS[prfOid];
  if (prf === undefined) throw new CryptoPkcs12UnsupportedError(prfOid, 'PBKDF2 PRF');
  const [cipherOid, ivNode] = childrenOf(expectTag(scheme, Der.Sequence, part), part, 2);
  const cipherName = readOid(cipherOid, part);
  const aes = AES_CBC[cipherName];
  if (aes === undefined)
    throw new CryptoPkcs12UnsupportedError(cipherName, 'PBES2 encryption scheme (AES-CBC only)');
  const iv = expectTag(ivNode, Der.OctetString, part).content;
  if (iv.length !== 16) throw new CryptoPkcs12FormatError(part, 'AES-CBC IV must be 16 bytes');
  if (keyLength !== undefined && keyLength !== aes.keyBytes) {
    throw new CryptoPkcs12FormatError(part, 'key length does not match the cipher');
  }
  assertAlgorithmAllowed(prf.policyName, undefined, 'unwrap', input.policy);
  assertAlgorithmAllowed('AES', aes.keyBytes * 8, 'unwrap', input.policy);
  const password = new TextEncoder().encode(input.password);
  const key = pbkdf2Sync(password, salt, iterations, aes.keyBytes, prf.hash);
  return {
    plaintext: decipher(aes.cipher, key, iv, data),
    scheme: `PBES2/PBKDF2-${prf.policyName.replace('_', '-')}/AES-${aes.keyBytes * 8}-CBC`,
  };
}

function decryptLegacy3Des(
  params: DerNode | undefined,
  data: Uint8Array,
  input: PbeInput,
): PbeResult {
  const part = 'pbe-params';
  const [saltNode, iterationsNode] = childrenOf(expectTag(params, Der.Sequence, part), part, 2);
  const salt = boundedSalt(saltNode, part);
  const iterations = boundedIterations(iterationsNode, part);
  // 3-key TDEA: 112-bit security (SP 800-57); the policy decides whether that is enough.
  assertAlgorithmAllowed('DES3', 168, 'unwrap', input.policy);
  const password = bmpPassword(input.password);
  const derive = (purpose: 1 | 2, length: number) =>
    pkcs12Kdf({ hash: 'sha1', password, salt, iterations, purpose, length });
  return {
    plaintext: decipher('des-ede3-cbc', derive(1, 24), derive(2, 8), data),
    scheme: 'PBE-SHA1-3DES',
  };
}

/**
 * Decrypts `data` protected with the AlgorithmIdentifier `algorithm`.
 * @throws CryptoPkcs12FormatError, CryptoPkcs12UnsupportedError, CryptoPkcs12IntegrityError,
 *   CryptoPolicyError (KW_CRYPTO_POLICY) when the policy refuses the scheme's algorithms.
 */
export function decryptPbe(
  algorithm: DerNode | undefined,
  data: Uint8Array,
  input: PbeInput,
): PbeResult {
  const part = 'encryption-algorithm';
  const [oidNode, params] = childrenOf(expectTag(algorithm, Der.Sequence, part), part, 2);
  const oid = readOid(oidNode, part);
  if (oid === PbeOid.pbes2) return decryptPbes2(params, data, input);
  if (oid === PbeOid.pbeWithSha1And3KeyTripleDesCbc) return decryptLegacy3Des(params, data, input);
  if (REFUSED_LEGACY.has(oid)) {
    throw new CryptoPkcs12UnsupportedError(
      oid,
      'legacy RC2/RC4/2-key-TDEA encryption; re-export with AES (openssl pkcs12 -export -keypbe AES-256-CBC -certpbe AES-256-CBC)',
    );
  }
  throw new CryptoPkcs12UnsupportedError(oid, 'encryption scheme');
}

/** The AlgorithmIdentifier and ciphertext of PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC. */
export function encryptPbes2(
  plaintext: Uint8Array,
  password: string,
  iterations: number,
): { readonly algorithm: Uint8Array; readonly ciphertext: Uint8Array } {
  const salt = new Uint8Array(randomBytes(16));
  const iv = new Uint8Array(randomBytes(16));
  const key = pbkdf2Sync(new TextEncoder().encode(password), salt, iterations, 32, 'sha256');
  const c = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = new Uint8Array(Buffer.concat([c.update(plaintext), c.final()]));
  const algorithm = derSequence(
    derOid(PbeOid.pbes2),
    derSequence(
      derSequence(
        derOid(PbeOid.pbkdf2),
        derSequence(
          derOctets(salt),
          derInteger(iterations),
          derSequence(derOid(PbeOid.hmacWithSha256), DER_NULL),
        ),
      ),
      derSequence(derOid(PbeOid.aes256Cbc), derOctets(iv)),
    ),
  );
  return { algorithm, ciphertext };
}
