import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KmipXmlError } from '../../../../src/kmip/errors.ts';
import { readXml } from '../../../../src/kmip/xml/xml-reader.ts';

const limits = { maxLength: 10_000, maxDepth: 8, maxElements: 100 };
const read = (xml: string) => readXml(xml, limits);
const attributes = (xml: string) => Object.fromEntries(read(xml)[0]!.attributes);

function assertCode(xml: string, code: string, extra?: Partial<KmipXmlError>): void {
  assert.throws(
    () => readXml(xml, limits),
    (error) => {
      assert.ok(error instanceof KmipXmlError);
      assert.equal(error.code, code);
      for (const [key, value] of Object.entries(extra ?? {})) {
        assert.equal(error[key as keyof KmipXmlError], value, key);
      }
      return true;
    },
    xml,
  );
}

describe('readXml structure', () => {
  it('reads nested elements with attributes in order', () => {
    const [root] = read('<A x="1"><B y=\'2\' z="3"/><C></C></A>');
    assert.equal(root!.name, 'A');
    assert.deepEqual(root!.attributes, [['x', '1']]);
    assert.deepEqual(
      root!.children.map((c) => [c.name, c.attributes]),
      [
        [
          'B',
          [
            ['y', '2'],
            ['z', '3'],
          ],
        ],
        ['C', []],
      ],
    );
  });

  it('skips a BOM, the XML declaration, comments, processing instructions and whitespace', () => {
    const roots = read(
      '\uFEFF<?xml version="1.0"?>\n<!-- a > b -->\n<A>\n  <!-- c --><?pi x?>\n  <B/>\n</A>\n<!-- end -->\n',
    );
    assert.equal(roots.length, 1);
    assert.equal(roots[0]!.children.length, 1);
  });

  it('returns sibling root elements in order', () => {
    assert.deepEqual(
      read('<A/><B/> <C/>').map((e) => e.name),
      ['A', 'B', 'C'],
    );
  });

  it('accepts whitespace-only CDATA inside an element', () => {
    assert.equal(read('<A><![CDATA[  ]]></A>').length, 1);
  });
});

describe('readXml attribute values', () => {
  it('resolves the predefined entities and character references', () => {
    assert.equal(
      attributes('<A v="&lt;&gt;&amp;&quot;&apos; &#913;&#x1F600;"/>').v,
      '<>&"\' \u0391\u{1F600}',
    );
  });

  it('turns raw tabs and line ends into spaces but keeps referenced ones (XML 1.0 §3.3.3)', () => {
    assert.equal(attributes('<A v="a\tb\nc\r\nd\re"/>').v, 'a b c d e');
    assert.equal(attributes('<A v="a&#9;b&#10;c&#13;d"/>').v, 'a\tb\nc\rd');
  });

  it('keeps a quote of the other kind', () => {
    assert.equal(attributes(`<A v="it's" w='say "hi"'/>`).v, "it's");
    assert.equal(attributes(`<A v="it's" w='say "hi"'/>`).w, 'say "hi"');
  });
});

describe('readXml refuses malformed input', () => {
  const malformed: [string, string][] = [
    ['mismatched end tag', '<A><B></A></B>'],
    ['unclosed element', '<A><B/>'],
    ['stray end tag', '</A>'],
    ['no element', '<!-- only a comment -->'],
    ['empty input', ''],
    ['text content', '<A>text</A>'],
    ['text before the root', 'x<A/>'],
    ['text in CDATA', '<A><![CDATA[x]]></A>'],
    ['DOCTYPE', '<!DOCTYPE A [<!ENTITY e "x">]><A/>'],
    ['unterminated comment', '<A/><!-- x'],
    ['unterminated processing instruction', '<?xml version="1.0"<A/>'],
    ['bad element name', '<1A/>'],
    ['bad end tag', '<A></ A>'],
    ['duplicate attribute', '<A v="1" v="2"/>'],
    ['attribute without quotes', '<A v=1/>'],
    ['attribute without value', '<A v/>'],
    ['attributes without whitespace', '<A v="1"w="2"/>'],
    ['unterminated attribute', '<A v="1/>'],
    ['< in an attribute', '<A v="<"/>'],
    ['unknown entity', '<A v="&nbsp;"/>'],
    ['unterminated reference', '<A v="&amp"/>'],
    ['reference to a forbidden character', '<A v="&#0;"/>'],
    ['reference to a surrogate', '<A v="&#xD800;"/>'],
    ['reference out of range', '<A v="&#x110000;"/>'],
    ['raw control character', '<A v="\u0001"/>'],
    ['lone surrogate', '<A v="\uD800"/>'],
    ['unterminated start tag', '<A v="1"'],
    ['more than three attributes', '<A a="1" b="2" c="3" d="4"/>'],
  ];
  for (const [what, xml] of malformed) {
    it(`refuses ${what} with KW_KMIP_XML_MALFORMED`, () =>
      assertCode(xml, 'KW_KMIP_XML_MALFORMED'));
  }

  it('reports the line and the open elements of the fault', () => {
    assertCode('<A>\n  <B>\n    oops\n  </B>\n</A>', 'KW_KMIP_XML_MALFORMED', {
      line: 3,
      path: 'A/B',
    });
  });
});

describe('readXml bounds', () => {
  it('refuses input longer than maxLength with KW_KMIP_XML_TOO_LARGE before parsing', () => {
    assert.throws(() => readXml(`<A/>${' '.repeat(100)}`, { ...limits, maxLength: 50 }), {
      code: 'KW_KMIP_XML_TOO_LARGE',
    });
  });

  it('refuses more than maxElements elements with KW_KMIP_XML_TOO_LARGE', () => {
    assert.equal(read(`<A>${'<B/>'.repeat(99)}</A>`)[0]!.children.length, 99);
    assertCode(`<A>${'<B/>'.repeat(100)}</A>`, 'KW_KMIP_XML_TOO_LARGE');
  });

  it('refuses nesting deeper than maxDepth with KW_KMIP_XML_TOO_DEEP', () => {
    assert.equal(read(`${'<A>'.repeat(7)}<B/>${'</A>'.repeat(7)}`).length, 1);
    assertCode(`${'<A>'.repeat(8)}<B/>${'</A>'.repeat(8)}`, 'KW_KMIP_XML_TOO_DEEP');
  });

  it('stays iterative and bounded on hostile nesting', () => {
    const deep = '<A>'.repeat(200_000);
    assert.throws(() => readXml(deep, { maxLength: 1_000_000, maxDepth: 32, maxElements: 1e6 }), {
      code: 'KW_KMIP_XML_TOO_DEEP',
    });
  });
});
