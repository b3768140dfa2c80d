/**
 * The VALUE.* wrappers of objects (DSP0201 §5.2.6-5.2.11): an instance or class together with
 * its name or path (VALUE.NAMEDINSTANCE, VALUE.INSTANCEWITHPATH, VALUE.OBJECTWITHPATH,
 * VALUE.OBJECTWITHLOCALPATH, VALUE.OBJECT, VALUE.NAMEDOBJECT).
 */
import type { CimClass } from '../objects/class.ts';
import type { CimClassName } from '../objects/class-name.ts';
import { CimInstance, adoptParsedPath } from '../objects/instance.ts';
import { CimInstanceName } from '../objects/instance-name.ts';
import type { XmlElement } from './element.ts';
import { checkNode, exactly, oneChild, type ParseContext } from './parse-context.ts';
import { parseClass, parseInstance } from './parse-objects.ts';
import * as paths from './parse-paths.ts';

function withPath<T extends CimInstance | CimClass>(
  object: T,
  path: CimInstanceName | CimClassName,
): T {
  // A path parsed for this instance alone needs no defensive copy (issue #10).
  if (object instanceof CimInstance && path instanceof CimInstanceName) {
    adoptParsedPath(object, path);
  } else (object as { path: unknown }).path = path;
  return object;
}

/** VALUE.NAMEDINSTANCE: an instance with its INSTANCENAME as path. */
export function parseValueNamedInstance(el: XmlElement, ctx: ParseContext): CimInstance {
  checkNode(el, 'VALUE.NAMEDINSTANCE');
  const [name, inst] = exactly(el, 2, '(INSTANCENAME, INSTANCE)') as [XmlElement, XmlElement];
  return withPath(parseInstance(inst, ctx), paths.parseInstanceName(name));
}

/** VALUE.INSTANCEWITHPATH: an instance with its INSTANCEPATH. */
export function parseValueInstanceWithPath(el: XmlElement, ctx: ParseContext): CimInstance {
  checkNode(el, 'VALUE.INSTANCEWITHPATH');
  const [path, inst] = exactly(el, 2, '(INSTANCEPATH, INSTANCE)') as [XmlElement, XmlElement];
  return withPath(parseInstance(inst, ctx), paths.parseInstancePath(path));
}

/** VALUE.OBJECTWITHPATH / VALUE.OBJECTWITHLOCALPATH: a class or instance with its path. */
export function parseValueObjectWithPath(
  el: XmlElement,
  ctx: ParseContext,
): CimInstance | CimClass {
  const local = el.name === 'VALUE.OBJECTWITHLOCALPATH';
  checkNode(el, local ? 'VALUE.OBJECTWITHLOCALPATH' : 'VALUE.OBJECTWITHPATH');
  const [path, object] = exactly(el, 2, '(class path, CLASS) or (instance path, INSTANCE)') as [
    XmlElement,
    XmlElement,
  ];
  if (path.name === (local ? 'LOCALCLASSPATH' : 'CLASSPATH')) {
    const classPath = local ? paths.parseLocalClassPath(path) : paths.parseClassPath(path);
    return withPath(parseClass(object, ctx), classPath);
  }
  const instPath = local ? paths.parseLocalInstancePath(path) : paths.parseInstancePath(path);
  return withPath(parseInstance(object, ctx), instPath);
}

/** VALUE.OBJECT: a class or an instance. */
export function parseValueObject(el: XmlElement, ctx: ParseContext): CimInstance | CimClass {
  checkNode(el, 'VALUE.OBJECT');
  const child = oneChild(el, ['CLASS', 'INSTANCE']);
  return child.name === 'CLASS' ? parseClass(child, ctx) : parseInstance(child, ctx);
}

/** VALUE.NAMEDOBJECT: a class, or an instance with its INSTANCENAME. */
export function parseValueNamedObject(el: XmlElement, ctx: ParseContext): CimInstance | CimClass {
  checkNode(el, 'VALUE.NAMEDOBJECT');
  const kids = el.elements();
  if (kids.length === 1) return parseClass(kids[0] as XmlElement, ctx);
  const [name, inst] = exactly(el, 2, 'CLASS or (INSTANCENAME, INSTANCE)') as [
    XmlElement,
    XmlElement,
  ];
  return withPath(parseInstance(inst, ctx), paths.parseInstanceName(name));
}
