/**
 * InvokeMethod (DSP0200 §5.3.3): an extrinsic method call on a class or instance, with input
 * parameters as PARAMVALUEs and the return value and output parameters read from the
 * METHODRESPONSE, as pywbem's InvokeMethod does.
 */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import { CimTypeError, CimXmlParseError } from '../errors.ts';
import { NocaseDict } from '../nocase-dict.ts';
import { CimClassName } from '../objects/class-name.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import { isClass, isClassName, isInstance, isInstanceName } from '../objects/kinds.ts';
import type { CimParameter } from '../objects/parameter.ts';
import { anyValueXml } from '../objects/value-xml.ts';
import { cimType } from '../types/cim-type.ts';
import { cleanNamespace } from './args.ts';
import type { WbemConnectionCore } from './core.ts';

/** Input parameters: [name, value] pairs and/or CimParameter objects (with a value). */
export type MethodParamsInput = Iterable<readonly [string, unknown] | CimParameter>;

/** What InvokeMethod returns: pywbem's (returnvalue, outparams) pair. */
export interface InvokeMethodResult {
  readonly returnValue: unknown;
  /** Output parameters by name (case-insensitive). */
  readonly outParams: NocaseDict<unknown>;
}

function isParameter(p: unknown): p is CimParameter {
  return (p as { cimKind?: unknown } | null)?.cimKind === 'CIMParameter';
}

/** PARAMTYPE of an untyped value; null for NULL and for arrays without non-NULL items. */
function paramType(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value) && value.every((v) => v === null || v === undefined)) return null;
  return cimType(value);
}

function embeddedKind(value: unknown): 'instance' | 'object' | null {
  const first: unknown = Array.isArray(value) ? value.find((v) => v !== null) : value;
  if (isInstance(first)) return 'instance';
  if (isClass(first)) return 'object';
  return null;
}

/** PARAMVALUE for a [name, value] pair (pywbem: type from the value) or a CimParameter. */
export function paramValueXml(param: readonly [string, unknown] | CimParameter): XmlElement {
  if (isParameter(param)) return param.toCimXml({ asValue: true });
  if (!Array.isArray(param) || typeof param[0] !== 'string') {
    throw new CimTypeError('a method parameter must be a [name, value] pair or a CimParameter');
  }
  const [name, value] = param;
  const type = paramType(value);
  const embedded = embeddedKind(value);
  return xmlElement('PARAMVALUE', { NAME: name, PARAMTYPE: type, EmbeddedObject: embedded }, [
    type === null ? null : anyValueXml(value, type, embedded !== null),
  ]);
}

/** Characters of a WBEM URI that stay as they are in the CIMObject header. */
function headerEscape(text: string): string {
  return text.replace(/[^A-Za-z0-9/:=,."_\-.]/g, (c) => encodeURIComponent(c));
}

/** The target path with a namespace (the default one if it has none), without host. */
function targetPath(conn: WbemConnectionCore, objectName: unknown): CimClassName | CimInstanceName {
  let path: CimClassName | CimInstanceName;
  if (typeof objectName === 'string') path = new CimClassName(objectName);
  else if (isClassName(objectName) || isInstanceName(objectName)) path = objectName.copy();
  else throw new CimTypeError('ObjectName must be a string, CimClassName or CimInstanceName');
  path.host = null;
  path.namespace = path.namespace === null ? conn.defaultNamespace : cleanNamespace(path.namespace);
  return path;
}

export async function invokeMethod(
  conn: WbemConnectionCore,
  methodName: string,
  objectName: string | CimClassName | CimInstanceName,
  params: MethodParamsInput = [],
): Promise<InvokeMethodResult> {
  const path = targetPath(conn, objectName);
  const paramXml = [...params].map(paramValueXml);
  // pywbem (AUTO_GENERATE_SFCB_UEP_HEADER): SFCB reads a new password only with this pragma.
  const extraHeaders: Record<string, string> =
    methodName === 'UpdateExpiredPassword' ? { Pragma: 'UpdateExpiredPassword' } : {};
  const resp = await conn.methodcall(
    methodName,
    {
      xml: path.toCimXml({ ignoreHost: true }),
      header: headerEscape(path.toWbemUri('cimobject')),
    },
    paramXml,
    extraHeaders,
  );
  let returnValue: unknown = null;
  if (resp.returnValue !== null) {
    if (resp.returnValue.value === null) {
      throw new CimXmlParseError(`${methodName} response has a RETURNVALUE without a value`);
    }
    returnValue = resp.returnValue.value;
  }
  const outParams = new NocaseDict<unknown>();
  for (const p of resp.params) outParams.set(p.name, p.value);
  return { returnValue, outParams };
}
