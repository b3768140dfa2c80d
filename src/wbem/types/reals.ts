/**
 * CIM real data types (DSP0004 §5.2: IEEE 754 single and double precision). Both hold a
 * JavaScript number; as in pywbem, a real32 is not rounded to single precision, only its
 * CIM-XML text uses fewer digits (DSP0201 §5.2.2: at least 11 significant digits).
 */
import { CimInvalidValueError, CimTypeError } from '../errors.ts';
import { pythonFloatRepr } from './real-format.ts';

/** Names of the CIM real types. */
export type CimRealTypeName = 'real32' | 'real64';

// Python float() syntax minus underscores and hex: what DSP0201 realValue and pywbem accept.
const REAL = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Parses the text of a real value (decimal, exponent, INF, -INF, NaN; case-insensitive). */
export function parseReal(text: string, cimType: string): number {
  const trimmed = text.trim();
  if (REAL.test(trimmed)) return Number(trimmed);
  const special = SPECIAL.exec(trimmed);
  if (special) {
    if (special[2]?.toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  throw new CimInvalidValueError(`${JSON.stringify(text)} is not a ${cimType} value`);
}

function toNumber(input: number | string, cimType: string): number {
  if (typeof input === 'number') return input;
  if (typeof input === 'string') return parseReal(input, cimType);
  throw new CimTypeError(`a ${typeof input} cannot be a CIM ${cimType} value`);
}

/** Base of the CIM real types. */
export abstract class CimReal {
  abstract readonly cimType: CimRealTypeName;
  readonly value: number;

  protected constructor(value: number) {
    this.value = value;
  }

  /** Python repr of the value, as pywbem prints it (e.g. `42.0`). */
  toString(): string {
    return pythonFloatRepr(this.value);
  }

  valueOf(): number {
    return this.value;
  }

  toJSON(): number {
    return this.value;
  }

  /** Numeric equality with any CIM real; NaN equals NaN so that values round-trip. */
  equals(other: unknown): boolean {
    if (!(other instanceof CimReal)) return false;
    return other.value === this.value || (Number.isNaN(other.value) && Number.isNaN(this.value));
  }
}

/** CIM real32. @throws KW_WBEM_INVALID_VALUE for text that is not a number. */
export class Real32 extends CimReal {
  readonly cimType = 'real32';
  constructor(input: number | string) {
    super(toNumber(input, 'real32'));
  }
}

/** CIM real64. @throws KW_WBEM_INVALID_VALUE for text that is not a number. */
export class Real64 extends CimReal {
  readonly cimType = 'real64';
  constructor(input: number | string) {
    super(toNumber(input, 'real64'));
  }
}
