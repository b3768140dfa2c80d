/**
 * Elliptic curves by their KMIP RecommendedCurve names (src/kmip/generated/registry.ts), with
 * OpenSSL's name (what Node reports as `namedCurve`), the JWK `crv` name where Node's JWK
 * import/export knows the curve (needed for the Transparent EC forms), and the size in bits
 * that KMIP Cryptographic Length carries for the key.
 */
export const EC_CURVES = {
  P_224: { openssl: 'secp224r1', jwk: undefined, bits: 224 },
  P_256: { openssl: 'prime256v1', jwk: 'P-256', bits: 256 },
  P_384: { openssl: 'secp384r1', jwk: 'P-384', bits: 384 },
  P_521: { openssl: 'secp521r1', jwk: 'P-521', bits: 521 },
  SECP256K1: { openssl: 'secp256k1', jwk: 'secp256k1', bits: 256 },
  BRAINPOOLP256R1: { openssl: 'brainpoolP256r1', jwk: undefined, bits: 256 },
  BRAINPOOLP384R1: { openssl: 'brainpoolP384r1', jwk: undefined, bits: 384 },
  BRAINPOOLP512R1: { openssl: 'brainpoolP512r1', jwk: undefined, bits: 512 },
} as const satisfies Record<string, { openssl: string; jwk: string | undefined; bits: number }>;

/** A curve Keywarden can describe and convert keys on (KMIP RecommendedCurve spelling). */
export type EcCurve = keyof typeof EC_CURVES;

/**
 * The curves CreateKeyPair generates on: the NIST prime curves of FIPS 186-5 / SP 800-186, and
 * secp256k1 (SEC 2 §2.4.1; ~128-bit strength, the KMIP 1.4 TC-DERIVEKEY-6 ECDH case uses it).
 */
export type GeneratedEcCurve = 'P_256' | 'P_384' | 'P_521' | 'SECP256K1';

/**
 * The generation curves as a list, for validation and for Query responses. Order matters: a
 * bare Cryptographic Length of 256 picks the first 256-bit curve, P_256.
 */
export const GENERATED_EC_CURVES: readonly GeneratedEcCurve[] = [
  'P_256',
  'P_384',
  'P_521',
  'SECP256K1',
];

/** The KMIP name of the curve OpenSSL calls `opensslName`, if we support it. */
export function curveFromOpensslName(opensslName: string | undefined): EcCurve | undefined {
  for (const [name, info] of Object.entries(EC_CURVES)) {
    if (info.openssl === opensslName) return name as EcCurve;
  }
  return undefined;
}

/** Tells whether `name` is a supported curve name. */
export function isEcCurve(name: string): name is EcCurve {
  return Object.hasOwn(EC_CURVES, name);
}

/** Size in bytes of a scalar or coordinate on `curve` (SEC 1 §2.3.5: ceil(bits / 8)). */
export function curveByteLength(curve: EcCurve): number {
  return Math.ceil(EC_CURVES[curve].bits / 8);
}
