/** CIMInstance: a CIM instance (class name, property values, qualifiers, optional path). */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import { CimInvalidValueError } from '../errors.ts';
import { NocaseDict } from '../nocase-dict.ts';
import type { CimValue } from '../types/cim-type.ts';
import type { CimClass } from './class.ts';
import { namedDict, type NamedInput } from './dict-input.ts';
import { CimInstanceName, type KeybindingValue } from './instance-name.ts';
import { isParsed } from './parsed.ts';
import { CimProperty } from './property.ts';
import { qualifierDict, type CimQualifier, type QualifiersInput } from './qualifier.ts';
import { checkName, nameEquals } from './values.ts';

/** Options of the CimInstance constructor. */
export interface CimInstanceOptions {
  /** CimProperty objects, or [name, property-or-value] pairs, or a plain object. */
  readonly properties?: NamedInput<CimProperty, unknown>;
  readonly qualifiers?: QualifiersInput;
  /** The instance path; copied, and its keybindings follow the key property values. */
  readonly path?: CimInstanceName | null;
}

/**
 * Gives an instance the path the CIM-XML parser made for it alone, without the copy the
 * `path` setter makes (objects/parsed.ts; not exported from src/wbem/index.ts).
 */
export let adoptParsedPath: (instance: CimInstance, path: CimInstanceName) => void;

/**
 * A CIM instance.
 *
 * @example
 * const inst = new CimInstance('CIM_Foo', { properties: { Name: 'x', Count: new Uint8(1) } });
 * inst.get('name'); // 'x'
 * inst.toMof(); // 'instance of CIM_Foo {\n   Name = "x";\n   Count = 1;\n};\n'
 */
export class CimInstance {
  readonly cimKind = 'CIMInstance';
  #classname = '';
  #path: CimInstanceName | null = null;
  properties: NocaseDict<CimProperty> = new NocaseDict();
  qualifiers: NocaseDict<CimQualifier>;

  /** @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE (from the property values) */
  constructor(classname: string, options: CimInstanceOptions = {}) {
    this.classname = classname;
    this.qualifiers = qualifierDict(options.qualifiers);
    if (isParsed(options)) {
      // From the parser: CimProperty objects and a path it made for this instance alone.
      this.#path = options.path ?? null;
      for (const prop of options.properties as Iterable<CimProperty>) {
        this.properties.set(prop.name, prop);
      }
      return;
    }
    this.path = options.path ?? null;
    const props = namedDict<CimProperty>(options.properties, 'CIMProperty', (key, value) =>
      value instanceof CimProperty ? value : new CimProperty(key, value),
    );
    for (const [key, prop] of props) this.set(key, prop);
  }

  static {
    adoptParsedPath = (instance, path) => {
      instance.#path = path;
    };
  }

  /** Name of the creation class. */
  get classname(): string {
    return this.#classname;
  }

  set classname(value: string) {
    this.#classname = checkName(value, 'class name of an instance');
  }

  /** The instance path, or null. Assigning stores a copy. */
  get path(): CimInstanceName | null {
    return this.#path;
  }

  set path(value: CimInstanceName | null) {
    this.#path = value === null ? null : value.copy();
  }

  /** The value of a property (name in any case), or undefined if there is no such property. */
  get(name: string): CimValue | undefined {
    return this.properties.get(name)?.value;
  }

  /** Whether the instance has the property. */
  has(name: string): boolean {
    return this.properties.has(name);
  }

  /**
   * Sets a property from a CimProperty or a value (type inferred); a keybinding of the same
   * name in the path takes the new value (pywbem `__setitem__`).
   * @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE
   */
  set(name: string, value: unknown): void {
    const prop = value instanceof CimProperty ? value : new CimProperty(name, value);
    if (prop.name.toLowerCase() !== name.toLowerCase()) {
      throw new CimInvalidValueError(`property ${prop.name} set under the name ${name}`);
    }
    this.properties.set(name, prop);
    if (this.#path !== null && this.#path.keybindings.has(name) && prop.value !== null) {
      this.#path.set(name, prop.value as KeybindingValue);
    }
  }

  /** Removes a property; true if it was there. */
  delete(name: string): boolean {
    return this.properties.delete(name);
  }

  /** Sets several properties (see set()). */
  update(entries: Iterable<readonly [string, unknown]> | Readonly<Record<string, unknown>>): void {
    const list = Symbol.iterator in Object(entries) ? entries : Object.entries(entries);
    for (const [k, v] of list as Iterable<readonly [string, unknown]>) this.set(k, v);
  }

  /** Updates the values of properties that exist already; others are ignored. */
  updateExisting(
    entries: Iterable<readonly [string, unknown]> | Readonly<Record<string, unknown>>,
  ): void {
    const list = Symbol.iterator in Object(entries) ? entries : Object.entries(entries);
    for (const [k, v] of list as Iterable<readonly [string, unknown]>) {
      const prop = this.properties.get(k);
      if (prop !== undefined) prop.value = v;
    }
  }

  /** A copy with its own dictionaries and path (property/qualifier objects shared). */
  copy(): CimInstance {
    const result = new CimInstance(this.classname, {
      properties: this.properties.entries(),
      qualifiers: this.qualifiers.entries(),
    });
    result.path = this.path;
    return result;
  }

  /** Equal class name, path, properties and qualifiers (names case-insensitive). */
  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!(other instanceof CimInstance)) return false;
    const samePath =
      this.path === null || other.path === null
        ? this.path === other.path
        : this.path.equals(other.path);
    return (
      nameEquals(this.classname, other.classname) &&
      samePath &&
      this.properties.equals(other.properties, (a, b) => a.equals(b)) &&
      this.qualifiers.equals(other.qualifiers, (a, b) => a.equals(b))
    );
  }

  toString(): string {
    return `CIMInstance(classname=${this.classname}, path=${this.path?.toString() ?? 'None'}, ...)`;
  }

  /**
   * INSTANCE; with a path: VALUE.NAMEDINSTANCE (no namespace), VALUE.OBJECTWITHLOCALPATH (no
   * host) or VALUE.INSTANCEWITHPATH, as pywbem.
   */
  toCimXml(options: { ignorePath?: boolean } = {}): XmlElement {
    const instance = xmlElement('INSTANCE', { CLASSNAME: this.classname }, [
      ...[...this.qualifiers.values()].map((q) => q.toCimXml()),
      ...[...this.properties.values()].map((p) => p.toCimXml()),
    ]);
    const path = this.path;
    if (path === null || options.ignorePath) return instance;
    if (path.namespace === null) {
      return xmlElement('VALUE.NAMEDINSTANCE', {}, [path.toCimXml(), instance]);
    }
    const kind = path.host === null ? 'VALUE.OBJECTWITHLOCALPATH' : 'VALUE.INSTANCEWITHPATH';
    return xmlElement(kind, {}, [path.toCimXml(), instance]);
  }

  toCimXmlString(options: { indent?: string | number; ignorePath?: boolean } = {}): string {
    return this.toCimXml(options).toXml(options);
  }

  /** MOF `instance of Class { … };` (no qualifiers, as pywbem). */
  toMof(options: { maxline?: number } = {}): string {
    const props = [...this.properties.values()].map((p) =>
      p.toMof({ isInstance: true, indent: 3, maxline: options.maxline }),
    );
    return `instance of ${this.classname} {\n${props.join('')}};\n`;
  }

  /**
   * A new instance of `klass`: its properties (defaults, or `propertyValues`), no qualifiers,
   * optionally the path from the key properties (pywbem `from_class`).
   * @throws KW_WBEM_INVALID_VALUE for a value of a property the class lacks, or a missing key
   */
  static fromClass(
    klass: CimClass,
    options: {
      namespace?: string | null;
      propertyValues?: Readonly<Record<string, unknown>> | NocaseDict<unknown>;
      includeMissingProperties?: boolean;
      includePath?: boolean;
      includeClassOrigin?: boolean;
    } = {},
  ): CimInstance {
    const values = new NocaseDict<unknown>(
      options.propertyValues instanceof NocaseDict
        ? options.propertyValues.entries()
        : Object.entries(options.propertyValues ?? {}),
    );
    for (const name of values.keys()) {
      if (!klass.properties.has(name)) {
        throw new CimInvalidValueError(`property ${name} is not in class ${klass.classname}`);
      }
    }
    const inst = new CimInstance(klass.classname);
    for (const cp of klass.properties.values()) {
      if (!values.has(cp.name) && options.includeMissingProperties === false) continue;
      const prop = cp.copy();
      prop.classOrigin = options.includeClassOrigin ? cp.classOrigin : null;
      prop.qualifiers = new NocaseDict();
      if (values.has(cp.name)) prop.value = values.get(cp.name);
      inst.set(cp.name, prop);
    }
    if (options.includePath ?? true) {
      inst.path = CimInstanceName.fromInstance(klass, inst, {
        namespace: options.namespace ?? null,
        strict: true,
      });
    }
    return inst;
  }
}
