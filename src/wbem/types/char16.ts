/**
 * CIM char16 (DSP0004 §5.2: one UCS-2 character). Property values of type char16 may be plain
 * strings; this class marks a value as char16 where the type must travel with the value
 * (keybindings: KEYVALUE TYPE="char16").
 */
import { CimInvalidValueError } from '../errors.ts';

/** Checks that `text` is exactly one UCS-2 character (no surrogate, no pair). */
export function checkChar16(text: string): string {
  const code = text.charCodeAt(0);
  if (text.length !== 1 || (code >= 0xd800 && code <= 0xdfff)) {
    throw new CimInvalidValueError(`char16 value must be one UCS-2 character, got ${text.length}`);
  }
  return text;
}

/** A value of CIM type char16. @throws KW_WBEM_INVALID_VALUE unless one UCS-2 character. */
export class Char16 {
  readonly cimType = 'char16';
  readonly value: string;

  constructor(value: string) {
    this.value = checkChar16(value);
  }

  toString(): string {
    return this.value;
  }

  valueOf(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }

  /** Equal to another Char16 or plain string with the same character (pywbem: str subclass). */
  equals(other: unknown): boolean {
    if (other instanceof Char16) return other.value === this.value;
    return typeof other === 'string' && other === this.value;
  }
}
