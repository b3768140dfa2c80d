/**
 * Test support: compares CIM-XML documents the way pywbem's testclient runner does
 * (assertXMLEqual in tests/functiontest/conftest.py): whitespace between tags, attribute order
 * and the XML declaration ignored; sibling IPARAMVALUE, PROPERTY, PROPERTY.ARRAY, PARAMETER and
 * KEYBINDING elements sorted by NAME, also inside embedded objects (which are unembedded first).
 */
import { readXml, type XmlElement } from '../../../../src/wbem/index.ts';

const SORTED = ['IPARAMVALUE', 'PROPERTY', 'PROPERTY.ARRAY', 'PARAMETER', 'KEYBINDING'];

/** A comparable tree of an element. */
export type Tree = {
  name: string;
  attributes: Record<string, string>;
  children: (Tree | string)[];
};

/** A comparable form of an element: blank text dropped, embedded objects parsed too. */
export function normalizeXml(el: XmlElement): Tree {
  const children: (Tree | string)[] = [];
  for (const child of el.children) {
    if (typeof child !== 'string') children.push(normalizeXml(child));
    else if (child.trim() !== '') {
      const text = child.trim();
      children.push(/^<(INSTANCE|CLASS)[\s>]/.test(text) ? normalizeXml(readXml(text)) : child);
    }
  }
  const key = (c: Tree | string) =>
    typeof c === 'string' || !SORTED.includes(c.name)
      ? ''
      : `${c.name}\u0000${c.attributes['NAME']}`;
  const sortable = children.every((c) => typeof c !== 'string');
  if (sortable) children.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { name: el.name, attributes: Object.fromEntries(el.attributes), children };
}

/** The comparable tree of a CIM-XML document text. */
export function normalizeXmlText(text: string): Tree {
  return normalizeXml(readXml(text));
}
