/**
 * Managed objects (KMIP 1.4 §2.2, 2.1 §2.2) as a discriminated union on `kind`, the
 * object's tag name. The payload field that carries an object accepts any object tag.
 */
import { ResultReason, Tag } from '../generated/registry.ts';
import { bigInteger, byteString, enumeration, integer } from './codecs.ts';
import { attributeV1, type Attribute } from './attributes.ts';
import { KmipMessageEncodeError, KmipMessageError } from './errors.ts';
import { keyBlock, type KeyBlock } from './key-block.ts';
import {
  decodeStructure,
  defineStruct,
  encodeStructure,
  tagName,
  type Extensible,
  type StructSchema,
  type ValueCodec,
} from './schema.ts';

/** Symmetric Key. */
export interface SymmetricKey extends Extensible {
  readonly kind: 'SymmetricKey';
  readonly keyBlock: KeyBlock;
}
/** Public Key. */
export interface PublicKey extends Extensible {
  readonly kind: 'PublicKey';
  readonly keyBlock: KeyBlock;
}
/** Private Key. */
export interface PrivateKey extends Extensible {
  readonly kind: 'PrivateKey';
  readonly keyBlock: KeyBlock;
}
/** Split Key. */
export interface SplitKey extends Extensible {
  readonly kind: 'SplitKey';
  readonly splitKeyParts: number;
  readonly keyPartIdentifier: number;
  readonly splitKeyThreshold: number;
  readonly splitKeyMethod: number;
  readonly primeFieldSize?: bigint;
  readonly keyBlock: KeyBlock;
}
/** Certificate. */
export interface Certificate extends Extensible {
  readonly kind: 'Certificate';
  readonly certificateType: number;
  readonly certificateValue: Uint8Array;
}
/** Secret Data. */
export interface SecretData extends Extensible {
  readonly kind: 'SecretData';
  readonly secretDataType: number;
  readonly keyBlock: KeyBlock;
}
/** Opaque Object. */
export interface OpaqueObject extends Extensible {
  readonly kind: 'OpaqueObject';
  readonly opaqueDataType: number;
  readonly opaqueDataValue: Uint8Array;
}
/** Template (KMIP 1.x; removed in 2.0). */
export interface Template extends Extensible {
  readonly kind: 'Template';
  readonly attributes: readonly Attribute[];
}
/** PGP Key (KMIP 1.2+). */
export interface PgpKey extends Extensible {
  readonly kind: 'PGPKey';
  readonly pgpKeyVersion: number;
  readonly keyBlock: KeyBlock;
}
/** Certificate Request object (KMIP 2.0+). */
export interface CertificateRequestObject extends Extensible {
  readonly kind: 'CertificateRequest';
  readonly certificateRequestType: number;
  readonly certificateRequestValue: Uint8Array;
}

/** Any managed object. */
export type ManagedObject =
  | SymmetricKey
  | PublicKey
  | PrivateKey
  | SplitKey
  | Certificate
  | SecretData
  | OpaqueObject
  | Template
  | PgpKey
  | CertificateRequestObject;

/** The `kind` of a managed object. */
export type ManagedObjectKind = ManagedObject['kind'];

type Body<O> = Omit<O, 'kind'>;

const keyOnly = (structName: string) =>
  defineStruct<Body<SymmetricKey>>(structName, (f) => [f.one('keyBlock', Tag.KeyBlock, keyBlock)]);

const objectSchemas: {
  readonly [K in ManagedObjectKind]: StructSchema<Body<Extract<ManagedObject, { kind: K }>>>;
} = {
  SymmetricKey: keyOnly('SymmetricKey'),
  PublicKey: keyOnly('PublicKey'),
  PrivateKey: keyOnly('PrivateKey'),
  SplitKey: defineStruct<Body<SplitKey>>('SplitKey', (f) => [
    f.one('splitKeyParts', Tag.SplitKeyParts, integer),
    f.one('keyPartIdentifier', Tag.KeyPartIdentifier, integer),
    f.one('splitKeyThreshold', Tag.SplitKeyThreshold, integer),
    f.one('splitKeyMethod', Tag.SplitKeyMethod, enumeration),
    f.opt('primeFieldSize', Tag.PrimeFieldSize, bigInteger),
    f.one('keyBlock', Tag.KeyBlock, keyBlock),
  ]),
  Certificate: defineStruct<Body<Certificate>>('Certificate', (f) => [
    f.one('certificateType', Tag.CertificateType, enumeration),
    f.one('certificateValue', Tag.CertificateValue, byteString),
  ]),
  SecretData: defineStruct<Body<SecretData>>('SecretData', (f) => [
    f.one('secretDataType', Tag.SecretDataType, enumeration),
    f.one('keyBlock', Tag.KeyBlock, keyBlock),
  ]),
  OpaqueObject: defineStruct<Body<OpaqueObject>>('OpaqueObject', (f) => [
    f.one('opaqueDataType', Tag.OpaqueDataType, enumeration),
    f.one('opaqueDataValue', Tag.OpaqueDataValue, byteString),
  ]),
  Template: defineStruct<Body<Template>>('Template', (f) => [
    // The registry keeps Attribute past 1.4 (2.x Vendor Attribute); Templates are 1.x only.
    f.many('attributes', Tag.Attribute, attributeV1, { min1: true }),
  ]),
  PGPKey: defineStruct<Body<PgpKey>>('PGPKey', (f) => [
    f.one('pgpKeyVersion', Tag.PGPKeyVersion, integer),
    f.one('keyBlock', Tag.KeyBlock, keyBlock),
  ]),
  CertificateRequest: defineStruct<Body<CertificateRequestObject>>('CertificateRequest', (f) => [
    f.one('certificateRequestType', Tag.CertificateRequestType, enumeration),
    f.one('certificateRequestValue', Tag.CertificateRequestValue, byteString),
  ]),
};

/** The tag of each managed object kind. */
export const managedObjectTags: { readonly [K in ManagedObjectKind]: number } = {
  SymmetricKey: Tag.SymmetricKey,
  PublicKey: Tag.PublicKey,
  PrivateKey: Tag.PrivateKey,
  SplitKey: Tag.SplitKey,
  Certificate: Tag.Certificate,
  SecretData: Tag.SecretData,
  OpaqueObject: Tag.OpaqueObject,
  Template: Tag.Template,
  PGPKey: Tag.PGPKey,
  CertificateRequest: Tag.CertificateRequest,
};

const kindByTag = new Map<number, ManagedObjectKind>(
  (Object.entries(managedObjectTags) as [ManagedObjectKind, number][]).map(([kind, tag]) => [
    tag,
    kind,
  ]),
);

/** Every tag a managed object field accepts. */
export const MANAGED_OBJECT_TAGS: readonly number[] = [...kindByTag.keys()];

/** Codec of {@link ManagedObject}: the item's tag selects the kind. */
export const managedObject: ValueCodec<ManagedObject> = {
  label: 'ManagedObject',
  decode(item, ctx, path) {
    const kind = kindByTag.get(item.tag);
    if (kind === undefined) {
      throw new KmipMessageError(
        ResultReason.InvalidMessage,
        path,
        `${tagName(item.tag)} is not a managed object`,
      );
    }
    const schema = objectSchemas[kind] as StructSchema<Body<ManagedObject>>;
    return { kind, ...decodeStructure(schema, item, ctx, path) } as ManagedObject;
  },
  encode(object, _tag, ctx, path) {
    const schema = objectSchemas[object.kind] as StructSchema<Body<ManagedObject>> | undefined;
    if (schema === undefined) throw new KmipMessageEncodeError(path, 'unknown managed object kind');
    const { kind, ...body } = object;
    return encodeStructure(schema, body, managedObjectTags[kind], ctx, path);
  },
};
