import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatCimXmlReal, pythonFloatRepr } from '../../../../src/wbem/index.ts';
import { formatGeneral } from '../../../../src/wbem/types/real-format.ts';
import { Real32, Real64 } from '../../../../src/wbem/index.ts';

describe('real formatting as pywbem', () => {
  // Expected strings are what CPython prints for format(x, '.11G') / '.17G' / repr(x).
  const general: [number, number, string][] = [
    [42, 11, '42'],
    [4442.9, 11, '4442.9'],
    [-32.1, 17, '-32.100000000000001'],
    [64.125, 17, '64.125'],
    [12345, 17, '12345'],
    [0.1, 17, '0.10000000000000001'],
    [1e-5, 11, '1E-05'],
    [1.5e300, 17, '1.5000000000000001E+300'],
    [123456789012, 11, '1.2345678901E+11'],
    [1234567890.25, 11, '1234567890.2'],
    [0.00012345, 11, '0.00012345'],
    [-0, 11, '-0'],
  ];
  for (const [x, p, expected] of general) {
    it(`formats ${x} with ${p} digits as ${expected}`, () => {
      assert.equal(formatGeneral(x, p), expected);
    });
  }

  it('writes CIM-XML reals with .0 and the DSP0201 special values', () => {
    assert.equal(formatCimXmlReal(42, 'real32'), '42.0');
    assert.equal(formatCimXmlReal(1e22, 'real64'), '1.0E+22');
    assert.equal(formatCimXmlReal(Number.NaN, 'real32'), 'NaN');
    assert.equal(formatCimXmlReal(Infinity, 'real64'), 'INF');
    assert.equal(formatCimXmlReal(-Infinity, 'real64'), '-INF');
    assert.equal(formatCimXmlReal(-0, 'real64'), '-0.0');
  });

  it('prints repr() the way Python does', () => {
    assert.equal(pythonFloatRepr(1.9), '1.9');
    assert.equal(pythonFloatRepr(0), '0.0');
    assert.equal(pythonFloatRepr(1e16), '1e+16');
    assert.equal(pythonFloatRepr(123456789012345.0), '123456789012345.0');
    assert.equal(pythonFloatRepr(1e-5), '1e-05');
    assert.equal(pythonFloatRepr(0.0001), '0.0001');
    assert.equal(pythonFloatRepr(Number.NaN), 'nan');
    assert.equal(pythonFloatRepr(-Infinity), '-inf');
    assert.equal(new Real32(42).toString(), '42.0');
  });

  it('gives real64 text that reads back to the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        assert.ok(Object.is(new Real64(formatCimXmlReal(x, 'real64')).value, x));
      }),
    );
  });

  it('reads INF, -INF and NaN in any case, and refuses other text', () => {
    assert.equal(new Real64('inf').value, Infinity);
    assert.equal(new Real64('-INF').value, -Infinity);
    assert.ok(Number.isNaN(new Real32('nan').value));
    assert.throws(() => new Real64('1.2.3'), { code: 'KW_WBEM_INVALID_VALUE' });
  });
});
