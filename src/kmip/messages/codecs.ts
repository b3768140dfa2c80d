/**
 * Leaf codecs of the message model: one per TTLV item type, the raw-item codec for
 * fields kept as trees, and codecs for the few fields whose item type depends on the
 * protocol version or on the value.
 */
import type { ItemTypeName, ItemValue, KmipItem } from '../item.ts';
import { AsynchronousIndicator } from '../generated/registry.ts';
import { compareVersions } from '../registry.ts';
import { KmipMessageEncodeError, wrongType } from './errors.ts';
import type { ValueCodec } from './schema.ts';

function isValueOfType(type: ItemTypeName, value: unknown): boolean {
  switch (type) {
    case 'Integer':
    case 'Enumeration':
    case 'Interval':
      return typeof value === 'number';
    case 'LongInteger':
    case 'BigInteger':
    case 'DateTimeExtended':
      return typeof value === 'bigint';
    case 'Boolean':
      return typeof value === 'boolean';
    case 'TextString':
      return typeof value === 'string';
    case 'ByteString':
      return value instanceof Uint8Array;
    case 'DateTime':
      return value instanceof Date;
    case 'Structure':
      return Array.isArray(value);
  }
}

/** A codec for a scalar item type: the value is the item's value. */
export function scalar<T extends Exclude<ItemTypeName, 'Structure'>>(
  type: T,
): ValueCodec<ItemValue<T>> {
  return {
    label: type,
    decode(item, _ctx, path) {
      if (item.type !== type) throw wrongType(path, type, item.type);
      return item.value as ItemValue<T>;
    },
    encode(value, tag, _ctx, path) {
      if (!isValueOfType(type, value))
        throw new KmipMessageEncodeError(path, `value is not a ${type}`);
      return { tag, type, value } as KmipItem;
    },
  };
}

/** Integer (32-bit signed; masks too). */
export const integer = scalar('Integer');
/** Long Integer (64-bit, bigint). */
export const longInteger = scalar('LongInteger');
/** Big Integer (bigint). */
export const bigInteger = scalar('BigInteger');
/** Enumeration (the numeric value; names come from the registry consts). */
export const enumeration = scalar('Enumeration');
/** Boolean. */
export const boolean = scalar('Boolean');
/** Text String. */
export const textString = scalar('TextString');
/** Byte String. */
export const byteString = scalar('ByteString');
/** Date-Time (`Date`, whole seconds). */
export const dateTime = scalar('DateTime');
/** Interval (seconds). */
export const interval = scalar('Interval');
/** Date-Time Extended (microseconds, bigint; KMIP 2.0+). */
export const dateTimeExtended = scalar('DateTimeExtended');

/** Any item, kept as it is (its tag is replaced by the field's tag on encode). */
export const anyItem: ValueCodec<KmipItem> = {
  label: 'item',
  decode: (item) => item,
  encode(value, tag, _ctx, path) {
    if (typeof value !== 'object' || value === null || typeof value.type !== 'string') {
      throw new KmipMessageEncodeError(path, 'value is not a KMIP item');
    }
    return value.tag === tag ? value : ({ ...value, tag } as KmipItem);
  },
};

/**
 * A Unique Identifier: a Text String, or in KMIP 2.0+ an Enumeration (an ID placeholder
 * such as `UniqueIdentifier.IDPlaceholder`) or an Integer (KMIP 2.0 lists all three types
 * for Unique Identifier); the latter two are kept as `{ type, value }`.
 */
export type UniqueIdentifierValue = string | UniqueIdentifierReference;

/** A non-text Unique Identifier (KMIP 2.0+). */
export interface UniqueIdentifierReference {
  readonly type: 'Enumeration' | 'Integer';
  readonly value: number;
}

/** Codec of {@link UniqueIdentifierValue}. */
export const uniqueIdentifier: ValueCodec<UniqueIdentifierValue> = {
  label: 'UniqueIdentifier',
  decode(item, _ctx, path) {
    if (item.type === 'TextString') return item.value;
    if (item.type === 'Enumeration' || item.type === 'Integer')
      return { type: item.type, value: item.value };
    throw wrongType(path, 'TextString', item.type);
  },
  encode(value, tag, _ctx, path) {
    if (typeof value === 'string') return { tag, type: 'TextString', value };
    if (typeof value === 'object' && value !== null && typeof value.value === 'number') {
      return { tag, type: value.type, value: value.value };
    }
    throw new KmipMessageEncodeError(path, 'value is not a Unique Identifier');
  },
};

/**
 * A Time Stamp: a Date-Time, or a Date-Time Extended in KMIP 2.0+ (alternate type in the
 * registry). Kept as `Date` or `bigint` (microseconds).
 */
export const timeStamp: ValueCodec<Date | bigint> = {
  label: 'DateTime',
  decode(item, _ctx, path) {
    if (item.type === 'DateTime' || item.type === 'DateTimeExtended') return item.value;
    throw wrongType(path, 'DateTime', item.type);
  },
  encode(value, tag, _ctx, path) {
    if (value instanceof Date) return { tag, type: 'DateTime', value };
    if (typeof value === 'bigint') return { tag, type: 'DateTimeExtended', value };
    throw new KmipMessageEncodeError(path, 'value is not a Date-Time');
  },
};

/**
 * Asynchronous Indicator: a Boolean in KMIP 1.x, an Enumeration in 2.x. Decoded as it is
 * on the wire; encoded in the target version's type (KMIP 1.x true = the client accepts an
 * asynchronous response = 2.x Optional; false = Prohibited).
 */
export const asynchronousIndicator: ValueCodec<boolean | number> = {
  label: 'AsynchronousIndicator',
  decode(item, _ctx, path) {
    if (item.type === 'Boolean' || item.type === 'Enumeration') return item.value;
    throw wrongType(path, 'Boolean', item.type);
  },
  encode(value, tag, ctx, path) {
    const isV2 = compareVersions(ctx.version, '2.0') >= 0;
    if (typeof value === 'boolean') {
      return isV2
        ? {
            tag,
            type: 'Enumeration',
            value: value ? AsynchronousIndicator.Optional : AsynchronousIndicator.Prohibited,
          }
        : { tag, type: 'Boolean', value };
    }
    if (typeof value === 'number') {
      return isV2
        ? { tag, type: 'Enumeration', value }
        : { tag, type: 'Boolean', value: value !== AsynchronousIndicator.Prohibited };
    }
    throw new KmipMessageEncodeError(path, 'value is not an Asynchronous Indicator');
  },
};

/** A Byte String in KMIP 1.x, a raw Structure in 2.x (e.g. Certificate Request). */
export const bytesOrItem: ValueCodec<Uint8Array | KmipItem> = {
  label: 'ByteString',
  decode(item) {
    return item.type === 'ByteString' ? item.value : item;
  },
  encode(value, tag, ctx, path) {
    return value instanceof Uint8Array
      ? { tag, type: 'ByteString', value }
      : anyItem.encode(value, tag, ctx, path);
  },
};
