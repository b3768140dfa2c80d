/**
 * CIMProperty: a property value in an instance, or a property declaration (with default value
 * and qualifiers) in a class. Unspecified type, array-ness and embedded-object kind are
 * inferred from the value, as in pywbem.
 */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import { CimInvalidValueError } from '../errors.ts';
import type { NocaseDict } from '../nocase-dict.ts';
import type { CimTypeName, CimValue } from '../types/cim-type.ts';
import { inferEmbeddedObject, inferIsArray, inferType, type EmbeddedObjectKind } from './infer.ts';
import { MAX_MOF_LINE, indentStr, qualifiersToMof, valueToMof } from './mof.ts';
import { isParsed } from './parsed.ts';
import { qualifierDict, type CimQualifier, type QualifiersInput } from './qualifier.ts';
import { anyValueXml, boolAttr } from './value-xml.ts';
import { TypedValue } from './typed-value.ts';
import { nameEquals } from './values.ts';

/** Options of the CimProperty constructor (pywbem keyword arguments, camelCased). */
export interface CimPropertyOptions {
  readonly type?: CimTypeName | null;
  readonly classOrigin?: string | null;
  readonly arraySize?: number | null;
  readonly propagated?: boolean | null;
  readonly isArray?: boolean | null;
  readonly referenceClass?: string | null;
  readonly qualifiers?: QualifiersInput;
  /** 'instance' or 'object'; false for none; unset to infer from the value. */
  readonly embeddedObject?: EmbeddedObjectKind | false | null;
}

/**
 * A CIM property.
 *
 * @example
 * new CimProperty('Count', new Uint32(3)).type; // 'uint32'
 * new CimProperty('Names', ['a', 'b']).isArray; // true
 * new CimProperty('Size', 42, { type: 'uint64' }).value; // Uint64 { value: 42n }
 */
export class CimProperty extends TypedValue {
  readonly cimKind = 'CIMProperty';
  classOrigin: string | null;
  arraySize: number | null;
  propagated: boolean | null;
  isArray: boolean;
  referenceClass: string | null;
  qualifiers: NocaseDict<CimQualifier>;
  embeddedObject: EmbeddedObjectKind | null;

  /** @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE, KW_WBEM_INTEGER_RANGE, KW_WBEM_DATETIME_FORMAT */
  constructor(name: string, value: unknown, options: CimPropertyOptions = {}) {
    const parsed = isParsed(options);
    const what = parsed ? '' : `property ${JSON.stringify(name)}`;
    super(
      'property',
      name,
      parsed ? (options.type as CimTypeName) : inferType(options.type, value, what),
    );
    this.classOrigin = options.classOrigin ?? null;
    this.arraySize = options.arraySize ?? null;
    this.propagated = options.propagated ?? null;
    this.referenceClass = options.referenceClass ?? null;
    this.qualifiers = qualifierDict(options.qualifiers);
    if (parsed) {
      // The parser read the value as `type`, an array exactly for PROPERTY.ARRAY, and sends
      // embedded objects and references the checked way (parse-objects.ts).
      this.isArray = options.isArray === true;
      this.embeddedObject = null;
      this.setParsedValue(value as CimValue);
      return;
    }
    this.isArray = inferIsArray(options.isArray, value, what);
    this.embeddedObject = inferEmbeddedObject(options.embeddedObject, this.type, value, what);
    if (options.referenceClass && this.isArray) {
      throw new CimInvalidValueError(`${what} has a reference class but is an array`);
    }
    this.value = value;
  }

  /** A copy with its own qualifier dictionary (qualifier objects shared, as in pywbem). */
  copy(): CimProperty {
    return new CimProperty(this.name, this.value, {
      type: this.type,
      classOrigin: this.classOrigin,
      arraySize: this.arraySize,
      propagated: this.propagated,
      isArray: this.isArray,
      referenceClass: this.referenceClass,
      embeddedObject: this.embeddedObject ?? false,
      qualifiers: this.qualifiers.entries(),
    });
  }

  equals(other: unknown): boolean {
    if (this === other) return true;
    return (
      other instanceof CimProperty &&
      this.sameTypedValue(other) &&
      nameEquals(this.referenceClass, other.referenceClass) &&
      this.embeddedObject === other.embeddedObject &&
      this.isArray === other.isArray &&
      this.arraySize === other.arraySize &&
      this.propagated === other.propagated &&
      nameEquals(this.classOrigin, other.classOrigin) &&
      this.qualifiers.equals(other.qualifiers, (a, b) => a.equals(b))
    );
  }

  override toString(): string {
    const v = Array.isArray(this.value) ? `[${this.value.join(', ')}]` : String(this.value);
    return `CIMProperty(name=${this.name}, value=${v}, type=${this.type}, ...)`;
  }

  /** PROPERTY, PROPERTY.ARRAY or PROPERTY.REFERENCE (DSP0201 §5.1.2.10-12). */
  toCimXml(): XmlElement {
    const qualifiers = [...this.qualifiers.values()].map((q) => q.toCimXml());
    const embedded = this.embeddedObject !== null;
    const value = anyValueXml(this.value, this.type, embedded);
    const common = { NAME: this.name };
    if (this.type === 'reference' && !this.isArray) {
      return xmlElement(
        'PROPERTY.REFERENCE',
        {
          ...common,
          REFERENCECLASS: this.referenceClass,
          CLASSORIGIN: this.classOrigin,
          PROPAGATED: boolAttr(this.propagated),
        },
        [...qualifiers, value],
      );
    }
    const attributes = {
      ...common,
      TYPE: this.type,
      ARRAYSIZE: this.isArray && this.arraySize !== null ? String(this.arraySize) : null,
      CLASSORIGIN: this.classOrigin,
      PROPAGATED: boolAttr(this.propagated),
      EmbeddedObject: this.embeddedObject,
    };
    const name = this.isArray ? 'PROPERTY.ARRAY' : 'PROPERTY';
    return xmlElement(name, attributes, [...qualifiers, value]);
  }

  toCimXmlString(options: { indent?: string | number } = {}): string {
    return this.toCimXml().toXml(options);
  }

  /**
   * MOF of a property value in an instance (`Name = value;`) or of a declaration in a class
   * (qualifiers, `type Name[] = default;`).
   */
  toMof(options: { isInstance?: boolean; indent?: number; maxline?: number } = {}): string {
    const isInstance = options.isInstance ?? true;
    const indent = options.indent ?? 0;
    const maxline = options.maxline ?? MAX_MOF_LINE;
    const mof: string[] = [];
    if (isInstance) {
      mof.push(indentStr(indent), this.name);
    } else {
      mof.push(qualifiersToMof(this.qualifiers, indent + 3, maxline));
      const type = this.type === 'reference' ? `${this.referenceClass ?? ''} REF` : this.type;
      mof.push(indentStr(indent), type, ' ', this.name);
      if (this.isArray) mof.push('[', this.arraySize === null ? '' : String(this.arraySize), ']');
    }
    if (this.value !== null || isInstance) {
      const isList = Array.isArray(this.value);
      mof.push(isList ? ' = {' : ' =');
      const sofar = mof.join('');
      const linePos = Array.from(sofar.slice(sofar.lastIndexOf('\n') + 1)).length;
      const piece = valueToMof(this.value, this.type, indent + 3, maxline, linePos + 1, 1, true);
      if (piece.mof !== '' && piece.mof[0] !== '\n') mof.push(' ');
      mof.push(piece.mof);
      if (isList) mof.push(' }');
    }
    mof.push(';\n');
    return mof.join('');
  }
}
