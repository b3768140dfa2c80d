/**
 * Reads the `pywbem_object` maps of pywbem's testclient format (as TestClientRecorder writes
 * them and `keywarden wbem -o json` prints them) back into our CIM objects. Maps without
 * `pywbem_object` stay maps, lists stay lists. Booleans follow pywbem's `_ensure_bool`
 * (None stays None, anything else by its truth value).
 */
import { CimInvalidValueError, CimTypeError } from '../errors.ts';
import { CimClass } from '../objects/class.ts';
import { CimClassName } from '../objects/class-name.ts';
import { CimInstance } from '../objects/instance.ts';
import { CimInstanceName, type KeybindingValue } from '../objects/instance-name.ts';
import { CimMethod } from '../objects/method.ts';
import { CimParameter } from '../objects/parameter.ts';
import { CimProperty } from '../objects/property.ts';
import { CimQualifier } from '../objects/qualifier.ts';
import { CimQualifierDeclaration } from '../objects/qualifier-declaration.ts';
import { Char16 } from '../types/char16.ts';
import { checkCimTypeName, type CimTypeName } from '../types/cim-type.ts';
import { CimDateTime } from '../types/datetime.ts';
import { integerClasses } from '../types/integers.ts';
import { Real32, Real64 } from '../types/reals.ts';

type Map = Readonly<Record<string, unknown>>;

/** Named children as a map, or a list of objects with `name` (both appear in the YAML). */
function entries(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.map((v: Map) => [String(v['name']), v]);
  return value !== null && typeof value === 'object' ? Object.entries(value as Map) : [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function bool(value: unknown): boolean | null {
  return value === null || value === undefined ? null : Boolean(value);
}

function type(value: unknown): CimTypeName | null {
  return value === null || value === undefined ? null : checkCimTypeName(value);
}

function size(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function embedded(value: unknown): 'instance' | 'object' | false | null {
  if (value === 'instance' || value === 'object') return value;
  return value === false ? false : null;
}

function flavors(y: Map) {
  return {
    overridable: bool(y['overridable']),
    tosubclass: bool(y['tosubclass']),
    toinstance: bool(y['toinstance']),
    translatable: bool(y['translatable']),
  };
}

function qualifiersOf(y: Map): [string, unknown][] {
  return entries(y['qualifiers']).map(([k, v]) => [k, fromPywbemYaml(v)]);
}

/**
 * Our objects for a testclient YAML / JSON value.
 * @throws KW_WBEM_TYPE for an unknown `pywbem_object`; the object constructors' errors
 * @example fromPywbemYaml({ pywbem_object: 'CIMClassName', classname: 'CIM_Foo' });
 */
export function fromPywbemYaml(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fromPywbemYaml);
  if (node === null || typeof node !== 'object') return node;
  const y = node as Map;
  const kind = y['pywbem_object'];
  if (kind === undefined) {
    return Object.fromEntries(Object.entries(y).map(([k, v]) => [k, fromPywbemYaml(v)]));
  }
  const name = str(y['name']) ?? '';
  switch (kind) {
    case 'CIMInstanceName':
      return new CimInstanceName(String(y['classname']), {
        keybindings: entries(y['keybindings']).map(
          ([k, v]) => [k, fromPywbemYaml(v) as KeybindingValue] as const,
        ),
        namespace: str(y['namespace']),
        host: str(y['host']),
      });
    case 'CIMClassName':
      return new CimClassName(String(y['classname']), {
        namespace: str(y['namespace']),
        host: str(y['host']),
      });
    case 'CIMInstance':
      return new CimInstance(String(y['classname']), {
        properties: entries(y['properties']).map(([k, v]) => [k, fromPywbemYaml(v)] as const),
        qualifiers: qualifiersOf(y),
        path: (fromPywbemYaml(y['path']) as CimInstanceName | null | undefined) ?? null,
      });
    case 'CIMClass':
      return new CimClass(String(y['classname']), {
        superclass: str(y['superclass']),
        properties: entries(y['properties']).map(([, v]) => fromPywbemYaml(v) as CimProperty),
        methods: entries(y['methods']).map(([, v]) => fromPywbemYaml(v) as CimMethod),
        qualifiers: qualifiersOf(y),
        path: (fromPywbemYaml(y['path']) as CimClassName | null | undefined) ?? null,
      });
    case 'CIMProperty':
      return new CimProperty(name, fromPywbemYaml(y['value']), {
        type: type(y['type']),
        referenceClass: str(y['reference_class']),
        embeddedObject: embedded(y['embedded_object']),
        isArray: bool(y['is_array']),
        arraySize: size(y['array_size']),
        classOrigin: str(y['class_origin']),
        propagated: bool(y['propagated']),
        qualifiers: qualifiersOf(y),
      });
    case 'CIMMethod':
      return new CimMethod(name, checkCimTypeName(y['return_type']), {
        parameters: entries(y['parameters']).map(([, v]) => fromPywbemYaml(v) as CimParameter),
        classOrigin: str(y['class_origin']),
        propagated: bool(y['propagated']),
        qualifiers: qualifiersOf(y),
      });
    case 'CIMParameter':
      return new CimParameter(name, checkCimTypeName(y['type']), {
        referenceClass: str(y['reference_class']),
        isArray: bool(y['is_array']),
        arraySize: size(y['array_size']),
        value: fromPywbemYaml(y['value']),
        embeddedObject: embedded(y['embedded_object']),
        qualifiers: qualifiersOf(y),
      });
    case 'CIMQualifier':
      return new CimQualifier(name, fromPywbemYaml(y['value']), {
        type: type(y['type']),
        propagated: bool(y['propagated']),
        ...flavors(y),
      });
    case 'CIMQualifierDeclaration':
      return new CimQualifierDeclaration(name, checkCimTypeName(y['type']), {
        value: fromPywbemYaml(y['value']),
        isArray: bool(y['is_array']),
        arraySize: size(y['array_size']),
        scopes: entries(y['scopes']).map(([k, v]) => [k, v === true] as const),
        ...flavors(y),
      });
    case 'CIMDateTime':
      return new CimDateTime(String(y['dtarg']));
    case 'Real32':
      return new Real32(Number(y['x']));
    case 'Real64':
      return new Real64(Number(y['x']));
    case 'Char16':
      return new Char16(String(y['x']));
    default: {
      const key = typeof kind === 'string' ? kind.toLowerCase() : '';
      if (!Object.hasOwn(integerClasses, key)) {
        throw new CimTypeError(`unknown pywbem_object ${String(kind)}`);
      }
      const x = y['x'];
      if (typeof x !== 'number' && typeof x !== 'bigint' && typeof x !== 'string') {
        throw new CimInvalidValueError(`${String(kind)} needs an integer x`);
      }
      return new integerClasses[key as keyof typeof integerClasses](x);
    }
  }
}
