/**
 * CIMInstanceName: the path of a CIM instance (class name, keybindings, namespace, host).
 * Names compare case-insensitively; keybinding order is kept but does not affect equality.
 */
import { CimInvalidValueError, CimTypeError } from '../errors.ts';
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import { NocaseDict } from '../nocase-dict.ts';
import { Char16 } from '../types/char16.ts';
import { CimDateTime } from '../types/datetime.ts';
import { CimInteger } from '../types/integers.ts';
import { pythonFloatRepr } from '../types/real-format.ts';
import { CimReal } from '../types/reals.ts';
import type { CimClass } from './class.ts';
import type { CimInstance } from './instance.ts';
import { isInstanceName } from './kinds.ts';
import { cimValueEquals, checkName, nameEquals } from './values.ts';
import { instancePathFromUri, instancePathToUri, type WbemUriFormat } from './wbem-uri.ts';
import { localNamespacePathXml } from './namespace-xml.ts';

/**
 * A keybinding value. Plain numbers and bigints are untyped numeric keys (KEYVALUE without
 * TYPE, as from an untyped WBEM URI); typed CIM integers and reals carry their type.
 */
export type KeybindingValue =
  | string
  | boolean
  | number
  | bigint
  | Char16
  | CimInteger
  | CimReal
  | CimDateTime
  | CimInstanceName;

/** Keybindings as given to the constructor: entries, a plain object, or a NocaseDict. */
export type KeybindingsInput =
  | Iterable<readonly [string, KeybindingValue | { readonly cimKind: 'CIMProperty' }]>
  | Readonly<Record<string, KeybindingValue>>;

/** Options of the CimInstanceName constructor. */
export interface CimInstanceNameOptions {
  readonly keybindings?: KeybindingsInput | null;
  /** Namespace; leading and trailing slashes are removed. */
  readonly namespace?: string | null;
  /** `host[:port]` of the WBEM server. */
  readonly host?: string | null;
}

function keybindingValue(key: string, value: unknown): KeybindingValue {
  if (value === null || value === undefined) {
    throw new CimInvalidValueError(`keybinding ${JSON.stringify(key)} must not be NULL`);
  }
  if (typeof value === 'object' && (value as { cimKind?: unknown }).cimKind === 'CIMProperty') {
    const prop = value as { name: string; type: string; value: unknown };
    if (prop.name.toLowerCase() !== key.toLowerCase()) {
      throw new CimInvalidValueError(`keybinding ${key} given a property named ${prop.name}`);
    }
    if (prop.type === 'char16' && typeof prop.value === 'string') return new Char16(prop.value);
    return keybindingValue(key, prop.value);
  }
  const ok =
    ['string', 'boolean', 'number', 'bigint'].includes(typeof value) ||
    value instanceof Char16 ||
    value instanceof CimInteger ||
    value instanceof CimReal ||
    value instanceof CimDateTime ||
    isInstanceName(value);
  if (!ok) throw new CimTypeError(`keybinding ${JSON.stringify(key)} has an invalid type`);
  return value as KeybindingValue;
}

function entriesOf(input: KeybindingsInput): Iterable<readonly [string, unknown]> {
  if (input instanceof NocaseDict || Symbol.iterator in Object(input)) {
    return input as Iterable<readonly [string, unknown]>;
  }
  return Object.entries(input);
}

function keyValueXml(value: KeybindingValue): XmlElement {
  if (isInstanceName(value)) return xmlElement('VALUE.REFERENCE', {}, [value.toCimXml()]);
  let valueType: string;
  let type: string | null;
  let text: string;
  if (value instanceof Char16 || typeof value === 'string') {
    [valueType, type, text] = ['string', value instanceof Char16 ? 'char16' : 'string', `${value}`];
  } else if (typeof value === 'boolean') {
    [valueType, type, text] = ['boolean', 'boolean', value ? 'TRUE' : 'FALSE'];
  } else if (value instanceof CimDateTime) {
    [valueType, type, text] = ['string', 'datetime', value.toString()];
  } else if (value instanceof CimInteger) {
    [valueType, type, text] = ['numeric', value.cimType, value.toString()];
  } else if (value instanceof CimReal) {
    [valueType, type, text] = ['numeric', value.cimType, pythonFloatRepr(value.value)];
  } else {
    // Untyped: no TYPE attribute, which DSP0201 2.4 requires; pywbem sends it the same way.
    const n = value;
    const shown = typeof n === 'number' && !Number.isInteger(n) ? pythonFloatRepr(n) : String(n);
    [valueType, type, text] = ['numeric', null, shown];
  }
  return xmlElement('KEYVALUE', { VALUETYPE: valueType, TYPE: type }, [text]);
}

/**
 * The path of a CIM instance.
 *
 * @example
 * const path = new CimInstanceName('CIM_Foo', { keybindings: { InstanceID: 'a.1' },
 *   namespace: 'root/cimv2' });
 * path.toString(); // 'root/cimv2:CIM_Foo.InstanceID="a.1"'
 */
export class CimInstanceName {
  readonly cimKind = 'CIMInstanceName';
  #classname = '';
  #namespace: string | null = null;
  /** Host and optional port, or null. */
  host: string | null;
  /** Keybindings, case-insensitive by name; the unnamed key of DSP0201 uses the name ''. */
  keybindings: NocaseDict<KeybindingValue>;

  /** @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE */
  constructor(classname: string, options: CimInstanceNameOptions = {}) {
    this.classname = classname;
    this.namespace = options.namespace ?? null;
    this.host = options.host ?? null;
    this.keybindings = new NocaseDict();
    for (const [key, value] of entriesOf(options.keybindings ?? [])) {
      this.keybindings.set(key, keybindingValue(key, value));
    }
  }

  /** Name of the creation class of the instance. */
  get classname(): string {
    return this.#classname;
  }

  set classname(value: string) {
    this.#classname = checkName(value, 'class name of an instance path');
  }

  /** Namespace (slashes at both ends removed), or null. */
  get namespace(): string | null {
    return this.#namespace;
  }

  set namespace(value: string | null) {
    this.#namespace = value === null ? null : value.replace(/^\/+|\/+$/g, '');
  }

  /** The value of a keybinding (name in any case), or undefined. */
  get(key: string): KeybindingValue | undefined {
    return this.keybindings.get(key);
  }

  /** Sets a keybinding. @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE */
  set(key: string, value: KeybindingValue): void {
    this.keybindings.set(key, keybindingValue(key, value));
  }

  /** A copy; keybinding values are shared (they are immutable, except nested paths). */
  copy(): CimInstanceName {
    return new CimInstanceName(this.classname, {
      keybindings: this.keybindings.entries(),
      namespace: this.namespace,
      host: this.host,
    });
  }

  /** Equal host, namespace, class name (case-insensitively) and keybindings (any order). */
  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!(other instanceof CimInstanceName)) return false;
    return (
      nameEquals(this.host, other.host) &&
      nameEquals(this.namespace, other.namespace) &&
      nameEquals(this.classname, other.classname) &&
      this.keybindings.equals(other.keybindings, cimValueEquals)
    );
  }

  /** The WBEM URI in pywbem's historical format (pywbem `str()`). */
  toString(): string {
    return this.toWbemUri('historical');
  }

  /** The untyped WBEM URI (DSP0207). @throws KW_WBEM_INVALID_VALUE for an unknown format */
  toWbemUri(format: WbemUriFormat = 'standard'): string {
    return instancePathToUri(this, format);
  }

  /** Parses an untyped WBEM URI of an instance path. @throws KW_WBEM_INVALID_VALUE */
  static fromWbemUri(uri: string): CimInstanceName {
    return instancePathFromUri(uri);
  }

  /**
   * INSTANCENAME, or LOCALINSTANCEPATH with a namespace, or INSTANCEPATH with namespace and host.
   * @throws KW_WBEM_TYPE for an invalid keybinding value
   */
  toCimXml(options: { ignoreHost?: boolean; ignoreNamespace?: boolean } = {}): XmlElement {
    const entries = [...this.keybindings.entries()];
    const unnamed = entries.length === 1 && entries[0]?.[0] === '';
    const children = unnamed
      ? [keyValueXml(entries[0]?.[1] as KeybindingValue)]
      : entries.map(([k, v]) => xmlElement('KEYBINDING', { NAME: k }, [keyValueXml(v)]));
    const name = xmlElement('INSTANCENAME', { CLASSNAME: this.classname }, children);
    if (this.namespace === null || options.ignoreNamespace) return name;
    const local = localNamespacePathXml(this.namespace);
    if (this.host === null || options.ignoreHost) {
      return xmlElement('LOCALINSTANCEPATH', {}, [local, name]);
    }
    const nsPath = xmlElement('NAMESPACEPATH', {}, [xmlElement('HOST', {}, [this.host]), local]);
    return xmlElement('INSTANCEPATH', {}, [nsPath, name]);
  }

  /** toCimXml() as a string. */
  toCimXmlString(options: { indent?: string | number; ignoreHost?: boolean } = {}): string {
    return this.toCimXml(options).toXml(options);
  }

  /**
   * The path of `instance` from the key properties (Key qualifier) of `klass`. With `strict`,
   * a key property missing from the instance is an error.
   * @throws KW_WBEM_INVALID_VALUE
   */
  static fromInstance(
    klass: CimClass,
    instance: CimInstance,
    options: { namespace?: string | null; host?: string | null; strict?: boolean } = {},
  ): CimInstanceName {
    const keybindings: [string, KeybindingValue][] = [];
    for (const prop of klass.properties.values()) {
      if (!prop.qualifiers.has('key')) continue;
      const value = instance.properties.get(prop.name);
      if (value !== undefined) {
        keybindings.push([prop.name, keybindingValue(prop.name, value)]);
      } else if (options.strict) {
        throw new CimInvalidValueError(`key property ${prop.name} missing in the instance`);
      }
    }
    return new CimInstanceName(klass.classname, {
      keybindings,
      namespace: options.namespace ?? null,
      host: options.host ?? null,
    });
  }
}
