/**
 * CIM status codes (DSP0200 §5.3.1, the `CIM_ERR_*` symbols of pywbem's _cim_constants),
 * with their symbolic names and short descriptions.
 */

/** CIM status codes by symbolic name (DSP0200 Table 5). 18 and 19 were withdrawn. */
export const CimStatus = {
  CIM_ERR_FAILED: 1,
  CIM_ERR_ACCESS_DENIED: 2,
  CIM_ERR_INVALID_NAMESPACE: 3,
  CIM_ERR_INVALID_PARAMETER: 4,
  CIM_ERR_INVALID_CLASS: 5,
  CIM_ERR_NOT_FOUND: 6,
  CIM_ERR_NOT_SUPPORTED: 7,
  CIM_ERR_CLASS_HAS_CHILDREN: 8,
  CIM_ERR_CLASS_HAS_INSTANCES: 9,
  CIM_ERR_INVALID_SUPERCLASS: 10,
  CIM_ERR_ALREADY_EXISTS: 11,
  CIM_ERR_NO_SUCH_PROPERTY: 12,
  CIM_ERR_TYPE_MISMATCH: 13,
  CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED: 14,
  CIM_ERR_INVALID_QUERY: 15,
  CIM_ERR_METHOD_NOT_AVAILABLE: 16,
  CIM_ERR_METHOD_NOT_FOUND: 17,
  CIM_ERR_NAMESPACE_NOT_EMPTY: 20,
  CIM_ERR_INVALID_ENUMERATION_CONTEXT: 21,
  CIM_ERR_INVALID_OPERATION_TIMEOUT: 22,
  CIM_ERR_PULL_HAS_BEEN_ABANDONED: 23,
  CIM_ERR_PULL_CANNOT_BE_ABANDONED: 24,
  CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED: 25,
  CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED: 26,
  CIM_ERR_SERVER_LIMITS_EXCEEDED: 27,
  CIM_ERR_SERVER_IS_SHUTTING_DOWN: 28,
} as const;

/** A symbolic CIM status code name, e.g. `'CIM_ERR_NOT_FOUND'`. */
export type CimStatusName = keyof typeof CimStatus;

/** A defined numeric CIM status code. */
export type CimStatusCode = (typeof CimStatus)[CimStatusName];

const descriptions: Readonly<Record<CimStatusName, string>> = {
  CIM_ERR_FAILED: 'A general error occurred',
  CIM_ERR_ACCESS_DENIED: 'Resource not available',
  CIM_ERR_INVALID_NAMESPACE: 'The target namespace does not exist',
  CIM_ERR_INVALID_PARAMETER: 'Parameter value(s) invalid',
  CIM_ERR_INVALID_CLASS: 'The specified Class does not exist',
  CIM_ERR_NOT_FOUND: 'Requested object could not be found',
  CIM_ERR_NOT_SUPPORTED: 'Operation not supported',
  CIM_ERR_CLASS_HAS_CHILDREN: 'Class has subclasses',
  CIM_ERR_CLASS_HAS_INSTANCES: 'Class has instances',
  CIM_ERR_INVALID_SUPERCLASS: 'Superclass does not exist',
  CIM_ERR_ALREADY_EXISTS: 'Object already exists',
  CIM_ERR_NO_SUCH_PROPERTY: 'Property does not exist',
  CIM_ERR_TYPE_MISMATCH: 'Value incompatible with type',
  CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED: 'Query language not supported',
  CIM_ERR_INVALID_QUERY: 'Query not valid',
  CIM_ERR_METHOD_NOT_AVAILABLE: 'Extrinsic method not executed',
  CIM_ERR_METHOD_NOT_FOUND: 'Extrinsic method does not exist',
  CIM_ERR_NAMESPACE_NOT_EMPTY: 'Namespace not empty',
  CIM_ERR_INVALID_ENUMERATION_CONTEXT: 'Enumeration context is invalid',
  CIM_ERR_INVALID_OPERATION_TIMEOUT: 'Operation timeout not supported',
  CIM_ERR_PULL_HAS_BEEN_ABANDONED: 'Pull operation has been abandoned',
  CIM_ERR_PULL_CANNOT_BE_ABANDONED: 'Attempt to abandon a pull operation failed',
  CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED: 'Filtered pulled enumeration not supported',
  CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED: 'WBEM server does not support continuation on error',
  CIM_ERR_SERVER_LIMITS_EXCEEDED: 'WBEM server limits exceeded',
  CIM_ERR_SERVER_IS_SHUTTING_DOWN: 'WBEM server is shutting down',
};

const nameByCode = new Map<number, CimStatusName>(
  Object.entries(CimStatus).map(([name, code]) => [code, name as CimStatusName]),
);

/** The symbolic name of a CIM status code, or `Invalid status code <n>` (as pywbem). */
export function statusCodeName(code: number): string {
  return nameByCode.get(code) ?? `Invalid status code ${code}`;
}

/** A short description of a CIM status code, or `Invalid status code <n>` (as pywbem). */
export function statusCodeDescription(code: number): string {
  const name = nameByCode.get(code);
  return name === undefined ? `Invalid status code ${code}` : descriptions[name];
}
