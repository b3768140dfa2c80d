/**
 * CIM integer data types (DSP0004 §5.2): range-checked value classes. 8- to 32-bit values
 * are JavaScript numbers, 64-bit values are bigints, so every value is exact.
 */
import { CimIntegerRangeError, CimInvalidValueError, CimTypeError } from '../errors.ts';

/** Names of the CIM integer types. */
export type CimIntegerTypeName =
  'uint8' | 'sint8' | 'uint16' | 'sint16' | 'uint32' | 'sint32' | 'uint64' | 'sint64';

/** What an integer type accepts: a safe integer number, a bigint, or a decimal string. */
export type IntegerInput = number | bigint | string;

const DECIMAL = /^[+-]?\d+$/;
const HEX = /^[+-]?0[xX][0-9a-fA-F]+$/;

/** Converts an integer input to bigint, refusing fractions, unsafe numbers and junk. */
export function toBigInt(input: IntegerInput, cimType: string): bigint {
  if (typeof input === 'bigint') return input;
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input)) {
      throw new CimInvalidValueError(`${input} is not a safe integer for CIM type ${cimType}`);
    }
    return BigInt(input);
  }
  if (typeof input === 'string') {
    const text = input.trim();
    if (DECIMAL.test(text)) return BigInt(text);
    if (HEX.test(text)) {
      // DSP0201 allows hex integers; BigInt() takes no sign with a 0x prefix.
      const negative = text.startsWith('-');
      const magnitude = BigInt(text.replace(/^[+-]/, ''));
      return negative ? -magnitude : magnitude;
    }
    throw new CimInvalidValueError(`${JSON.stringify(input)} is not an integer (${cimType})`);
  }
  throw new CimTypeError(`a ${typeof input} cannot be a CIM ${cimType} value`);
}

/** Base of the CIM integer types; `value` is number (≤ 32 bits) or bigint (64 bits). */
export abstract class CimInteger<T extends number | bigint = number | bigint> {
  /** The CIM type name, e.g. `'uint8'`. */
  abstract readonly cimType: CimIntegerTypeName;
  /** The exact value. */
  readonly value: T;

  protected constructor(value: T) {
    this.value = value;
  }

  /** The value as bigint, whatever the width. */
  toBigInt(): bigint {
    return BigInt(this.value);
  }

  /** Decimal representation, as in CIM-XML and MOF. */
  toString(): string {
    return String(this.value);
  }

  valueOf(): T {
    return this.value;
  }

  toJSON(): string | number {
    return typeof this.value === 'bigint' ? this.value.toString() : this.value;
  }

  /** Numeric equality with any CIM integer (as pywbem, where they are all Python ints). */
  equals(other: unknown): boolean {
    return other instanceof CimInteger && other.toBigInt() === this.toBigInt();
  }
}

function checked(cimType: CimIntegerTypeName, input: IntegerInput, min: bigint, max: bigint) {
  const value = toBigInt(input, cimType);
  if (value < min || value > max) throw new CimIntegerRangeError(cimType, value, min, max);
  return value;
}

/** CIM uint8: 0 … 255. @throws KW_WBEM_INTEGER_RANGE, KW_WBEM_INVALID_VALUE */
export class Uint8 extends CimInteger<number> {
  static readonly minValue = 0n;
  static readonly maxValue = 255n;
  readonly cimType = 'uint8';
  constructor(input: IntegerInput) {
    super(Number(checked('uint8', input, Uint8.minValue, Uint8.maxValue)));
  }
}

/** CIM sint8: -128 … 127. @throws KW_WBEM_INTEGER_RANGE, KW_WBEM_INVALID_VALUE */
export class Sint8 extends CimInteger<number> {
  static readonly minValue = -128n;
  static readonly maxValue = 127n;
  readonly cimType = 'sint8';
  constructor(input: IntegerInput) {
    super(Number(checked('sint8', input, Sint8.minValue, Sint8.maxValue)));
  }
}

/** CIM uint16: 0 … 65535. @throws KW_WBEM_INTEGER_RANGE, KW_WBEM_INVALID_VALUE */
export class Uint16 extends CimInteger<number> {
  static readonly minValue = 0n;
  static readonly maxValue = 65535n;
  readonly cimType = 'uint16';
  constructor(input: IntegerInput) {
    super(Number(checked('uint16', input, Uint16.minValue, Uint16.maxValue)));
  }
}

/** CIM sint16: -32768 … 32767. @throws KW_WBEM_INTEGER_RANGE, KW_WBEM_INVALID_VALUE */
export class Sint16 extends CimInteger<number> {
  static readonly minValue = -32768n;
  static readonly maxValue = 32767n;
  readonly cimType = 'sint16';
  constructor(input: IntegerInput) {
    super(Number(checked('sint16', input, Sint16.minValue, Sint16.maxValue)));
  }
}

/** CIM uint32: 0 … 2^32-1. @throws KW_WBEM_INTEGER_RANGE, KW_WBEM_INVALID_VALUE */
export class Uint32 extends CimInteger<number> {
  static readonly minValue = 0n;
  static readonly maxValue = 4294967295n;
  readonly cimType = 'uint32';
  constructor(input: IntegerInput) {
    super(Number(checked('uint32', input, Uint32.minValue, Uint32.maxValue)));
  }
}

/** CIM sint32: -2^31 … 2^31-1. @throws KW_WBEM_INTEGER_RANGE, KW_WBEM_INVALID_VALUE */
export class Sint32 extends CimInteger<number> {
  static readonly minValue = -2147483648n;
  static readonly maxValue = 2147483647n;
  readonly cimType = 'sint32';
  constructor(input: IntegerInput) {
    super(Number(checked('sint32', input, Sint32.minValue, Sint32.maxValue)));
  }
}

/** CIM uint64: 0 … 2^64-1, as bigint. @throws KW_WBEM_INTEGER_RANGE, KW_WBEM_INVALID_VALUE */
export class Uint64 extends CimInteger<bigint> {
  static readonly minValue = 0n;
  static readonly maxValue = 18446744073709551615n;
  readonly cimType = 'uint64';
  constructor(input: IntegerInput) {
    super(checked('uint64', input, Uint64.minValue, Uint64.maxValue));
  }
}

/** CIM sint64: -2^63 … 2^63-1, as bigint. @throws KW_WBEM_INTEGER_RANGE, KW_WBEM_INVALID_VALUE */
export class Sint64 extends CimInteger<bigint> {
  static readonly minValue = -9223372036854775808n;
  static readonly maxValue = 9223372036854775807n;
  readonly cimType = 'sint64';
  constructor(input: IntegerInput) {
    super(checked('sint64', input, Sint64.minValue, Sint64.maxValue));
  }
}

/** The integer class for each CIM integer type name. */
export const integerClasses = {
  uint8: Uint8,
  sint8: Sint8,
  uint16: Uint16,
  sint16: Sint16,
  uint32: Uint32,
  sint32: Sint32,
  uint64: Uint64,
  sint64: Sint64,
} as const satisfies Record<CimIntegerTypeName, new (input: IntegerInput) => CimInteger>;
