/**
 * Error classes of src/wbem. Callers branch on `code` (or `instanceof`), never on message text.
 *
 * Two families, as pywbem has them:
 * - `WbemError` (pywbem `Error`): what a WBEM operation raises. Connection, auth, HTTP and timeout
 *   failures come from the HTTP layer; parse errors from reading CIM-XML; `CimError` from an
 *   ERROR element the server sent.
 * - `CimValueError` / `CimTypeError` (pywbem `ValueError` / `TypeError`): bad values handed to the
 *   CIM data types and objects by the caller.
 *
 * Messages never carry credentials or whole CIM-XML bodies: a parse error carries a position.
 */
import { KeywardenError } from '../errors.ts';
import { statusCodeDescription, statusCodeName } from './status-codes.ts';
import type { CimInstance } from './objects/instance.ts';

/** Base of the errors a WBEM operation raises (pywbem `Error`). */
export abstract class WbemError extends KeywardenError {
  /** Connection id of the connection the error happened on, when known. */
  connectionId: string | null = null;
}

/** The connection to the WBEM server failed; a retry may or may not succeed. */
export class WbemConnectionError extends WbemError {
  readonly code = 'KW_WBEM_CONNECTION';
}

/** Authentication failed: TLS handshake verification, or HTTP 401 after the retries. */
export class WbemAuthError extends WbemError {
  readonly code = 'KW_WBEM_AUTH';
}

/** The client gave up waiting for the WBEM server. */
export class WbemTimeoutError extends WbemError {
  readonly code = 'KW_WBEM_TIMEOUT';
}

/** The server answered with an HTTP status other than 200 (DSP0200 §7.5). */
export class WbemHttpError extends WbemError {
  readonly code = 'KW_WBEM_HTTP';
  readonly status: number;
  readonly reason: string;
  /** Value of the CIMError response header, if present. */
  readonly cimError: string | null;
  /** Server specific detail headers (e.g. PGErrorDetail), name → value. */
  readonly cimDetails: Readonly<Record<string, string>>;
  /** CIM-XML request and response, for diagnostics; never put in the message. */
  requestData: string | null = null;
  responseData: string | null = null;

  constructor(
    status: number,
    reason: string,
    options: { cimError?: string | null; cimDetails?: Record<string, string> } = {},
  ) {
    super(`HTTP ${status} (${reason})${options.cimError ? `, CIMError: ${options.cimError}` : ''}`);
    this.status = status;
    this.reason = reason;
    this.cimError = options.cimError ?? null;
    this.cimDetails = { ...options.cimDetails };
  }
}

/** The server speaks an unsupported CIM, DTD or protocol version. */
export class WbemVersionError extends WbemError {
  readonly code = 'KW_WBEM_VERSION';
}

/** Where a parse error happened: 1-based line and column, when the parser knows them. */
export interface ParsePosition {
  readonly line: number | null;
  readonly column: number | null;
}

/** Base of the errors about a response (or indication request) that cannot be read. */
export abstract class WbemParseError extends WbemError {
  abstract override readonly code:
    'KW_WBEM_XML_PARSE' | 'KW_WBEM_CIMXML_PARSE' | 'KW_WBEM_HEADER_PARSE';
  /** 1-based line of the offending input, or null when unknown. */
  readonly line: number | null;
  /** 1-based column (in characters) of the offending input, or null when unknown. */
  readonly column: number | null;
  /** CIM-XML request and response, for diagnostics; never put in the message. */
  requestData: string | null = null;
  responseData: string | null = null;

  constructor(message: string, position: ParsePosition = { line: null, column: null }) {
    const where =
      position.line === null ? '' : ` (line ${position.line}, column ${position.column})`;
    super(`${message}${where}`);
    this.line = position.line;
    this.column = position.column;
  }
}

/** The input is not well-formed XML, has characters XML 1.0 forbids, or breaks a size limit. */
export class XmlParseError extends WbemParseError {
  readonly code = 'KW_WBEM_XML_PARSE';
}

/** Well-formed XML that breaks the CIM-XML rules of DSP0201 (element, attribute or value). */
export class CimXmlParseError extends WbemParseError {
  readonly code = 'KW_WBEM_CIMXML_PARSE';
}

/** A bad HTTP header in a response (raised by the HTTP layer, e.g. Content-Type). */
export class HeaderParseError extends WbemParseError {
  readonly code = 'KW_WBEM_HEADER_PARSE';
}

/** The server returned an ERROR element (DSP0200 §5.3.1) with a CIM status code. */
export class CimError extends WbemError {
  readonly code = 'KW_WBEM_CIM_ERROR';
  /** Numeric CIM status code, e.g. 6 for CIM_ERR_NOT_FOUND. */
  readonly statusCode: number;
  /** The description the server sent, or null. */
  readonly serverDescription: string | null;
  /** CIM_Error instances the server sent along, or null. */
  readonly instances: readonly CimInstance[] | null;
  requestData: string | null = null;

  constructor(
    statusCode: number,
    description: string | null = null,
    instances: readonly CimInstance[] | null = null,
  ) {
    const text = description || statusCodeDescription(statusCode);
    const count = instances && instances.length > 0 ? ` (${instances.length} instances)` : '';
    super(`${statusCode} (${statusCodeName(statusCode)}): ${text}${count}`);
    this.statusCode = statusCode;
    this.serverDescription = description;
    this.instances = instances;
  }

  /** Symbolic name of the status code, e.g. `CIM_ERR_NOT_FOUND`. */
  get statusCodeName(): string {
    return statusCodeName(this.statusCode);
  }

  /** The server's description, or the default text for the status code (as pywbem). */
  get statusDescription(): string {
    return this.serverDescription || statusCodeDescription(this.statusCode);
  }
}

/** Base of the errors about invalid values given to CIM types and objects (pywbem `ValueError`). */
export abstract class CimValueError extends KeywardenError {
  abstract override readonly code:
    'KW_WBEM_INTEGER_RANGE' | 'KW_WBEM_DATETIME_FORMAT' | 'KW_WBEM_INVALID_VALUE';
}

/** An integer outside the range of its CIM integer type (DSP0004 §5.2). */
export class CimIntegerRangeError extends CimValueError {
  readonly code = 'KW_WBEM_INTEGER_RANGE';
  readonly cimType: string;
  readonly value: bigint;

  constructor(cimType: string, value: bigint, min: bigint, max: bigint) {
    super(`integer value ${value} is out of range for CIM datatype ${cimType} [${min}, ${max}]`);
    this.cimType = cimType;
    this.value = value;
  }
}

/** A string that is not a valid CIM datetime value (DSP0004 §5.2.4). */
export class CimDateTimeFormatError extends CimValueError {
  readonly code = 'KW_WBEM_DATETIME_FORMAT';
  readonly input: string;

  constructor(input: string, why: string) {
    super(`invalid CIM datetime value ${JSON.stringify(input)}: ${why}`);
    this.input = input;
  }
}

/** Any other invalid value or argument combination (unknown type name, bad name, ...). */
export class CimInvalidValueError extends CimValueError {
  readonly code = 'KW_WBEM_INVALID_VALUE';
}

/** A value of the wrong JavaScript type for what was asked (pywbem `TypeError`). */
export class CimTypeError extends KeywardenError {
  readonly code = 'KW_WBEM_TYPE';
}
