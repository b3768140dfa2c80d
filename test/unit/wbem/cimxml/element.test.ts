import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CimInstance, readXml, xmlElement } from '../../../../src/wbem/index.ts';

describe('XmlElement', () => {
  it('escapes markup in text and attributes so that the text reads back unchanged', () => {
    const text = 'a<b>&c"\'\r\n\tz';
    const el = xmlElement('VALUE', { NAME: text }, [text]);
    const xml = el.toXml();
    assert.equal(
      xml,
      '<VALUE NAME="a&lt;b&gt;&amp;c&quot;\'&#13;&#10;&#9;z">a&lt;b&gt;&amp;c"\'&#13;\n\tz</VALUE>',
    );
    const back = readXml(xml);
    assert.equal(back.attr('NAME'), text);
    assert.equal(back.text(), text);
  });

  it('refuses characters that XML 1.0 does not allow, with KW_WBEM_INVALID_VALUE', () => {
    for (const bad of ['\u0000', '\u0001', '\u001f', '\ufffe', '\ud800', 'a\udc00']) {
      assert.throws(() => xmlElement('VALUE', {}, [bad]).toXml(), {
        code: 'KW_WBEM_INVALID_VALUE',
      });
    }
    assert.doesNotThrow(() => xmlElement('VALUE', {}, ['\u{10FFFF}\uD7FF\uE000']).toXml());
    assert.throws(() => new CimInstance('C', { properties: { P: 'a\u0002' } }).toCimXmlString(), {
      code: 'KW_WBEM_INVALID_VALUE',
    });
  });

  it('leaves out null attributes and children, writes empty elements short', () => {
    assert.equal(
      xmlElement('A', { X: null, Y: 'y' }, [null, xmlElement('B')]).toXml(),
      '<A Y="y"><B/></A>',
    );
  });

  it('pretty-prints with an indent, keeping text-only elements on one line', () => {
    const el = xmlElement('A', {}, [xmlElement('B', {}, ['t']), xmlElement('C')]);
    assert.equal(el.toXml({ indent: 2 }), '<A>\n  <B>t</B>\n  <C/>\n</A>\n');
  });
});
