/**
 * Property tests: CIM values and objects written with toCimXml() and read back with
 * parseCimXml() are equal; hostile or mangled input only ever raises the typed parse errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CimProperty } from '../../../../src/wbem/index.ts';
import {
  CimInstance,
  CimInstanceName,
  cimMessage,
  cimXmlDocument,
  imethodResponse,
  parseCimXml,
  valueReferenceXml,
  type IMethodResponse,
  type XmlElement,
} from '../../../../src/wbem/index.ts';
import { instanceArb, instanceNameArb, propertyArb } from '../support/arbitraries.ts';

function readBack(items: XmlElement[]): IMethodResponse {
  const doc = cimXmlDocument(
    cimMessage(imethodResponse('X', { returnValue: items }), { messageId: '7' }),
  );
  return parseCimXml(doc).body as IMethodResponse;
}

const PARSE_CODES = new Set(['KW_WBEM_XML_PARSE', 'KW_WBEM_CIMXML_PARSE']);

function onlyParseErrors(input: string | Uint8Array): void {
  try {
    parseCimXml(input);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !PARSE_CODES.has(code)) throw error;
  }
}

describe('CIM-XML round trip', () => {
  it('reads back random property values of every type, arrays and NULLs included', () => {
    fc.assert(
      fc.property(propertyArb(1), (prop) => {
        const inst = new CimInstance('C', { properties: [prop] });
        const back = readBack([inst.toCimXml()]).returnValue?.items[0] as CimInstance;
        const got = back.properties.get(prop.name) as CimProperty;
        assert.ok(got.equals(prop), `${prop.toCimXmlString()}\n${got.toCimXmlString()}`);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back random instances with embedded instances and qualifiers', () => {
    fc.assert(
      fc.property(instanceArb(2), (inst) => {
        const back = readBack([inst.toCimXml()]).returnValue?.items[0];
        assert.ok(inst.equals(back), inst.toCimXmlString());
      }),
      { numRuns: 150 },
    );
  });

  it('reads back random instance paths with typed, untyped and nested keys', () => {
    fc.assert(
      fc.property(instanceNameArb, (path) => {
        // VALUE.REFERENCE carries every path form (INSTANCENAME, LOCALINSTANCEPATH, INSTANCEPATH).
        const back = readBack([valueReferenceXml(path)]).returnValue?.items[0];
        assert.ok(path.equals(back), path.toCimXmlString());
        // A keyless path, also as a nested key, has no WBEM URI that reads back (as in pywbem).
        const keyless = (p: CimInstanceName): boolean =>
          p.keybindings.size === 0 ||
          [...p.keybindings.values()].some((v) => v instanceof CimInstanceName && keyless(v));
        if (!keyless(path)) {
          assert.ok(CimInstanceName.fromWbemUri(path.toWbemUri()).equals(path));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads back instances with their paths in the wrapper pywbem picks', () => {
    fc.assert(
      fc.property(instanceArb(0), instanceNameArb, (inst, path) => {
        inst.path = path;
        const xml = inst.toCimXml();
        const back = readBack([xml]).returnValue?.items[0];
        assert.ok(inst.equals(back), xml.name);
      }),
      { numRuns: 100 },
    );
  });
});

describe('CIM-XML parser on hostile input', () => {
  const validDoc = instanceArb(1).map((inst) =>
    cimXmlDocument(
      cimMessage(imethodResponse('GetInstance', { returnValue: [inst.toCimXml()] }), {
        messageId: '1',
      }),
    ),
  );

  it('raises only XmlParseError or CimXmlParseError for mutated documents', () => {
    const mutation = fc.tuple(
      fc.nat(),
      fc.nat({ max: 40 }),
      fc.oneof(
        fc.constantFrom(
          '',
          '<',
          '>',
          '&',
          '"',
          '</VALUE>',
          '<VALUE>',
          '\u0001',
          '\uFFFE',
          '&#0;',
          ']]>',
        ),
        fc.string({ maxLength: 6 }),
      ),
    );
    fc.assert(
      fc.property(validDoc, fc.array(mutation, { minLength: 1, maxLength: 4 }), (doc, edits) => {
        let text = doc;
        for (const [at, drop, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + drop);
        }
        onlyParseErrors(text);
      }),
      { numRuns: 500 },
    );
  });

  it('raises only the typed parse errors for random text and random bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => onlyParseErrors(text)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => onlyParseErrors(bytes)),
      { numRuns: 300 },
    );
  });

  it('raises only the typed parse errors for random CIM-XML element soups', () => {
    const names = fc.constantFrom(
      'CIM',
      'MESSAGE',
      'SIMPLERSP',
      'IMETHODRESPONSE',
      'IRETURNVALUE',
      'INSTANCE',
      'PROPERTY',
      'VALUE',
      'VALUE.ARRAY',
      'KEYBINDING',
      'KEYVALUE',
      'INSTANCENAME',
      'ERROR',
      'PARAMVALUE',
      'VALUE.REFERENCE',
      'CLASS',
      'METHOD',
      'QUALIFIER',
      'PROPERTY.ARRAY',
      'RETURNVALUE',
    );
    const attrs = fc.array(
      fc.tuple(
        fc.constantFrom(
          'NAME',
          'TYPE',
          'CLASSNAME',
          'CODE',
          'CIMVERSION',
          'DTDVERSION',
          'ID',
          'PROTOCOLVERSION',
          'EmbeddedObject',
          'PARAMTYPE',
          'VALUETYPE',
          'PROPAGATED',
        ),
        fc.constantFrom('2.0', 'uint8', 'x', '1', 'instance', 'true', 'string', 'numeric', ''),
      ),
      { maxLength: 3 },
    );
    const leaf = fc.constantFrom('1', 'TRUE', '&lt;INSTANCE CLASSNAME="A"/&gt;');
    const node = (depth: number): fc.Arbitrary<string> =>
      fc
        .tuple(
          names,
          attrs,
          fc.array(depth > 0 ? fc.oneof(leaf, node(depth - 1)) : leaf, { maxLength: 3 }),
        )
        .map(([n, a, kids]) => {
          const at = [...new Map(a)].map(([k, v]) => ` ${k}="${v}"`).join('');
          return `<${n}${at}>${kids.join('')}</${n}>`;
        });
    const tree = node(5);
    fc.assert(
      fc.property(tree, (doc) =>
        onlyParseErrors(`<CIM CIMVERSION="2.0" DTDVERSION="2.0">${doc}</CIM>`),
      ),
      { numRuns: 500 },
    );
  });
});
