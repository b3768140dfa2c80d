/**
 * Prepared operations on managed objects: Create, CreateKeyPair, Register, Get, Activate,
 * Revoke, Destroy, Check, ReKey, DeriveKey (KMIP 1.4 §4, 2.1 §6.1).
 */
import {
  KeyFormatType,
  ObjectType,
  RevocationReasonCode,
  type Attribute,
  type DerivationParameters,
  type ManagedObject,
} from '../../kmip/index.ts';
import {
  commonAttributes,
  enumValue,
  idText,
  required,
  type CommonAttributeInput,
  type EnumInput,
} from './inputs.ts';
import { prepare, type PreparedOperation } from './prepared.ts';

/** Options of Create. */
export interface CreateInput extends CommonAttributeInput {
  /** Default `SymmetricKey`. */
  readonly objectType?: EnumInput;
  /** e.g. `'AES'`. */
  readonly algorithm: EnumInput;
  /** Bits, e.g. 256. */
  readonly length: number;
}

/** Create: a new symmetric key; resolves with its Unique Identifier. */
export function createOperation(input: CreateInput): PreparedOperation<string> {
  const attributes: Attribute[] = [
    { name: 'CryptographicAlgorithm', value: enumValue('CryptographicAlgorithm', input.algorithm) },
    { name: 'CryptographicLength', value: input.length },
    ...commonAttributes(input),
  ];
  return prepare(
    'Create',
    {
      objectType: enumValue('ObjectType', input.objectType ?? ObjectType.SymmetricKey),
      attributes: { attributes },
    },
    (payload) => idText(required(payload, 'payload').uniqueIdentifier),
  );
}

/** Options of CreateKeyPair. */
export interface CreateKeyPairInput extends CommonAttributeInput {
  /** e.g. `'RSA'`, `'ECDSA'`, `'EC'`. */
  readonly algorithm: EnumInput;
  /** Bits: the modulus for RSA, the curve size for EC. */
  readonly length: number;
  /** For EC keys, e.g. `'P_256'`. */
  readonly curve?: EnumInput;
  readonly privateKey?: CommonAttributeInput;
  readonly publicKey?: CommonAttributeInput;
}

/** The identifiers of a new key pair. */
export interface KeyPairIds {
  readonly privateKeyId: string;
  readonly publicKeyId: string;
}

function withDefaultMask(
  common: CommonAttributeInput,
  part: CommonAttributeInput | undefined,
  mask: readonly string[],
): CommonAttributeInput {
  if (part?.usageMask !== undefined || common.usageMask !== undefined) return part ?? {};
  return { ...part, usageMask: mask };
}

/** CreateKeyPair: a new public/private key pair (default usage: private Sign, public Verify). */
export function createKeyPairOperation(input: CreateKeyPairInput): PreparedOperation<KeyPairIds> {
  const common: Attribute[] = [
    { name: 'CryptographicAlgorithm', value: enumValue('CryptographicAlgorithm', input.algorithm) },
    { name: 'CryptographicLength', value: input.length },
    ...(input.curve !== undefined
      ? [
          {
            name: 'CryptographicDomainParameters',
            value: { recommendedCurve: enumValue('RecommendedCurve', input.curve) },
          },
        ]
      : []),
    ...commonAttributes(input),
  ];
  return prepare(
    'CreateKeyPair',
    {
      commonAttributes: { attributes: common },
      // Servers (PyKMIP, Keywarden) require a usage mask per key: default Sign / Verify.
      privateKeyAttributes: {
        attributes: commonAttributes(withDefaultMask(input, input.privateKey, ['Sign'])),
      },
      publicKeyAttributes: {
        attributes: commonAttributes(withDefaultMask(input, input.publicKey, ['Verify'])),
      },
    },
    (payload) => {
      const body = required(payload, 'payload');
      return {
        privateKeyId: idText(body.privateKeyUniqueIdentifier),
        publicKeyId: idText(body.publicKeyUniqueIdentifier),
      };
    },
  );
}

/** Options of Register. */
export interface RegisterInput extends CommonAttributeInput {
  /** The object to store (see `symmetricKeyObject`, `secretDataObject`, …). */
  readonly object: ManagedObject;
}

const OBJECT_TYPE_OF_KIND: Readonly<Record<ManagedObject['kind'], number>> = {
  SymmetricKey: ObjectType.SymmetricKey,
  PublicKey: ObjectType.PublicKey,
  PrivateKey: ObjectType.PrivateKey,
  SplitKey: ObjectType.SplitKey,
  Certificate: ObjectType.Certificate,
  SecretData: ObjectType.SecretData,
  OpaqueObject: ObjectType.OpaqueObject,
  Template: ObjectType.Template,
  PGPKey: ObjectType.PGPKey,
  CertificateRequest: ObjectType.CertificateRequest,
};

/** Register: store an object the client supplies; resolves with its Unique Identifier. */
export function registerOperation(input: RegisterInput): PreparedOperation<string> {
  return prepare(
    'Register',
    {
      objectType: OBJECT_TYPE_OF_KIND[input.object.kind],
      attributes: { attributes: commonAttributes(input) },
      object: input.object,
    },
    (payload) => idText(required(payload, 'payload').uniqueIdentifier),
  );
}

/** The result of Get. */
export interface GetResult {
  readonly uniqueIdentifier: string;
  readonly objectType: number;
  readonly object: ManagedObject;
  /** The key material bytes when the object carries them unwrapped as bytes (Raw, PKCS#8, …). */
  readonly keyMaterial?: Uint8Array;
}

/** Key material bytes of an object, when it has them in byte form. */
export function keyMaterialOf(object: ManagedObject): Uint8Array | undefined {
  if (object.kind === 'Certificate') return object.certificateValue;
  if (object.kind === 'OpaqueObject') return object.opaqueDataValue;
  if (!('keyBlock' in object)) return undefined;
  const value = object.keyBlock.keyValue;
  if (value === undefined || value instanceof Uint8Array) return undefined;
  return value.keyMaterial instanceof Uint8Array ? value.keyMaterial : undefined;
}

/** Get: the object, optionally in another key format (e.g. `'Raw'`, `'PKCS_8'`). */
export function getOperation(
  id: string,
  options: { readonly keyFormat?: EnumInput } = {},
): PreparedOperation<GetResult> {
  return prepare(
    'Get',
    {
      uniqueIdentifier: id,
      ...(options.keyFormat !== undefined && {
        keyFormatType: enumValue('KeyFormatType', options.keyFormat),
      }),
    },
    (payload) => {
      const body = required(payload, 'payload');
      const keyMaterial = keyMaterialOf(body.object);
      return {
        uniqueIdentifier: idText(body.uniqueIdentifier),
        objectType: body.objectType,
        object: body.object,
        ...(keyMaterial !== undefined && { keyMaterial }),
      };
    },
  );
}

/** Activate: Pre-Active → Active. */
export function activateOperation(id: string): PreparedOperation<string> {
  return prepare('Activate', { uniqueIdentifier: id }, (p) =>
    idText(required(p, 'payload').uniqueIdentifier),
  );
}

/** Destroy: the key material is destroyed. */
export function destroyOperation(id: string): PreparedOperation<string> {
  return prepare('Destroy', { uniqueIdentifier: id }, (p) =>
    idText(required(p, 'payload').uniqueIdentifier),
  );
}

/** Options of Revoke. */
export interface RevokeInput {
  /** Revocation Reason Code; default `Unspecified`. */
  readonly reason?: EnumInput;
  readonly message?: string;
  /** Required for KeyCompromise / CACompromise. */
  readonly compromiseDate?: Date;
}

/** Revoke: the object becomes Deactivated or Compromised. */
export function revokeOperation(id: string, input: RevokeInput = {}): PreparedOperation<string> {
  return prepare(
    'Revoke',
    {
      uniqueIdentifier: id,
      revocationReason: {
        code: enumValue('RevocationReasonCode', input.reason ?? RevocationReasonCode.Unspecified),
        ...(input.message !== undefined && { message: input.message }),
      },
      ...(input.compromiseDate !== undefined && { compromiseOccurrenceDate: input.compromiseDate }),
    },
    (p) => idText(required(p, 'payload').uniqueIdentifier),
  );
}

/** Options of Check: what the object would be used for. */
export interface CheckInput {
  readonly usageLimitsCount?: bigint;
  readonly usageMask?: number;
  readonly leaseTime?: number;
}

/** Check: resolves when the object could be used so; fails with a KmipError otherwise. */
export function checkOperation(id: string, input: CheckInput = {}): PreparedOperation<string> {
  return prepare(
    'Check',
    {
      uniqueIdentifier: id,
      ...(input.usageLimitsCount !== undefined && { usageLimitsCount: input.usageLimitsCount }),
      ...(input.usageMask !== undefined && { cryptographicUsageMask: input.usageMask }),
      ...(input.leaseTime !== undefined && { leaseTime: input.leaseTime }),
    },
    (p) => idText(required(p, 'payload').uniqueIdentifier),
  );
}

/** ReKey: a replacement for a symmetric key; resolves with the new key's identifier. */
export function reKeyOperation(
  id: string,
  options: { readonly offsetSeconds?: number } = {},
): PreparedOperation<string> {
  return prepare(
    'ReKey',
    {
      uniqueIdentifier: id,
      ...(options.offsetSeconds !== undefined && { offset: options.offsetSeconds }),
    },
    (p) => idText(required(p, 'payload').uniqueIdentifier),
  );
}

/** Options of DeriveKey. */
export interface DeriveKeyInput extends CommonAttributeInput {
  /** The base object(s). */
  readonly baseIds: readonly string[];
  /** e.g. `'PBKDF2'`, `'HMAC'`, `'HASH'`. */
  readonly method: EnumInput;
  readonly parameters: DerivationParameters;
  /** Default `SymmetricKey`. */
  readonly objectType?: EnumInput;
  readonly algorithm: EnumInput;
  readonly length: number;
}

/** DeriveKey: a new key derived from existing objects; resolves with its identifier. */
export function deriveKeyOperation(input: DeriveKeyInput): PreparedOperation<string> {
  return prepare(
    'DeriveKey',
    {
      objectType: enumValue('ObjectType', input.objectType ?? ObjectType.SymmetricKey),
      uniqueIdentifiers: input.baseIds,
      derivationMethod: enumValue('DerivationMethod', input.method),
      derivationParameters: input.parameters,
      attributes: {
        attributes: [
          {
            name: 'CryptographicAlgorithm',
            value: enumValue('CryptographicAlgorithm', input.algorithm),
          },
          { name: 'CryptographicLength', value: input.length },
          ...commonAttributes(input),
        ],
      },
    },
    (p) => idText(required(p, 'payload').uniqueIdentifier),
  );
}

/** A symmetric key object to Register, from raw key bytes. */
export function symmetricKeyObject(algorithm: EnumInput, key: Uint8Array): ManagedObject {
  return {
    kind: 'SymmetricKey',
    keyBlock: {
      keyFormatType: KeyFormatType.Raw,
      keyValue: { keyMaterial: key },
      cryptographicAlgorithm: enumValue('CryptographicAlgorithm', algorithm),
      cryptographicLength: key.length * 8,
    },
  };
}

/** A Secret Data object (a password by default) to Register. */
export function secretDataObject(
  data: Uint8Array,
  secretDataType: EnumInput = 'Password',
): ManagedObject {
  return {
    kind: 'SecretData',
    secretDataType: enumValue('SecretDataType', secretDataType),
    keyBlock: { keyFormatType: KeyFormatType.Opaque, keyValue: { keyMaterial: data } },
  };
}

/** An X.509 certificate object (DER) to Register. */
export function certificateObject(der: Uint8Array): ManagedObject {
  return {
    kind: 'Certificate',
    certificateType: enumValue('CertificateType', 'X_509'),
    certificateValue: der,
  };
}

/**
 * The Opaque Data Type `opaqueObject` sends by default. KMIP 1.x/2.x define no value, only
 * extensions (8XXXXXXX); this is PyKMIP 0.10's `OpaqueDataType.NONE`, so PyKMIP decodes it.
 */
export const DEFAULT_OPAQUE_DATA_TYPE = 0x80000000;

/** An Opaque Object to Register (Opaque Data Type: an extension value, default PyKMIP's). */
export function opaqueObject(
  data: Uint8Array,
  opaqueDataType: number = DEFAULT_OPAQUE_DATA_TYPE,
): ManagedObject {
  return { kind: 'OpaqueObject', opaqueDataType, opaqueDataValue: data };
}
