/** CIMMethod: a method declaration in a class (return type, parameters, qualifiers). */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import { CimInvalidValueError } from '../errors.ts';
import type { NocaseDict } from '../nocase-dict.ts';
import type { CimTypeName } from '../types/cim-type.ts';
import { checkCimTypeName } from '../types/cim-type.ts';
import { namedDict, requireKind, type NamedInput } from './dict-input.ts';
import { MAX_MOF_LINE, indentStr, qualifiersToMof } from './mof.ts';
import type { CimParameter } from './parameter.ts';
import { qualifierDict, type CimQualifier, type QualifiersInput } from './qualifier.ts';
import { boolAttr } from './value-xml.ts';
import { checkName, nameEquals } from './values.ts';

/** Options of the CimMethod constructor. */
export interface CimMethodOptions {
  readonly parameters?: NamedInput<CimParameter>;
  readonly classOrigin?: string | null;
  readonly propagated?: boolean | null;
  readonly qualifiers?: QualifiersInput;
}

function checkReturnType(type: CimTypeName): CimTypeName {
  if (checkCimTypeName(type) === 'reference') {
    throw new CimInvalidValueError('a method cannot have a reference return type');
  }
  return type;
}

/**
 * A method declaration. Void and reference return types are not supported (as in pywbem).
 *
 * @example
 * new CimMethod('Reset', 'uint32').toMof(); // 'uint32 Reset();\n'
 */
export class CimMethod {
  readonly cimKind = 'CIMMethod';
  #name = '';
  #returnType: CimTypeName;
  parameters: NocaseDict<CimParameter>;
  classOrigin: string | null;
  propagated: boolean | null;
  qualifiers: NocaseDict<CimQualifier>;

  /** @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE */
  constructor(name: string, returnType: CimTypeName, options: CimMethodOptions = {}) {
    this.name = name;
    this.#returnType = checkReturnType(returnType);
    this.parameters = namedDict(
      options.parameters,
      'CIMParameter',
      requireKind<CimParameter>('CIMParameter'),
    );
    this.classOrigin = options.classOrigin ?? null;
    this.propagated = options.propagated ?? null;
    this.qualifiers = qualifierDict(options.qualifiers);
  }

  get name(): string {
    return this.#name;
  }

  set name(value: string) {
    this.#name = checkName(value, 'method name');
  }

  get returnType(): CimTypeName {
    return this.#returnType;
  }

  set returnType(value: CimTypeName) {
    this.#returnType = checkReturnType(value);
  }

  copy(): CimMethod {
    return new CimMethod(this.name, this.returnType, {
      parameters: this.parameters.entries(),
      classOrigin: this.classOrigin,
      propagated: this.propagated,
      qualifiers: this.qualifiers.entries(),
    });
  }

  equals(other: unknown): boolean {
    if (this === other) return true;
    return (
      other instanceof CimMethod &&
      nameEquals(this.name, other.name) &&
      this.qualifiers.equals(other.qualifiers, (a, b) => a.equals(b)) &&
      this.parameters.equals(other.parameters, (a, b) => a.equals(b)) &&
      this.returnType === other.returnType &&
      nameEquals(this.classOrigin, other.classOrigin) &&
      this.propagated === other.propagated
    );
  }

  toString(): string {
    return `CIMMethod(name=${this.name}, return_type=${this.returnType}, ...)`;
  }

  /** METHOD element (DSP0201 §5.1.2.13). */
  toCimXml(): XmlElement {
    return xmlElement(
      'METHOD',
      {
        NAME: this.name,
        TYPE: this.returnType,
        CLASSORIGIN: this.classOrigin,
        PROPAGATED: boolAttr(this.propagated),
      },
      [
        ...[...this.qualifiers.values()].map((q) => q.toCimXml()),
        ...[...this.parameters.values()].map((p) => p.toCimXml()),
      ],
    );
  }

  toCimXmlString(options: { indent?: string | number } = {}): string {
    return this.toCimXml().toXml(options);
  }

  /** MOF of the declaration: qualifiers, `type Name(` parameters `);`. */
  toMof(options: { indent?: number; maxline?: number } = {}): string {
    const indent = options.indent ?? 0;
    const maxline = options.maxline ?? MAX_MOF_LINE;
    let mof = qualifiersToMof(this.qualifiers, indent + 3, maxline);
    mof += `${indentStr(indent)}${this.returnType} ${this.name}`;
    if (this.parameters.size === 0) return `${mof}();\n`;
    const params = [...this.parameters.values()].map((p) =>
      p.toMof({ indent: indent + 3, maxline }),
    );
    return `${mof}(\n${params.join(',\n')});\n`;
  }
}
