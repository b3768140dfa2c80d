/** CIMClassName: the path of a CIM class (class name, namespace, host). */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import { localNamespacePathXml } from './namespace-xml.ts';
import { checkName, nameEquals } from './values.ts';
import { classPathFromUri, classPathToUri, type WbemUriFormat } from './wbem-uri.ts';

/**
 * The path of a CIM class.
 *
 * @example
 * new CimClassName('CIM_Foo', { namespace: 'root/cimv2' }).toWbemUri(); // '/root/cimv2:CIM_Foo'
 */
export class CimClassName {
  readonly cimKind = 'CIMClassName';
  #classname = '';
  #namespace: string | null = null;
  /** Host and optional port, or null. */
  host: string | null;

  /** @throws KW_WBEM_INVALID_VALUE for an empty class name */
  constructor(
    classname: string,
    options: { namespace?: string | null; host?: string | null } = {},
  ) {
    this.classname = classname;
    this.namespace = options.namespace ?? null;
    this.host = options.host ?? null;
  }

  /** Name of the class. */
  get classname(): string {
    return this.#classname;
  }

  set classname(value: string) {
    this.#classname = checkName(value, 'class name of a class path');
  }

  /** Namespace (slashes at both ends removed), or null. */
  get namespace(): string | null {
    return this.#namespace;
  }

  set namespace(value: string | null) {
    this.#namespace = value === null ? null : value.replace(/^\/+|\/+$/g, '');
  }

  copy(): CimClassName {
    return new CimClassName(this.classname, { namespace: this.namespace, host: this.host });
  }

  /** Equal host, namespace and class name, case-insensitively. */
  equals(other: unknown): boolean {
    if (this === other) return true;
    return (
      other instanceof CimClassName &&
      nameEquals(this.host, other.host) &&
      nameEquals(this.namespace, other.namespace) &&
      nameEquals(this.classname, other.classname)
    );
  }

  /** The WBEM URI in pywbem's historical format (pywbem `str()`). */
  toString(): string {
    return this.toWbemUri('historical');
  }

  /** The untyped WBEM URI (DSP0207). @throws KW_WBEM_INVALID_VALUE for an unknown format */
  toWbemUri(format: WbemUriFormat = 'standard'): string {
    return classPathToUri(this, format);
  }

  /** Parses an untyped WBEM URI of a class path. @throws KW_WBEM_INVALID_VALUE */
  static fromWbemUri(uri: string): CimClassName {
    return classPathFromUri(uri);
  }

  /** CLASSNAME, or LOCALCLASSPATH with a namespace, or CLASSPATH with namespace and host. */
  toCimXml(options: { ignoreHost?: boolean; ignoreNamespace?: boolean } = {}): XmlElement {
    const name = xmlElement('CLASSNAME', { NAME: this.classname });
    if (this.namespace === null || options.ignoreNamespace) return name;
    const local = localNamespacePathXml(this.namespace);
    if (this.host === null || options.ignoreHost) {
      return xmlElement('LOCALCLASSPATH', {}, [local, name]);
    }
    const nsPath = xmlElement('NAMESPACEPATH', {}, [xmlElement('HOST', {}, [this.host]), local]);
    return xmlElement('CLASSPATH', {}, [nsPath, name]);
  }

  /** toCimXml() as a string. */
  toCimXmlString(options: { indent?: string | number; ignoreHost?: boolean } = {}): string {
    return this.toCimXml(options).toXml(options);
  }
}
