import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CimClass,
  CimClassName,
  CimMethod,
  CimParameter,
  CimProperty,
  CimQualifier,
  CimQualifierDeclaration,
} from '../../../../src/wbem/index.ts';

const description = (text: string) => new CimQualifier('Description', text);

/** The class of pywbemcli's tests (CIMFOO_SUB_SUB), built from objects. */
function fooSubSub(): CimClass {
  return new CimClass('CIM_Foo_sub_sub', {
    superclass: 'CIM_Foo_sub',
    qualifiers: [description('Subclass of CIM_Foo_sub')],
    properties: [
      new CimProperty('cimfoo_sub_sub', null, { type: 'string' }),
      new CimProperty('cimfoo_sub', null, { type: 'string' }),
      new CimProperty('InstanceID', null, {
        type: 'string',
        qualifiers: [new CimQualifier('Key', true), description('This is key property.')],
      }),
      new CimProperty('IntegerProp', null, {
        type: 'uint32',
        qualifiers: [description('This is Uint32 property.')],
      }),
    ],
    methods: [
      new CimMethod('Method1', 'uint32', {
        qualifiers: [description('Sample method with input and output parameters')],
        parameters: [
          new CimParameter('OutputParam2', 'string', {
            qualifiers: [
              new CimQualifier('IN', false),
              new CimQualifier('OUT', true),
              description('Response param 2'),
            ],
          }),
        ],
      }),
    ],
  });
}

describe('CimClass', () => {
  it('writes MOF exactly as pywbem (pywbemcli CIMFOO_SUB_SUB)', () => {
    assert.equal(
      fooSubSub().toMof(),
      [
        '   [Description ( "Subclass of CIM_Foo_sub" )]',
        'class CIM_Foo_sub_sub : CIM_Foo_sub {',
        '',
        '   string cimfoo_sub_sub;',
        '',
        '   string cimfoo_sub;',
        '',
        '      [Key ( true ),',
        '       Description ( "This is key property." )]',
        '   string InstanceID;',
        '',
        '      [Description ( "This is Uint32 property." )]',
        '   uint32 IntegerProp;',
        '',
        '      [Description ( "Sample method with input and output parameters" )]',
        '   uint32 Method1(',
        '         [IN ( false ),',
        '          OUT ( true ),',
        '          Description ( "Response param 2" )]',
        '      string OutputParam2);',
        '',
        '};',
        '',
      ].join('\n'),
    );
  });

  it('writes default values, references, arrays and parameterless methods in MOF', () => {
    const c = new CimClass('TST_Person', {
      properties: [
        new CimProperty('extraProperty', 'defaultvalue'),
        new CimProperty('Ref', null, { type: 'reference', referenceClass: 'TST_Person' }),
        new CimProperty('List', null, { type: 'uint8', isArray: true, arraySize: 4 }),
      ],
      methods: [new CimMethod('Reset', 'uint32')],
    });
    assert.equal(
      c.toMof(),
      'class TST_Person {\n\n   string extraProperty = "defaultvalue";\n\n' +
        '   TST_Person REF Ref;\n\n   uint8 List[4];\n\n   uint32 Reset();\n\n};\n',
    );
  });

  it('compares names case-insensitively and members in any order; copies independently', () => {
    const a = fooSubSub();
    const b = fooSubSub();
    b.classname = 'cim_foo_SUB_sub';
    assert.ok(a.equals(b));
    const c = a.copy();
    c.properties.delete('cimfoo_sub');
    assert.equal(a.properties.size, 4);
    assert.ok(!a.equals(c));
    c.path = new CimClassName('X');
    assert.equal(a.path, null);
    assert.ok(!a.equals(new CimClassName('CIM_Foo_sub_sub')));
  });

  it('refuses a member whose name differs from its key, and non-property items', () => {
    assert.throws(() => new CimClass('C', { properties: [['A', new CimProperty('B', 'x')]] }), {
      code: 'KW_WBEM_INVALID_VALUE',
    });
    assert.throws(() => new CimClass('C', { properties: [['A', 'x' as never]] }), {
      code: 'KW_WBEM_TYPE',
    });
    assert.throws(() => new CimMethod('M', 'reference'), { code: 'KW_WBEM_INVALID_VALUE' });
  });
});

describe('CimQualifier and CimQualifierDeclaration', () => {
  it('writes qualifier values in MOF, wrapping long strings on their own line', () => {
    assert.equal(new CimQualifier('Key', true).toMof(), 'Key ( true )');
    assert.equal(new CimQualifier('Values', ['a', 'b']).toMof(), 'Values { "a", "b" }');
    const long = new CimQualifier('Description', 'x '.repeat(50).trim()).toMof();
    assert.ok(long.startsWith('Description (\n   "x x'), long);
  });

  it('writes a qualifier declaration with scopes and flavors as pywbem', () => {
    const decl = new CimQualifierDeclaration('Key', 'boolean', {
      value: false,
      scopes: { property: true, REFERENCE: true },
      overridable: false,
      tosubclass: true,
    });
    assert.equal(
      decl.toMof(),
      'Qualifier Key : boolean = false,\n    Scope(property, reference),\n' +
        '    Flavor(DisableOverride, ToSubclass);\n',
    );
    const arr = new CimQualifierDeclaration('ValueMap', 'string', {
      isArray: true,
      value: ['1', '2'],
      scopes: { any: true },
      translatable: true,
    });
    assert.equal(
      arr.toMof(),
      'Qualifier ValueMap : string[] = { "1", "2" },\n    Scope(any),\n    Flavor(Translatable);\n',
    );
    assert.match(arr.toCimXmlString(), /<SCOPE ASSOCIATION="true" CLASS="true" INDICATION="true"/);
  });

  it('compares flavors and scopes; copies independently', () => {
    const a = new CimQualifierDeclaration('Q', 'string', { scopes: { CLASS: true } });
    const b = a.copy();
    assert.ok(a.equals(b));
    b.scopes.set('property', true);
    assert.ok(!a.equals(b));
    assert.ok(!new CimQualifier('Q', 'x').equals(new CimQualifier('Q', 'x', { propagated: true })));
  });
});
