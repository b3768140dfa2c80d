/**
 * Object naming and location elements (DSP0201 §5.3): namespace paths, class and instance
 * paths, keybindings and references.
 */
import { CimClassName } from '../objects/class-name.ts';
import { CimInstanceName, type KeybindingValue } from '../objects/instance-name.ts';
import { Char16 } from '../types/char16.ts';
import type { XmlElement } from './element.ts';
import { attr, checkNode, childrenOf, exactly, fail, oneChild, pcdata } from './parse-context.ts';
import { unpackSingleValue } from './parse-values.ts';

/** NAMESPACE: one namespace component. */
export function parseNamespace(el: XmlElement): string {
  checkNode(el, 'NAMESPACE', ['NAME'], [], []);
  return attr(el, 'NAME');
}

/** LOCALNAMESPACEPATH: the namespace components joined with '/'. */
export function parseLocalNamespacePath(el: XmlElement): string {
  checkNode(el, 'LOCALNAMESPACEPATH', [], [], ['NAMESPACE']);
  const parts = childrenOf(el, ['NAMESPACE']);
  if (parts.length === 0) fail(el, "element 'LOCALNAMESPACEPATH' has no 'NAMESPACE' element");
  return parts.map(parseNamespace).join('/');
}

/** HOST: its text. */
export function parseHost(el: XmlElement): string {
  checkNode(el, 'HOST', [], [], [], true);
  return pcdata(el);
}

/** NAMESPACEPATH: host and namespace. */
export function parseNamespacePath(el: XmlElement): { host: string; namespace: string } {
  checkNode(el, 'NAMESPACEPATH');
  const [host, local] = exactly(el, 2, '(HOST, LOCALNAMESPACEPATH)') as [XmlElement, XmlElement];
  return { host: parseHost(host), namespace: parseLocalNamespacePath(local) };
}

/** CLASSNAME: a class path without namespace. */
export function parseClassName(el: XmlElement): CimClassName {
  checkNode(el, 'CLASSNAME', ['NAME'], [], []);
  return new CimClassName(attr(el, 'NAME'));
}

/** LOCALCLASSPATH: a class path with namespace. */
export function parseLocalClassPath(el: XmlElement): CimClassName {
  checkNode(el, 'LOCALCLASSPATH');
  const [ns, name] = exactly(el, 2, '(LOCALNAMESPACEPATH, CLASSNAME)') as [XmlElement, XmlElement];
  const namespace = parseLocalNamespacePath(ns);
  const path = parseClassName(name);
  path.namespace = namespace;
  return path;
}

/** CLASSPATH: a class path with host and namespace. */
export function parseClassPath(el: XmlElement): CimClassName {
  checkNode(el, 'CLASSPATH');
  const [ns, name] = exactly(el, 2, '(NAMESPACEPATH, CLASSNAME)') as [XmlElement, XmlElement];
  const { host, namespace } = parseNamespacePath(ns);
  const path = parseClassName(name);
  path.host = host;
  path.namespace = namespace;
  return path;
}

/** KEYVALUE: a key value, typed by TYPE, else by VALUETYPE (numeric stays untyped). */
export function parseKeyValue(el: XmlElement): KeybindingValue {
  checkNode(el, 'KEYVALUE', [], ['VALUETYPE', 'TYPE'], [], true);
  const data = pcdata(el);
  const valueType = el.attr('VALUETYPE') ?? 'string';
  // Some servers send TYPE="" instead of leaving it out (pywbem tolerates it too).
  let type: string | null = el.attr('TYPE') || null;
  if (type === null) {
    if (valueType === 'string' || valueType === 'boolean') type = valueType;
    else if (valueType !== 'numeric') fail(el, `invalid VALUETYPE ${JSON.stringify(valueType)}`);
  }
  if (type === 'reference') fail(el, "element 'KEYVALUE' cannot have TYPE 'reference'");
  const value = unpackSingleValue(data, type, el);
  if (value === null) fail(el, "element 'KEYVALUE' has an empty boolean value");
  return type === 'char16' ? new Char16(value as string) : (value as KeybindingValue);
}

/** The value of a KEYVALUE or VALUE.REFERENCE (which must name an instance). */
function keyOf(child: XmlElement): KeybindingValue {
  if (child.name === 'KEYVALUE') return parseKeyValue(child);
  const ref = parseValueReference(child);
  if (!(ref instanceof CimInstanceName)) {
    fail(child, 'a keybinding reference must be an instance path');
  }
  return ref;
}

/** KEYBINDING: name and value. */
export function parseKeyBinding(el: XmlElement): [string, KeybindingValue] {
  checkNode(el, 'KEYBINDING', ['NAME']);
  return [attr(el, 'NAME'), keyOf(oneChild(el, ['KEYVALUE', 'VALUE.REFERENCE']))];
}

/** INSTANCENAME: an instance path without namespace; an unnamed key gets the name ''. */
export function parseInstanceName(el: XmlElement): CimInstanceName {
  checkNode(el, 'INSTANCENAME', ['CLASSNAME']);
  const classname = attr(el, 'CLASSNAME');
  const kids = el.elements();
  const first = kids[0];
  if (first === undefined) return new CimInstanceName(classname);
  if (first.name === 'KEYVALUE' || first.name === 'VALUE.REFERENCE') {
    if (kids.length !== 1) fail(el, "element 'INSTANCENAME' has more than one unnamed key");
    // DSP0201 §5.3.2.10: a single key may be given without its name.
    const value = keyOf(first);
    return new CimInstanceName(classname, { keybindings: [['', value]] });
  }
  const bindings = childrenOf(el, ['KEYBINDING']).map(parseKeyBinding);
  return new CimInstanceName(classname, { keybindings: bindings });
}

/** LOCALINSTANCEPATH: an instance path with namespace. */
export function parseLocalInstancePath(el: XmlElement): CimInstanceName {
  checkNode(el, 'LOCALINSTANCEPATH');
  const [ns, name] = exactly(el, 2, '(LOCALNAMESPACEPATH, INSTANCENAME)') as [
    XmlElement,
    XmlElement,
  ];
  const namespace = parseLocalNamespacePath(ns);
  const path = parseInstanceName(name);
  path.namespace = namespace;
  return path;
}

/** INSTANCEPATH: an instance path with host and namespace. */
export function parseInstancePath(el: XmlElement): CimInstanceName {
  checkNode(el, 'INSTANCEPATH');
  const [ns, name] = exactly(el, 2, '(NAMESPACEPATH, INSTANCENAME)') as [XmlElement, XmlElement];
  const { host, namespace } = parseNamespacePath(ns);
  const path = parseInstanceName(name);
  path.host = host;
  path.namespace = namespace;
  return path;
}

const REFERENCE_PARSERS: Record<string, (el: XmlElement) => CimInstanceName | CimClassName> = {
  CLASSPATH: parseClassPath,
  LOCALCLASSPATH: parseLocalClassPath,
  CLASSNAME: parseClassName,
  INSTANCEPATH: parseInstancePath,
  LOCALINSTANCEPATH: parseLocalInstancePath,
  INSTANCENAME: parseInstanceName,
};

/** VALUE.REFERENCE: an instance or class path. */
export function parseValueReference(el: XmlElement): CimInstanceName | CimClassName {
  checkNode(el, 'VALUE.REFERENCE');
  const child = oneChild(el, Object.keys(REFERENCE_PARSERS));
  return (REFERENCE_PARSERS[child.name] as (e: XmlElement) => CimInstanceName | CimClassName)(
    child,
  );
}

/** VALUE.REFARRAY: references, null for VALUE.NULL. */
export function parseValueRefArray(el: XmlElement): (CimInstanceName | CimClassName | null)[] {
  checkNode(el, 'VALUE.REFARRAY');
  return childrenOf(el, ['VALUE.REFERENCE', 'VALUE.NULL']).map((child) => {
    if (child.name === 'VALUE.REFERENCE') return parseValueReference(child);
    checkNode(child, 'VALUE.NULL', [], [], []);
    return null;
  });
}

/** OBJECTPATH: an instance path or a class path, each with host and namespace. */
export function parseObjectPath(el: XmlElement): CimInstanceName | CimClassName {
  checkNode(el, 'OBJECTPATH');
  const child = oneChild(el, ['INSTANCEPATH', 'CLASSPATH']);
  return child.name === 'INSTANCEPATH' ? parseInstancePath(child) : parseClassPath(child);
}
