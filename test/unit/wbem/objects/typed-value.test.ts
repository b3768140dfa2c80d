/**
 * The shared typed-value rules of CimProperty, CimParameter, CimQualifier and
 * CimQualifierDeclaration: names checked, values converted to the type on every assignment,
 * equality by case-insensitive name, type and value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CimParameter,
  CimProperty,
  CimQualifier,
  CimQualifierDeclaration,
  Uint8,
  Uint64,
} from '../../../../src/wbem/index.ts';

const makers = {
  CimProperty: (name: string, v: unknown) => new CimProperty(name, v, { type: 'uint8' }),
  CimParameter: (name: string, v: unknown) => new CimParameter(name, 'uint8', { value: v }),
  CimQualifier: (name: string, v: unknown) => new CimQualifier(name, v, { type: 'uint8' }),
  CimQualifierDeclaration: (name: string, v: unknown) =>
    new CimQualifierDeclaration(name, 'uint8', { value: v }),
};

describe('typed values (property, parameter, qualifier, qualifier declaration)', () => {
  for (const [kind, make] of Object.entries(makers)) {
    it(`${kind}: converts assigned values to the type and range-checks them`, () => {
      const obj = make('Size', 7);
      assert.ok(obj.value instanceof Uint8);
      obj.value = 200;
      assert.deepEqual(obj.value, new Uint8(200));
      assert.throws(() => (obj.value = 256), { code: 'KW_WBEM_INTEGER_RANGE' });
      obj.type = 'uint64';
      obj.value = 256;
      assert.ok(obj.value instanceof Uint64);
    });

    it(`${kind}: refuses an empty name (KW_WBEM_INVALID_VALUE)`, () => {
      assert.throws(() => make('', 1), { code: 'KW_WBEM_INVALID_VALUE' });
      const obj = make('A', 1);
      assert.throws(() => (obj.name = ''), { code: 'KW_WBEM_INVALID_VALUE' });
    });

    it(`${kind}: equals by case-insensitive name, type and value`, () => {
      assert.ok(make('Size', 7).equals(make('SIZE', 7)));
      assert.ok(!make('Size', 7).equals(make('Size', 8)));
      assert.ok(make('Size', 7).equals(make('Size', 7).copy()));
    });
  }
});
