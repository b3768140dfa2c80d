/**
 * Request and response headers (KMIP 1.4 §7.2, 2.1 §8.2) with Authentication, Credential,
 * Nonce and Message Extension. Field versions come from the registry, so a 1.0 header
 * never carries the 1.2+ attestation or 1.4+ correlation fields.
 */
import type { KmipItem } from '../item.ts';
import { CredentialType, Tag } from '../generated/registry.ts';
import {
  anyItem,
  asynchronousIndicator,
  boolean,
  byteString,
  enumeration,
  integer,
  textString,
  timeStamp,
} from './codecs.ts';
import { protocolVersion, type ProtocolVersion } from './common.ts';
import {
  childPath,
  decodeStructure,
  defineStruct,
  encodeStructure,
  struct,
  type Extensible,
  type ValueCodec,
} from './schema.ts';

/** Username and Password credential (KMIP 1.4 §2.1.2). The password is secret: never log it. */
export interface UsernameAndPasswordCredential extends Extensible {
  readonly kind: 'UsernameAndPassword';
  readonly username: string;
  readonly password?: string;
}
/** Device credential (KMIP 1.1+). */
export interface DeviceCredential extends Extensible {
  readonly kind: 'Device';
  readonly deviceSerialNumber?: string;
  readonly password?: string;
  readonly deviceIdentifier?: string;
  readonly networkIdentifier?: string;
  readonly machineIdentifier?: string;
  readonly mediaIdentifier?: string;
}
/** Ticket credential (KMIP 2.0+). */
export interface TicketCredential extends Extensible {
  readonly kind: 'Ticket';
  readonly ticketType: number;
  readonly ticketValue: Uint8Array;
}
/** Any other credential type (Attestation, One Time Password, Hashed Password, vendor): kept as items. */
export interface OtherCredential {
  readonly kind: 'Other';
  readonly credentialType: number;
  readonly credentialValue: KmipItem;
}
/** A Credential. */
export type Credential =
  UsernameAndPasswordCredential | DeviceCredential | TicketCredential | OtherCredential;

type Body<C> = Omit<C, 'kind'>;
const usernameAndPasswordSchema = defineStruct<Body<UsernameAndPasswordCredential>>(
  'CredentialValue',
  (f) => [f.one('username', Tag.Username, textString), f.opt('password', Tag.Password, textString)],
);
const deviceSchema = defineStruct<Body<DeviceCredential>>('CredentialValue', (f) => [
  f.opt('deviceSerialNumber', Tag.DeviceSerialNumber, textString),
  f.opt('password', Tag.Password, textString),
  f.opt('deviceIdentifier', Tag.DeviceIdentifier, textString),
  f.opt('networkIdentifier', Tag.NetworkIdentifier, textString),
  f.opt('machineIdentifier', Tag.MachineIdentifier, textString),
  f.opt('mediaIdentifier', Tag.MediaIdentifier, textString),
]);
interface TicketWire extends Extensible {
  readonly ticketType: number;
  readonly ticketValue: Uint8Array;
}
const ticketSchema = defineStruct<TicketWire>('Ticket', (f) => [
  f.one('ticketType', Tag.TicketType, enumeration),
  f.one('ticketValue', Tag.TicketValue, byteString),
]);
const ticketValueSchema = defineStruct<{ ticket: TicketWire }>('CredentialValue', (f) => [
  f.one('ticket', Tag.Ticket, struct(ticketSchema)),
]);

interface CredentialWire extends Extensible {
  readonly credentialType: number;
  readonly credentialValue: KmipItem;
}
const credentialSchema = defineStruct<CredentialWire>('Credential', (f) => [
  f.one('credentialType', Tag.CredentialType, enumeration),
  f.one('credentialValue', Tag.CredentialValue, anyItem),
]);

/** Codec of {@link Credential}; the Credential Type selects the value's shape. */
export const credential: ValueCodec<Credential> = {
  label: 'Credential',
  decode(item, ctx, path) {
    const wire = decodeStructure(credentialSchema, item, ctx, path);
    const valuePath = childPath(path, 'CredentialValue');
    const extra = wire.unknownItems === undefined ? {} : { unknownItems: wire.unknownItems };
    switch (wire.credentialType) {
      case CredentialType.UsernameAndPassword:
        return {
          kind: 'UsernameAndPassword',
          ...decodeStructure(usernameAndPasswordSchema, wire.credentialValue, ctx, valuePath),
          ...extra,
        };
      case CredentialType.Device:
        return {
          kind: 'Device',
          ...decodeStructure(deviceSchema, wire.credentialValue, ctx, valuePath),
          ...extra,
        };
      case CredentialType.Ticket: {
        const { ticket } = decodeStructure(ticketValueSchema, wire.credentialValue, ctx, valuePath);
        return { kind: 'Ticket', ...ticket, ...extra };
      }
      default:
        return {
          kind: 'Other',
          credentialType: wire.credentialType,
          credentialValue: wire.credentialValue,
        };
    }
  },
  encode(value, tag, ctx, path) {
    const valuePath = childPath(path, 'CredentialValue');
    let wire: CredentialWire;
    if (value.kind === 'Other') {
      wire = { credentialType: value.credentialType, credentialValue: value.credentialValue };
    } else {
      const { kind, unknownItems, ...body } = value;
      const credentialValue =
        kind === 'UsernameAndPassword'
          ? encodeStructure(
              usernameAndPasswordSchema,
              body as Body<UsernameAndPasswordCredential>,
              Tag.CredentialValue,
              ctx,
              valuePath,
            )
          : kind === 'Device'
            ? encodeStructure(
                deviceSchema,
                body as Body<DeviceCredential>,
                Tag.CredentialValue,
                ctx,
                valuePath,
              )
            : encodeStructure(
                ticketValueSchema,
                { ticket: body as TicketWire },
                Tag.CredentialValue,
                ctx,
                valuePath,
              );
      wire = {
        credentialType: CredentialType[kind],
        credentialValue,
        ...(unknownItems === undefined ? {} : { unknownItems }),
      };
    }
    return encodeStructure(credentialSchema, wire, tag, ctx, path);
  },
};

/** Authentication: one or more Credentials. */
export interface Authentication extends Extensible {
  readonly credentials: readonly Credential[];
}
const authentication = struct(
  defineStruct<Authentication>('Authentication', (f) => [
    f.many('credentials', Tag.Credential, credential, { min1: true }),
  ]),
);

/** Nonce (KMIP 1.2+). */
export interface Nonce extends Extensible {
  readonly nonceId: Uint8Array;
  readonly nonceValue: Uint8Array;
}
const nonce = struct(
  defineStruct<Nonce>('Nonce', (f) => [
    f.one('nonceId', Tag.NonceID, byteString),
    f.one('nonceValue', Tag.NonceValue, byteString),
  ]),
);

/** Message Extension of a batch item. */
export interface MessageExtension extends Extensible {
  readonly vendorIdentification: string;
  readonly criticalityIndicator: boolean;
  readonly vendorExtension: KmipItem;
}
/** Codec of {@link MessageExtension}. */
export const messageExtension = struct(
  defineStruct<MessageExtension>('MessageExtension', (f) => [
    f.one('vendorIdentification', Tag.VendorIdentification, textString),
    f.one('criticalityIndicator', Tag.CriticalityIndicator, boolean),
    f.one('vendorExtension', Tag.VendorExtension, anyItem),
  ]),
);

/** Request Header. */
export interface RequestHeader extends Extensible {
  readonly protocolVersion: ProtocolVersion;
  readonly maximumResponseSize?: number;
  readonly clientCorrelationValue?: string;
  readonly serverCorrelationValue?: string;
  /** Boolean in KMIP 1.x, an `AsynchronousIndicator` value in 2.x (converted on encode). */
  readonly asynchronousIndicator?: boolean | number;
  readonly attestationCapableIndicator?: boolean;
  readonly attestationTypes?: readonly number[];
  readonly authentication?: Authentication;
  readonly batchErrorContinuationOption?: number;
  readonly batchOrderOption?: boolean;
  readonly timeStamp?: Date | bigint;
  readonly batchCount: number;
}
/** Schema of {@link RequestHeader}. */
export const requestHeaderSchema = defineStruct<RequestHeader>('RequestHeader', (f) => [
  f.one('protocolVersion', Tag.ProtocolVersion, protocolVersion),
  f.opt('maximumResponseSize', Tag.MaximumResponseSize, integer),
  f.opt('clientCorrelationValue', Tag.ClientCorrelationValue, textString),
  f.opt('serverCorrelationValue', Tag.ServerCorrelationValue, textString),
  f.opt('asynchronousIndicator', Tag.AsynchronousIndicator, asynchronousIndicator),
  f.opt('attestationCapableIndicator', Tag.AttestationCapableIndicator, boolean),
  f.many('attestationTypes', Tag.AttestationType, enumeration),
  f.opt('authentication', Tag.Authentication, authentication),
  f.opt('batchErrorContinuationOption', Tag.BatchErrorContinuationOption, enumeration),
  f.opt('batchOrderOption', Tag.BatchOrderOption, boolean),
  f.opt('timeStamp', Tag.TimeStamp, timeStamp),
  f.one('batchCount', Tag.BatchCount, integer),
]);

/** Response Header. */
export interface ResponseHeader extends Extensible {
  readonly protocolVersion: ProtocolVersion;
  readonly timeStamp: Date | bigint;
  readonly nonce?: Nonce;
  /** KMIP 2.0+. */
  readonly serverHashedPassword?: Uint8Array;
  readonly attestationTypes?: readonly number[];
  readonly clientCorrelationValue?: string;
  readonly serverCorrelationValue?: string;
  readonly batchCount: number;
}
/** Schema of {@link ResponseHeader}. */
export const responseHeaderSchema = defineStruct<ResponseHeader>('ResponseHeader', (f) => [
  f.one('protocolVersion', Tag.ProtocolVersion, protocolVersion),
  f.one('timeStamp', Tag.TimeStamp, timeStamp),
  f.opt('nonce', Tag.Nonce, nonce),
  f.opt('serverHashedPassword', Tag.ServerHashedPassword, byteString),
  f.many('attestationTypes', Tag.AttestationType, enumeration),
  f.opt('clientCorrelationValue', Tag.ClientCorrelationValue, textString),
  f.opt('serverCorrelationValue', Tag.ServerCorrelationValue, textString),
  f.one('batchCount', Tag.BatchCount, integer),
]);
