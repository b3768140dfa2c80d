/**
 * Response parts of CIM-XML messages (DSP0201 §5.3.2): IMETHODRESPONSE, METHODRESPONSE,
 * EXPMETHODRESPONSE, ERROR, IRETURNVALUE, RETURNVALUE and PARAMVALUE.
 */
import type { CimClass } from '../objects/class.ts';
import type { CimClassName } from '../objects/class-name.ts';
import type { EmbeddedObjectKind } from '../objects/infer.ts';
import type { CimInstance } from '../objects/instance.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import type { CimQualifierDeclaration } from '../objects/qualifier-declaration.ts';
import { isCimTypeName } from '../types/cim-type.ts';
import type { XmlElement } from './element.ts';
import {
  attr,
  checkNode,
  childrenOf,
  fail,
  optionalChild,
  type ParseContext,
} from './parse-context.ts';
import * as objects from './parse-objects.ts';
import * as paths from './parse-paths.ts';
import * as wrapped from './parse-value-objects.ts';
import { parseValue, parseValueArray, unpackSingleValue } from './parse-values.ts';

/** An ERROR element: CIM status code, description and CIM_Error instances. */
export interface CimErrorInfo {
  readonly code: number;
  readonly description: string | null;
  readonly instances: CimInstance[];
}

/** One item of an IRETURNVALUE; `elementName` of the IRETURNVALUE tells which kind. */
export type IReturnItem =
  | CimClassName
  | CimInstanceName
  | CimInstance
  | CimClass
  | CimQualifierDeclaration
  | string
  | (string | null)[];

/** IRETURNVALUE: items of one element kind (pywbem `list_of_same`). */
export interface IReturnValue {
  /** Name of the child elements (e.g. 'VALUE.NAMEDINSTANCE'), null when empty. */
  readonly elementName: string | null;
  readonly items: IReturnItem[];
}

/**
 * A PARAMVALUE (or RETURNVALUE). With a CIM PARAMTYPE (or TYPE, as VMAX sends), VALUE text is
 * converted to that type; embedded objects are parsed; without a type the text stays raw.
 */
export interface ParamValue {
  readonly name: string;
  readonly paramType: string | null;
  readonly embeddedObject: EmbeddedObjectKind | null;
  readonly value: unknown;
}

/** IMETHODRESPONSE (intrinsic operations). */
export interface IMethodResponse {
  readonly kind: 'IMETHODRESPONSE';
  readonly name: string;
  readonly error: CimErrorInfo | null;
  readonly returnValue: IReturnValue | null;
  /** Output parameters, e.g. EndOfSequence and EnumerationContext of pull operations. */
  readonly params: ParamValue[];
}

/** METHODRESPONSE (extrinsic methods). */
export interface MethodResponse {
  readonly kind: 'METHODRESPONSE';
  readonly name: string;
  readonly error: CimErrorInfo | null;
  readonly returnValue: Omit<ParamValue, 'name'> | null;
  readonly params: ParamValue[];
}

/** EXPMETHODRESPONSE (export / indication delivery). */
export interface ExpMethodResponse {
  readonly kind: 'EXPMETHODRESPONSE';
  readonly name: string;
  readonly error: CimErrorInfo | null;
  readonly returnValue: IReturnValue | null;
}

/** ERROR. */
export function parseError(el: XmlElement, ctx: ParseContext): CimErrorInfo {
  checkNode(el, 'ERROR', ['CODE'], ['DESCRIPTION'], ['INSTANCE']);
  const code = attr(el, 'CODE').trim();
  if (!/^\d+$/.test(code)) fail(el, `element 'ERROR' has an invalid CODE`);
  const instances = childrenOf(el, ['INSTANCE']).map((i) => objects.parseInstance(i, ctx));
  return { code: Number(code), description: el.attr('DESCRIPTION') ?? null, instances };
}

const IRETURN_PARSERS: Record<string, (el: XmlElement, ctx: ParseContext) => IReturnItem> = {
  CLASSNAME: paths.parseClassName,
  INSTANCENAME: paths.parseInstanceName,
  VALUE: parseValue,
  'VALUE.OBJECTWITHPATH': wrapped.parseValueObjectWithPath,
  'VALUE.OBJECTWITHLOCALPATH': wrapped.parseValueObjectWithPath,
  'VALUE.OBJECT': wrapped.parseValueObject,
  OBJECTPATH: paths.parseObjectPath,
  'QUALIFIER.DECLARATION': objects.parseQualifierDeclaration,
  'VALUE.ARRAY': parseValueArray,
  'VALUE.REFERENCE': paths.parseValueReference,
  CLASS: objects.parseClass,
  INSTANCE: objects.parseInstance,
  INSTANCEPATH: paths.parseInstancePath,
  'VALUE.NAMEDINSTANCE': wrapped.parseValueNamedInstance,
  'VALUE.INSTANCEWITHPATH': wrapped.parseValueInstanceWithPath,
};

/** IRETURNVALUE: all children must be the same kind of element. */
export function parseIReturnValue(el: XmlElement, ctx: ParseContext): IReturnValue {
  checkNode(el, 'IRETURNVALUE');
  const kids = childrenOf(el, Object.keys(IRETURN_PARSERS));
  const first = kids[0];
  if (first === undefined) return { elementName: null, items: [] };
  const parse = IRETURN_PARSERS[first.name] as (e: XmlElement, c: ParseContext) => IReturnItem;
  const items = kids.map((child) => {
    if (child.name !== first.name) {
      fail(child, `element 'IRETURNVALUE' mixes '${first.name}' and '${child.name}' elements`);
    }
    return parse(child, ctx);
  });
  return { elementName: first.name, items };
}

const PARAM_CHILDREN = [
  'VALUE',
  'VALUE.REFERENCE',
  'VALUE.ARRAY',
  'VALUE.REFARRAY',
  'CLASSNAME',
  'INSTANCENAME',
  'CLASS',
  'INSTANCE',
  'VALUE.NAMEDINSTANCE',
];

function embeddedOf(el: XmlElement): EmbeddedObjectKind | null {
  const value = el.attr('EmbeddedObject') ?? el.attr('EMBEDDEDOBJECT');
  if (value === undefined || value === '') return null;
  if (value !== 'instance' && value !== 'object') fail(el, `invalid EmbeddedObject ${value}`);
  return value;
}

function paramContent(
  child: XmlElement | null,
  paramType: string | null,
  embedded: EmbeddedObjectKind | null,
  ctx: ParseContext,
): unknown {
  if (child === null) return null;
  const typed = paramType !== null && isCimTypeName(paramType) && paramType !== 'reference';
  const convert = (text: string | null) =>
    embedded !== null
      ? objects.parseEmbedded(text, child, ctx)
      : typed
        ? unpackSingleValue(text, paramType, child)
        : text;
  switch (child.name) {
    case 'VALUE':
      return convert(parseValue(child));
    case 'VALUE.ARRAY':
      return parseValueArray(child).map(convert);
    case 'VALUE.REFERENCE':
      return paths.parseValueReference(child);
    case 'VALUE.REFARRAY':
      return paths.parseValueRefArray(child);
    case 'CLASSNAME':
      return paths.parseClassName(child);
    case 'INSTANCENAME':
      return paths.parseInstanceName(child);
    case 'CLASS':
      return objects.parseClass(child, ctx);
    case 'INSTANCE':
      return objects.parseInstance(child, ctx);
    default:
      return wrapped.parseValueNamedInstance(child, ctx);
  }
}

/** PARAMVALUE. */
export function parseParamValue(el: XmlElement, ctx: ParseContext): ParamValue {
  checkNode(el, 'PARAMVALUE', ['NAME'], ['TYPE', 'PARAMTYPE', 'EmbeddedObject', 'EMBEDDEDOBJECT']);
  const paramType = el.attr('PARAMTYPE') ?? el.attr('TYPE') ?? null;
  const embeddedObject = embeddedOf(el);
  const child = optionalChild(el, PARAM_CHILDREN);
  const value = paramContent(child, paramType, embeddedObject, ctx);
  return { name: attr(el, 'NAME'), paramType, embeddedObject, value };
}

/** RETURNVALUE. */
export function parseReturnValue(el: XmlElement, ctx: ParseContext): Omit<ParamValue, 'name'> {
  checkNode(el, 'RETURNVALUE', [], ['PARAMTYPE', 'EmbeddedObject', 'EMBEDDEDOBJECT']);
  const paramType = el.attr('PARAMTYPE') ?? null;
  const embeddedObject = embeddedOf(el);
  const child = optionalChild(el, ['VALUE', 'VALUE.REFERENCE']);
  return { paramType, embeddedObject, value: paramContent(child, paramType, embeddedObject, ctx) };
}

function single<T>(found: XmlElement[], what: string, parse: (e: XmlElement) => T): T | null {
  if (found.length > 1) fail(found[1] as XmlElement, `more than one '${what}' element`);
  return found[0] === undefined ? null : parse(found[0]);
}

/** IMETHODRESPONSE or METHODRESPONSE: ERROR, or a return value and output parameters. */
export function parseMethodResponse(
  el: XmlElement,
  ctx: ParseContext,
): IMethodResponse | MethodResponse {
  const intrinsic = el.name === 'IMETHODRESPONSE';
  const returnName = intrinsic ? 'IRETURNVALUE' : 'RETURNVALUE';
  checkNode(el, el.name, ['NAME'], [], ['ERROR', returnName, 'PARAMVALUE']);
  const kids = el.elements();
  const error = single(
    kids.filter((k) => k.name === 'ERROR'),
    'ERROR',
    (e) => parseError(e, ctx),
  );
  const returns = kids.filter((k) => k.name === returnName);
  const params = kids.filter((k) => k.name === 'PARAMVALUE').map((p) => parseParamValue(p, ctx));
  if (error !== null && (returns.length > 0 || params.length > 0)) {
    fail(el, `element '${el.name}' has an 'ERROR' besides return values`);
  }
  const name = attr(el, 'NAME');
  if (intrinsic) {
    const returnValue = single(returns, returnName, (e) => parseIReturnValue(e, ctx));
    return { kind: 'IMETHODRESPONSE', name, error, returnValue, params };
  }
  const returnValue = single(returns, returnName, (e) => parseReturnValue(e, ctx));
  return { kind: 'METHODRESPONSE', name, error, returnValue, params };
}

/** EXPMETHODRESPONSE: ERROR, or an optional IRETURNVALUE. */
export function parseExpMethodResponse(el: XmlElement, ctx: ParseContext): ExpMethodResponse {
  checkNode(el, 'EXPMETHODRESPONSE', ['NAME'], [], ['ERROR', 'IRETURNVALUE']);
  const kids = el.elements();
  if (kids.length > 1) fail(el, "element 'EXPMETHODRESPONSE' has more than one child element");
  const child = kids[0];
  return {
    kind: 'EXPMETHODRESPONSE',
    name: attr(el, 'NAME'),
    error: child?.name === 'ERROR' ? parseError(child, ctx) : null,
    returnValue: child?.name === 'IRETURNVALUE' ? parseIReturnValue(child, ctx) : null,
  };
}
