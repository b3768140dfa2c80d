/**
 * Object definition elements (DSP0201 §5.1.2, §5.2): INSTANCE, CLASS, PROPERTY*, METHOD,
 * PARAMETER*, QUALIFIER, QUALIFIER.DECLARATION, SCOPE, the VALUE.* object wrappers and
 * embedded objects (EmbeddedObject="instance"|"object": CIM-XML inside a VALUE's text).
 */
import { KeywardenError } from '../../errors.ts';
import { CimClass } from '../objects/class.ts';
import type { EmbeddedObjectKind } from '../objects/infer.ts';
import { CimInstance } from '../objects/instance.ts';
import { CimMethod } from '../objects/method.ts';
import { CimParameter } from '../objects/parameter.ts';
import { PARSED } from '../objects/parsed.ts';
import { CimProperty } from '../objects/property.ts';
import { CimQualifier } from '../objects/qualifier.ts';
import { CimQualifierDeclaration } from '../objects/qualifier-declaration.ts';
import { isCimTypeName, type CimTypeName } from '../types/cim-type.ts';
import type { XmlElement } from './element.ts';
import {
  attr,
  boolAttribute,
  checkNode,
  fail,
  matching,
  sizeAttribute,
  type ParseContext,
} from './parse-context.ts';
import * as paths from './parse-paths.ts';
import { unpackValue } from './parse-values.ts';
import { readXml } from './xml-reader.ts';

const DEFAULT_MAX_EMBEDDING = 10;
const PARSED_MARK = { [PARSED]: true } as const;

/** Runs an object constructor; its value errors become CimXmlParseErrors at `el`. */
function build<T>(el: XmlElement, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof KeywardenError && error.code.startsWith('KW_WBEM_')) {
      if (error.code.endsWith('_PARSE')) throw error;
      fail(el, `element '${el.name}' has an invalid value: ${error.message}`);
    }
    throw error;
  }
}

function typeAttr(el: XmlElement): CimTypeName {
  const type = attr(el, 'TYPE');
  if (!isCimTypeName(type))
    fail(el, `element '${el.name}' has invalid TYPE ${JSON.stringify(type)}`);
  return type;
}

function embeddedAttr(el: XmlElement): EmbeddedObjectKind | null {
  const value = el.attr('EmbeddedObject') ?? el.attr('EMBEDDEDOBJECT');
  if (value === undefined || value === '') return null;
  if (value !== 'instance' && value !== 'object') fail(el, `invalid EmbeddedObject ${value}`);
  return value;
}

/** Parses embedded-object text (one level of escaping already undone) into an object. */
export function parseEmbedded(text: unknown, el: XmlElement, ctx: ParseContext): unknown {
  if (Array.isArray(text)) return text.map((t: unknown) => parseEmbedded(t, el, ctx));
  if (text === null || text === undefined) return null;
  if (typeof text !== 'string') fail(el, 'an embedded object value must be text');
  const max = ctx.options.maxEmbeddingDepth ?? DEFAULT_MAX_EMBEDDING;
  if (ctx.embeddingDepth >= max) fail(el, `embedded objects nest deeper than ${max}`);
  const root = readXml(text, 'embedded object', ctx.options);
  const inner: ParseContext = { ...ctx, embeddingDepth: ctx.embeddingDepth + 1 };
  if (root.name === 'INSTANCE') return parseInstance(root, inner);
  if (root.name === 'CLASS') return parseClass(root, inner);
  return fail(el, `invalid top-level element '${root.name}' in an embedded object`);
}

/** QUALIFIER (flavors default as in the DTD). */
export function parseQualifier(el: XmlElement): CimQualifier {
  checkNode(
    el,
    'QUALIFIER',
    ['NAME', 'TYPE'],
    ['OVERRIDABLE', 'TOSUBCLASS', 'TOINSTANCE', 'TRANSLATABLE', 'PROPAGATED', 'xml:lang'],
    ['VALUE', 'VALUE.ARRAY'],
  );
  const type = typeAttr(el);
  const value = unpackValue(el);
  return build(
    el,
    () =>
      new CimQualifier(attr(el, 'NAME'), value, {
        type,
        propagated: boolAttribute(el, 'PROPAGATED', false),
        overridable: boolAttribute(el, 'OVERRIDABLE', true),
        tosubclass: boolAttribute(el, 'TOSUBCLASS', true),
        toinstance: boolAttribute(el, 'TOINSTANCE', false),
        translatable: boolAttribute(el, 'TRANSLATABLE', false),
      }),
  );
}

function qualifiersOf(el: XmlElement): CimQualifier[] {
  return matching(el, ['QUALIFIER']).map(parseQualifier);
}

/** PROPERTY: a scalar, non-reference property. */
export function parseProperty(el: XmlElement, ctx: ParseContext): CimProperty {
  checkNode(
    el,
    'PROPERTY',
    ['NAME', 'TYPE'],
    ['CLASSORIGIN', 'PROPAGATED', 'EmbeddedObject', 'EMBEDDEDOBJECT', 'xml:lang'],
    ['QUALIFIER', 'VALUE'],
  );
  const type = typeAttr(el);
  const embedded = embeddedAttr(el);
  let value: unknown = unpackValue(el);
  if (embedded !== null) value = parseEmbedded(value, el, ctx);
  return build(
    el,
    () =>
      new CimProperty(attr(el, 'NAME'), value, {
        // unpackValue typed the value; embedded objects still take the checked path.
        ...(embedded === null ? PARSED_MARK : null),
        type,
        isArray: false,
        classOrigin: el.attr('CLASSORIGIN') ?? null,
        propagated: boolAttribute(el, 'PROPAGATED', false),
        qualifiers: qualifiersOf(el),
        embeddedObject: embedded ?? false,
      }),
  );
}

/** PROPERTY.ARRAY: an array property. */
export function parsePropertyArray(el: XmlElement, ctx: ParseContext): CimProperty {
  checkNode(
    el,
    'PROPERTY.ARRAY',
    ['NAME', 'TYPE'],
    ['CLASSORIGIN', 'PROPAGATED', 'ARRAYSIZE', 'EmbeddedObject', 'EMBEDDEDOBJECT', 'xml:lang'],
    ['QUALIFIER', 'VALUE.ARRAY'],
  );
  const type = typeAttr(el);
  const embedded = embeddedAttr(el);
  let value: unknown = unpackValue(el);
  if (embedded !== null) value = parseEmbedded(value, el, ctx);
  return build(
    el,
    () =>
      new CimProperty(attr(el, 'NAME'), value, {
        ...(embedded === null ? PARSED_MARK : null),
        type,
        isArray: true,
        arraySize: sizeAttribute(el, 'ARRAYSIZE'),
        classOrigin: el.attr('CLASSORIGIN') ?? null,
        propagated: boolAttribute(el, 'PROPAGATED', false),
        qualifiers: qualifiersOf(el),
        embeddedObject: embedded ?? false,
      }),
  );
}

/** PROPERTY.REFERENCE: a reference property. */
export function parsePropertyReference(el: XmlElement): CimProperty {
  checkNode(
    el,
    'PROPERTY.REFERENCE',
    ['NAME'],
    ['REFERENCECLASS', 'CLASSORIGIN', 'PROPAGATED'],
    ['QUALIFIER', 'VALUE.REFERENCE'],
  );
  const refs = matching(el, ['VALUE.REFERENCE']);
  if (refs.length > 1) fail(el, "element 'PROPERTY.REFERENCE' has more than one value");
  const value = refs[0] === undefined ? null : paths.parseValueReference(refs[0]);
  return build(
    el,
    () =>
      new CimProperty(attr(el, 'NAME'), value, {
        type: 'reference',
        isArray: false,
        referenceClass: el.attr('REFERENCECLASS') ?? null,
        classOrigin: el.attr('CLASSORIGIN') ?? null,
        propagated: boolAttribute(el, 'PROPAGATED', false),
        qualifiers: qualifiersOf(el),
        embeddedObject: false,
      }),
  );
}

function propertiesOf(el: XmlElement, ctx: ParseContext): CimProperty[] {
  return matching(el, ['PROPERTY', 'PROPERTY.ARRAY', 'PROPERTY.REFERENCE']).map((p) =>
    p.name === 'PROPERTY'
      ? parseProperty(p, ctx)
      : p.name === 'PROPERTY.ARRAY'
        ? parsePropertyArray(p, ctx)
        : parsePropertyReference(p),
  );
}

/** INSTANCE (xml:lang tolerated and ignored, as in pywbem). */
export function parseInstance(el: XmlElement, ctx: ParseContext): CimInstance {
  checkNode(
    el,
    'INSTANCE',
    ['CLASSNAME'],
    ['xml:lang'],
    ['QUALIFIER', 'PROPERTY', 'PROPERTY.ARRAY', 'PROPERTY.REFERENCE'],
  );
  const qualifiers = qualifiersOf(el);
  const properties = propertiesOf(el, ctx);
  return build(
    el,
    () => new CimInstance(attr(el, 'CLASSNAME'), { ...PARSED_MARK, qualifiers, properties }),
  );
}

/** PARAMETER, PARAMETER.REFERENCE, PARAMETER.ARRAY or PARAMETER.REFARRAY (declarations). */
export function parseParameter(el: XmlElement): CimParameter {
  const isRef = el.name === 'PARAMETER.REFERENCE' || el.name === 'PARAMETER.REFARRAY';
  const isArray = el.name === 'PARAMETER.ARRAY' || el.name === 'PARAMETER.REFARRAY';
  const required = isRef ? ['NAME'] : ['NAME', 'TYPE'];
  const optional = [...(isRef ? ['REFERENCECLASS'] : []), ...(isArray ? ['ARRAYSIZE'] : [])];
  checkNode(el, el.name, required, optional, ['QUALIFIER']);
  const type = isRef ? 'reference' : typeAttr(el);
  return build(
    el,
    () =>
      new CimParameter(attr(el, 'NAME'), type, {
        isArray,
        arraySize: isArray ? sizeAttribute(el, 'ARRAYSIZE') : null,
        referenceClass: isRef ? (el.attr('REFERENCECLASS') ?? null) : null,
        qualifiers: qualifiersOf(el),
        embeddedObject: false,
      }),
  );
}

const PARAMETERS = ['PARAMETER', 'PARAMETER.REFERENCE', 'PARAMETER.ARRAY', 'PARAMETER.REFARRAY'];

/** METHOD (a missing TYPE, i.e. void, is refused as in pywbem). */
export function parseMethod(el: XmlElement): CimMethod {
  checkNode(
    el,
    'METHOD',
    ['NAME'],
    ['TYPE', 'CLASSORIGIN', 'PROPAGATED'],
    ['QUALIFIER', ...PARAMETERS],
  );
  if (!el.attr('TYPE')) fail(el, "element 'METHOD' misses 'TYPE' (void methods are not CIM)");
  const returnType = typeAttr(el);
  return build(
    el,
    () =>
      new CimMethod(attr(el, 'NAME'), returnType, {
        parameters: matching(el, PARAMETERS).map(parseParameter),
        qualifiers: qualifiersOf(el),
        classOrigin: el.attr('CLASSORIGIN') ?? null,
        propagated: boolAttribute(el, 'PROPAGATED', false),
      }),
  );
}

/** CLASS. */
export function parseClass(el: XmlElement, ctx: ParseContext): CimClass {
  checkNode(
    el,
    'CLASS',
    ['NAME'],
    ['SUPERCLASS'],
    ['QUALIFIER', 'PROPERTY', 'PROPERTY.REFERENCE', 'PROPERTY.ARRAY', 'METHOD'],
  );
  const properties = propertiesOf(el, ctx);
  const methods = matching(el, ['METHOD']).map(parseMethod);
  return build(
    el,
    () =>
      new CimClass(attr(el, 'NAME'), {
        superclass: el.attr('SUPERCLASS') ?? null,
        properties,
        methods,
        qualifiers: qualifiersOf(el),
      }),
  );
}

const SCOPES = [
  'CLASS',
  'ASSOCIATION',
  'REFERENCE',
  'PROPERTY',
  'METHOD',
  'PARAMETER',
  'INDICATION',
];

/** SCOPE: scope name → boolean, for the attributes present. */
export function parseScope(el: XmlElement): [string, boolean][] {
  checkNode(el, 'SCOPE', [], SCOPES, []);
  return el.attributeNames().map((name) => [name, boolAttribute(el, name, false)]);
}

/** QUALIFIER.DECLARATION (flavors default as in the DTD). */
export function parseQualifierDeclaration(el: XmlElement): CimQualifierDeclaration {
  checkNode(
    el,
    'QUALIFIER.DECLARATION',
    ['NAME', 'TYPE'],
    ['ISARRAY', 'ARRAYSIZE', 'OVERRIDABLE', 'TOSUBCLASS', 'TOINSTANCE', 'TRANSLATABLE'],
    ['SCOPE', 'VALUE', 'VALUE.ARRAY'],
  );
  const scopes = matching(el, ['SCOPE']);
  if (scopes.length > 1) fail(el, "element 'QUALIFIER.DECLARATION' has more than one 'SCOPE'");
  const type = typeAttr(el);
  const value = unpackValue(el);
  return build(
    el,
    () =>
      new CimQualifierDeclaration(attr(el, 'NAME'), type, {
        value,
        isArray: boolAttribute(el, 'ISARRAY', false),
        arraySize: sizeAttribute(el, 'ARRAYSIZE'),
        scopes: scopes[0] === undefined ? [] : parseScope(scopes[0]),
        overridable: boolAttribute(el, 'OVERRIDABLE', true),
        tosubclass: boolAttribute(el, 'TOSUBCLASS', true),
        toinstance: boolAttribute(el, 'TOINSTANCE', false),
        translatable: boolAttribute(el, 'TRANSLATABLE', false),
      }),
  );
}
