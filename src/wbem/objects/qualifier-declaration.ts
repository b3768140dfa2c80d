/** CIMQualifierDeclaration: a qualifier type with its scopes and flavors (DSP0004 §5.6.1). */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import { NocaseDict } from '../nocase-dict.ts';
import type { CimTypeName } from '../types/cim-type.ts';
import { inferIsArray } from './infer.ts';
import { MAX_MOF_LINE, MOF_INDENT, indentStr, valueToMof } from './mof.ts';
import type { QualifierFlavors } from './qualifier.ts';
import { anyValueXml, boolAttr } from './value-xml.ts';
import { TypedValue } from './typed-value.ts';

/** Scope names (upper case) as pywbem orders them in MOF. */
export const QUALIFIER_SCOPES = [
  'CLASS',
  'ASSOCIATION',
  'INDICATION',
  'PROPERTY',
  'REFERENCE',
  'METHOD',
  'PARAMETER',
  'ANY',
] as const;

/** Options of the CimQualifierDeclaration constructor. */
export interface CimQualifierDeclarationOptions extends Omit<QualifierFlavors, 'propagated'> {
  readonly value?: unknown;
  readonly isArray?: boolean | null;
  readonly arraySize?: number | null;
  /** Scope name (any case) → whether the qualifier applies there. */
  readonly scopes?: Readonly<Record<string, boolean>> | Iterable<readonly [string, boolean]>;
}

/**
 * A qualifier declaration (qualifier type).
 *
 * @example
 * new CimQualifierDeclaration('Key', 'boolean', { value: false, scopes: { PROPERTY: true },
 *   overridable: false }).toMof();
 * // 'Qualifier Key : boolean = false,\n    Scope(property),\n    Flavor(DisableOverride);\n'
 */
export class CimQualifierDeclaration extends TypedValue {
  readonly cimKind = 'CIMQualifierDeclaration';
  isArray: boolean;
  arraySize: number | null;
  scopes: NocaseDict<boolean>;
  overridable: boolean | null;
  tosubclass: boolean | null;
  toinstance: boolean | null;
  translatable: boolean | null;

  /** @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE */
  constructor(name: string, type: CimTypeName, options: CimQualifierDeclarationOptions = {}) {
    super('qualifier declaration', name, type);
    const value = options.value ?? null;
    this.isArray = inferIsArray(options.isArray ?? false, value, `qualifier type ${name}`);
    this.value = value;
    this.arraySize = options.arraySize ?? null;
    const scopes = options.scopes ?? {};
    this.scopes = new NocaseDict(
      Symbol.iterator in Object(scopes)
        ? (scopes as Iterable<readonly [string, boolean]>)
        : Object.entries(scopes),
    );
    this.overridable = options.overridable ?? null;
    this.tosubclass = options.tosubclass ?? null;
    this.toinstance = options.toinstance ?? null;
    this.translatable = options.translatable ?? null;
  }

  copy(): CimQualifierDeclaration {
    return new CimQualifierDeclaration(this.name, this.type, {
      value: this.value,
      isArray: this.isArray,
      arraySize: this.arraySize,
      scopes: this.scopes.entries(),
      overridable: this.overridable,
      tosubclass: this.tosubclass,
      toinstance: this.toinstance,
      translatable: this.translatable,
    });
  }

  equals(other: unknown): boolean {
    if (this === other) return true;
    return (
      other instanceof CimQualifierDeclaration &&
      this.sameTypedValue(other) &&
      this.isArray === other.isArray &&
      this.arraySize === other.arraySize &&
      this.scopes.equals(other.scopes, (a, b) => a === b) &&
      this.overridable === other.overridable &&
      this.tosubclass === other.tosubclass &&
      this.toinstance === other.toinstance &&
      this.translatable === other.translatable
    );
  }

  override toString(): string {
    return `CIMQualifierDeclaration(name=${this.name}, type=${this.type}, ...)`;
  }

  /** QUALIFIER.DECLARATION with SCOPE (DSP0201 §5.1.2.5); ANY sets every scope. */
  toCimXml(): XmlElement {
    let scopeXml: XmlElement | null = null;
    if (this.scopes.size > 0) {
      const all = this.scopes.get('any') === true;
      // As pywbem: ANY=true sets every scope; otherwise the scopes are written as given
      // (an explicit ANY=false included), sorted by name.
      const names = all
        ? ['CLASS', 'ASSOCIATION', 'REFERENCE', 'PROPERTY', 'METHOD', 'PARAMETER', 'INDICATION']
        : [...this.scopes.keys()];
      const attrs: Record<string, string> = {};
      for (const name of [...names].sort((a, b) => (a.toUpperCase() < b.toUpperCase() ? -1 : 1))) {
        attrs[name.toUpperCase()] = all ? 'true' : String(this.scopes.get(name));
      }
      scopeXml = xmlElement('SCOPE', attrs);
    }
    return xmlElement(
      'QUALIFIER.DECLARATION',
      {
        NAME: this.name,
        TYPE: this.type,
        ISARRAY: String(this.isArray),
        ARRAYSIZE: this.arraySize === null ? null : String(this.arraySize),
        OVERRIDABLE: boolAttr(this.overridable),
        TOSUBCLASS: boolAttr(this.tosubclass),
        TOINSTANCE: boolAttr(this.toinstance),
        TRANSLATABLE: boolAttr(this.translatable),
      },
      [scopeXml, anyValueXml(this.value, this.type, false)],
    );
  }

  toCimXmlString(options: { indent?: string | number } = {}): string {
    return this.toCimXml().toXml(options);
  }

  /** MOF `Qualifier Name : type = value, Scope(…), Flavor(…);` as pywbem writes it. */
  toMof(options: { maxline?: number } = {}): string {
    const maxline = options.maxline ?? MAX_MOF_LINE;
    let mof = `Qualifier ${this.name} : ${this.type}`;
    if (this.isArray) mof += `[${this.arraySize === null ? '' : this.arraySize}]`;
    if (this.value !== null) {
      const isList = Array.isArray(this.value);
      mof += isList ? ' = { ' : ' = ';
      const linePos = Array.from(mof.slice(mof.lastIndexOf('\n') + 1)).length;
      mof += valueToMof(this.value, this.type, MOF_INDENT, maxline, linePos, 3, false).mof;
      if (isList) mof += ' }';
    }
    const scopes = QUALIFIER_SCOPES.filter((s) => this.scopes.get(s) === true);
    mof += `,\n${indentStr(MOF_INDENT + 1)}Scope(${scopes.map((s) => s.toLowerCase()).join(', ')})`;
    const flavors: string[] = [];
    if (this.overridable !== null) {
      flavors.push(this.overridable ? 'EnableOverride' : 'DisableOverride');
    }
    if (this.tosubclass !== null) flavors.push(this.tosubclass ? 'ToSubclass' : 'Restricted');
    if (this.translatable) flavors.push('Translatable');
    if (flavors.length > 0) mof += `,\n${indentStr(MOF_INDENT + 1)}Flavor(${flavors.join(', ')})`;
    return `${mof};\n`;
  }
}
