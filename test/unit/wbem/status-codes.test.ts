import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CimStatus, statusCodeDescription, statusCodeName } from '../../../src/wbem/index.ts';

describe('CIM status codes', () => {
  it('defines the 26 codes of DSP0200 (18 and 19 were withdrawn)', () => {
    const codes = Object.values(CimStatus);
    assert.equal(codes.length, 26);
    assert.deepEqual(
      codes,
      [...Array(17).keys()].map((i) => i + 1).concat([20, 21, 22, 23, 24, 25, 26, 27, 28]),
    );
    assert.equal(CimStatus.CIM_ERR_NOT_FOUND, 6);
    assert.equal(CimStatus.CIM_ERR_SERVER_IS_SHUTTING_DOWN, 28);
  });

  it('names and describes codes as pywbem, and says so for unknown codes', () => {
    assert.equal(statusCodeName(21), 'CIM_ERR_INVALID_ENUMERATION_CONTEXT');
    assert.equal(statusCodeDescription(5), 'The specified Class does not exist');
    assert.equal(statusCodeName(18), 'Invalid status code 18');
    assert.equal(statusCodeDescription(99), 'Invalid status code 99');
  });
});
