/**
 * Our CIM objects and values as the `pywbem_object` maps of pywbem's testclient YAML
 * (a map naming the pywbem constructor plus its keyword arguments), so that recorded cases
 * load in pywbem's runner and in ours.
 */
import { NocaseDict } from '../nocase-dict.ts';
import { CimDateTime } from '../types/datetime.ts';
import { CimInteger } from '../types/integers.ts';
import { CimReal } from '../types/reals.ts';
import { Char16 } from '../types/char16.ts';
import type { CimProperty } from '../objects/property.ts';
import type { CimQualifier } from '../objects/qualifier.ts';
import type { CimMethod } from '../objects/method.ts';
import type { CimParameter } from '../objects/parameter.ts';
import type { CimQualifierDeclaration } from '../objects/qualifier-declaration.ts';
import { isClass, isClassName, isInstance, isInstanceName } from '../objects/kinds.ts';
import type { YamlValue } from './yaml-emit.ts';

type Map = { [key: string]: YamlValue };

function kindOf(v: unknown): string | undefined {
  return (v as { cimKind?: string } | null)?.cimKind;
}

function dict<V>(d: NocaseDict<V>, f: (v: V) => YamlValue): Map {
  const out: Map = {};
  for (const [k, v] of d) out[k] = f(v);
  return out;
}

function qualifier(q: CimQualifier): Map {
  return {
    pywbem_object: 'CIMQualifier',
    name: q.name,
    value: toPywbemYaml(q.value),
    type: q.type,
    propagated: q.propagated,
    overridable: q.overridable,
    tosubclass: q.tosubclass,
    toinstance: q.toinstance,
    translatable: q.translatable,
  };
}

function property(p: CimProperty): Map {
  return {
    pywbem_object: 'CIMProperty',
    name: p.name,
    value: toPywbemYaml(p.value),
    type: p.type,
    reference_class: p.referenceClass,
    embedded_object: p.embeddedObject,
    is_array: p.isArray,
    array_size: p.arraySize,
    class_origin: p.classOrigin,
    propagated: p.propagated,
    qualifiers: dict(p.qualifiers, qualifier),
  };
}

function parameter(p: CimParameter): Map {
  return {
    pywbem_object: 'CIMParameter',
    name: p.name,
    type: p.type,
    reference_class: p.referenceClass,
    is_array: p.isArray,
    array_size: p.arraySize,
    qualifiers: dict(p.qualifiers, qualifier),
    value: toPywbemYaml(p.value),
    embedded_object: p.embeddedObject,
  };
}

function method(m: CimMethod): Map {
  return {
    pywbem_object: 'CIMMethod',
    name: m.name,
    return_type: m.returnType,
    parameters: dict(m.parameters, parameter),
    class_origin: m.classOrigin,
    propagated: m.propagated,
    qualifiers: dict(m.qualifiers, qualifier),
  };
}

function qualifierDeclaration(q: CimQualifierDeclaration): Map {
  return {
    pywbem_object: 'CIMQualifierDeclaration',
    name: q.name,
    type: q.type,
    value: toPywbemYaml(q.value),
    is_array: q.isArray,
    array_size: q.arraySize,
    scopes: dict(q.scopes, (v) => v),
    overridable: q.overridable,
    tosubclass: q.tosubclass,
    toinstance: q.toinstance,
    translatable: q.translatable,
  };
}

/** A value (CIM object, CIM typed value, list, map, scalar) as testclient YAML. */
export function toPywbemYaml(value: unknown): YamlValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPywbemYaml);
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
    return value;
  }
  if (typeof value === 'bigint') return value;
  // pywbem's CIM integer types take `x` (int(x=…)); reals keep their type via the property.
  if (value instanceof CimInteger) {
    const name = value.cimType.charAt(0).toUpperCase() + value.cimType.slice(1);
    return { pywbem_object: name, x: value.toBigInt() };
  }
  if (value instanceof CimReal) return value.value;
  if (value instanceof Char16) return value.value;
  if (value instanceof CimDateTime)
    return { pywbem_object: 'CIMDateTime', dtarg: value.toString() };
  if (isInstanceName(value)) {
    return {
      pywbem_object: 'CIMInstanceName',
      classname: value.classname,
      keybindings: dict(value.keybindings, toPywbemYaml),
      namespace: value.namespace,
      host: value.host,
    };
  }
  if (isClassName(value)) {
    return {
      pywbem_object: 'CIMClassName',
      classname: value.classname,
      namespace: value.namespace,
      host: value.host,
    };
  }
  if (isInstance(value)) {
    return {
      pywbem_object: 'CIMInstance',
      classname: value.classname,
      properties: dict(value.properties, property),
      qualifiers: dict(value.qualifiers, qualifier),
      path: toPywbemYaml(value.path),
    };
  }
  if (isClass(value)) {
    return {
      pywbem_object: 'CIMClass',
      classname: value.classname,
      superclass: value.superclass,
      properties: dict(value.properties, property),
      methods: dict(value.methods, method),
      qualifiers: dict(value.qualifiers, qualifier),
      path: toPywbemYaml(value.path),
    };
  }
  switch (kindOf(value)) {
    case 'CIMProperty':
      return property(value as CimProperty);
    case 'CIMQualifier':
      return qualifier(value as CimQualifier);
    case 'CIMMethod':
      return method(value as CimMethod);
    case 'CIMParameter':
      return parameter(value as CimParameter);
    case 'CIMQualifierDeclaration':
      return qualifierDeclaration(value as CimQualifierDeclaration);
    default:
      break;
  }
  if (value instanceof NocaseDict) return dict(value as NocaseDict<unknown>, toPywbemYaml);
  if (typeof value === 'object') {
    const out: Map = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPywbemYaml(v);
    return out;
  }
  return String(value);
}
