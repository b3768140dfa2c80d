/**
 * Create of Secret Data (KMIP 1.4 §4.1, 2.1 §6.1.6: "generate a new symmetric key or generate
 * Secret Data"; earlier versions create symmetric keys only): random bytes from the
 * operating system's CSPRNG, as long as the Cryptographic Length attribute says (whole bytes),
 * stored as a Password in Opaque format — what the OASIS case TC-CREATE-SD-1 expects back, as
 * no request field names a Secret Data Type. Reasons: Invalid Field for a missing, badly typed
 * or out-of-range length.
 */
import { KeyFormatType, SecretDataType } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { SecretData } from '../../kmip/messages/objects.ts';
import { compareVersions } from '../../kmip/registry.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { invalidField } from '../pipeline/result-error.ts';
import { numberAttribute } from './attribute-input.ts';
import type { OperationContext } from './context.ts';

/** The largest secret Create makes, in bits (64 KiB: far above any password or seed). */
export const MAX_CREATED_SECRET_BITS = 65536 * 8;

/** Whether Create may make Secret Data in `version` (KMIP 1.4 and later). */
export function createsSecretData(version: KmipVersionName): boolean {
  return compareVersions(version, '1.4') >= 0;
}

/**
 * New random Secret Data of the requested Cryptographic Length.
 * @throws KmipResultError Invalid Field (length missing, not an Integer, not a positive
 *   multiple of 8, above {@link MAX_CREATED_SECRET_BITS}).
 */
export function newSecretData(attributes: readonly Attribute[], ctx: OperationContext): SecretData {
  const lengthBits = numberAttribute(attributes, 'CryptographicLength');
  if (lengthBits === undefined) {
    throw invalidField('the Cryptographic Length attribute is required');
  }
  if (lengthBits === 'invalid') {
    throw invalidField('the Cryptographic Length attribute has the wrong type');
  }
  if (lengthBits <= 0 || lengthBits % 8 !== 0 || lengthBits > MAX_CREATED_SECRET_BITS) {
    throw invalidField(
      `Cryptographic Length ${lengthBits} is not a whole number of bytes from 8 to ${MAX_CREATED_SECRET_BITS} bits`,
    );
  }
  return {
    kind: 'SecretData',
    secretDataType: SecretDataType.Password,
    keyBlock: {
      keyFormatType: KeyFormatType.Opaque,
      keyValue: { keyMaterial: ctx.crypto.randomBytes(lengthBits / 8) },
    },
  };
}
