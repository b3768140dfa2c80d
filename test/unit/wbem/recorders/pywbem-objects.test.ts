/**
 * toPywbemYaml / fromPywbemYaml: our objects through the testclient `pywbem_object` form and
 * back are equal (random instances with all CIM types, embedded objects and references), also
 * after a JSON round trip as `keywarden wbem -o json` does it; unknown kinds are KW_WBEM_TYPE.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  CimClass,
  CimMethod,
  CimParameter,
  CimProperty,
  CimQualifierDeclaration,
  Sint64,
  fromPywbemYaml,
  toPywbemYaml,
} from '../../../../src/wbem/index.ts';
import { instanceArb } from '../support/arbitraries.ts';

const json = (v: unknown) =>
  JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)));

function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(hasNonFinite);
  return v !== null && typeof v === 'object' && Object.values(v).some(hasNonFinite);
}

describe('pywbem_object form', () => {
  it('random instances survive toPywbemYaml → fromPywbemYaml, also through JSON', () => {
    fc.assert(
      fc.property(instanceArb(2), (inst) => {
        const form = toPywbemYaml(inst);
        assert.ok(inst.equals(fromPywbemYaml(form)));
        // JSON has no NaN or Infinity (they become null), so that check needs finite reals
        if (!hasNonFinite(form)) {
          assert.ok(inst.equals(fromPywbemYaml(json(form))));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('classes with methods, parameters and qualifier declarations survive too', () => {
    const cls = new CimClass('CIM_Foo', {
      superclass: 'CIM_Bar',
      properties: [new CimProperty('Size', new Sint64(-5n), { qualifiers: { Key: true } })],
      methods: [
        new CimMethod('Go', 'uint32', {
          parameters: [
            new CimParameter('Refs', 'reference', { isArray: true, referenceClass: 'CIM_X' }),
          ],
        }),
      ],
    });
    assert.ok(cls.equals(fromPywbemYaml(json(toPywbemYaml(cls)))));
    const decl = new CimQualifierDeclaration('Key', 'boolean', {
      value: false,
      scopes: { PROPERTY: true, REFERENCE: true },
      overridable: false,
    });
    assert.ok(decl.equals(fromPywbemYaml(toPywbemYaml(decl))));
  });

  it('refuses unknown pywbem_object kinds (KW_WBEM_TYPE)', () => {
    assert.throws(() => fromPywbemYaml({ pywbem_object: 'CIMWhatever' }), { code: 'KW_WBEM_TYPE' });
  });
});
