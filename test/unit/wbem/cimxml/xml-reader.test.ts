/**
 * The XML reader (saxes-tree.ts, reworked for speed in issue #10). The reader from before that
 * work (test/unit/wbem/support/saxes-reader.ts) is the reference: on hand-written edge cases
 * and on randomly mangled CIM-XML both accept the same documents, build the same tree (names,
 * attributes, text) and refuse the rest. Positions are tested on their own: the earlier reader
 * got a start tag's position wrong when a line break ended its name.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  cimMessage,
  cimXmlDocument,
  imethodResponse,
  readXml,
  type XmlElement,
  type XmlReadLimits,
} from '../../../../src/wbem/index.ts';
import { instanceArb } from '../support/arbitraries.ts';
import { readXml as readXmlWithSaxes } from '../support/saxes-reader.ts';

type Tree = { name: string; attributes: [string, string][]; children: Node[] };
type Node = Tree | string;

function tree(el: XmlElement): Tree {
  return {
    name: el.name,
    attributes: [...el.attributes],
    children: el.children.map((c) => (typeof c === 'string' ? c : tree(c))),
  };
}

type Outcome = { tree: Tree } | { code: string };

function outcome(read: () => XmlElement): Outcome {
  try {
    return { tree: tree(read()) };
  } catch (error) {
    return { code: String((error as { code?: unknown }).code) };
  }
}

// With the u flag, only a surrogate that is not half of a pair matches.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Asserts both readers agree on `text`; returns what they agreed on. saxes lets a lone
 * surrogate through in an attribute value (XML 1.0 §2.2 forbids it); we refuse it.
 */
function agree(text: string, limits: XmlReadLimits = {}): Outcome {
  const ours = outcome(() => readXml(text, 'test', limits));
  const reference = outcome(() => readXmlWithSaxes(text, 'test', limits));
  if ('code' in ours && 'tree' in reference && LONE_SURROGATE.test(text)) return ours;
  assert.deepEqual(ours, reference, JSON.stringify(text));
  return ours;
}

const WELL_FORMED = [
  '<A/>',
  '<A></A>',
  '\uFEFF<A/>',
  '<?xml version="1.0"?><A/>',
  "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<A/>",
  '<!-- c --><?pi body?>\n<A>x<!-- c -->y<?p?>z</A>\n<!--t-->',
  '<A B="1" C=\'2\' D = "3"/>',
  '<A B="a&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x10FFFF;"/>',
  '<A B="\t x\r\ny\nz\r" C="&#9;&#10;&#13;"/>',
  '<A>a\r\nb\rc\n&#13;</A>',
  '<A><![CDATA[<not> &markup; ]] ]>]]>&amp;</A>',
  '<a:b c:d="e" xmlns:x="y"><\u00C0\u0300\u00B7-.9/></a:b>',
  '<A>\u{1F600}</A>',
  '<A\n  B="1"\n/>',
  '<A></A >',
  '<A>]]</A>',
];

const ILL_FORMED = [
  '',
  '   ',
  'text',
  '<A>',
  '<A></B>',
  '<A/><B/>',
  '<A/>text',
  'x<A/>',
  '<!DOCTYPE A><A/>',
  '<!DOCTYPE A [<!ENTITY e "x">]><A>&e;</A>',
  '<A>&e;</A>',
  '<A>&lt</A>',
  '<A>&#0;</A>',
  '<A>&#xD800;</A>',
  '<A>&#xFFFE;</A>',
  '<A>&#X41;</A>',
  '<A>&#;</A>',
  '<A>]]></A>',
  '<A>\u0001</A>',
  '<A>\uD800</A>',
  '<A>\uDC00x</A>',
  '<A B="1" B="2"/>',
  '<A B="1"C="2"/>',
  '<A B=1/>',
  '<A B/>',
  '<A B="<"/>',
  '<A B="&x;"/>',
  '<A B="1>',
  '<A / >',
  '<1A/>',
  '< A/>',
  '<A><!-- a -- b --></A>',
  '<A><!-- a ---></A>',
  '<A><?xml version="1.0"?></A>',
  ' <?xml version="1.0"?><A/>',
  '<?xml version="2.0"?><A/>',
  '<?xml encoding="utf-8"?><A/>',
  '<?XML version="1.0"?><A/>',
  '<A><![CDATA[x</A>',
  '<![CDATA[x]]><A/>',
  '<A><!BOGUS></A>',
  '<A></A',
  '<A>&amp</A>',
];

describe('readXml against the reader before issue #10', () => {
  it('reads the well-formed edge cases as saxes does', () => {
    for (const text of WELL_FORMED) assert.ok('tree' in agree(text), text);
  });

  it('refuses the ill-formed edge cases with KW_WBEM_XML_PARSE, as saxes does', () => {
    for (const text of ILL_FORMED) {
      assert.deepEqual(agree(text), { code: 'KW_WBEM_XML_PARSE' }, JSON.stringify(text));
    }
  });

  it('refuses a lone surrogate in an attribute value, which saxes let through', () => {
    assert.throws(() => readXml('<A B="\uD800x"/>'), { code: 'KW_WBEM_XML_PARSE' });
    assert.doesNotThrow(() => readXmlWithSaxes('<A B="\uD800x"/>'));
    assert.equal(readXml('<A B="\u{1F600}"/>').attr('B'), '\u{1F600}');
  });

  it('refuses a repeated attribute among many, in linear time', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => ` a${i}=""`).join('');
    assert.equal(readXml(`<A${many}/>`).attributeNames().length, 200_000);
    assert.throws(() => readXml(`<A${many} a199999="x"/>`), { code: 'KW_WBEM_XML_PARSE' });
    assert.throws(() => readXml('<A a="" b="" c="" b=""/>'), { code: 'KW_WBEM_XML_PARSE' });
    const seventeen = Array.from({ length: 17 }, (_, i) => ` a${i}=""`).join('');
    assert.throws(() => readXml(`<A${seventeen} a3=""/>`), { code: 'KW_WBEM_XML_PARSE' });
    assert.throws(() => readXml(`<A${seventeen} a16=""/>`), { code: 'KW_WBEM_XML_PARSE' });
  });

  it('applies the depth limit as before: the root is depth 1', () => {
    const deep = '<A><B><C/></B></A>';
    assert.ok('tree' in agree(deep, { maxDepth: 3 }));
    assert.deepEqual(agree(deep, { maxDepth: 2 }), { code: 'KW_WBEM_XML_PARSE' });
    assert.deepEqual(agree('<A/>', { maxDepth: 0 }), { code: 'KW_WBEM_XML_PARSE' });
    const nested = '<A>'.repeat(5000) + '</A>'.repeat(5000);
    assert.throws(() => readXml(nested), { code: 'KW_WBEM_XML_PARSE' });
    assert.ok(readXml(nested, 'deep', { maxDepth: 5000 }) !== undefined);
  });

  it('locates errors where saxes finds them (line and column, 1-based: at or just past the fault)', () => {
    assert.throws(() => readXml('<A>\r\n<B>\n</A>'), { line: 3, column: 4 });
    assert.throws(() => readXml('<A>\n  x&e;</A>'), { line: 2, column: 6 });
    assert.throws(() => readXml('<A>\n\u0002</A>'), { line: 2, column: 1 });
  });

  it("gives each element the line and column of its '<' (code points, CR LF one line end)", () => {
    const root = readXml('<A>\r\n <B\n C="1"/>\r<C>\u{1F600}<D/></C></A>');
    const [b, c] = root.elements() as [XmlElement, XmlElement];
    const d = c.elements()[0] as XmlElement;
    assert.deepEqual(
      [root, b, c, d].map((el) => [el.line, el.column]),
      [
        [1, 1],
        [2, 2],
        [4, 1],
        [4, 5],
      ],
    );
  });

  const validDoc = instanceArb(1).map((inst) =>
    cimXmlDocument(
      cimMessage(imethodResponse('GetInstance', { returnValue: [inst.toCimXml()] }), {
        messageId: '1',
      }),
    ),
  );
  const edit = fc.tuple(
    fc.nat(),
    fc.nat({ max: 8 }),
    fc.oneof(
      fc.constantFrom(
        '',
        '<',
        '>',
        '&',
        '"',
        "'",
        '=',
        '/',
        ' ',
        '\r',
        '\t',
        '</VALUE>',
        '<VALUE>',
        '<X/>',
        '<!--',
        '-->',
        '--',
        '<?p ?>',
        '<![CDATA[',
        ']]>',
        '&#0;',
        '&#x41;',
        '&lt;',
        '&bogus;',
        '\u0001',
        '\uFFFE',
        '\uD800',
        '\u00C0',
      ),
      fc.string({ maxLength: 4 }),
    ),
  );

  it('agrees with saxes on randomly mangled CIM-XML documents', () => {
    fc.assert(
      fc.property(validDoc, fc.array(edit, { minLength: 0, maxLength: 3 }), (doc, edits) => {
        let text = doc;
        for (const [at, drop, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + drop);
        }
        agree(text);
      }),
      { numRuns: 600 },
    );
  });
});
