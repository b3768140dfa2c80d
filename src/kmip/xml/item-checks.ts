/**
 * Checks that an item's value has the JS type and range its item type needs before an
 * encoder prints it, so the XML and JSON encoders refuse exactly what the TTLV encoder
 * refuses (a tree from outside may break the `KmipItem` types at run time).
 */
import type { KmipItem } from '../item.ts';
import { type Fail, isInt64 } from './text-values.ts';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** True when `tag` lies in the standard (0x42xxxx) or extension (0x54xxxx) range. */
export function isValidTag(tag: unknown): tag is number {
  if (typeof tag !== 'number' || !Number.isInteger(tag) || tag < 0 || tag > 0xffffff) return false;
  const high = tag >>> 16;
  return high === 0x42 || high === 0x54;
}

/** Calls `fail` unless the item's tag, type and value are encodable. */
export function checkItem(item: KmipItem, fail: Fail): void {
  if (typeof item !== 'object' || item === null) fail('not an item');
  if (!isValidTag(item.tag)) fail('tag outside 0x42xxxx and 0x54xxxx');
  const value: unknown = item.value;
  switch (item.type) {
    case 'Structure':
      if (!Array.isArray(value)) fail('Structure value is not an array');
      return;
    case 'Integer':
      if (!isIntegerIn(value, INT32_MIN, INT32_MAX)) fail('Integer is not a 32-bit signed integer');
      return;
    case 'Enumeration':
    case 'Interval':
      if (!isIntegerIn(value, 0, UINT32_MAX)) fail(`${item.type} is not a 32-bit unsigned integer`);
      return;
    case 'LongInteger':
    case 'DateTimeExtended':
      if (typeof value !== 'bigint' || !isInt64(value)) fail(`${item.type} is not a 64-bit bigint`);
      return;
    case 'BigInteger':
      if (typeof value !== 'bigint') fail('BigInteger is not a bigint');
      return;
    case 'Boolean':
      if (typeof value !== 'boolean') fail('Boolean is not a boolean');
      return;
    case 'TextString':
      // A lone surrogate has no UTF-8 form; the TTLV encoder refuses it too.
      if (typeof value !== 'string' || !value.isWellFormed()) {
        fail('TextString is not a well-formed string');
      }
      return;
    case 'ByteString':
      if (!(value instanceof Uint8Array)) fail('ByteString is not a Uint8Array');
      return;
    case 'DateTime':
      if (!(value instanceof Date) || Number.isNaN(value.getTime()))
        fail('DateTime is not a valid Date');
      return;
    default:
      fail('unknown item type');
  }
}
