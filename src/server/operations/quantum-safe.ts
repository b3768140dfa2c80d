/**
 * The Quantum Safe attribute (KMIP 2.0+, 2.1 §4 "Quantum Safe": whether the object is quantum
 * safe) is set by the client when the object is made. Keywarden does not store a claim it
 * knows to be false: a new key marked Quantum Safe True must use an algorithm that resists a
 * quantum attacker — a 256-bit symmetric cipher key (Grover's search halves the strength, and
 * 128 bits of it remain). Every asymmetric algorithm the server generates or accepts (RSA, DSA,
 * DH, ECDSA/ECDH, EdDSA) falls to Shor's algorithm, so none qualifies. Objects without a
 * Cryptographic Algorithm (Secret Data, Opaque Objects) are not judged, as in key-policy.ts.
 * Reason: General Failure, as the Quantum Safe profile's mandatory case QS-M-2 (KMIP Profiles
 * 2.0/2.1, Create of an AES-128 key marked Quantum Safe) answers: no more specific Result
 * Reason is defined for it.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { NewKeyFacts } from './key-policy.ts';

// Symmetric ciphers whose 256-bit keys keep 128 bits of strength against Grover's search.
const QUANTUM_SAFE_CIPHERS: ReadonlySet<string> = new Set([
  'AES',
  'Camellia',
  'ChaCha20',
  'ChaCha20Poly1305',
]);
const QUANTUM_SAFE_MIN_BITS = 256;

/** Tells whether a key of this algorithm (registry value) and length resists a quantum attacker. */
export function isQuantumSafeKey(key: NewKeyFacts): boolean {
  if (key.algorithm === undefined || key.lengthBits === undefined) return false;
  const name = enumValueEntry('CryptographicAlgorithm', key.algorithm)?.name;
  return (
    name !== undefined && QUANTUM_SAFE_CIPHERS.has(name) && key.lengthBits >= QUANTUM_SAFE_MIN_BITS
  );
}

/**
 * Refuses a new key whose attributes say Quantum Safe True when the key is not.
 * @throws KmipResultError General Failure.
 */
export function requireQuantumSafeClaimHolds(
  attributes: readonly Attribute[],
  key: NewKeyFacts,
): void {
  const claim = attributes.find((a) => a.name === 'QuantumSafe');
  if (claim?.value !== true || key.algorithm === undefined || isQuantumSafeKey(key)) return;
  const name = enumValueEntry('CryptographicAlgorithm', key.algorithm)?.name ?? 'non-standard';
  throw new KmipResultError(
    ResultReason.GeneralFailure,
    `Quantum Safe is True but a ${name} key of ${String(key.lengthBits ?? 'unknown')} bits is not quantum safe (a 256-bit AES, Camellia or ChaCha20 key is)`,
  );
}
