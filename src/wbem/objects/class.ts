/** CIMClass: a class declaration (properties, methods, qualifiers, superclass, optional path). */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import type { NocaseDict } from '../nocase-dict.ts';
import type { CimClassName } from './class-name.ts';
import { namedDict, requireKind, type NamedInput } from './dict-input.ts';
import type { CimMethod } from './method.ts';
import { MAX_MOF_LINE, MOF_INDENT, qualifiersToMof } from './mof.ts';
import type { CimProperty } from './property.ts';
import { qualifierDict, type CimQualifier, type QualifiersInput } from './qualifier.ts';
import { checkName, nameEquals } from './values.ts';

/** Options of the CimClass constructor. */
export interface CimClassOptions {
  readonly properties?: NamedInput<CimProperty>;
  readonly methods?: NamedInput<CimMethod>;
  readonly superclass?: string | null;
  readonly qualifiers?: QualifiersInput;
  /** The class path; copied. */
  readonly path?: CimClassName | null;
}

/**
 * A CIM class declaration.
 *
 * @example
 * const c = new CimClass('CIM_Foo', { superclass: 'CIM_Bar',
 *   properties: [new CimProperty('Name', null, { type: 'string' })] });
 * c.toMof(); // 'class CIM_Foo : CIM_Bar {\n\n   string Name;\n\n};\n'
 */
export class CimClass {
  readonly cimKind = 'CIMClass';
  #classname = '';
  #path: CimClassName | null = null;
  superclass: string | null;
  properties: NocaseDict<CimProperty>;
  methods: NocaseDict<CimMethod>;
  qualifiers: NocaseDict<CimQualifier>;

  /** @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE */
  constructor(classname: string, options: CimClassOptions = {}) {
    this.classname = classname;
    this.superclass = options.superclass ?? null;
    this.path = options.path ?? null;
    this.properties = namedDict(
      options.properties,
      'CIMProperty',
      requireKind<CimProperty>('CIMProperty'),
    );
    this.methods = namedDict(options.methods, 'CIMMethod', requireKind<CimMethod>('CIMMethod'));
    this.qualifiers = qualifierDict(options.qualifiers);
  }

  get classname(): string {
    return this.#classname;
  }

  set classname(value: string) {
    this.#classname = checkName(value, 'class name of a class');
  }

  /** The class path, or null. Assigning stores a copy. */
  get path(): CimClassName | null {
    return this.#path;
  }

  set path(value: CimClassName | null) {
    this.#path = value === null ? null : value.copy();
  }

  /** A copy with its own dictionaries (child objects shared, as in pywbem). */
  copy(): CimClass {
    return new CimClass(this.classname, {
      properties: this.properties.entries(),
      methods: this.methods.entries(),
      superclass: this.superclass,
      qualifiers: this.qualifiers.entries(),
      path: this.path,
    });
  }

  /** Equal names (case-insensitive), qualifiers, properties, methods and path. */
  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!(other instanceof CimClass)) return false;
    const samePath =
      this.path === null || other.path === null
        ? this.path === other.path
        : this.path.equals(other.path);
    return (
      nameEquals(this.classname, other.classname) &&
      nameEquals(this.superclass, other.superclass) &&
      this.qualifiers.equals(other.qualifiers, (a, b) => a.equals(b)) &&
      this.properties.equals(other.properties, (a, b) => a.equals(b)) &&
      this.methods.equals(other.methods, (a, b) => a.equals(b)) &&
      samePath
    );
  }

  toString(): string {
    return `CIMClass(classname=${this.classname}, ...)`;
  }

  /** CLASS element (DSP0201 §5.1.2.7); the path is not part of it. */
  toCimXml(_options: { ignorePath?: boolean } = {}): XmlElement {
    return xmlElement('CLASS', { NAME: this.classname, SUPERCLASS: this.superclass }, [
      ...[...this.qualifiers.values()].map((q) => q.toCimXml()),
      ...[...this.properties.values()].map((p) => p.toCimXml()),
      ...[...this.methods.values()].map((m) => m.toCimXml()),
    ]);
  }

  toCimXmlString(options: { indent?: string | number } = {}): string {
    return this.toCimXml().toXml(options);
  }

  /** MOF class declaration, laid out as pywbem's CIMClass.tomof(). */
  toMof(options: { maxline?: number } = {}): string {
    const maxline = options.maxline ?? MAX_MOF_LINE;
    const mof = [qualifiersToMof(this.qualifiers, MOF_INDENT, maxline)];
    mof.push(`class ${this.classname} `);
    if (this.superclass !== null) mof.push(`: ${this.superclass} `);
    mof.push('{\n');
    for (const p of this.properties.values()) {
      mof.push('\n', p.toMof({ isInstance: false, indent: MOF_INDENT, maxline }));
    }
    for (const m of this.methods.values()) {
      mof.push('\n', m.toMof({ indent: MOF_INDENT, maxline }));
    }
    mof.push('\n};\n');
    return mof.join('');
  }
}
