/**
 * VALUE, VALUE.ARRAY, VALUE.REFERENCE and VALUE.REFARRAY elements of CIM values
 * (DSP0201 §5.2.2-5.2.5), shared by properties, parameters and qualifiers.
 */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import { atomicToCimXml } from '../cimxml/value-text.ts';
import { CimTypeError } from '../errors.ts';
import { isClass, isClassName, isInstance, isInstanceName } from './kinds.ts';

/** VALUE of a scalar; an embedded object becomes its escaped CIM-XML text. */
export function valueXml(value: unknown, embedded: boolean): XmlElement {
  if (embedded || isInstance(value) || isClass(value)) {
    if (!isInstance(value) && !isClass(value)) {
      throw new CimTypeError('an embedded object value must be a CimInstance or CimClass');
    }
    return xmlElement('VALUE', {}, [value.toCimXml({ ignorePath: true }).toXml()]);
  }
  return xmlElement('VALUE', {}, [atomicToCimXml(value)]);
}

/** VALUE.ARRAY; NULL items become VALUE.NULL (pywbem with SEND_VALUE_NULL, the default). */
export function valueArrayXml(values: readonly unknown[], embedded: boolean): XmlElement {
  return xmlElement(
    'VALUE.ARRAY',
    {},
    values.map((v) => (v === null ? xmlElement('VALUE.NULL') : valueXml(v, embedded))),
  );
}

/** VALUE.REFERENCE of an instance or class path. */
export function valueReferenceXml(value: unknown): XmlElement {
  if (!isInstanceName(value) && !isClassName(value)) {
    throw new CimTypeError('a reference value must be a CimInstanceName or CimClassName');
  }
  return xmlElement('VALUE.REFERENCE', {}, [value.toCimXml()]);
}

/** VALUE.REFARRAY; NULL items become VALUE.NULL. */
export function valueRefArrayXml(values: readonly unknown[]): XmlElement {
  return xmlElement(
    'VALUE.REFARRAY',
    {},
    values.map((v) => (v === null ? xmlElement('VALUE.NULL') : valueReferenceXml(v))),
  );
}

/** The child element holding any CIM value of `type`, or null for NULL. */
export function anyValueXml(value: unknown, type: string, embedded: boolean): XmlElement | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    return type === 'reference' ? valueRefArrayXml(value) : valueArrayXml(value, embedded);
  }
  return type === 'reference' ? valueReferenceXml(value) : valueXml(value, embedded);
}

/** 'true' / 'false' for a boolean attribute, or null to leave it out. */
export function boolAttr(value: boolean | null): string | null {
  return value === null ? null : String(value);
}
