/**
 * The Cryptographic Parameters an operation runs with: the request's, field by field over the
 * key's Cryptographic Parameters attribute (KMIP 1.4 §4.29–4.34: "if omitted, the server uses
 * the Cryptographic Parameters attribute of the key"), with enumeration values as registry
 * names (`CBC`, `PKCS5`, `SHA_256`) for src/crypto.
 */
import type { CryptographicParameters } from '../../kmip/messages/common.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { attributeValue, type ManagedObjectRecord } from '../objects/index.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import { ResultReason } from '../../kmip/generated/registry.ts';

/** Cryptographic Parameters with enumeration values as registry names. */
export interface NamedParameters {
  readonly algorithm?: string;
  readonly mode?: string;
  readonly padding?: string;
  readonly hash?: string;
  readonly signatureAlgorithm?: string;
  readonly maskGeneratorHash?: string;
  readonly randomIV?: boolean;
  readonly ivLength?: number;
  readonly tagLength?: number;
  readonly saltLength?: number;
  readonly pSource?: Uint8Array;
  readonly initialCounterValue?: number;
}

function isParameters(value: unknown): value is CryptographicParameters {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array);
}

function nameOf(enumeration: string, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const name = enumValueEntry(enumeration, value)?.name;
  if (name === undefined) {
    throw new KmipResultError(
      ResultReason.UnsupportedCryptographicParameters,
      `${enumeration} 0x${(value >>> 0).toString(16)} is not supported`,
    );
  }
  return name;
}

/**
 * The effective parameters of a request on `record`.
 * @throws KmipResultError Unsupported Cryptographic Parameters for an unknown enumeration value.
 */
export function effectiveParameters(
  requested: CryptographicParameters | undefined,
  record: ManagedObjectRecord | undefined,
): NamedParameters {
  const stored =
    record === undefined ? undefined : attributeValue(record, 'CryptographicParameters');
  const p: Record<string, unknown> = isParameters(stored) ? { ...stored } : {};
  // The request's fields that are set win, field by field.
  if (requested !== undefined) {
    for (const [key, v] of Object.entries(requested)) if (v !== undefined) p[key] = v;
  }
  return namedParameters(p as CryptographicParameters);
}

function namedParameters(p: CryptographicParameters): NamedParameters {
  const named: Record<string, unknown> = {
    algorithm: nameOf('CryptographicAlgorithm', p.cryptographicAlgorithm),
    mode: nameOf('BlockCipherMode', p.blockCipherMode),
    padding: nameOf('PaddingMethod', p.paddingMethod),
    hash: nameOf('HashingAlgorithm', p.hashingAlgorithm),
    signatureAlgorithm: nameOf('DigitalSignatureAlgorithm', p.digitalSignatureAlgorithm),
    maskGeneratorHash: nameOf('HashingAlgorithm', p.maskGeneratorHashingAlgorithm),
    randomIV: p.randomIV,
    ivLength: p.ivLength,
    tagLength: p.tagLength,
    saltLength: p.saltLength,
    pSource: p.pSource,
    initialCounterValue: p.initialCounterValue,
  };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(named)) if (named[key] !== undefined) out[key] = named[key];
  return out as NamedParameters;
}
