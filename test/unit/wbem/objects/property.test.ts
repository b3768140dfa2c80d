import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CimClass,
  CimDateTime,
  CimInstance,
  CimInstanceName,
  CimParameter,
  CimProperty,
  CimQualifier,
  Uint64,
  Uint8,
} from '../../../../src/wbem/index.ts';

describe('CimProperty', () => {
  it('infers type, array-ness and embedded-object kind from the value', () => {
    assert.equal(new CimProperty('P', new CimInstanceName('C')).type, 'reference');
    const emb = new CimProperty('E', new CimInstance('C'));
    assert.equal(emb.type, 'string');
    assert.equal(emb.embeddedObject, 'instance');
    assert.equal(new CimProperty('E', [null, new CimClass('C')]).embeddedObject, 'object');
    assert.equal(new CimProperty('D', new Date(0)).type, 'datetime');
  });

  it('converts values to the declared type, range-checked', () => {
    assert.ok(new CimProperty('P', 42, { type: 'uint64' }).value instanceof Uint64);
    assert.ok(
      new CimProperty('P', '20160101000000.000000+000', { type: 'datetime' }).value instanceof
        CimDateTime,
    );
    assert.throws(() => new CimProperty('P', 256, { type: 'uint8' }), {
      code: 'KW_WBEM_INTEGER_RANGE',
    });
    assert.throws(() => new CimProperty('P', 'x', { type: 'boolean' }), { code: 'KW_WBEM_TYPE' });
    assert.throws(() => new CimProperty('P', null), { code: 'KW_WBEM_INVALID_VALUE' });
    assert.throws(() => new CimProperty('P', 'x', { type: 'text' as never }), {
      code: 'KW_WBEM_INVALID_VALUE',
    });
  });

  it('checks array-ness, reference class and embedded objects against the value', () => {
    assert.throws(() => new CimProperty('P', ['a'], { isArray: false }), {
      code: 'KW_WBEM_INVALID_VALUE',
    });
    assert.throws(() => new CimProperty('P', 'a', { isArray: true }), {
      code: 'KW_WBEM_INVALID_VALUE',
    });
    assert.throws(
      () => new CimProperty('P', null, { type: 'reference', isArray: true, referenceClass: 'C' }),
      { code: 'KW_WBEM_INVALID_VALUE' },
    );
    assert.throws(() => new CimProperty('P', new CimClass('C'), { embeddedObject: 'instance' }), {
      code: 'KW_WBEM_INVALID_VALUE',
    });
    assert.throws(() => new CimProperty('P', new Uint8(1), { embeddedObject: 'object' }), {
      code: 'KW_WBEM_INVALID_VALUE',
    });
  });

  it('writes PROPERTY, PROPERTY.ARRAY and PROPERTY.REFERENCE with their attributes', () => {
    assert.equal(
      new CimProperty('P', new Uint8(1), { propagated: false, classOrigin: 'C' }).toCimXmlString(),
      '<PROPERTY NAME="P" TYPE="uint8" CLASSORIGIN="C" PROPAGATED="false"><VALUE>1</VALUE></PROPERTY>',
    );
    assert.equal(
      new CimProperty('A', ['a', null], { arraySize: 2 }).toCimXmlString(),
      '<PROPERTY.ARRAY NAME="A" TYPE="string" ARRAYSIZE="2"><VALUE.ARRAY><VALUE>a</VALUE>' +
        '<VALUE.NULL/></VALUE.ARRAY></PROPERTY.ARRAY>',
    );
    assert.equal(
      new CimProperty('R', null, { type: 'reference', referenceClass: 'C' }).toCimXmlString(),
      '<PROPERTY.REFERENCE NAME="R" REFERENCECLASS="C"/>',
    );
    assert.equal(
      new CimProperty('E', new CimInstance('C', { properties: { S: 'a&b' } })).toCimXmlString(),
      '<PROPERTY NAME="E" TYPE="string" EmbeddedObject="instance"><VALUE>&lt;INSTANCE ' +
        'CLASSNAME="C"&gt;&lt;PROPERTY NAME="S" TYPE="string"&gt;&lt;VALUE&gt;a&amp;amp;b' +
        '&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;</VALUE></PROPERTY>',
    );
  });

  it('compares every attribute, names case-insensitively; copies qualifiers independently', () => {
    const a = new CimProperty('P', 'v', { qualifiers: [new CimQualifier('Key', true)] });
    const b = a.copy();
    b.name = 'p';
    assert.ok(a.equals(b));
    b.qualifiers.delete('key');
    assert.equal(a.qualifiers.size, 1);
    assert.ok(!a.equals(b));
    assert.ok(!a.equals(new CimProperty('P', 'v', { propagated: true })));
  });
});

describe('CimParameter', () => {
  it('writes declarations and PARAMVALUE values', () => {
    const p = new CimParameter('Ids', 'uint32', { isArray: true, value: [1, 2] });
    assert.equal(p.toCimXmlString(), '<PARAMETER.ARRAY NAME="Ids" TYPE="uint32"/>');
    assert.equal(
      p.toCimXmlString({ asValue: true }),
      '<PARAMVALUE NAME="Ids" PARAMTYPE="uint32"><VALUE.ARRAY><VALUE>1</VALUE><VALUE>2</VALUE>' +
        '</VALUE.ARRAY></PARAMVALUE>',
    );
    const r = new CimParameter('Refs', 'reference', {
      referenceClass: 'C',
      isArray: true,
      arraySize: 3,
    });
    assert.equal(
      r.toCimXmlString(),
      '<PARAMETER.REFARRAY NAME="Refs" REFERENCECLASS="C" ARRAYSIZE="3"/>',
    );
    assert.equal(r.toMof(), 'C REF Refs[3]');
    const ref = new CimParameter('Ref', 'reference', {
      value: new CimInstanceName('C', { keybindings: { k: 'v' } }),
    });
    assert.match(
      ref.toCimXmlString({ asValue: true }),
      /^<PARAMVALUE NAME="Ref" PARAMTYPE="reference"><VALUE.REFERENCE><INSTANCENAME/,
    );
  });
});
