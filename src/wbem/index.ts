/**
 * Public entry of src/wbem: CIM data types, CIM objects, CIM-XML (DSP0201) generation and
 * parsing, CIM status codes and errors. The WBEM connection and operations build on these.
 */
export {
  WbemError,
  WbemConnectionError,
  WbemAuthError,
  WbemTimeoutError,
  WbemHttpError,
  WbemVersionError,
  WbemParseError,
  XmlParseError,
  CimXmlParseError,
  HeaderParseError,
  CimError,
  CimValueError,
  CimIntegerRangeError,
  CimDateTimeFormatError,
  CimInvalidValueError,
  CimTypeError,
  type ParsePosition,
} from './errors.ts';
export {
  CimStatus,
  statusCodeName,
  statusCodeDescription,
  type CimStatusName,
  type CimStatusCode,
} from './status-codes.ts';
export { NocaseDict } from './nocase-dict.ts';

export {
  CimInteger,
  Uint8,
  Sint8,
  Uint16,
  Sint16,
  Uint32,
  Sint32,
  Uint64,
  Sint64,
  integerClasses,
  type IntegerInput,
  type CimIntegerTypeName,
} from './types/integers.ts';
export { CimReal, Real32, Real64, type CimRealTypeName } from './types/reals.ts';
export { Char16 } from './types/char16.ts';
export { CimDateTime, type CimPointFields, type CimIntervalFields } from './types/datetime.ts';
export {
  CIM_TYPE_NAMES,
  cimType,
  isCimTypeName,
  type CimTypeName,
  type CimScalar,
  type CimValue,
} from './types/cim-type.ts';
export { formatCimXmlReal, pythonFloatRepr } from './types/real-format.ts';

export {
  CimInstanceName,
  type KeybindingValue,
  type CimInstanceNameOptions,
} from './objects/instance-name.ts';
export { CimInstance, type CimInstanceOptions } from './objects/instance.ts';
export { CimClassName } from './objects/class-name.ts';
export { CimClass, type CimClassOptions } from './objects/class.ts';
export { CimProperty, type CimPropertyOptions } from './objects/property.ts';
export { CimMethod, type CimMethodOptions } from './objects/method.ts';
export { CimParameter, type CimParameterOptions } from './objects/parameter.ts';
export { CimQualifier, type QualifierFlavors } from './objects/qualifier.ts';
export {
  CimQualifierDeclaration,
  QUALIFIER_SCOPES,
  type CimQualifierDeclarationOptions,
} from './objects/qualifier-declaration.ts';
export type { EmbeddedObjectKind } from './objects/infer.ts';
export type { WbemUriFormat } from './objects/wbem-uri.ts';
export { cimValue, toCimObj, cimValueEquals } from './objects/values.ts';
export { isInstanceName, isInstance, isClassName, isClass } from './objects/kinds.ts';
export { valueXml, valueArrayXml, valueReferenceXml } from './objects/value-xml.ts';

export { XmlElement, xmlElement, type XmlNode } from './cimxml/element.ts';
export { atomicToCimXml } from './cimxml/value-text.ts';
export { readXml, type XmlReadLimits } from './cimxml/xml-reader.ts';
export type { CimXmlParseOptions } from './cimxml/parse-context.ts';
export {
  parseCimXml,
  parseCimXmlResponse,
  type CimXmlMessage,
  type CimXmlBody,
  type IMethodCall,
  type MethodCall,
  type ExpMethodCall,
} from './cimxml/parse-message.ts';
export type {
  IMethodResponse,
  MethodResponse,
  ExpMethodResponse,
  IReturnValue,
  IReturnItem,
  ParamValue,
  CimErrorInfo,
} from './cimxml/parse-response.ts';
export { readPullState, type PullState } from './cimxml/pull-params.ts';
export {
  XML_DECLARATION,
  cimXmlDocument,
  cimMessage,
  imethodCall,
  methodCall,
  iparamValue,
  iparamValueChild,
  iparamReference,
  expMethodCall,
  errorElement,
  imethodResponse,
  methodResponse,
  returnValue,
} from './cimxml/builders.ts';

export {
  WbemConnection,
  type IterEnumerateInstancesOptions,
  type IterAssociatorInstancesOptions,
  type IterReferenceInstancesOptions,
} from './connection/connection.ts';
export { WbemOperations } from './connection/operations.ts';
export {
  WbemConnectionCore,
  normalizeWbemUrl,
  type WbemConnectionOptions,
} from './connection/core.ts';
export type { WbemCredentials, WbemAuthMode } from './connection/http-post.ts';
export type { ClassNameArg, ObjectNameArg } from './connection/args.ts';
export type {
  EnumerateInstancesOptions,
  GetInstanceOptions,
  ModifyInstanceOptions,
} from './connection/instance-operations.ts';
export type {
  AssociatorNamesOptions,
  ReferenceNamesOptions,
  ObjectReturnOptions,
  ClassWithPath,
} from './connection/association-operations.ts';
export type {
  EnumerateClassesOptions,
  GetClassOptions,
  NamespaceOptions,
} from './connection/class-operations.ts';
export {
  paramValueXml,
  type MethodParamsInput,
  type InvokeMethodResult,
} from './connection/invoke-method.ts';
export type {
  PullContext,
  PullInstancesResult,
  PullPathsResult,
  PullQueryResult,
  OpenOptions,
  OpenEnumerateInstancesOptions,
  OpenAssociatorsOptions,
  OpenReferencesOptions,
  OpenObjectOptions,
} from './connection/pull-operations.ts';
export {
  DEFAULT_ITER_MAX_OBJECT_COUNT,
  type IterOptions,
  type IterKind,
  type PullSupport,
} from './connection/iter-operations.ts';
export { Statistics, OperationStatistic, type OperationSample } from './connection/statistics.ts';
export {
  BaseOperationRecorder,
  type OperationRecorder,
  type OpArgs,
  type OpResult,
  type HttpRequestRecord,
  type HttpResponseRecord,
  type RecorderConnectionInfo,
} from './connection/recorder.ts';
export { LogOperationRecorder, type LogRecorderOptions } from './recorders/log-recorder.ts';
export {
  TestClientRecorder,
  type TestClientRecorderOptions,
} from './recorders/testclient-recorder.ts';
export { toPywbemYaml } from './recorders/pywbem-objects.ts';
export { fromPywbemYaml } from './recorders/from-pywbem-objects.ts';
export { toYaml, type YamlValue } from './recorders/yaml-emit.ts';
export {
  REDACTED,
  isSecretName,
  redactArgs,
  redactCimXml,
  redactHeaders,
} from './recorders/redact.ts';
export { parseWwwAuthenticate, type AuthChallenge } from './connection/www-authenticate.ts';
export { DigestSession } from './connection/digest-auth.ts';
export { OUTPUT_FORMATS, renderItems, type OutputFormat } from './format/render.ts';
