/** CIMQualifier: a qualifier value with its flavors (DSP0004 §5.6.1). */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import { CimInvalidValueError } from '../errors.ts';
import type { CimTypeName } from '../types/cim-type.ts';
import { cimType } from '../types/cim-type.ts';
import type { NocaseDict } from '../nocase-dict.ts';
import { namedDict, type NamedInput } from './dict-input.ts';
import { MAX_MOF_LINE, MOF_INDENT, valueToMof } from './mof.ts';
import { anyValueXml, boolAttr } from './value-xml.ts';
import { TypedValue } from './typed-value.ts';

/** Flavors of a qualifier; null means unknown / not specified. */
export interface QualifierFlavors {
  readonly propagated?: boolean | null;
  readonly overridable?: boolean | null;
  readonly tosubclass?: boolean | null;
  readonly toinstance?: boolean | null;
  readonly translatable?: boolean | null;
}

/**
 * The declared type, or the type of a non-NULL value (a value without a CIM type is a
 * KW_WBEM_TYPE error, as pywbem's TypeError).
 * @throws KW_WBEM_INVALID_VALUE for NULL without a type
 */
function qualifierType(name: string, value: unknown, type: CimTypeName | null | undefined) {
  if (type !== null && type !== undefined) return type;
  if (value === null || value === undefined) {
    throw new CimInvalidValueError(`cannot infer the CIM type of NULL qualifier ${name}`);
  }
  return cimType(value);
}

/**
 * A qualifier value. The type is taken from the value when not given.
 *
 * @example
 * new CimQualifier('Description', 'A thing').toMof(); // 'Description ( "A thing" )'
 */
export class CimQualifier extends TypedValue {
  readonly cimKind = 'CIMQualifier';
  propagated: boolean | null;
  overridable: boolean | null;
  tosubclass: boolean | null;
  toinstance: boolean | null;
  translatable: boolean | null;

  /** @throws KW_WBEM_INVALID_VALUE (no type for a NULL value, bad type), KW_WBEM_TYPE */
  constructor(
    name: string,
    value: unknown,
    options: QualifierFlavors & { type?: CimTypeName | null } = {},
  ) {
    super('qualifier', name, qualifierType(name, value, options.type));
    this.value = value;
    this.propagated = options.propagated ?? null;
    this.overridable = options.overridable ?? null;
    this.tosubclass = options.tosubclass ?? null;
    this.toinstance = options.toinstance ?? null;
    this.translatable = options.translatable ?? null;
  }

  copy(): CimQualifier {
    return new CimQualifier(this.name, this.value, { ...this.#flavors(), type: this.type });
  }

  #flavors(): QualifierFlavors {
    const { propagated, overridable, tosubclass, toinstance, translatable } = this;
    return { propagated, overridable, tosubclass, toinstance, translatable };
  }

  equals(other: unknown): boolean {
    if (this === other) return true;
    return (
      other instanceof CimQualifier &&
      this.sameTypedValue(other) &&
      this.propagated === other.propagated &&
      this.overridable === other.overridable &&
      this.tosubclass === other.tosubclass &&
      this.toinstance === other.toinstance &&
      this.translatable === other.translatable
    );
  }

  override toString(): string {
    return `CIMQualifier(name=${this.name}, value=${String(this.value)}, type=${this.type}, ...)`;
  }

  /** QUALIFIER element (DSP0201 §5.1.2.9). */
  toCimXml(): XmlElement {
    return xmlElement(
      'QUALIFIER',
      {
        NAME: this.name,
        TYPE: this.type,
        PROPAGATED: boolAttr(this.propagated),
        OVERRIDABLE: boolAttr(this.overridable),
        TOSUBCLASS: boolAttr(this.tosubclass),
        TOINSTANCE: boolAttr(this.toinstance),
        TRANSLATABLE: boolAttr(this.translatable),
      },
      [anyValueXml(this.value, this.type, false)],
    );
  }

  toCimXmlString(options: { indent?: string | number } = {}): string {
    return this.toCimXml().toXml(options);
  }

  /** `Name ( value )` or `Name { v1, v2 }`, wrapped as pywbem does. */
  toMof(options: { indent?: number; maxline?: number; linePos?: number } = {}): string {
    const indent = options.indent ?? MOF_INDENT;
    const maxline = options.maxline ?? MAX_MOF_LINE;
    const isArray = Array.isArray(this.value);
    const head = `${this.name} ${isArray ? '{' : '('}`;
    const linePos = (options.linePos ?? 0) + Array.from(head).length;
    const piece = valueToMof(this.value, this.type, indent, maxline, linePos + 1, 3, true);
    const space = piece.mof !== '' && piece.mof[0] !== '\n' ? ' ' : '';
    return `${head}${space}${piece.mof}${isArray ? ' }' : ' )'}`;
  }
}

/** Qualifier input: CimQualifier objects, [name, qualifier-or-value] pairs, or a plain object. */
export type QualifiersInput = NamedInput<CimQualifier, unknown>;

/** Reads qualifier input; plain values become qualifiers of the inferred type. */
export function qualifierDict(input: QualifiersInput): NocaseDict<CimQualifier> {
  return namedDict<CimQualifier>(input, 'CIMQualifier', (key, value) =>
    value instanceof CimQualifier ? value : new CimQualifier(key, value),
  );
}
