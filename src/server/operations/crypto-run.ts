/**
 * Runs a src/crypto primitive for an operation and turns its refusals into KMIP results:
 * - policy refusal → Permission Denied, naming the setting that would allow it;
 * - failed decryption (tag mismatch, bad padding, OAEP) → Cryptographic Failure with one
 *   fixed message, whatever the cause (no padding or tag oracle; STYLE.md "Errors");
 * - a malformed IV, tag, data length → Invalid Field; a Decrypt lacking the IV or tag its mode
 *   needs → Invalid Message, as the KMIP 1.3–2.1 profiles' mandatory cases CS-BC-M-11/12/13
 *   answer it (Result Message "missing-iv");
 * - an algorithm/mode/padding we do not implement → Unsupported Cryptographic Parameters;
 * - a key of the wrong size for the mode → Bad Cryptographic Parameters;
 * - a legacy cipher without OpenSSL's legacy provider → Feature Not Supported, naming the switch;
 * - a combination Keywarden deliberately leaves out (ECDSA signing of a given digest on P-224
 *   or a Brainpool curve) →
 *   Feature Not Supported (KMIP 1.4 §11 error table: the operation is supported, a feature
 *   the request asks for is not; defined in every version, unlike Unsupported Cryptographic
 *   Parameters, and the parameters themselves are supported).
 * With the policy's legacy switch on, each use of a legacy algorithm is logged (issue #6).
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/** The fixed message of every failed decryption or unwrap. */
export const DECRYPTION_FAILED = 'decryption failed';

/** What the request left out, to tell Invalid Message (absent) from Invalid Field (malformed). */
export interface CryptoRunOptions {
  /** CryptoParameterError parameter names (`iv`, `tag`) the request did not carry. */
  readonly missing?: ReadonlySet<string>;
}

function translate(error: unknown, ctx: OperationContext, options: CryptoRunOptions): unknown {
  const c = ctx.crypto;
  if (error instanceof c.CryptoPolicyError) {
    return new KmipResultError(
      ResultReason.PermissionDenied,
      `cryptographic policy: ${error.message}`,
    );
  }
  if (error instanceof c.CryptoDecryptError) {
    return new KmipResultError(ResultReason.CryptographicFailure, DECRYPTION_FAILED);
  }
  if (error instanceof c.CryptoParameterError) {
    if (options.missing?.has(error.parameter) === true) {
      return new KmipResultError(
        ResultReason.InvalidMessage,
        `the request needs ${error.parameter === 'iv' ? 'an IV/Counter/Nonce' : 'an Authenticated Encryption Tag'} for this mode`,
      );
    }
    return new KmipResultError(ResultReason.InvalidField, error.message);
  }
  if (
    error instanceof c.CryptoUnsupportedCipherError ||
    error instanceof c.CryptoUnsupportedAlgorithmError
  ) {
    return new KmipResultError(ResultReason.UnsupportedCryptographicParameters, error.message);
  }
  if (error instanceof c.CryptoKeyLengthError || error instanceof c.CryptoInvalidLengthError) {
    return new KmipResultError(
      ResultReason.BadCryptographicParameters,
      `the key does not fit these parameters: ${error.message}`,
    );
  }
  if (error instanceof c.CryptoCipherUnavailableError) {
    return new KmipResultError(
      ResultReason.FeatureNotSupported,
      `${error.cipher} needs the OpenSSL legacy provider: set crypto.allowLegacy (keywarden serve then runs with --openssl-legacy-provider)`,
    );
  }
  if (error instanceof c.CryptoUnsupportedFeatureError) {
    return new KmipResultError(ResultReason.FeatureNotSupported, error.message);
  }
  if (error instanceof c.CryptoKeyFormatError) {
    return new KmipResultError(
      ResultReason.InvalidField,
      'the stored key material could not be read',
    );
  }
  return error;
}

/**
 * Runs `fn` (a src/crypto call) and returns its result.
 * @throws KmipResultError for what src/crypto refuses (see the file header); anything else as is.
 */
export function runCrypto<T>(
  ctx: OperationContext,
  fn: () => T,
  options: CryptoRunOptions = {},
): T {
  try {
    return fn();
  } catch (error) {
    throw translate(error, ctx, options);
  }
}

/** Logs a use of a legacy algorithm (only possible when the policy allows legacy ones). */
export function noteAlgorithmUse(
  ctx: OperationContext,
  use: {
    readonly algorithm: string | undefined;
    readonly objectId?: string;
    readonly operation: string;
  },
): void {
  if (use.algorithm !== undefined && ctx.crypto.LEGACY_ALGORITHMS.has(use.algorithm)) {
    ctx.logger.warn(
      { algorithm: use.algorithm, objectId: use.objectId, operation: use.operation },
      'legacy algorithm used (allowed by crypto.allowLegacy)',
    );
  }
}
