/**
 * The parser's fast path past the constructor checks (src/wbem/objects/parsed.ts, issue #10):
 * what it builds must be what the checked constructors build from the same values.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as wbem from '../../../../src/wbem/index.ts';
import {
  CimInstance,
  CimProperty,
  cimMessage,
  cimValue,
  cimXmlDocument,
  imethodResponse,
  parseCimXml,
  type IMethodResponse,
} from '../../../../src/wbem/index.ts';
import { instanceArb, instanceNameArb } from '../support/arbitraries.ts';

function parseBack(inst: CimInstance): CimInstance {
  const doc = cimXmlDocument(
    cimMessage(imethodResponse('X', { returnValue: [inst.toCimXml()] }), { messageId: '1' }),
  );
  return (parseCimXml(doc).body as IMethodResponse).returnValue?.items[0] as CimInstance;
}

describe('objects built by the CIM-XML parser', () => {
  it('equal the checked constructors on random instances (with paths), value by value', () => {
    fc.assert(
      fc.property(instanceArb(1), fc.option(instanceNameArb), (inst, path) => {
        inst.path = path;
        const back = parseBack(inst);
        assert.ok(inst.equals(back), inst.toCimXmlString());
        for (const prop of back.properties.values()) {
          const checked = new CimProperty(prop.name, prop.value, {
            type: prop.type,
            isArray: prop.isArray,
            arraySize: prop.arraySize,
            classOrigin: prop.classOrigin,
            propagated: prop.propagated,
            referenceClass: prop.referenceClass,
            qualifiers: prop.qualifiers.entries(),
            embeddedObject: prop.embeddedObject ?? false,
          });
          assert.ok(checked.equals(prop), prop.toCimXmlString());
          // The value is already what conversion to its type gives (same classes, same items).
          assert.deepEqual(cimValue(prop.value, prop.type), prop.value);
        }
        const rebuilt = new CimInstance(back.classname, {
          properties: back.properties.values(),
          qualifiers: back.qualifiers.entries(),
        });
        // Assigned afterwards, as the parser does: a path given to the constructor would take
        // the key property values (pywbem __setitem__), which a random path need not match.
        rebuilt.path = back.path;
        assert.ok(rebuilt.equals(back));
      }),
      { numRuns: 200 },
    );
  });

  it('are ordinary objects afterwards: assignments are converted and checked again', () => {
    const inst = new CimInstance('C', { properties: { N: new wbem.Uint8(1) } });
    const back = parseBack(inst);
    const prop = back.properties.get('N') as CimProperty;
    prop.value = 7;
    assert.ok(prop.value instanceof wbem.Uint8);
    assert.throws(() => (prop.value = 300), { code: 'KW_WBEM_INTEGER_RANGE' });
  });

  it('keep the mark out of the public API', () => {
    assert.ok(!('PARSED' in wbem) && !('isParsed' in wbem) && !('adoptParsedPath' in wbem));
  });
});
