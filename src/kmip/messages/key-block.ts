/**
 * Key Block and the structures around it (KMIP 1.4 §2.1.3–2.1.7, 2.1 §2.1.3–2.1.8):
 * Key Value, Key Wrapping Data, Encryption / MAC-Signature Key Information and the
 * Key Wrapping Specification of Get and Export.
 */
import type { KmipItem } from '../item.ts';
import { Tag } from '../generated/registry.ts';
import {
  byteString,
  bytesOrItem,
  enumeration,
  integer,
  uniqueIdentifier,
  type UniqueIdentifierValue,
} from './codecs.ts';
import { attributeNameText } from './attribute-names.ts';
import { attributeListV2, attributeV1, type Attribute } from './attributes.ts';
import { cryptographicParameters, type CryptographicParameters } from './common.ts';
import {
  decodeStructure,
  defineStruct,
  encodeStructure,
  struct,
  type Extensible,
  type ValueCodec,
} from './schema.ts';

/** Encryption Key Information / MAC-Signature Key Information. */
export interface KeyInformation extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  readonly cryptographicParameters?: CryptographicParameters;
}
const keyInformationSchema = (structName: string) =>
  defineStruct<KeyInformation>(structName, (f) => [
    f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    f.opt('cryptographicParameters', Tag.CryptographicParameters, cryptographicParameters),
  ]);
/** Codec of Encryption Key Information. */
export const encryptionKeyInformation = struct(keyInformationSchema('EncryptionKeyInformation'));
/** Codec of MAC/Signature Key Information. */
export const macSignatureKeyInformation = struct(
  keyInformationSchema('MACSignatureKeyInformation'),
);

/** Key Wrapping Data: how a wrapped Key Value was wrapped. */
export interface KeyWrappingData extends Extensible {
  readonly wrappingMethod: number;
  readonly encryptionKeyInformation?: KeyInformation;
  readonly macSignatureKeyInformation?: KeyInformation;
  readonly macSignature?: Uint8Array;
  readonly ivCounterNonce?: Uint8Array;
  /** KMIP 1.1+. */
  readonly encodingOption?: number;
}
/** Codec of {@link KeyWrappingData}. */
export const keyWrappingData = struct(
  defineStruct<KeyWrappingData>('KeyWrappingData', (f) => [
    f.one('wrappingMethod', Tag.WrappingMethod, enumeration),
    f.opt('encryptionKeyInformation', Tag.EncryptionKeyInformation, encryptionKeyInformation),
    f.opt('macSignatureKeyInformation', Tag.MACSignatureKeyInformation, macSignatureKeyInformation),
    f.opt('macSignature', Tag.MACSignature, byteString),
    f.opt('ivCounterNonce', Tag.IVCounterNonce, byteString),
    f.opt('encodingOption', Tag.EncodingOption, enumeration),
  ]),
);

/** Key Wrapping Specification: how the server should wrap a key it returns (Get, Export). */
export interface KeyWrappingSpecification extends Extensible {
  readonly wrappingMethod: number;
  readonly encryptionKeyInformation?: KeyInformation;
  readonly macSignatureKeyInformation?: KeyInformation;
  /** Attributes to wrap with the key (normalized names). */
  readonly attributeNames?: readonly string[];
  /** KMIP 1.1+. */
  readonly encodingOption?: number;
}
/** Codec of {@link KeyWrappingSpecification}. */
export const keyWrappingSpecification = struct(
  defineStruct<KeyWrappingSpecification>('KeyWrappingSpecification', (f) => [
    f.one('wrappingMethod', Tag.WrappingMethod, enumeration),
    f.opt('encryptionKeyInformation', Tag.EncryptionKeyInformation, encryptionKeyInformation),
    f.opt('macSignatureKeyInformation', Tag.MACSignatureKeyInformation, macSignatureKeyInformation),
    f.many('attributeNames', Tag.AttributeName, attributeNameText),
    f.opt('encodingOption', Tag.EncodingOption, enumeration),
  ]),
);

/**
 * Key Value: the key material, bytes (Raw, PKCS#1, PKCS#8, ...) or a transparent structure
 * kept as its item (Transparent Symmetric/RSA/EC... formats), and attributes wrapped with it.
 */
export interface KeyValue extends Extensible {
  readonly keyMaterial: Uint8Array | KmipItem;
  /** 1.x: Attribute structures; 2.x: one Attributes structure. */
  readonly attributes?: readonly Attribute[];
}
const keyValueSchema = defineStruct<KeyValue>('KeyValue', (f) => [
  f.one('keyMaterial', Tag.KeyMaterial, bytesOrItem),
  f.many('attributes', Tag.Attribute, attributeV1, { until: '1.4' }),
  f.opt('attributes', Tag.Attributes, attributeListV2),
]);

/** Key Value: a structure in the clear, or a Byte String when wrapped (KMIP 1.4 §2.1.4). */
export const keyValue: ValueCodec<KeyValue | Uint8Array> = {
  label: 'KeyValue',
  decode: (item, ctx, path) =>
    item.type === 'ByteString' ? item.value : decodeStructure(keyValueSchema, item, ctx, path),
  encode: (value, tag, ctx, path) =>
    value instanceof Uint8Array
      ? { tag, type: 'ByteString', value }
      : encodeStructure(keyValueSchema, value, tag, ctx, path),
};

/** Key Block: the key value with its format and, when wrapped, how. */
export interface KeyBlock extends Extensible {
  readonly keyFormatType: number;
  readonly keyCompressionType?: number;
  /** The Key Value; bytes when wrapped. Absent only for a Key Value Location (KMIP 1.2+). */
  readonly keyValue?: KeyValue | Uint8Array;
  readonly cryptographicAlgorithm?: number;
  readonly cryptographicLength?: number;
  readonly keyWrappingData?: KeyWrappingData;
}
/** Codec of {@link KeyBlock}. */
export const keyBlock = struct(
  defineStruct<KeyBlock>('KeyBlock', (f) => [
    f.one('keyFormatType', Tag.KeyFormatType, enumeration),
    f.opt('keyCompressionType', Tag.KeyCompressionType, enumeration),
    f.opt('keyValue', Tag.KeyValue, keyValue),
    f.opt('cryptographicAlgorithm', Tag.CryptographicAlgorithm, enumeration),
    f.opt('cryptographicLength', Tag.CryptographicLength, integer),
    f.opt('keyWrappingData', Tag.KeyWrappingData, keyWrappingData),
  ]),
);
