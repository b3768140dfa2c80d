/**
 * Create (KMIP 1.4 §4.1, 2.1 §6.1.6): a new symmetric key from the operating system's CSPRNG,
 * Pre-Active (Active when the request's Activation Date has passed), owned by the caller, with
 * the server's Random Number Generator attribute; from KMIP 1.4 on, random Secret Data too
 * (create-secret-data.ts).
 * Like PyKMIP, a key needs the Cryptographic Algorithm and Length attributes. The Usage Mask
 * is not required (KMIP 1.4 §3.19 / 2.1 §4.38: "Initially set by: Server or Client"; the OASIS
 * case TC-CS-CORVAL-1 creates a key without one); as it "shall always have a value", the server
 * then records 0: no cryptographic use until one is granted, the safe default.
 * Reasons: Invalid Object Type (1.x: Invalid Field) for anything else;
 * Invalid Field for a missing, unsupported or inconsistent algorithm or length; what
 * `checkClientAttributes` refuses; General Failure for Quantum Safe True on a key that is
 * not (quantum-safe.ts). Sets the ID Placeholder.
 */
import { KeyFormatType, ObjectType, ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { CreateRequest, CreateResponse } from '../../kmip/messages/payloads/create.ts';
import type { SecretData, SymmetricKey } from '../../kmip/messages/objects.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { clientAttributesOf, numberAttribute } from './attribute-input.ts';
import type { OperationContext } from './context.ts';
import { createsSecretData, newSecretData } from './create-secret-data.ts';
import { requirePolicyAllowsKey } from './key-policy.ts';
import { requireQuantumSafeClaimHolds } from './quantum-safe.ts';
import { serverRngAttribute } from './server-rng.ts';

function required(value: number | undefined | 'invalid', what: string): number {
  if (value === undefined) throw invalidField(`the ${what} attribute is required`);
  if (value === 'invalid') throw invalidField(`the ${what} attribute has the wrong type`);
  return value;
}

function generateKey(algorithm: number, lengthBits: number, ctx: OperationContext): Uint8Array {
  const name = enumValueEntry('CryptographicAlgorithm', algorithm)?.name;
  if (name === undefined || !ctx.crypto.isSymmetricAlgorithm(name)) {
    throw invalidField(
      `Cryptographic Algorithm ${name ?? `0x${algorithm.toString(16)}`} is not supported for symmetric keys`,
    );
  }
  try {
    return ctx.crypto.generateSymmetricKey(name, lengthBits);
  } catch (error) {
    if (error instanceof ctx.crypto.CryptoInvalidLengthError) {
      throw invalidField(`Cryptographic Length ${lengthBits} is not valid for ${name}`);
    }
    throw error;
  }
}

async function store(
  object: SymmetricKey | SecretData,
  attributes: readonly Attribute[],
  ctx: OperationContext,
  serverAttributes: readonly Attribute[] = [serverRngAttribute()],
): Promise<CreateResponse> {
  const [record] = await ctx.objects.create([{ object, attributes, serverAttributes }]);
  if (record === undefined) throw new Error('create stored no object');
  ctx.idPlaceholder.set(record.id);
  ctx.logger.info({ objectId: record.id, objectType: object.kind }, 'created object');
  return { objectType: ObjectType[object.kind], uniqueIdentifier: record.id };
}

/** Create. */
export async function create(
  request: CreateRequest,
  ctx: OperationContext,
): Promise<CreateResponse> {
  const isSecretData =
    request.objectType === ObjectType.SecretData && createsSecretData(ctx.version);
  if (request.objectType !== ObjectType.SymmetricKey && !isSecretData) {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      'Create makes symmetric keys (and, from KMIP 1.4, secret data) only; use Register or Create Key Pair for other objects',
    );
  }
  const attributes = await clientAttributesOf(request.attributes, ctx);
  if (isSecretData) return store(newSecretData(attributes, ctx), attributes, ctx);
  const algorithm = required(
    numberAttribute(attributes, 'CryptographicAlgorithm'),
    'Cryptographic Algorithm',
  );
  const length = required(
    numberAttribute(attributes, 'CryptographicLength'),
    'Cryptographic Length',
  );
  const mask = numberAttribute(attributes, 'CryptographicUsageMask');
  if (mask === 'invalid') {
    throw invalidField('the Cryptographic Usage Mask attribute has the wrong type');
  }
  const serverAttributes: Attribute[] = [serverRngAttribute()];
  if (mask === undefined) serverAttributes.push({ name: 'CryptographicUsageMask', value: 0 });

  const keyMaterial = generateKey(algorithm, length, ctx);
  requirePolicyAllowsKey(ctx, { algorithm, lengthBits: length }, 'generate');
  requireQuantumSafeClaimHolds(attributes, { algorithm, lengthBits: length });
  const object: SymmetricKey = {
    kind: 'SymmetricKey',
    keyBlock: {
      keyFormatType: KeyFormatType.Raw,
      keyValue: { keyMaterial },
      cryptographicAlgorithm: algorithm,
      cryptographicLength: length,
    },
  };
  return store(object, attributes, ctx, serverAttributes);
}
