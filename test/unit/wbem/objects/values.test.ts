import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Char16,
  CimClassName,
  CimDateTime,
  CimInstance,
  CimInstanceName,
  Real32,
  Uint16,
  Uint8,
  cimType,
  cimValue,
  cimValueEquals,
  toCimObj,
} from '../../../../src/wbem/index.ts';

describe('cimType', () => {
  it('names the CIM type of typed values and of the first array item', () => {
    assert.equal(cimType(new Uint16(1)), 'uint16');
    assert.equal(cimType(new Real32(1)), 'real32');
    assert.equal(cimType(new Char16('x')), 'char16');
    assert.equal(cimType('x'), 'string');
    assert.equal(cimType(false), 'boolean');
    assert.equal(cimType(new CimDateTime('00000000000000.000000:000')), 'datetime');
    assert.equal(cimType(new CimInstanceName('C')), 'reference');
    assert.equal(cimType(new CimInstance('C')), 'string');
    assert.equal(cimType([new Uint8(1)]), 'uint8');
  });

  it('refuses plain numbers and empty arrays', () => {
    assert.throws(() => cimType(42), { code: 'KW_WBEM_TYPE' });
    assert.throws(() => cimType([]), { code: 'KW_WBEM_INVALID_VALUE' });
  });
});

describe('cimValue and toCimObj', () => {
  it('cimValue converts numbers to the named type and passes typed values', () => {
    assert.ok((cimValue(7, 'uint8') as Uint8).equals(new Uint8(7)));
    assert.ok(cimValue(new Uint8(7), 'uint16') instanceof Uint16);
    assert.deepEqual(cimValue(null, 'string'), null);
    assert.ok(
      (cimValue('/:C.k="v"', 'reference') as CimInstanceName).equals(
        new CimInstanceName('C', { keybindings: { k: 'v' } }),
      ),
    );
    assert.throws(() => cimValue('true', 'boolean'), { code: 'KW_WBEM_TYPE' });
    assert.throws(() => cimValue('xy', 'char16'), { code: 'KW_WBEM_INVALID_VALUE' });
  });

  it('toCimObj also reads text, and empty text as NULL, as pywbem tocimobj', () => {
    assert.equal(toCimObj('boolean', 'TRUE'), true);
    assert.equal(toCimObj('uint32', ''), null);
    assert.equal(String(toCimObj('sint8', '-5')), '-5');
    assert.ok(toCimObj('reference', 'root:CIM_Foo') instanceof CimClassName);
    assert.ok(toCimObj('reference', 'CIM_Foo.k=1') instanceof CimInstanceName);
    assert.deepEqual(
      (toCimObj('real32', ['1.5', '']) as unknown[]).map((v) => (v === null ? null : String(v))),
      ['1.5', null],
    );
    assert.throws(() => toCimObj('boolean', 'yes'), { code: 'KW_WBEM_TYPE' });
    assert.throws(() => toCimObj('nonsense' as never, 'x'), { code: 'KW_WBEM_INVALID_VALUE' });
  });

  it('cimValueEquals compares numbers across widths, Char16 with strings, arrays item-wise', () => {
    assert.ok(cimValueEquals(new Uint8(1), 1));
    assert.ok(cimValueEquals(new Char16('a'), 'a'));
    assert.ok(cimValueEquals([new Real32(Number.NaN)], [new Real32(Number.NaN)]));
    assert.ok(!cimValueEquals([1], [1, 2]));
    assert.ok(!cimValueEquals(null, 'x'));
    assert.ok(!cimValueEquals('1', new Uint8(1)));
  });
});
