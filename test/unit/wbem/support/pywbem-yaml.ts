/**
 * Test support: loads pywbem's testclient YAML cases (test/fixtures/wbem/testclient) and turns
 * their `pywbem_object` maps into our CIM objects. js-yaml 4 with `json: true` reads the files
 * as PyYAML does (fixtures README: the last of duplicate keys wins).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import {
  CimClass,
  CimClassName,
  CimDateTime,
  CimInstance,
  CimInstanceName,
  CimMethod,
  CimParameter,
  CimProperty,
  CimQualifier,
  CimQualifierDeclaration,
  Uint32,
  type KeybindingValue,
} from '../../../../src/wbem/index.ts';

export const TESTCLIENT_DIR = join(import.meta.dirname, '../../../fixtures/wbem/testclient');

/** One testclient case, with the file it came from and its place among same-named cases. */
export interface TestClientCase {
  readonly file: string;
  /** `file:name`, plus `#n` for the n-th (n ≥ 2) case of the same name in the file. */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly ignore_test?: boolean;
  readonly pywbem_request?: { operation?: Record<string, unknown> } & Record<string, unknown>;
  readonly pywbem_response?: Record<string, unknown>;
  readonly http_request?: { data?: string; headers?: Record<string, string> };
  readonly http_response?: { data?: string; status?: number; exception?: string };
}

/** Every case of every YAML file, in file order. */
export function loadTestClientCases(): TestClientCase[] {
  const out: TestClientCase[] = [];
  for (const file of readdirSync(TESTCLIENT_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const text = readFileSync(join(TESTCLIENT_DIR, file), 'utf8');
    const cases = yaml.load(text, { json: true }) as Omit<TestClientCase, 'file' | 'id'>[];
    const seen = new Map<string, number>();
    for (const c of cases) {
      const n = (seen.get(c.name) ?? 0) + 1;
      seen.set(c.name, n);
      out.push({ ...c, file, id: `${file}:${c.name}${n > 1 ? `#${n}` : ''}` });
    }
  }
  return out;
}

type Yaml = Record<string, unknown>;

/** Map entries; a list (of named objects) keyed by each object's name. */
function entries(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.map((v: Yaml) => [String(v['name']), v]);
  return value && typeof value === 'object' ? Object.entries(value as Yaml) : [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** pywbem `_ensure_bool`: None stays None, anything else by its truth value ('true' → True). */
function bool(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  return Boolean(value);
}

function embedded(value: unknown): 'instance' | 'object' | false | null {
  return value === 'instance' || value === 'object' ? value : value === false ? false : null;
}

function flavors(y: Yaml) {
  return {
    overridable: bool(y['overridable']),
    tosubclass: bool(y['tosubclass']),
    toinstance: bool(y['toinstance']),
    translatable: bool(y['translatable']),
  };
}

/** Converts a YAML value: `pywbem_object` maps become objects, lists are mapped, rest kept. */
export function fromYaml(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fromYaml);
  if (node === null || typeof node !== 'object') return node;
  const y = node as Yaml;
  const kind = y['pywbem_object'];
  if (kind === undefined) return Object.fromEntries(entries(y).map(([k, v]) => [k, fromYaml(v)]));
  const name = str(y['name']) ?? '';
  const qualifiers = entries(y['qualifiers']).map(([k, v]) => [k, fromYaml(v)] as const);
  switch (kind) {
    case 'CIMInstanceName':
      return new CimInstanceName(String(y['classname']), {
        keybindings: entries(y['keybindings']).map(([k, v]) => [k, fromYaml(v) as KeybindingValue]),
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
        properties: entries(y['properties']).map(([k, v]) => [k, fromYaml(v)] as const),
        qualifiers,
        path: (fromYaml(y['path']) as CimInstanceName | undefined) ?? null,
      });
    case 'CIMClass':
      return new CimClass(String(y['classname']), {
        superclass: str(y['superclass']),
        properties: entries(y['properties']).map(([, v]) => fromYaml(v) as CimProperty),
        methods: entries(y['methods']).map(([, v]) => fromYaml(v) as CimMethod),
        qualifiers,
        path: (fromYaml(y['path']) as CimClassName | undefined) ?? null,
      });
    case 'CIMProperty':
      return new CimProperty(name, fromYaml(y['value']), {
        type: (str(y['type']) as never) ?? null,
        referenceClass: str(y['reference_class']),
        embeddedObject: embedded(y['embedded_object']),
        isArray: bool(y['is_array']),
        arraySize: typeof y['array_size'] === 'number' ? y['array_size'] : null,
        classOrigin: str(y['class_origin']),
        propagated: bool(y['propagated']),
        qualifiers,
      });
    case 'CIMMethod':
      return new CimMethod(name, String(y['return_type']) as never, {
        parameters: entries(y['parameters']).map(([, v]) => fromYaml(v) as CimParameter),
        classOrigin: str(y['class_origin']),
        propagated: bool(y['propagated']),
        qualifiers,
      });
    case 'CIMParameter':
      return new CimParameter(name, String(y['type']) as never, {
        referenceClass: str(y['reference_class']),
        isArray: bool(y['is_array']),
        arraySize: typeof y['array_size'] === 'number' ? y['array_size'] : null,
        value: fromYaml(y['value']),
        embeddedObject: embedded(y['embedded_object']),
        qualifiers,
      });
    case 'CIMQualifier':
      return new CimQualifier(name, fromYaml(y['value']), {
        type: (str(y['type']) as never) ?? null,
        propagated: bool(y['propagated']),
        ...flavors(y),
      });
    case 'CIMQualifierDeclaration':
      return new CimQualifierDeclaration(name, String(y['type']) as never, {
        value: fromYaml(y['value']),
        isArray: bool(y['is_array']),
        arraySize: typeof y['array_size'] === 'number' ? y['array_size'] : null,
        scopes: entries(y['scopes']).map(([k, v]) => [k, v === true] as const),
        ...flavors(y),
      });
    case 'Uint32':
      return new Uint32(y['x'] as number);
    case 'CIMDateTime':
      return new CimDateTime(String(y['dtarg']));
    default:
      throw new Error(`unknown pywbem_object ${String(kind)}`);
  }
}
