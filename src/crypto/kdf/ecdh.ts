/**
 * Elliptic-curve Diffie-Hellman: the shared secret Z of a private key and another party's
 * public key on the same curve (SEC 1 v2 §3.3.1, NIST SP 800-56A Rev. 3 §5.7.1.2: the
 * x-coordinate of d·Q, as a fixed-length big-endian string of ceil(bits / 8) bytes).
 */
import { diffieHellman } from 'node:crypto';
import { CryptoParameterError } from '../ciphers/errors.ts';
import { CryptoUnsupportedAlgorithmError } from '../keygen/errors.ts';
import { importPrivateKey, importPublicKey, type ParsedKey } from '../keygen/key-objects.ts';
import type { PrivateKeyFormat, PublicKeyFormat } from '../keygen/key-formats.ts';

/** A DER key in a format src/crypto reads. */
export interface EcdhKeyInput<F extends string> {
  readonly der: Uint8Array;
  readonly format: F;
}

function requireEc(key: ParsedKey): NonNullable<ParsedKey['curve']> {
  if (key.algorithm !== 'EC' || key.curve === undefined) {
    throw new CryptoUnsupportedAlgorithmError(key.algorithm);
  }
  return key.curve;
}

/**
 * The ECDH shared secret Z of `privateKey` and `publicKey`.
 * @throws CryptoKeyFormatError / CryptoUnsupportedFormatError for material that does not parse,
 *   CryptoUnsupportedAlgorithmError for a key that is not EC on a supported curve,
 *   CryptoParameterError (`curve`) when the two keys are on different curves.
 */
export function ecdhSharedSecret(
  privateKey: EcdhKeyInput<PrivateKeyFormat>,
  publicKey: EcdhKeyInput<PublicKeyFormat>,
): Uint8Array {
  const ours = importPrivateKey(privateKey.der, privateKey.format);
  const theirs = importPublicKey(publicKey.der, publicKey.format);
  const curve = requireEc(ours);
  if (requireEc(theirs) !== curve) {
    throw new CryptoParameterError('curve', 'the private and public keys are on different curves');
  }
  // OpenSSL checks that the peer's point is on the curve (SP 800-56A §5.6.2.3.4 partial check).
  const secret = diffieHellman({ privateKey: ours.key, publicKey: theirs.key });
  return new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength);
}
