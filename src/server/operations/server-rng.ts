/**
 * The random number generator behind every key the server generates, as the Random Number
 * Generator attribute (KMIP 1.4 §3.44, 2.1 §4.50) describes it.
 * Key material comes from node:crypto, that is OpenSSL's RAND_bytes, whose default generator
 * in OpenSSL 3 is the NIST SP 800-90A CTR-DRBG over AES-256, seeded by the operating system
 * (OpenSSL EVP_RAND-CTR-DRBG(7)); a deployment that reconfigures OpenSSL's [random] section
 * changes what this should say.
 */
import {
  CryptographicAlgorithm,
  DRBGAlgorithm,
  RNGAlgorithm,
} from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { RngParametersValue } from '../../kmip/messages/common.ts';

/** The server's generator as RNG Parameters. */
export const SERVER_RNG: RngParametersValue = Object.freeze({
  rngAlgorithm: RNGAlgorithm.DRBG,
  cryptographicAlgorithm: CryptographicAlgorithm.AES,
  cryptographicLength: 256,
  drbgAlgorithm: DRBGAlgorithm.CTR,
});

/** The Random Number Generator attribute of a key the server generated. */
export function serverRngAttribute(): Attribute {
  return { name: 'RandomNumberGenerator', value: SERVER_RNG };
}
