/**
 * WebCrypto for the areas whose libraries work on `CryptoKey`s (src/pki signs certificates
 * with @peculiar/x509), so that they reach Node's crypto through src/crypto only.
 */
import { webcrypto as nodeWebcrypto } from 'node:crypto';

/** The WebCrypto API object type. */
export type WebCrypto = nodeWebcrypto.Crypto;
/** A WebCrypto key handle. */
export type WebCryptoKey = nodeWebcrypto.CryptoKey;
/** A WebCrypto public/private key pair. */
export type WebCryptoKeyPair = nodeWebcrypto.CryptoKeyPair;
/** Parameters naming a WebCrypto algorithm for key generation. */
export type WebCryptoKeyGenParams =
  nodeWebcrypto.EcKeyGenParams | nodeWebcrypto.RsaHashedKeyGenParams;
/** Parameters naming a WebCrypto algorithm for key import. */
export type WebCryptoImportParams =
  nodeWebcrypto.EcKeyImportParams | nodeWebcrypto.RsaHashedImportParams;
/** Parameters naming a WebCrypto signature algorithm. */
export type WebCryptoSignParams = nodeWebcrypto.EcdsaParams | nodeWebcrypto.Algorithm;

/** Node's WebCrypto implementation (the same object as `globalThis.crypto`). */
export const webcrypto: WebCrypto = nodeWebcrypto;
