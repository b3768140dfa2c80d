/**
 * Structures shared by attributes, objects and payloads (KMIP 1.4 §2.1, §3; 2.1 §2, §4).
 * Field order is the specification's; versions come from the registry's since/until.
 */
import { Tag } from '../generated/registry.ts';
import {
  boolean,
  byteString,
  enumeration,
  integer,
  longInteger,
  textString,
  uniqueIdentifier,
  type UniqueIdentifierValue,
} from './codecs.ts';
import { defineStruct, struct, type Extensible } from './schema.ts';

/** Protocol Version {major, minor}. */
export interface ProtocolVersion extends Extensible {
  readonly major: number;
  readonly minor: number;
}
/** Schema of {@link ProtocolVersion}. */
export const protocolVersionSchema = defineStruct<ProtocolVersion>('ProtocolVersion', (f) => [
  f.one('major', Tag.ProtocolVersionMajor, integer),
  f.one('minor', Tag.ProtocolVersionMinor, integer),
]);
/** Codec of {@link ProtocolVersion}. */
export const protocolVersion = struct(protocolVersionSchema);

/** Name attribute value {NameValue, NameType}. */
export interface NameValue extends Extensible {
  readonly value: string;
  /** `NameType.UninterpretedTextString` or `NameType.URI`. */
  readonly type: number;
}
/** Codec of {@link NameValue}. */
export const name = struct(
  defineStruct<NameValue>('Name', (f) => [
    f.one('value', Tag.NameValue, textString),
    f.one('type', Tag.NameType, enumeration),
  ]),
);

/** Link attribute value. */
export interface LinkValue extends Extensible {
  readonly linkType: number;
  readonly linkedObjectIdentifier: UniqueIdentifierValue;
}
/** Codec of {@link LinkValue}. */
export const link = struct(
  defineStruct<LinkValue>('Link', (f) => [
    f.one('linkType', Tag.LinkType, enumeration),
    f.one('linkedObjectIdentifier', Tag.LinkedObjectIdentifier, uniqueIdentifier),
  ]),
);

/** Cryptographic Parameters (attribute and operation parameter). */
export interface CryptographicParameters extends Extensible {
  readonly blockCipherMode?: number;
  readonly paddingMethod?: number;
  readonly hashingAlgorithm?: number;
  readonly keyRoleType?: number;
  readonly digitalSignatureAlgorithm?: number;
  readonly cryptographicAlgorithm?: number;
  readonly randomIV?: boolean;
  readonly ivLength?: number;
  readonly tagLength?: number;
  readonly fixedFieldLength?: number;
  readonly invocationFieldLength?: number;
  readonly counterLength?: number;
  readonly initialCounterValue?: number;
  readonly saltLength?: number;
  readonly maskGenerator?: number;
  readonly maskGeneratorHashingAlgorithm?: number;
  readonly pSource?: Uint8Array;
  readonly trailerField?: number;
}
/** Codec of {@link CryptographicParameters}. */
export const cryptographicParameters = struct(
  defineStruct<CryptographicParameters>('CryptographicParameters', (f) => [
    f.opt('blockCipherMode', Tag.BlockCipherMode, enumeration),
    f.opt('paddingMethod', Tag.PaddingMethod, enumeration),
    f.opt('hashingAlgorithm', Tag.HashingAlgorithm, enumeration),
    f.opt('keyRoleType', Tag.KeyRoleType, enumeration),
    f.opt('digitalSignatureAlgorithm', Tag.DigitalSignatureAlgorithm, enumeration),
    f.opt('cryptographicAlgorithm', Tag.CryptographicAlgorithm, enumeration),
    f.opt('randomIV', Tag.RandomIV, boolean),
    f.opt('ivLength', Tag.IVLength, integer),
    f.opt('tagLength', Tag.TagLength, integer),
    f.opt('fixedFieldLength', Tag.FixedFieldLength, integer),
    f.opt('invocationFieldLength', Tag.InvocationFieldLength, integer),
    f.opt('counterLength', Tag.CounterLength, integer),
    f.opt('initialCounterValue', Tag.InitialCounterValue, integer),
    f.opt('saltLength', Tag.SaltLength, integer),
    f.opt('maskGenerator', Tag.MaskGenerator, enumeration),
    f.opt('maskGeneratorHashingAlgorithm', Tag.MaskGeneratorHashingAlgorithm, enumeration),
    f.opt('pSource', Tag.PSource, byteString),
    f.opt('trailerField', Tag.TrailerField, integer),
  ]),
);

/** Digest attribute value. */
export interface DigestValue extends Extensible {
  readonly hashingAlgorithm: number;
  readonly digestValue?: Uint8Array;
  readonly keyFormatType?: number;
}
/** Codec of {@link DigestValue}. */
export const digest = struct(
  defineStruct<DigestValue>('Digest', (f) => [
    f.one('hashingAlgorithm', Tag.HashingAlgorithm, enumeration),
    f.opt('digestValue', Tag.DigestValue, byteString),
    // KMIP 1.0 §3.17: Hashing Algorithm and Digest Value only; 1.1 added Key Format Type.
    f.opt('keyFormatType', Tag.KeyFormatType, enumeration, { since: '1.1' }),
  ]),
);

/** Application Specific Information attribute value. */
export interface ApplicationSpecificInformationValue extends Extensible {
  readonly applicationNamespace: string;
  /** Required in KMIP 1.x, optional in 2.x. */
  readonly applicationData?: string;
}
/** Codec of {@link ApplicationSpecificInformationValue}. */
export const applicationSpecificInformation = struct(
  defineStruct<ApplicationSpecificInformationValue>('ApplicationSpecificInformation', (f) => [
    f.one('applicationNamespace', Tag.ApplicationNamespace, textString),
    f.opt('applicationData', Tag.ApplicationData, textString),
  ]),
);

/** Revocation Reason {code, message}. */
export interface RevocationReasonValue extends Extensible {
  /** A `RevocationReasonCode` value. */
  readonly code: number;
  readonly message?: string;
}
/** Codec of {@link RevocationReasonValue}. */
export const revocationReason = struct(
  defineStruct<RevocationReasonValue>('RevocationReason', (f) => [
    f.one('code', Tag.RevocationReasonCode, enumeration),
    f.opt('message', Tag.RevocationMessage, textString),
  ]),
);

/** Cryptographic Domain Parameters attribute value. */
export interface CryptographicDomainParametersValue extends Extensible {
  readonly qlength?: number;
  readonly recommendedCurve?: number;
}
/** Codec of {@link CryptographicDomainParametersValue}. */
export const cryptographicDomainParameters = struct(
  defineStruct<CryptographicDomainParametersValue>('CryptographicDomainParameters', (f) => [
    f.opt('qlength', Tag.Qlength, integer),
    f.opt('recommendedCurve', Tag.RecommendedCurve, enumeration),
  ]),
);

/** Usage Limits attribute value. */
export interface UsageLimitsValue extends Extensible {
  readonly total?: bigint;
  readonly count?: bigint;
  readonly unit?: number;
}
/** Codec of {@link UsageLimitsValue}. */
export const usageLimits = struct(
  defineStruct<UsageLimitsValue>('UsageLimits', (f) => [
    f.opt('total', Tag.UsageLimitsTotal, longInteger),
    f.opt('count', Tag.UsageLimitsCount, longInteger),
    f.opt('unit', Tag.UsageLimitsUnit, enumeration),
  ]),
);

/** Alternative Name attribute value (KMIP 1.2+). */
export interface AlternativeNameValue extends Extensible {
  readonly value: string;
  readonly type: number;
}
/** Codec of {@link AlternativeNameValue}. */
export const alternativeName = struct(
  defineStruct<AlternativeNameValue>('AlternativeName', (f) => [
    f.one('value', Tag.AlternativeNameValue, textString),
    f.one('type', Tag.AlternativeNameType, enumeration),
  ]),
);

/** Key Value Location attribute value (KMIP 1.2+). */
export interface KeyValueLocationValue extends Extensible {
  readonly value: string;
  readonly type: number;
}
/** Codec of {@link KeyValueLocationValue}. */
export const keyValueLocation = struct(
  defineStruct<KeyValueLocationValue>('KeyValueLocation', (f) => [
    f.one('value', Tag.KeyValueLocationValue, textString),
    f.one('type', Tag.KeyValueLocationType, enumeration),
  ]),
);

/** X.509 Certificate Identifier attribute value (KMIP 1.1+). */
export interface X509CertificateIdentifierValue extends Extensible {
  readonly issuerDistinguishedName?: Uint8Array;
  readonly certificateSerialNumber?: Uint8Array;
}
/** Codec of {@link X509CertificateIdentifierValue}. */
export const x509CertificateIdentifier = struct(
  defineStruct<X509CertificateIdentifierValue>('X_509CertificateIdentifier', (f) => [
    f.opt('issuerDistinguishedName', Tag.IssuerDistinguishedName, byteString),
    f.opt('certificateSerialNumber', Tag.CertificateSerialNumber, byteString),
  ]),
);

/** RNG Parameters (Random Number Generator attribute, Query response; KMIP 1.3+). */
export interface RngParametersValue extends Extensible {
  readonly rngAlgorithm: number;
  readonly cryptographicAlgorithm?: number;
  readonly cryptographicLength?: number;
  readonly hashingAlgorithm?: number;
  readonly drbgAlgorithm?: number;
  readonly recommendedCurve?: number;
  readonly fips186Variation?: number;
  readonly predictionResistance?: boolean;
}
/** Codec of {@link RngParametersValue}. */
export const rngParameters = struct(
  defineStruct<RngParametersValue>('RNGParameters', (f) => [
    f.one('rngAlgorithm', Tag.RNGAlgorithm, enumeration),
    f.opt('cryptographicAlgorithm', Tag.CryptographicAlgorithm, enumeration),
    f.opt('cryptographicLength', Tag.CryptographicLength, integer),
    f.opt('hashingAlgorithm', Tag.HashingAlgorithm, enumeration),
    f.opt('drbgAlgorithm', Tag.DRBGAlgorithm, enumeration),
    f.opt('recommendedCurve', Tag.RecommendedCurve, enumeration),
    f.opt('fips186Variation', Tag.FIPS186Variation, enumeration),
    f.opt('predictionResistance', Tag.PredictionResistance, boolean),
  ]),
);
