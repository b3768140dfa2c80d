/**
 * Friendly inputs of the client methods turned into KMIP values: enumeration values by name
 * (`'AES'` → CryptographicAlgorithm.AES), usage masks from names, unique identifiers as text.
 */
import {
  enumValueByName,
  maskBitByName,
  NameType,
  type Attribute,
  type UniqueIdentifierValue,
} from '../../kmip/index.ts';
import { ClientUsageError, ProtocolError } from '../errors.ts';

/** An enumeration value: the number, or its normalized name (`'AES'`, `'SymmetricKey'`). */
export type EnumInput = number | string;

/** A Cryptographic Usage Mask: the number, or bit names (`['Encrypt', 'Decrypt']`). */
export type UsageMaskInput = number | readonly string[];

/** Resolves an enumeration value given by number or name. */
export function enumValue(enumeration: string, input: EnumInput): number {
  if (typeof input === 'number') return input;
  const entry = enumValueByName(enumeration, input);
  if (entry === undefined) throw new ClientUsageError(`${input} is not a ${enumeration} name`);
  return entry.value;
}

/** Resolves a usage mask given as a number or bit names. */
export function usageMask(input: UsageMaskInput): number {
  if (typeof input === 'number') return input;
  return input.reduce((mask, name) => {
    const bit = maskBitByName('CryptographicUsageMask', name);
    if (bit === undefined)
      throw new ClientUsageError(`${name} is not a CryptographicUsageMask bit`);
    return mask | bit.value;
  }, 0);
}

/** A Unique Identifier as text (the ID placeholder forms of KMIP 2.x print as `#<n>`). */
export function idText(id: UniqueIdentifierValue): string {
  return typeof id === 'string' ? id : `#${id.value}`;
}

/** Requires a field of a response payload. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new ProtocolError(`the response has no ${what}`);
  return value;
}

/** Options shared by the object-creating methods: a name, a usage mask, more attributes. */
export interface CommonAttributeInput {
  /** Name attribute (text). */
  readonly name?: string;
  readonly usageMask?: UsageMaskInput;
  /** Object Group. */
  readonly group?: string;
  /** Any further attributes, as the message model spells them. */
  readonly attributes?: readonly Attribute[];
}

/** The attribute list of {@link CommonAttributeInput}. */
export function commonAttributes(input: CommonAttributeInput): Attribute[] {
  return [
    ...(input.name !== undefined
      ? [{ name: 'Name', value: { value: input.name, type: NameType.UninterpretedTextString } }]
      : []),
    ...(input.usageMask !== undefined
      ? [{ name: 'CryptographicUsageMask', value: usageMask(input.usageMask) }]
      : []),
    ...(input.group !== undefined ? [{ name: 'ObjectGroup', value: input.group }] : []),
    ...(input.attributes ?? []),
  ];
}
