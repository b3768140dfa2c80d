/**
 * The CIM-XML message parser (DSP0201 §5.3): CIM → MESSAGE → SIMPLERSP / SIMPLEEXPRSP /
 * SIMPLEREQ / SIMPLEEXPREQ. Bad XML raises XmlParseError, XML that breaks DSP0201 raises
 * CimXmlParseError; both carry the line and column of the problem. Checks that belong to a
 * particular operation (expected response name, kind of return value) are the caller's.
 */
import { CimXmlParseError } from '../errors.ts';
import type { CimClassName } from '../objects/class-name.ts';
import type { CimInstance } from '../objects/instance.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import type { XmlElement } from './element.ts';
import {
  attr,
  checkNode,
  childrenOf,
  fail,
  oneChild,
  optionalChild,
  type CimXmlParseOptions,
  type ParseContext,
} from './parse-context.ts';
import * as objects from './parse-objects.ts';
import * as paths from './parse-paths.ts';
import * as wrapped from './parse-value-objects.ts';
import {
  parseExpMethodResponse,
  parseMethodResponse,
  parseParamValue,
  type ExpMethodResponse,
  type IMethodResponse,
  type MethodResponse,
  type ParamValue,
} from './parse-response.ts';
import { parseValue, parseValueArray } from './parse-values.ts';
import { readXml } from './xml-reader.ts';

/** An IMETHODCALL (intrinsic operation request). */
export interface IMethodCall {
  readonly kind: 'IMETHODCALL';
  readonly name: string;
  readonly namespace: string;
  /** IPARAMVALUEs; VALUE text stays raw except the four boolean flags pywbem converts. */
  readonly params: { readonly name: string; readonly value: unknown }[];
}

/** A METHODCALL (extrinsic method request) on an instance or class. */
export interface MethodCall {
  readonly kind: 'METHODCALL';
  readonly name: string;
  readonly target: CimInstanceName | CimClassName;
  readonly params: ParamValue[];
}

/** An EXPMETHODCALL (export request, e.g. ExportIndication). */
export interface ExpMethodCall {
  readonly kind: 'EXPMETHODCALL';
  readonly name: string;
  readonly params: { readonly name: string; readonly value: CimInstance | null }[];
}

/** What a MESSAGE carries. */
export type CimXmlBody =
  IMethodResponse | MethodResponse | ExpMethodResponse | IMethodCall | MethodCall | ExpMethodCall;

/** A parsed CIM-XML message. */
export interface CimXmlMessage<B extends CimXmlBody = CimXmlBody> {
  readonly cimVersion: string;
  readonly dtdVersion: string;
  readonly messageId: string;
  readonly protocolVersion: string;
  readonly body: B;
}

const BOOLEAN_IPARAMS = ['deepinheritance', 'localonly', 'includequalifiers', 'includeclassorigin'];

function parseIParamValue(el: XmlElement, ctx: ParseContext): IMethodCall['params'][number] {
  checkNode(el, 'IPARAMVALUE', ['NAME']);
  const name = attr(el, 'NAME');
  const child = optionalChild(el, [
    'VALUE',
    'VALUE.ARRAY',
    'VALUE.REFERENCE',
    'INSTANCENAME',
    'CLASSNAME',
    'QUALIFIER.DECLARATION',
    'CLASS',
    'INSTANCE',
    'VALUE.NAMEDINSTANCE',
  ]);
  let value: unknown = null;
  if (child?.name === 'VALUE') {
    const text = parseValue(child);
    const flag = /^(true|false)$/i.test(text) && BOOLEAN_IPARAMS.includes(name.toLowerCase());
    value = flag ? text.toLowerCase() === 'true' : text;
  } else if (child?.name === 'VALUE.ARRAY') value = parseValueArray(child);
  else if (child?.name === 'VALUE.REFERENCE') value = paths.parseValueReference(child);
  else if (child?.name === 'INSTANCENAME') value = paths.parseInstanceName(child);
  else if (child?.name === 'CLASSNAME') value = paths.parseClassName(child);
  else if (child?.name === 'QUALIFIER.DECLARATION') {
    value = objects.parseQualifierDeclaration(child);
  } else if (child?.name === 'CLASS') value = objects.parseClass(child, ctx);
  else if (child?.name === 'INSTANCE') value = objects.parseInstance(child, ctx);
  else if (child !== null) value = wrapped.parseValueNamedInstance(child, ctx);
  return { name, value };
}

function parseSimpleReq(el: XmlElement, ctx: ParseContext): IMethodCall | MethodCall {
  checkNode(el, 'SIMPLEREQ');
  const call = oneChild(
    el,
    el.elements().length > 1
      ? ['IMETHODCALL', 'METHODCALL', 'CORRELATOR']
      : ['IMETHODCALL', 'METHODCALL'],
  );
  if (call.name === 'IMETHODCALL') {
    checkNode(call, 'IMETHODCALL', ['NAME'], [], ['LOCALNAMESPACEPATH', 'IPARAMVALUE']);
    const [ns, ...params] = call.elements();
    if (ns?.name !== 'LOCALNAMESPACEPATH') fail(call, "'IMETHODCALL' misses LOCALNAMESPACEPATH");
    return {
      kind: 'IMETHODCALL',
      name: attr(call, 'NAME'),
      namespace: paths.parseLocalNamespacePath(ns),
      params: params.map((p) => parseIParamValue(p, ctx)),
    };
  }
  checkNode(
    call,
    'METHODCALL',
    ['NAME'],
    [],
    ['LOCALCLASSPATH', 'LOCALINSTANCEPATH', 'PARAMVALUE'],
  );
  const [target, ...params] = call.elements();
  if (target?.name === 'LOCALCLASSPATH' || target?.name === 'LOCALINSTANCEPATH') {
    return {
      kind: 'METHODCALL',
      name: attr(call, 'NAME'),
      target:
        target.name === 'LOCALCLASSPATH'
          ? paths.parseLocalClassPath(target)
          : paths.parseLocalInstancePath(target),
      params: params.map((p) =>
        p.name === 'PARAMVALUE'
          ? parseParamValue(p, ctx)
          : fail(p, "'METHODCALL' has an element out of order"),
      ),
    };
  }
  return fail(call, "'METHODCALL' misses LOCALCLASSPATH or LOCALINSTANCEPATH first");
}

function parseSimpleExpReq(el: XmlElement, ctx: ParseContext): ExpMethodCall {
  checkNode(el, 'SIMPLEEXPREQ', [], [], ['EXPMETHODCALL', 'CORRELATOR']);
  const calls = el.elements().filter((k) => k.name === 'EXPMETHODCALL');
  if (calls.length !== 1) fail(el, "'SIMPLEEXPREQ' needs exactly one 'EXPMETHODCALL'");
  const call = calls[0] as XmlElement;
  checkNode(call, 'EXPMETHODCALL', ['NAME'], [], ['EXPPARAMVALUE']);
  const params = childrenOf(call, ['EXPPARAMVALUE']).map((p) => {
    checkNode(p, 'EXPPARAMVALUE', ['NAME'], [], ['INSTANCE']);
    const inst = optionalChild(p, ['INSTANCE']);
    return {
      name: attr(p, 'NAME'),
      value: inst === null ? null : objects.parseInstance(inst, ctx),
    };
  });
  return { kind: 'EXPMETHODCALL', name: attr(call, 'NAME'), params };
}

function parseBody(el: XmlElement, ctx: ParseContext): CimXmlBody {
  switch (el.name) {
    case 'SIMPLERSP':
      checkNode(el, 'SIMPLERSP');
      return parseMethodResponse(oneChild(el, ['METHODRESPONSE', 'IMETHODRESPONSE']), ctx);
    case 'SIMPLEEXPRSP':
      checkNode(el, 'SIMPLEEXPRSP');
      return parseExpMethodResponse(oneChild(el, ['EXPMETHODRESPONSE']), ctx);
    case 'SIMPLEREQ':
      return parseSimpleReq(el, ctx);
    case 'SIMPLEEXPREQ':
      return parseSimpleExpReq(el, ctx);
    default:
      // MULTIREQ, MULTIRSP, MULTIEXPREQ, MULTIEXPRSP: not supported, as in pywbem.
      return fail(el, `element '${el.name}' is not supported`);
  }
}

/**
 * Parses a CIM-XML message (response or request) into objects.
 * @throws KW_WBEM_XML_PARSE, KW_WBEM_CIMXML_PARSE (with line and column)
 * @example
 * const msg = parseCimXml(body);
 * if (msg.body.kind === 'IMETHODRESPONSE' && msg.body.error) { … }
 */
export function parseCimXml(input: string | Uint8Array, options: CimXmlParseOptions = {}) {
  const root = readXml(input, 'CIM-XML message', options);
  const ctx: ParseContext = { options, embeddingDepth: 0 };
  checkNode(root, 'CIM', ['CIMVERSION', 'DTDVERSION']);
  const cimVersion = attr(root, 'CIMVERSION');
  if (!cimVersion.startsWith('2.')) fail(root, `CIMVERSION is ${cimVersion}, expected 2.x`);
  const message = oneChild(root, ['MESSAGE', 'DECLARATION']);
  if (message.name === 'DECLARATION') fail(message, "element 'DECLARATION' is not supported");
  checkNode(message, 'MESSAGE', ['ID', 'PROTOCOLVERSION']);
  const body = oneChild(message, [
    'SIMPLEREQ',
    'MULTIREQ',
    'SIMPLERSP',
    'MULTIRSP',
    'SIMPLEEXPREQ',
    'MULTIEXPREQ',
    'SIMPLEEXPRSP',
    'MULTIEXPRSP',
  ]);
  const result: CimXmlMessage = {
    cimVersion,
    dtdVersion: attr(root, 'DTDVERSION'),
    messageId: attr(message, 'ID'),
    protocolVersion: attr(message, 'PROTOCOLVERSION'),
    body: parseBody(body, ctx),
  };
  return result;
}

/**
 * Parses a CIM-XML response: the body must be an IMETHODRESPONSE, METHODRESPONSE or
 * EXPMETHODRESPONSE.
 * @throws KW_WBEM_XML_PARSE, KW_WBEM_CIMXML_PARSE
 */
export function parseCimXmlResponse(
  input: string | Uint8Array,
  options: CimXmlParseOptions = {},
): CimXmlMessage<IMethodResponse | MethodResponse | ExpMethodResponse> {
  const message = parseCimXml(input, options);
  const { body } = message;
  if (body.kind === 'IMETHODCALL' || body.kind === 'METHODCALL' || body.kind === 'EXPMETHODCALL') {
    throw new CimXmlParseError(`expected a response, got a request (${body.kind})`);
  }
  return message as CimXmlMessage<IMethodResponse | MethodResponse | ExpMethodResponse>;
}
