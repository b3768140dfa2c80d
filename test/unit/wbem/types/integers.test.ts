import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Sint16,
  Sint32,
  Sint64,
  Sint8,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  integerClasses,
} from '../../../../src/wbem/index.ts';

const ranges = [
  ['uint8', 0n, 255n],
  ['sint8', -128n, 127n],
  ['uint16', 0n, 65535n],
  ['sint16', -32768n, 32767n],
  ['uint32', 0n, 4294967295n],
  ['sint32', -2147483648n, 2147483647n],
  ['uint64', 0n, 18446744073709551615n],
  ['sint64', -9223372036854775808n, 9223372036854775807n],
] as const;

describe('CIM integer types', () => {
  for (const [type, min, max] of ranges) {
    const Cls = integerClasses[type];
    it(`${type} accepts ${min} and ${max} and keeps them exactly`, () => {
      assert.equal(new Cls(min).toBigInt(), min);
      assert.equal(new Cls(max).toBigInt(), max);
      assert.equal(new Cls(max.toString()).toString(), max.toString());
      assert.equal(new Cls(min).cimType, type);
    });
    it(`${type} refuses ${min - 1n} and ${max + 1n} with KW_WBEM_INTEGER_RANGE`, () => {
      assert.throws(() => new Cls(min - 1n), { code: 'KW_WBEM_INTEGER_RANGE', cimType: type });
      assert.throws(() => new Cls(max + 1n), { code: 'KW_WBEM_INTEGER_RANGE', value: max + 1n });
    });
  }

  it('holds 8- to 32-bit values as numbers and 64-bit values as bigints', () => {
    assert.equal(new Uint32(7).value, 7);
    assert.equal(new Sint16('-3').value, -3);
    assert.equal(new Uint64(7).value, 7n);
    assert.equal(new Sint64('-9223372036854775808').value, -9223372036854775808n);
  });

  it('reads decimal and hex strings, and refuses fractions, unsafe numbers and junk', () => {
    assert.equal(new Uint8('0x2A').value, 42);
    assert.equal(new Sint8('-0x10').value, -16);
    assert.throws(() => new Uint8(4.5), { code: 'KW_WBEM_INVALID_VALUE' });
    assert.throws(() => new Uint64(2 ** 60), { code: 'KW_WBEM_INVALID_VALUE' });
    assert.throws(() => new Uint8('4x'), { code: 'KW_WBEM_INVALID_VALUE' });
    assert.throws(() => new Uint8(true as unknown as number), { code: 'KW_WBEM_TYPE' });
  });

  it('compares numerically across integer types, as pywbem ints do', () => {
    assert.ok(new Uint8(42).equals(new Uint64(42n)));
    assert.ok(!new Uint8(42).equals(new Sint32(41)));
    assert.ok(!new Uint16(1).equals(1));
    assert.equal(Number(new Uint16(5)) + 1, 6);
    assert.equal(JSON.stringify([new Uint64(1n), new Uint8(2)]), '["1",2]');
  });
});
