/**
 * Prepared cryptographic operations performed by the server with a managed key: Encrypt,
 * Decrypt, Sign, SignatureVerify, MAC (KMIP 1.4 §4.29–4.33, 2.1 §6.1). Single-shot only
 * (no Init/Final streaming).
 */
import { ValidityIndicator, type CryptographicParameters } from '../../kmip/index.ts';
import { ProtocolError } from '../errors.ts';
import { required } from './inputs.ts';
import { prepare, type PreparedOperation } from './prepared.ts';

/** Options of Encrypt. */
export interface EncryptOptions {
  readonly parameters?: CryptographicParameters;
  /** IV, counter or nonce; when absent the server may generate one (returned in the result). */
  readonly iv?: Uint8Array;
  /** Additional authenticated data for AEAD modes (KMIP 1.4+). */
  readonly aad?: Uint8Array;
}

/** The result of Encrypt. */
export interface EncryptResult {
  readonly data: Uint8Array;
  readonly iv?: Uint8Array;
  /** The AEAD tag (KMIP 1.4+). */
  readonly tag?: Uint8Array;
}

/** Encrypt `data` with the key `id`. */
export function encryptOperation(
  id: string,
  data: Uint8Array,
  options: EncryptOptions = {},
): PreparedOperation<EncryptResult> {
  return prepare(
    'Encrypt',
    {
      uniqueIdentifier: id,
      data,
      ...(options.parameters !== undefined && { cryptographicParameters: options.parameters }),
      ...(options.iv !== undefined && { ivCounterNonce: options.iv }),
      ...(options.aad !== undefined && { authenticatedEncryptionAdditionalData: options.aad }),
    },
    (p) => {
      const body = required(p, 'payload');
      return {
        data: required(body.data, 'Data'),
        ...(body.ivCounterNonce !== undefined && { iv: body.ivCounterNonce }),
        ...(body.authenticatedEncryptionTag !== undefined && {
          tag: body.authenticatedEncryptionTag,
        }),
      };
    },
  );
}

/** Options of Decrypt. */
export interface DecryptOptions extends EncryptOptions {
  /** The AEAD tag to check (KMIP 1.4+). */
  readonly tag?: Uint8Array;
}

/** Decrypt `data` with the key `id`; resolves with the plaintext. */
export function decryptOperation(
  id: string,
  data: Uint8Array,
  options: DecryptOptions = {},
): PreparedOperation<Uint8Array> {
  return prepare(
    'Decrypt',
    {
      uniqueIdentifier: id,
      data,
      ...(options.parameters !== undefined && { cryptographicParameters: options.parameters }),
      ...(options.iv !== undefined && { ivCounterNonce: options.iv }),
      ...(options.aad !== undefined && { authenticatedEncryptionAdditionalData: options.aad }),
      ...(options.tag !== undefined && { authenticatedEncryptionTag: options.tag }),
    },
    (p) => required(required(p, 'payload').data, 'Data'),
  );
}

/** Sign `data` with the private key `id`; resolves with the signature. */
export function signOperation(
  id: string,
  data: Uint8Array,
  parameters?: CryptographicParameters,
): PreparedOperation<Uint8Array> {
  return prepare(
    'Sign',
    {
      uniqueIdentifier: id,
      data,
      ...(parameters !== undefined && { cryptographicParameters: parameters }),
    },
    (p) => required(required(p, 'payload').signatureData, 'Signature Data'),
  );
}

/** SignatureVerify: resolves true for a valid signature, false for an invalid one. */
export function signatureVerifyOperation(
  id: string,
  data: Uint8Array,
  signature: Uint8Array,
  parameters?: CryptographicParameters,
): PreparedOperation<boolean> {
  return prepare(
    'SignatureVerify',
    {
      uniqueIdentifier: id,
      data,
      signatureData: signature,
      ...(parameters !== undefined && { cryptographicParameters: parameters }),
    },
    (p) => {
      const indicator = required(required(p, 'payload').validityIndicator, 'Validity Indicator');
      if (indicator === ValidityIndicator.Valid) return true;
      if (indicator === ValidityIndicator.Invalid) return false;
      throw new ProtocolError('the server could not tell whether the signature is valid');
    },
  );
}

/** MAC `data` with the key `id`; resolves with the MAC. */
export function macOperation(
  id: string,
  data: Uint8Array,
  parameters?: CryptographicParameters,
): PreparedOperation<Uint8Array> {
  return prepare(
    'MAC',
    {
      uniqueIdentifier: id,
      data,
      ...(parameters !== undefined && { cryptographicParameters: parameters }),
    },
    (p) => required(required(p, 'payload').macData, 'MAC Data'),
  );
}
