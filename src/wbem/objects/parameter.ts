/**
 * CIMParameter: a parameter declaration in a method (type, qualifiers), or a parameter value
 * in a method invocation (value, embedded-object kind).
 */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import type { NocaseDict } from '../nocase-dict.ts';
import type { CimTypeName } from '../types/cim-type.ts';
import { inferEmbeddedObject, inferIsArray, type EmbeddedObjectKind } from './infer.ts';
import { MAX_MOF_LINE, indentStr, qualifiersToMof } from './mof.ts';
import { qualifierDict, type CimQualifier, type QualifiersInput } from './qualifier.ts';
import { anyValueXml } from './value-xml.ts';
import { TypedValue } from './typed-value.ts';
import { nameEquals } from './values.ts';

/** Options of the CimParameter constructor. */
export interface CimParameterOptions {
  readonly referenceClass?: string | null;
  readonly isArray?: boolean | null;
  readonly arraySize?: number | null;
  readonly qualifiers?: QualifiersInput;
  readonly value?: unknown;
  readonly embeddedObject?: EmbeddedObjectKind | false | null;
}

/**
 * A CIM method parameter. The type is required (as in pywbem).
 *
 * @example
 * new CimParameter('Count', 'uint32', { value: 5 }).toCimXml({ asValue: true });
 */
export class CimParameter extends TypedValue {
  readonly cimKind = 'CIMParameter';
  referenceClass: string | null;
  isArray: boolean;
  arraySize: number | null;
  qualifiers: NocaseDict<CimQualifier>;
  embeddedObject: EmbeddedObjectKind | null;

  /** @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE, KW_WBEM_INTEGER_RANGE */
  constructor(name: string, type: CimTypeName, options: CimParameterOptions = {}) {
    super('parameter', name, type);
    const what = `parameter ${JSON.stringify(name)}`;
    const value = options.value ?? null;
    this.isArray = inferIsArray(options.isArray, value, what);
    this.embeddedObject = inferEmbeddedObject(options.embeddedObject, this.type, value, what);
    this.referenceClass = options.referenceClass ?? null;
    this.arraySize = options.arraySize ?? null;
    this.qualifiers = qualifierDict(options.qualifiers);
    this.value = value;
  }

  copy(): CimParameter {
    return new CimParameter(this.name, this.type, {
      referenceClass: this.referenceClass,
      isArray: this.isArray,
      arraySize: this.arraySize,
      value: this.value,
      embeddedObject: this.embeddedObject ?? false,
      qualifiers: this.qualifiers.entries(),
    });
  }

  equals(other: unknown): boolean {
    if (this === other) return true;
    return (
      other instanceof CimParameter &&
      this.sameTypedValue(other) &&
      nameEquals(this.referenceClass, other.referenceClass) &&
      this.isArray === other.isArray &&
      this.arraySize === other.arraySize &&
      this.qualifiers.equals(other.qualifiers, (a, b) => a.equals(b)) &&
      this.embeddedObject === other.embeddedObject
    );
  }

  override toString(): string {
    return `CIMParameter(name=${this.name}, type=${this.type}, is_array=${this.isArray}, ...)`;
  }

  /**
   * As a value (`asValue`): PARAMVALUE with PARAMTYPE (DSP0201 §5.3.2.5). As a declaration:
   * PARAMETER, PARAMETER.REFERENCE, PARAMETER.ARRAY or PARAMETER.REFARRAY.
   */
  toCimXml(options: { asValue?: boolean } = {}): XmlElement {
    if (options.asValue) {
      const embedded = this.embeddedObject !== null;
      return xmlElement(
        'PARAMVALUE',
        { NAME: this.name, PARAMTYPE: this.type, EmbeddedObject: this.embeddedObject },
        [anyValueXml(this.value, this.type, embedded)],
      );
    }
    const qualifiers = [...this.qualifiers.values()].map((q) => q.toCimXml());
    const size = this.arraySize === null ? null : String(this.arraySize);
    const ref = this.type === 'reference';
    if (this.isArray) {
      return ref
        ? xmlElement(
            'PARAMETER.REFARRAY',
            { NAME: this.name, REFERENCECLASS: this.referenceClass, ARRAYSIZE: size },
            qualifiers,
          )
        : xmlElement(
            'PARAMETER.ARRAY',
            { NAME: this.name, TYPE: this.type, ARRAYSIZE: size },
            qualifiers,
          );
    }
    return ref
      ? xmlElement(
          'PARAMETER.REFERENCE',
          { NAME: this.name, REFERENCECLASS: this.referenceClass },
          qualifiers,
        )
      : xmlElement('PARAMETER', { NAME: this.name, TYPE: this.type }, qualifiers);
  }

  toCimXmlString(options: { indent?: string | number; asValue?: boolean } = {}): string {
    return this.toCimXml(options).toXml(options);
  }

  /** MOF of the declaration: qualifiers, then `type Name[]`. */
  toMof(options: { indent?: number; maxline?: number } = {}): string {
    const indent = options.indent ?? 0;
    const maxline = options.maxline ?? MAX_MOF_LINE;
    const type = this.type === 'reference' ? `${this.referenceClass ?? ''} REF` : this.type;
    let mof = qualifiersToMof(this.qualifiers, indent + 3, maxline);
    mof += `${indentStr(indent)}${type} ${this.name}`;
    if (this.isArray) mof += `[${this.arraySize === null ? '' : this.arraySize}]`;
    return mof;
  }
}
