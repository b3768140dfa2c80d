import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  CimInstance,
  parseCimXml,
  parseCimXmlResponse,
  type IMethodResponse,
  type MethodResponse,
} from '../../../../src/wbem/index.ts';

const wrap = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8" ?>\n<CIM CIMVERSION="2.0" DTDVERSION="2.0">\n` +
  `<MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLERSP>${inner}</SIMPLERSP></MESSAGE></CIM>`;
const getInstance = (inner: string) =>
  wrap(
    `<IMETHODRESPONSE NAME="GetInstance"><IRETURNVALUE>${inner}</IRETURNVALUE></IMETHODRESPONSE>`,
  );

describe('parseCimXml errors', () => {
  it('locates ill-formed XML with line and column (KW_WBEM_XML_PARSE)', () => {
    assert.throws(() => parseCimXml('<CIM>\n  <MESSAGE>\n</CIM>'), {
      code: 'KW_WBEM_XML_PARSE',
      line: 3,
    });
    assert.throws(() => parseCimXml('<CIM>\u0001</CIM>'), { code: 'KW_WBEM_XML_PARSE', column: 6 });
  });

  it('locates CIM-XML faults at the offending element (KW_WBEM_CIMXML_PARSE)', () => {
    const doc = getInstance(
      '\n<INSTANCE CLASSNAME="C">\n  <PROPERTY NAME="P"><VALUE>1</VALUE></PROPERTY></INSTANCE>',
    );
    assert.throws(() => parseCimXml(doc), { code: 'KW_WBEM_CIMXML_PARSE', line: 5, column: 3 });
  });

  it('refuses values that do not fit their CIM type', () => {
    for (const [type, text] of [
      ['uint8', '256'],
      ['uint8', '1.5'],
      ['sint32', 'x'],
      ['boolean', 'yes'],
      ['datetime', '2016'],
      ['char16', 'ab'],
      ['char16', ''],
      ['reference', 'x'],
    ]) {
      const doc = getInstance(
        `<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="${type}"><VALUE>${text}</VALUE></PROPERTY></INSTANCE>`,
      );
      assert.throws(() => parseCimXml(doc), { code: 'KW_WBEM_CIMXML_PARSE' }, `${type} ${text}`);
    }
  });

  it('reads hex integers, blank-padded numbers and case-insensitive booleans as pywbem', () => {
    const doc = getInstance(
      '<INSTANCE CLASSNAME="C"><PROPERTY NAME="H" TYPE="uint16"><VALUE>0x1F</VALUE></PROPERTY>' +
        '<PROPERTY NAME="N" TYPE="sint8"><VALUE> -3 </VALUE></PROPERTY>' +
        '<PROPERTY NAME="B" TYPE="boolean"><VALUE>True</VALUE></PROPERTY>' +
        '<PROPERTY NAME="E" TYPE="boolean"><VALUE></VALUE></PROPERTY>' +
        '<PROPERTY NAME="R" TYPE="real32"><VALUE>-INF</VALUE></PROPERTY></INSTANCE>',
    );
    const inst = (parseCimXml(doc).body as IMethodResponse).returnValue?.items[0] as CimInstance;
    assert.equal(String(inst.get('H')), '31');
    assert.equal(String(inst.get('N')), '-3');
    assert.equal(inst.get('B'), true);
    assert.equal(inst.get('E'), null);
    assert.equal(Number(inst.get('R')), -Infinity);
  });

  it('refuses a DOCTYPE, which could declare entities', () => {
    const doc = '<!DOCTYPE CIM [<!ENTITY x "y">]><CIM CIMVERSION="2.0" DTDVERSION="2.0"/>';
    assert.throws(() => parseCimXml(doc), { code: 'KW_WBEM_XML_PARSE' });
  });

  it('enforces the size, nesting and embedding limits', () => {
    const doc = getInstance('<INSTANCE CLASSNAME="C"/>');
    assert.throws(() => parseCimXml(doc, { maxLength: 100 }), { code: 'KW_WBEM_XML_PARSE' });
    assert.throws(() => parseCimXml(doc, { maxDepth: 4 }), { code: 'KW_WBEM_XML_PARSE' });
    assert.doesNotThrow(() => parseCimXml(doc, { maxDepth: 6 }));
    let embedded = '<INSTANCE CLASSNAME="C"/>';
    for (let i = 0; i < 4; i++) {
      const escaped = embedded
        .replaceAll('&', '&amp;')
        .replaceAll('<', '&lt;')
        .replaceAll('>', '&gt;');
      embedded = `<INSTANCE CLASSNAME="C"><PROPERTY NAME="E" TYPE="string" EmbeddedObject="instance"><VALUE>${escaped}</VALUE></PROPERTY></INSTANCE>`;
    }
    assert.doesNotThrow(() => parseCimXml(getInstance(embedded)));
    assert.throws(() => parseCimXml(getInstance(embedded), { maxEmbeddingDepth: 3 }), {
      code: 'KW_WBEM_CIMXML_PARSE',
    });
  });

  it('reads UTF-8 bytes and refuses ill-formed UTF-8 (an encoded surrogate)', () => {
    const bytes = new TextEncoder().encode(getInstance('<INSTANCE CLASSNAME="Ä"/>'));
    const inst = (parseCimXml(bytes).body as IMethodResponse).returnValue?.items[0] as CimInstance;
    assert.equal(inst.classname, 'Ä');
    const bad = Uint8Array.from([
      ...new TextEncoder().encode('<CIM>'),
      0xed,
      0xa0,
      0x80,
      ...new TextEncoder().encode('</CIM>'),
    ]);
    assert.throws(() => parseCimXml(bad), { code: 'KW_WBEM_XML_PARSE' });
  });

  it('refuses an unsupported CIMVERSION, MULTIRSP and an unknown root', () => {
    assert.throws(() => parseCimXml(wrap('').replace('CIMVERSION="2.0"', 'CIMVERSION="3.0"')), {
      code: 'KW_WBEM_CIMXML_PARSE',
    });
    assert.throws(() => parseCimXml(wrap('').replace(/SIMPLERSP/g, 'MULTIRSP')), {
      code: 'KW_WBEM_CIMXML_PARSE',
    });
    assert.throws(() => parseCimXml('<CIMX/>'), { code: 'KW_WBEM_CIMXML_PARSE' });
  });

  it('parseCimXmlResponse refuses a request', () => {
    const req =
      '<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ>' +
      '<IMETHODCALL NAME="GetClass"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/></LOCALNAMESPACEPATH>' +
      '<IPARAMVALUE NAME="LocalOnly"><VALUE>true</VALUE></IPARAMVALUE></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>';
    const msg = parseCimXml(req);
    assert.equal(msg.body.kind, 'IMETHODCALL');
    assert.deepEqual(msg.body.kind === 'IMETHODCALL' && msg.body.params, [
      { name: 'LocalOnly', value: true },
    ]);
    assert.throws(() => parseCimXmlResponse(req), { code: 'KW_WBEM_CIMXML_PARSE' });
  });

  it('converts METHODRESPONSE values by PARAMTYPE and parses embedded objects', () => {
    const emb = '&lt;INSTANCE CLASSNAME="A"/&gt;';
    const msg = parseCimXmlResponse(
      wrap(
        '<METHODRESPONSE NAME="M"><RETURNVALUE PARAMTYPE="sint32"><VALUE>-1</VALUE></RETURNVALUE>' +
          `<PARAMVALUE NAME="O" PARAMTYPE="string" EmbeddedObject="instance"><VALUE>${emb}</VALUE></PARAMVALUE>` +
          '<PARAMVALUE NAME="Raw"><VALUE>x</VALUE></PARAMVALUE></METHODRESPONSE>',
      ),
    );
    const body = msg.body as MethodResponse;
    assert.equal(String(body.returnValue?.value), '-1');
    assert.ok(body.params[0]?.value instanceof CimInstance);
    assert.equal(body.params[1]?.value, 'x');
  });

  it('reads the historical tupletree samples: two valid, one with an unclosed MESSAGE', () => {
    const dir = join(import.meta.dirname, '../../../fixtures/wbem/tupletree_historic');
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    const empty = parseCimXml(read('tupletree_ok/Associators_Empty.xml')).body as IMethodResponse;
    assert.deepEqual(empty.returnValue, { elementName: null, items: [] });
    const small = parseCimXml(read('tupletree_ok/Associators_StorageVolume_small.xml'));
    const items = (small.body as IMethodResponse).returnValue?.items ?? [];
    assert.ok(items.length > 0 && items.every((i) => i instanceof CimInstance && i.path?.host));
    assert.throws(() => parseCimXml(read('tupletree_error/Associators_error.xml')), {
      code: 'KW_WBEM_XML_PARSE',
    });
  });
});
