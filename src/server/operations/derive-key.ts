/**
 * DeriveKey (KMIP 1.4 §4.6, 2.1 §6.1.16): a new Symmetric Key or Secret Data derived from a
 * base object the caller owns (Symmetric Key or Secret Data, Active, Derive Key in its usage
 * mask). Derivation Methods (Derivation Parameters, KMIP 1.4 §2.1.11 / 2.1 §2.1.12):
 * PBKDF2 (password = base material; Salt, Iteration Count, PRF hash from the Cryptographic
 * Parameters' Hashing Algorithm, SHA-256 by default), HASH (the base material hashed),
 * HMAC (HMAC-based extract-and-expand as PyKMIP does: RFC 5869 with Salt, info = Derivation
 * Data), HKDF (KMIP 2.1: RFC 5869, IKM = base material, Salt, info = Derivation Data),
 * ENCRYPT (Derivation Data encrypted under the base key with the Cryptographic Parameters and
 * Initialization Vector), NIST800_108_C / _F / _DPI (SP 800-108 counter, feedback and
 * double-pipeline iteration modes, PRF HMAC with the Hashing Algorithm, 32-bit counter, fixed
 * input = Derivation Data; feedback mode's K(0) = the Initialization Vector, empty when absent
 * as KMIP 1.4 §2.1.11 says; double-pipeline takes no IV), Asymmetric Key (ECDH of a private
 * and a public key, derive-ecdh.ts). AWS Signature V4 is Feature Not Supported. As in PyKMIP, without Derivation Data a second base object that is Secret
 * Data supplies it. The length is the Cryptographic Length attribute (whole bytes); a
 * symmetric key also needs its Cryptographic Algorithm. The new object gets a Derivation
 * Base Object Link to the base, the base a Derived Key Link to it.
 * Reasons: Invalid Field (object type, missing or bad length/algorithm, bad parameters),
 * Cryptographic Failure (a method yields fewer bytes than asked), Feature Not Supported,
 * and those of `requireManagedKey` for the base object.
 */
import {
  CryptographicUsageMask,
  DerivationMethod,
  KeyFormatType,
  LinkType,
  ObjectType,
  ResultReason,
  SecretDataType,
} from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import type {
  DeriveKeyRequest,
  DeriveKeyResponse,
} from '../../kmip/messages/payloads/derive-key.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { featureNotSupported, invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { clientAttributesOf, numberAttribute } from './attribute-input.ts';
import type { OperationContext } from './context.ts';
import { convertKeyFormat } from './key-format-conversion.ts';
import { tryUnwrapObject } from './key-unwrapping.ts';
import { requireManagedKey, type ManagedKey } from './managed-key-use.ts';
import { deriveByEcdh } from './derive-ecdh.ts';
import { addLink, linkAttribute } from './object-links.ts';

// KMIP method → src/crypto deriveKey method (HKDF runs through src/crypto's hkdf directly).
const METHODS: Readonly<Partial<Record<number, string>>> = {
  [DerivationMethod.PBKDF2]: 'PBKDF2',
  [DerivationMethod.HASH]: 'HASH',
  [DerivationMethod.HMAC]: 'HMAC',
  [DerivationMethod.ENCRYPT]: 'ENCRYPT',
  [DerivationMethod.NIST800_108_C]: 'NIST800_108_C',
  [DerivationMethod.NIST800_108_F]: 'NIST800_108_F',
  [DerivationMethod.NIST800_108_DPI]: 'NIST800_108_DPI',
};

const enumName = (enumeration: string, value: number | undefined): string | undefined =>
  value === undefined ? undefined : enumValueEntry(enumeration, value)?.name;

/** The bytes of a base object (a symmetric key as Raw, secret data as stored). */
function materialOf(base: ManagedKey, ctx: OperationContext): Uint8Array {
  const object =
    base.object.kind === 'SymmetricKey'
      ? convertKeyFormat(base.object, KeyFormatType.Raw, ctx)
      : base.object;
  const value = 'keyBlock' in object ? object.keyBlock.keyValue : undefined;
  if (
    value === undefined ||
    value instanceof Uint8Array ||
    !(value.keyMaterial instanceof Uint8Array)
  ) {
    throw invalidField(`object ${base.id} is stored wrapped and cannot serve as a base`);
  }
  return value.keyMaterial;
}

/** The base object `id`, a key stored wrapped unwrapped on the fly when the server can. */
async function useForDerivation(ctx: OperationContext, id: string): Promise<ManagedKey> {
  const base = await requireManagedKey(ctx, id, {
    operation: 'DeriveKey',
    usage: CryptographicUsageMask.DeriveKey,
    objectTypes: ['SymmetricKey', 'SecretData'],
    role: 'derivation base object',
  });
  const outcome = await tryUnwrapObject(base.object, ctx);
  return outcome.kind === 'clear' ? { ...base, object: outcome.object } : base;
}

function lengthBytes(attributes: readonly Attribute[]): number {
  const bits = numberAttribute(attributes, 'CryptographicLength');
  if (bits === undefined || bits === 'invalid' || bits <= 0 || bits % 8 !== 0) {
    throw invalidField('DeriveKey needs a Cryptographic Length attribute of whole bytes');
  }
  return bits / 8;
}

function derive(
  request: DeriveKeyRequest,
  material: Uint8Array,
  derivationData: Uint8Array | undefined,
  length: number,
  ctx: OperationContext,
): Uint8Array {
  const p = request.derivationParameters;
  const params = p.cryptographicParameters;
  const hash = enumName('HashingAlgorithm', params?.hashingAlgorithm) ?? 'SHA_256';
  try {
    if (request.derivationMethod === DerivationMethod.HKDF) {
      return ctx.crypto.hkdf(
        hash,
        material,
        p.salt ?? new Uint8Array(),
        derivationData ?? new Uint8Array(),
        length,
      );
    }
    const method = METHODS[request.derivationMethod];
    if (method === undefined) {
      throw featureNotSupported(
        `Derivation Method ${enumName('DerivationMethod', request.derivationMethod) ?? request.derivationMethod} is not supported`,
      );
    }
    // SP 800-108 §4.3: double-pipeline mode has no IV (A(0) is the fixed input); refuse one
    // rather than ignore what the client meant to bind into the key.
    if (method === 'NIST800_108_DPI' && (p.initializationVector?.length ?? 0) > 0)
      throw invalidField('NIST800_108_DPI takes no Initialization Vector');
    const algorithm = enumName('CryptographicAlgorithm', params?.cryptographicAlgorithm);
    const mode = enumName('BlockCipherMode', params?.blockCipherMode);
    const padding = enumName('PaddingMethod', params?.paddingMethod);
    return ctx.crypto.deriveKey({
      method,
      keyMaterial: material,
      length,
      hash,
      policy: ctx.cryptoPolicy,
      ...(derivationData === undefined ? {} : { derivationData }),
      ...(p.salt === undefined ? {} : { salt: p.salt }),
      ...(p.iterationCount === undefined ? {} : { iterationCount: p.iterationCount }),
      ...(method === 'NIST800_108_F' && p.initializationVector !== undefined
        ? { initializationVector: p.initializationVector }
        : {}),
      ...(method === 'ENCRYPT' && algorithm !== undefined
        ? {
            encryption: {
              algorithm,
              ...(mode === undefined ? {} : { mode }),
              ...(padding === undefined ? {} : { padding }),
              ...(p.initializationVector === undefined ? {} : { iv: p.initializationVector }),
            },
          }
        : {}),
    });
  } catch (error) {
    if (error instanceof ctx.crypto.CryptoParameterError && error.parameter === 'length') {
      throw new KmipResultError(
        ResultReason.CryptographicFailure,
        'the method yields fewer bytes than the Cryptographic Length',
      );
    }
    if (error instanceof ctx.crypto.CryptoPolicyError) {
      throw new KmipResultError(ResultReason.PermissionDenied, error.message);
    }
    if (
      error instanceof ctx.crypto.CryptoParameterError ||
      error instanceof ctx.crypto.CryptoUnsupportedCipherError
    ) {
      throw invalidField(`Derivation Parameters: ${error.message}`);
    }
    throw error;
  }
}

function newObject(
  request: DeriveKeyRequest,
  attributes: readonly Attribute[],
  bytes: Uint8Array,
  ctx: OperationContext,
): ManagedObject {
  if (request.objectType === ObjectType.SecretData) {
    return {
      kind: 'SecretData',
      secretDataType: SecretDataType.Seed,
      keyBlock: { keyFormatType: KeyFormatType.Opaque, keyValue: { keyMaterial: bytes } },
    };
  }
  const algorithm = numberAttribute(attributes, 'CryptographicAlgorithm');
  const name =
    typeof algorithm === 'number' ? enumName('CryptographicAlgorithm', algorithm) : undefined;
  if (
    algorithm === undefined ||
    algorithm === 'invalid' ||
    name === undefined ||
    !ctx.crypto.isSymmetricAlgorithm(name)
  ) {
    throw invalidField(
      'a derived symmetric key needs a supported Cryptographic Algorithm attribute',
    );
  }
  try {
    ctx.crypto.validateSymmetricKeyLength(name, bytes);
  } catch (error) {
    if (error instanceof ctx.crypto.CryptoInvalidLengthError) {
      throw invalidField(`Cryptographic Length ${bytes.length * 8} is not valid for ${name}`);
    }
    throw error;
  }
  return {
    kind: 'SymmetricKey',
    keyBlock: {
      keyFormatType: KeyFormatType.Raw,
      keyValue: { keyMaterial: bytes },
      cryptographicAlgorithm: algorithm,
      cryptographicLength: bytes.length * 8,
    },
  };
}

/** Derivation from a Symmetric Key or Secret Data base (every method but Asymmetric Key). */
async function deriveFromSecret(
  request: DeriveKeyRequest,
  ids: readonly string[],
  length: number,
  ctx: OperationContext,
): Promise<{ readonly base: ManagedKey; readonly bytes: Uint8Array }> {
  const bases: ManagedKey[] = [];
  for (const id of ids) bases.push(await useForDerivation(ctx, id));
  const [base] = bases;
  if (base === undefined) throw invalidField('DeriveKey needs a base object');
  const extra = bases.slice(1).find((b) => b.objectType === 'SecretData');
  const derivationData =
    request.derivationParameters.derivationData ??
    (extra === undefined ? undefined : materialOf(extra, ctx));
  return { base, bytes: derive(request, materialOf(base, ctx), derivationData, length, ctx) };
}

/** DeriveKey. */
export async function deriveKey(
  request: DeriveKeyRequest,
  ctx: OperationContext,
): Promise<DeriveKeyResponse> {
  if (
    request.objectType !== ObjectType.SymmetricKey &&
    request.objectType !== ObjectType.SecretData
  ) {
    throw invalidField('DeriveKey makes a Symmetric Key or Secret Data');
  }
  const attributes = await clientAttributesOf(request.attributes, ctx);
  const length = lengthBytes(attributes);
  const ids = request.uniqueIdentifiers.map((id) => ctx.resolveId(id));
  const { base, bytes } =
    request.derivationMethod === DerivationMethod.AsymmetricKey
      ? await deriveByEcdh(request, ids, length, ctx)
      : await deriveFromSecret(request, ids, length, ctx);
  const object = newObject(request, attributes, bytes, ctx);
  const kept =
    object.kind === 'SecretData'
      ? attributes.filter(
          (a) => a.name !== 'CryptographicLength' && a.name !== 'CryptographicAlgorithm',
        )
      : attributes;
  const [record] = await ctx.objects.create([
    { object, attributes: [...kept, linkAttribute(LinkType.DerivationBaseObjectLink, base.id)] },
  ]);
  if (record === undefined) throw new Error('derive key stored no object');
  await addLink(ctx, base, LinkType.DerivedKeyLink, record.id);
  ctx.idPlaceholder.set(record.id);
  ctx.logger.info(
    { objectId: record.id, baseId: base.id, objectType: object.kind },
    'derived object',
  );
  return { uniqueIdentifier: record.id };
}
