import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeywardenError } from '../../../src/errors.ts';
import {
  CimError,
  CimInstance,
  CimXmlParseError,
  HeaderParseError,
  WbemAuthError,
  WbemConnectionError,
  WbemError,
  WbemHttpError,
  WbemParseError,
  WbemTimeoutError,
  WbemVersionError,
  XmlParseError,
} from '../../../src/wbem/index.ts';

describe('WBEM errors', () => {
  it('gives every error class its stable code and the pywbem hierarchy', () => {
    const cases: [WbemError, string][] = [
      [new WbemConnectionError('refused'), 'KW_WBEM_CONNECTION'],
      [new WbemAuthError('401'), 'KW_WBEM_AUTH'],
      [new WbemTimeoutError('slow'), 'KW_WBEM_TIMEOUT'],
      [new WbemHttpError(500, 'Internal Server Error'), 'KW_WBEM_HTTP'],
      [new WbemVersionError('DTD 3.0'), 'KW_WBEM_VERSION'],
      [new XmlParseError('bad'), 'KW_WBEM_XML_PARSE'],
      [new CimXmlParseError('bad'), 'KW_WBEM_CIMXML_PARSE'],
      [new HeaderParseError('bad'), 'KW_WBEM_HEADER_PARSE'],
      [new CimError(6), 'KW_WBEM_CIM_ERROR'],
    ];
    for (const [error, code] of cases) {
      assert.equal(error.code, code);
      assert.ok(error instanceof WbemError && error instanceof KeywardenError);
      assert.equal(error.name, error.constructor.name);
    }
    assert.ok(new HeaderParseError('x') instanceof WbemParseError);
  });

  it('keeps the parse position as fields', () => {
    const error = new CimXmlParseError('missing NAME', { line: 3, column: 7 });
    assert.equal(error.line, 3);
    assert.equal(error.column, 7);
    assert.equal(new XmlParseError('x').line, null);
  });

  it('CimError: status code, name, server description or the default text, instances', () => {
    const plain = new CimError(5);
    assert.equal(plain.statusCodeName, 'CIM_ERR_INVALID_CLASS');
    assert.equal(plain.statusDescription, 'The specified Class does not exist');
    assert.equal(plain.instances, null);
    const detailed = new CimError(1, 'disk full', [new CimInstance('CIM_Error')]);
    assert.equal(detailed.statusDescription, 'disk full');
    assert.equal(detailed.instances?.length, 1);
    assert.match(detailed.message, /^1 \(CIM_ERR_FAILED\): disk full \(1 instances\)$/);
  });

  it('WbemHttpError keeps status, reason and CIM headers', () => {
    const error = new WbemHttpError(400, 'Bad Request', {
      cimError: 'request-not-valid',
      cimDetails: { PGErrorDetail: 'x' },
    });
    assert.equal(error.status, 400);
    assert.equal(error.cimError, 'request-not-valid');
    assert.deepEqual(error.cimDetails, { PGErrorDetail: 'x' });
  });
});
