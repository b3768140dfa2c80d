import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Char16,
  CimClass,
  CimClassName,
  CimDateTime,
  CimInstance,
  CimInstanceName,
  CimProperty,
  CimQualifier,
  Real32,
  Uint32,
  Uint8,
} from '../../../../src/wbem/index.ts';

describe('CimInstanceName', () => {
  const path = () =>
    new CimInstanceName('CIM_Foo', {
      keybindings: [
        ['Name', 'a"b\\c'],
        ['Id', new Uint32(7)],
      ],
      namespace: '/root/cimv2/',
      host: 'acme.com:5989',
    });

  it('strips slashes from the namespace and keeps keybinding order and case', () => {
    const p = path();
    assert.equal(p.namespace, 'root/cimv2');
    assert.deepEqual([...p.keybindings.keys()], ['Name', 'Id']);
    assert.equal(p.get('NAME'), 'a"b\\c');
  });

  it('compares host, namespace, class and key names case-insensitively, keys in any order', () => {
    const other = new CimInstanceName('cim_foo', {
      keybindings: { ID: new Uint32(7), name: 'a"b\\c' },
      namespace: 'ROOT/CIMV2',
      host: 'ACME.com:5989',
    });
    assert.ok(path().equals(other));
    other.set('id', new Uint32(8));
    assert.ok(!path().equals(other));
    assert.ok(!path().equals(new CimClassName('CIM_Foo')));
    assert.ok(!path().equals({}));
  });

  it('compares key values by value, not by CIM integer width', () => {
    const a = new CimInstanceName('C', { keybindings: { k: new Uint8(1) } });
    const b = new CimInstanceName('C', { keybindings: { k: 1 } });
    assert.ok(a.equals(b));
  });

  it('copies into an independent object', () => {
    const a = path();
    const b = a.copy();
    b.set('Name', 'other');
    b.namespace = 'x';
    assert.equal(a.get('name'), 'a"b\\c');
    assert.equal(a.namespace, 'root/cimv2');
    assert.ok(!a.equals(b));
  });

  it('refuses NULL keys, bad key types and empty class names', () => {
    assert.throws(() => new CimInstanceName('C', { keybindings: { k: null as never } }), {
      code: 'KW_WBEM_INVALID_VALUE',
    });
    assert.throws(() => new CimInstanceName('C', { keybindings: { k: {} as never } }), {
      code: 'KW_WBEM_TYPE',
    });
    assert.throws(() => new CimInstanceName(''), { code: 'KW_WBEM_INVALID_VALUE' });
  });

  it('takes a key from a CimProperty, char16 properties as Char16', () => {
    const p = new CimInstanceName('C', {
      keybindings: [['c', new CimProperty('c', 'x', { type: 'char16' })]],
    });
    assert.ok(p.get('c') instanceof Char16);
  });

  it('writes WBEM URIs in the four pywbem formats', () => {
    const p = path();
    assert.equal(p.toWbemUri(), '//acme.com:5989/root/cimv2:CIM_Foo.Name="a\\"b\\\\c",Id=7');
    assert.equal(
      p.toWbemUri('canonical'),
      '//acme.com:5989/root/cimv2:cim_foo.id=7,name="a\\"b\\\\c"',
    );
    assert.equal(p.toWbemUri('cimobject'), '/root/cimv2:CIM_Foo.Name="a\\"b\\\\c",Id=7');
    const local = new CimInstanceName('C', { keybindings: { k: true, r: new Real32(1.5) } });
    assert.equal(local.toWbemUri(), '/:C.k=TRUE,r=1.5');
    assert.equal(local.toString(), 'C.k=TRUE,r=1.5');
    assert.equal(local.toWbemUri('cimobject'), ':C.k=TRUE,r=1.5');
    assert.throws(() => local.toWbemUri('bogus' as never), { code: 'KW_WBEM_INVALID_VALUE' });
  });

  it('reads WBEM URIs back, with typed-looking values as pywbem does', () => {
    const uri =
      'https://acme.com:5989/root/cimv2:CIM_Foo.S="x,y",B=false,I=-42,H=0x1F,R=1.5,' +
      'C=\'z\',D="20160318201500.123456-060",Ref="/:CIM_Bar.K=\\"v\\""';
    const p = CimInstanceName.fromWbemUri(uri);
    assert.equal(p.host, 'acme.com:5989');
    assert.equal(p.namespace, 'root/cimv2');
    assert.equal(p.get('S'), 'x,y');
    assert.equal(p.get('B'), false);
    assert.equal(p.get('I'), -42);
    assert.equal(p.get('H'), 31);
    assert.equal(p.get('R'), 1.5);
    assert.ok(new Char16('z').equals(p.get('C')));
    assert.ok(p.get('D') instanceof CimDateTime);
    const ref = p.get('Ref');
    assert.ok(ref instanceof CimInstanceName && ref.get('K') === 'v');
    for (const bad of ['CIM_Foo', 'CIM_Foo.', 'CIM_Foo.K=', 'C.K="a",', "C.K='ab'"]) {
      assert.throws(() => CimInstanceName.fromWbemUri(bad), { code: 'KW_WBEM_INVALID_VALUE' }, bad);
    }
  });

  it('round-trips its standard WBEM URI', () => {
    const p = path();
    assert.ok(CimInstanceName.fromWbemUri(p.toWbemUri()).equals(p));
  });

  it('round-trips a WBEM URI whose quoted key value holds a line break (found by the property test)', () => {
    const inner = new CimInstanceName('A', { keybindings: { _: '\n' } });
    const p = new CimInstanceName('A', { keybindings: { A: inner, B: 'x\r\ny' } });
    assert.ok(CimInstanceName.fromWbemUri(p.toWbemUri()).equals(p));
  });

  it('writes INSTANCENAME, LOCALINSTANCEPATH or INSTANCEPATH by what it has', () => {
    const p = path();
    assert.equal(p.toCimXml().name, 'INSTANCEPATH');
    assert.equal(p.toCimXml({ ignoreHost: true }).name, 'LOCALINSTANCEPATH');
    assert.equal(
      p.toCimXmlString({ ignoreNamespace: true } as never),
      '<INSTANCENAME CLASSNAME="CIM_Foo"><KEYBINDING NAME="Name"><KEYVALUE VALUETYPE="string" ' +
        'TYPE="string">a"b\\c</KEYVALUE></KEYBINDING><KEYBINDING NAME="Id"><KEYVALUE ' +
        'VALUETYPE="numeric" TYPE="uint32">7</KEYVALUE></KEYBINDING></INSTANCENAME>',
    );
    const untyped = new CimInstanceName('C', { keybindings: { n: 3, f: 0.5 } });
    assert.match(untyped.toCimXmlString(), /<KEYVALUE VALUETYPE="numeric">3<\/KEYVALUE>/);
    assert.match(untyped.toCimXmlString(), /<KEYVALUE VALUETYPE="numeric">0.5<\/KEYVALUE>/);
  });

  it('builds the path of an instance from the key properties of its class', () => {
    const klass = new CimClass('C', {
      properties: [
        new CimProperty('K', null, { type: 'string', qualifiers: [new CimQualifier('Key', true)] }),
        new CimProperty('V', null, { type: 'string' }),
      ],
    });
    const inst = new CimInstance('C', { properties: { K: 'k1', V: 'v' } });
    const p = CimInstanceName.fromInstance(klass, inst, { namespace: 'ns' });
    assert.equal(p.toWbemUri(), '/ns:C.K="k1"');
    assert.throws(
      () => CimInstanceName.fromInstance(klass, new CimInstance('C'), { strict: true }),
      { code: 'KW_WBEM_INVALID_VALUE' },
    );
  });
});
