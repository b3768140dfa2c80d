import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CimClass,
  CimDateTime,
  CimInstance,
  CimInstanceName,
  CimProperty,
  CimQualifier,
  Real32,
  Real64,
  Sint16,
  Sint32,
  Sint64,
  Sint8,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
} from '../../../../src/wbem/index.ts';

describe('CimInstance', () => {
  it('infers property types and keeps property order and case', () => {
    const inst = new CimInstance('CIM_Foo', {
      properties: { Name: 'x', Count: new Uint8(1), Flags: [true, false] },
    });
    assert.deepEqual([...inst.properties.keys()], ['Name', 'Count', 'Flags']);
    assert.equal(inst.properties.get('count')?.type, 'uint8');
    assert.equal(inst.properties.get('FLAGS')?.isArray, true);
    assert.equal(inst.get('NAME'), 'x');
    assert.equal(inst.get('missing'), undefined);
  });

  it('refuses plain numbers without a type (pywbem: the CIM type cannot be inferred)', () => {
    assert.throws(() => new CimInstance('C', { properties: { n: 42 } }), {
      code: 'KW_WBEM_INVALID_VALUE',
    });
  });

  it('updates the path keybinding when a key property is set', () => {
    const inst = new CimInstance('C', {
      path: new CimInstanceName('C', { keybindings: { K: 'old' } }),
      properties: { K: 'new' },
    });
    assert.equal(inst.path?.get('k'), 'new');
    inst.set('k', 'newer');
    assert.equal(inst.path?.get('K'), 'newer');
  });

  it('compares classname, path, properties and qualifiers; names case-insensitively', () => {
    const a = new CimInstance('CIM_Foo', { properties: { P: 'v', Q: new Uint32(2) } });
    const b = new CimInstance('cim_foo', { properties: { q: new Uint32(2), p: 'v' } });
    assert.ok(a.equals(b));
    b.set('p', 'w');
    assert.ok(!a.equals(b));
    const c = a.copy();
    c.path = new CimInstanceName('CIM_Foo');
    assert.ok(!a.equals(c));
  });

  it('copies properties dictionary and path independently', () => {
    const a = new CimInstance('C', {
      properties: { P: 'v' },
      path: new CimInstanceName('C', { keybindings: { P: 'v' } }),
    });
    const b = a.copy();
    b.set('P', 'w');
    b.delete('p');
    assert.equal(a.get('P'), 'v');
    assert.equal(a.path?.get('P'), 'v');
  });

  it('updates only existing properties with updateExisting()', () => {
    const inst = new CimInstance('C', { properties: { A: 'a' } });
    inst.updateExisting({ A: 'b', B: 'c' });
    assert.equal(inst.get('A'), 'b');
    assert.ok(!inst.has('B'));
    inst.update([['B', 'c']]);
    assert.equal(inst.get('B'), 'c');
  });

  it("writes MOF exactly as pywbem (pywbemcli's all-types instance)", () => {
    const dt = new CimDateTime('19991224120000.000000+360');
    const inst = new CimInstance('PyWBEM_AllTypes', {
      properties: [
        ['InstanceId', 'test_instance'],
        ['scalBool', true],
        ['scalUint8', new Uint8(8)],
        ['scalSint8', new Sint8(-8)],
        ['scalUint16', new Uint16(45)],
        ['scalSint16', new Sint16(-45)],
        ['scalUint32', new Uint32(9999)],
        ['scalSint32', new Sint32(-9999)],
        ['scalUint64', new Uint64(99999)],
        ['scalSint64', new Sint64(-99999)],
        ['scalReal32', new Real32(1.9)],
        ['scalReal64', new Real64(1.9)],
        ['scalString', 'This is a test string'],
        ['scalDateTime', dt],
        ['arrayBool', [true, false]],
        ['arrayUint8', [0, 8, 125].map((n) => new Uint8(n))],
        ['arraySint64', [-99999, 0, 99999].map((n) => new Sint64(n))],
        ['arrayReal32', [new Real32(0), new Real32(1.9)]],
        ['arrayString', ['This is a test string', 'Second String']],
        ['arrayDateTime', [dt, dt]],
      ],
    });
    assert.equal(
      inst.toMof(),
      [
        'instance of PyWBEM_AllTypes {',
        '   InstanceId = "test_instance";',
        '   scalBool = true;',
        '   scalUint8 = 8;',
        '   scalSint8 = -8;',
        '   scalUint16 = 45;',
        '   scalSint16 = -45;',
        '   scalUint32 = 9999;',
        '   scalSint32 = -9999;',
        '   scalUint64 = 99999;',
        '   scalSint64 = -99999;',
        '   scalReal32 = 1.9;',
        '   scalReal64 = 1.9;',
        '   scalString = "This is a test string";',
        '   scalDateTime = "19991224120000.000000+360";',
        '   arrayBool = { true, false };',
        '   arrayUint8 = { 0, 8, 125 };',
        '   arraySint64 = { -99999, 0, 99999 };',
        '   arrayReal32 = { 0.0, 1.9 };',
        '   arrayString = { "This is a test string", "Second String" };',
        '   arrayDateTime = { "19991224120000.000000+360", "19991224120000.000000+360" };',
        '};',
        '',
      ].join('\n'),
    );
  });

  it('writes references and NULL in MOF as pywbem (pywbemcli reference instances)', () => {
    const person = (name: string) =>
      new CimInstanceName('TST_Person', { keybindings: { name }, namespace: 'root/cimv2' });
    const inst = new CimInstance('TST_Lineage', {
      properties: [
        ['InstanceID', 'MikeSofi'],
        ['parent', person('Mike')],
        ['child', person('Sofi')],
        new CimProperty('gone', null, { type: 'string' }),
      ],
    });
    assert.equal(
      inst.toMof(),
      'instance of TST_Lineage {\n' +
        '   InstanceID = "MikeSofi";\n' +
        '   parent = "/root/cimv2:TST_Person.name=\\"Mike\\"";\n' +
        '   child = "/root/cimv2:TST_Person.name=\\"Sofi\\"";\n' +
        '   gone = NULL;\n' +
        '};\n',
    );
  });

  it('splits long strings over lines at blanks as pywbem does', () => {
    const text = 'word '.repeat(30).trim();
    const mof = new CimInstance('C', { properties: { P: text } }).toMof();
    const lines = mof.split('\n');
    assert.ok(
      lines.every((l) => l.length <= 80),
      mof,
    );
    assert.equal(lines[1], '   P =');
    assert.ok(lines[2]?.startsWith('      "word word'));
  });

  it('makes an instance from a class with defaults, values and its path', () => {
    const klass = new CimClass('C', {
      properties: [
        new CimProperty('K', null, { type: 'string', qualifiers: [new CimQualifier('Key', true)] }),
        new CimProperty('D', 'default'),
      ],
    });
    const inst = CimInstance.fromClass(klass, { namespace: 'ns', propertyValues: { k: 'x' } });
    assert.equal(inst.get('D'), 'default');
    assert.equal(inst.path?.toWbemUri(), '/ns:C.K="x"');
    assert.equal(inst.properties.get('K')?.qualifiers.size, 0);
    assert.throws(() => CimInstance.fromClass(klass, { propertyValues: { nope: 1 } }), {
      code: 'KW_WBEM_INVALID_VALUE',
    });
  });
});
