/**
 * Builders of the CIM-XML message elements (DSP0201 §5.3) a client sends, and of the response
 * elements (for test servers and listeners). Object elements come from the objects' toCimXml().
 */
import { CimTypeError } from '../errors.ts';
import { localNamespacePathXml } from '../objects/namespace-xml.ts';
import { isClass, isClassName, isInstance, isInstanceName } from '../objects/kinds.ts';
import { valueArrayXml, valueReferenceXml, valueXml } from '../objects/value-xml.ts';
import { XmlElement, xmlElement } from './element.ts';

/** The XML declaration pywbem puts in front of every message. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8" ?>\n';

/** The text of a whole CIM-XML document: declaration plus the serialized root element. */
export function cimXmlDocument(root: XmlElement): string {
  return XML_DECLARATION + root.toXml();
}

/** CIM > MESSAGE > `body` (CIMVERSION 2.0, DTDVERSION 2.0, PROTOCOLVERSION 1.0 by default). */
export function cimMessage(
  body: XmlElement,
  options: {
    messageId: string;
    cimVersion?: string;
    dtdVersion?: string;
    protocolVersion?: string;
  },
): XmlElement {
  const message = xmlElement(
    'MESSAGE',
    { ID: options.messageId, PROTOCOLVERSION: options.protocolVersion ?? '1.0' },
    [body],
  );
  return xmlElement(
    'CIM',
    { CIMVERSION: options.cimVersion ?? '2.0', DTDVERSION: options.dtdVersion ?? '2.0' },
    [message],
  );
}

/** SIMPLEREQ > IMETHODCALL with LOCALNAMESPACEPATH and IPARAMVALUEs. */
export function imethodCall(name: string, namespace: string, params: XmlElement[]): XmlElement {
  const call = xmlElement('IMETHODCALL', { NAME: name }, [
    localNamespacePathXml(namespace),
    ...params,
  ]);
  return xmlElement('SIMPLEREQ', {}, [call]);
}

/**
 * SIMPLEREQ > METHODCALL on a class or instance; the target needs a namespace (it is sent as
 * LOCALCLASSPATH or LOCALINSTANCEPATH, without host).
 * @throws KW_WBEM_TYPE unless the target is a path with a namespace
 */
export function methodCall(name: string, target: unknown, params: XmlElement[]): XmlElement {
  if ((!isInstanceName(target) && !isClassName(target)) || target.namespace === null) {
    throw new CimTypeError('a method call target must be a class or instance path with namespace');
  }
  const path = target.toCimXml({ ignoreHost: true });
  return xmlElement('SIMPLEREQ', {}, [xmlElement('METHODCALL', { NAME: name }, [path, ...params])]);
}

/**
 * The child element for an intrinsic parameter value: booleans, numbers and strings as VALUE,
 * arrays as VALUE.ARRAY, paths as INSTANCENAME / CLASSNAME (namespace and host dropped),
 * instances and classes as INSTANCE / CLASS, other objects through their toCimXml(); a ready
 * XmlElement is used as it is (e.g. VALUE.NAMEDINSTANCE for ModifyInstance).
 * @throws KW_WBEM_TYPE for values that have no CIM-XML form
 */
export function iparamValueChild(value: unknown): XmlElement | null {
  if (value === null || value === undefined) return null;
  if (value instanceof XmlElement) return value;
  if (Array.isArray(value)) return valueArrayXml(value, false);
  if (isInstanceName(value) || isClassName(value)) return value.toCimXml({ ignoreNamespace: true });
  if (isInstance(value)) return value.toCimXml({ ignorePath: true });
  if (isClass(value)) return value.toCimXml();
  if (typeof value === 'object' && 'toCimXml' in value && typeof value.toCimXml === 'function') {
    return (value.toCimXml as () => XmlElement)();
  }
  return valueXml(value, false);
}

/** IPARAMVALUE with the child for `value` (none for null). */
export function iparamValue(name: string, value: unknown): XmlElement {
  return xmlElement('IPARAMVALUE', { NAME: name }, [iparamValueChild(value)]);
}

/** IPARAMVALUE holding a VALUE.REFERENCE (e.g. the ObjectName of association operations). */
export function iparamReference(name: string, path: unknown): XmlElement {
  return xmlElement('IPARAMVALUE', { NAME: name }, [valueReferenceXml(path)]);
}

/** SIMPLEEXPREQ > EXPMETHODCALL with EXPPARAMVALUEs (e.g. ExportIndication). */
export function expMethodCall(
  name: string,
  params: readonly { name: string; instance: unknown }[],
): XmlElement {
  const values = params.map(({ name: paramName, instance }) => {
    if (!isInstance(instance)) throw new CimTypeError('an export parameter must be an instance');
    return xmlElement('EXPPARAMVALUE', { NAME: paramName }, [
      instance.toCimXml({ ignorePath: true }),
    ]);
  });
  return xmlElement('SIMPLEEXPREQ', {}, [xmlElement('EXPMETHODCALL', { NAME: name }, values)]);
}

/** ERROR with a status code, an optional description and CIM_Error instances. */
export function errorElement(code: number, description?: string | null, instances: unknown[] = []) {
  return xmlElement(
    'ERROR',
    { CODE: String(code), DESCRIPTION: description ?? null },
    instances.map((i) => {
      if (!isInstance(i)) throw new CimTypeError('ERROR can only hold instances');
      return i.toCimXml({ ignorePath: true });
    }),
  );
}

/** SIMPLERSP > IMETHODRESPONSE with ERROR, or IRETURNVALUE (children) and PARAMVALUEs. */
export function imethodResponse(
  name: string,
  content: { error?: XmlElement; returnValue?: XmlElement[]; params?: XmlElement[] },
): XmlElement {
  const children = content.error
    ? [content.error]
    : [
        content.returnValue ? xmlElement('IRETURNVALUE', {}, content.returnValue) : null,
        ...(content.params ?? []),
      ];
  return xmlElement('SIMPLERSP', {}, [xmlElement('IMETHODRESPONSE', { NAME: name }, children)]);
}

/** SIMPLERSP > METHODRESPONSE with ERROR, or RETURNVALUE and PARAMVALUEs. */
export function methodResponse(
  name: string,
  content: { error?: XmlElement; returnValue?: XmlElement; params?: XmlElement[] },
): XmlElement {
  const children = content.error
    ? [content.error]
    : [content.returnValue ?? null, ...(content.params ?? [])];
  return xmlElement('SIMPLERSP', {}, [xmlElement('METHODRESPONSE', { NAME: name }, children)]);
}

/** RETURNVALUE with PARAMTYPE and the value. */
export function returnValue(value: unknown, paramType: string): XmlElement {
  const child =
    value === null
      ? null
      : paramType === 'reference'
        ? valueReferenceXml(value)
        : valueXml(value, false);
  return xmlElement('RETURNVALUE', { PARAMTYPE: paramType }, [child]);
}
