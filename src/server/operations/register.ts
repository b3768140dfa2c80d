/**
 * Register (KMIP 1.4 §4.3, 2.1 §6.1.45): stores an object the client supplies — Symmetric
 * Key, Public Key, Private Key, Split Key, Certificate (X.509), Secret Data or Opaque Object —
 * Pre-Active (Active when the Activation Date has passed), owned by the caller, exactly as
 * registered, so Get returns the same bytes (a wrapped key too: key-unwrapping.ts; and a
 * metadata-only key without its Key Value, KMIP 1.4 §3.41–3.42). The
 * material is checked first (register-*.ts): keys must parse in their Key Format Type and
 * match the algorithm and length stated in the Key Block or the attributes; the server sets
 * what it reads from the object (Cryptographic Algorithm / Length, certificate attributes)
 * and, in KMIP 1.x, returns the attributes it filled in that the request did not state.
 *
 * Templates (KMIP 1.x) are registered by register-template.ts. PGP Keys and Certificate
 * Requests are refused. Reasons: Invalid Field (Object Type not matching the object, bad or
 * contradicting material — fixed messages, never the material), Invalid Object Type (1.x:
 * Invalid Field) for the refused types, Key Format Type Not Supported, Key Compression Type
 * Not Supported, Item Not Found for an unknown Template Name (Invalid Field for an ambiguous one),
 * what `checkClientAttributes` refuses. Sets the ID Placeholder. A Private Key in Key Format
 * Type PKCS#12 is opened and registered with its certificates (register-pkcs12.ts).
 */
import { ObjectType, ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute, AttributeSet } from '../../kmip/messages/attributes.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import type { RegisterRequest, RegisterResponse } from '../../kmip/messages/payloads/register.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { clientAttributesOf } from './attribute-input.ts';
import type { OperationContext } from './context.ts';
import { registeredKeyFacts, requirePolicyAllowsKey } from './key-policy.ts';
import { requireQuantumSafeClaimHolds } from './quantum-safe.ts';
import { tryUnwrapObject } from './key-unwrapping.ts';
import { registerAsymmetricKey } from './register-asymmetric.ts';
import { registerTemplate } from './register-template.ts';
import { registerCertificate } from './register-certificate.ts';
import { isPkcs12PrivateKey, registerPkcs12 } from './register-pkcs12.ts';
import {
  isMetadataOnly,
  NOTHING_DERIVED,
  type RegisteredAttributes,
} from './register-key-block.ts';
import {
  registerSecretData,
  registerSplitKey,
  registerSymmetricKey,
} from './register-symmetric.ts';

function objectTypeName(value: number): string {
  return enumValueEntry('ObjectType', value)?.name ?? `0x${(value >>> 0).toString(16)}`;
}

/**
 * Checks that Object Type names the object and that this server stores objects of the type.
 * @throws KmipResultError Invalid Field, Invalid Object Type.
 */
export function checkObjectType(request: Pick<RegisterRequest, 'objectType' | 'object'>): void {
  const { object } = request;
  if (request.objectType !== ObjectType[object.kind]) {
    throw invalidField(
      `Object Type ${objectTypeName(request.objectType)} does not match the object (${object.kind})`,
    );
  }
  if (object.kind === 'PGPKey' || object.kind === 'CertificateRequest') {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      `registering a ${object.kind} is not supported`,
    );
  }
}

/**
 * The request's attributes without a Certificate Type that restates the certificate's own:
 * the server sets that attribute, but the OASIS test case TC-CERTATTR-1-14 sends it.
 */
function withoutRestatedCertificateType(set: AttributeSet, object: ManagedObject): AttributeSet {
  if (object.kind !== 'Certificate') return set;
  const attributes = set.attributes.filter((a) => {
    if (a.name !== 'CertificateType') return true;
    if (a.value !== object.certificateType) {
      throw invalidField('the Certificate Type attribute does not match the certificate');
    }
    return false;
  });
  return { ...set, attributes };
}

/** Checks supplied material against `attributes`; what the server reads from it. */
export function deriveAttributes(
  object: ManagedObject,
  attributes: readonly Attribute[],
  ctx: OperationContext,
): RegisteredAttributes {
  switch (object.kind) {
    case 'SymmetricKey':
      return registerSymmetricKey(object, attributes, ctx);
    case 'PublicKey':
    case 'PrivateKey':
      return registerAsymmetricKey(object, attributes, ctx);
    case 'SplitKey':
      return registerSplitKey(object, attributes);
    case 'SecretData':
      return registerSecretData(object);
    case 'Certificate':
      return registerCertificate(object, attributes, ctx);
    default:
      // Opaque Objects are stored as given; checkObjectType refused the rest.
      return NOTHING_DERIVED;
  }
}

/** Register. */
export async function register(
  request: RegisterRequest,
  ctx: OperationContext,
): Promise<RegisterResponse> {
  checkObjectType(request);
  if (request.object.kind === 'Template') return registerTemplate(request, request.object, ctx);
  // A PFX holds a key and its certificates, opened with a linked password: register-pkcs12.ts.
  if (isPkcs12PrivateKey(request.object)) {
    return registerPkcs12(request.object, await clientAttributesOf(request.attributes, ctx), ctx);
  }
  // A wrapped key is stored as registered (docs/crypto.md "Register of wrapped keys —
  // decision"); when the server can unwrap it, the plaintext is checked like any registered
  // key (a bad MAC/signature or unwrap fails here), but it is never what is stored.
  const { object } = request;
  const unwrapped = await tryUnwrapObject(object, ctx);
  const readable = unwrapped.kind === 'clear' ? unwrapped.object : object;
  const attributes = await clientAttributesOf(
    withoutRestatedCertificateType(request.attributes, object),
    ctx,
  );
  const derived = deriveAttributes(readable, attributes, ctx);
  const facts = registeredKeyFacts(readable, derived.serverAttributes, attributes);
  requirePolicyAllowsKey(ctx, facts, 'register');
  requireQuantumSafeClaimHolds(attributes, facts);
  // KMIP 1.4 §3.41: a metadata-only object (no Key Value; Key Value Location says where the
  // key is) carries Key Value Present = False. Get returns it as registered, without a value;
  // cryptographic operations on it fail with Key Value Not Present (key-use.ts).
  const serverAttributes: readonly Attribute[] = isMetadataOnly(object)
    ? [...derived.serverAttributes, { name: 'KeyValuePresent', value: false }]
    : derived.serverAttributes;
  const [record] = await ctx.objects.create([
    { object, attributes, serverAttributes, isClientSupplied: true },
  ]);
  if (record === undefined) throw new Error('register stored no object');
  ctx.idPlaceholder.set(record.id);
  ctx.logger.info({ objectId: record.id, objectType: object.kind }, 'registered object');
  // KMIP 1.4 §4.3: the optional Template-Attribute of attributes implicitly set (1.x only).
  const isImplicitShown = ctx.version.startsWith('1.') && derived.implicit.length > 0;
  return {
    uniqueIdentifier: record.id,
    ...(isImplicitShown ? { attributes: { attributes: derived.implicit } } : {}),
  };
}
