/** Public entry of src/client: the KMIP client, its errors, recorders and statistics. */
import * as attributeOps from './operations/attributes.ts';
import * as cryptoOps from './operations/crypto.ts';
import * as locateOps from './operations/locate.ts';
import * as objectOps from './operations/objects.ts';
import * as serverInfoOps from './operations/server-info.ts';

export {
  AuthError,
  ClientUsageError,
  ConnectionError,
  KmipError,
  ProtocolError,
  resultReasonName,
  TimeoutError,
  type ServerAddress,
} from './errors.ts';
export { ResultReason, ResultStatus } from '../kmip/index.ts';
export {
  CLIENT_VERSIONS,
  KmipClient,
  type BatchOptions,
  type BatchResults,
  type CallOptions,
  type KmipClientOptions,
} from './kmip-client.ts';
export type { OperationCallOptions } from './kmip-operations.ts';
export { ConnectionPool, type PoolOptions } from './pool.ts';
export type { ExchangeOptions, KmipTransport } from './transport.ts';
export type { PreparedOperation, ResultOf } from './operations/prepared.ts';
export {
  enumValue,
  usageMask,
  type CommonAttributeInput,
  type EnumInput,
  type UsageMaskInput,
} from './operations/inputs.ts';
export type { AttributesResult } from './operations/attributes.ts';
export type { DecryptOptions, EncryptOptions, EncryptResult } from './operations/crypto.ts';
export type { LocateFilter } from './operations/locate.ts';
export type { KeyObject } from '../crypto/index.ts';
export {
  certificateObject,
  DEFAULT_OPAQUE_DATA_TYPE,
  keyMaterialOf,
  opaqueObject,
  secretDataObject,
  symmetricKeyObject,
  type CheckInput,
  type CreateInput,
  type CreateKeyPairInput,
  type DeriveKeyInput,
  type GetResult,
  type KeyPairIds,
  type RegisterInput,
  type RevokeInput,
} from './operations/objects.ts';
export {
  errorSummary,
  type OperationRecord,
  type OperationRecorder,
  type RecordedItem,
} from './recorders/recorder.ts';
export { LogRecorder, type LogSink } from './recorders/log-recorder.ts';
export { redact } from './recorders/redact.ts';
export { YamlTestCaseRecorder, type RecordedCase } from './recorders/yaml-recorder.ts';
export { ReplayTransport } from './recorders/replay-transport.ts';
export { formatStatistics, StatisticsRecorder, type OperationStatistics } from './statistics.ts';

/**
 * Prepared operations for {@link KmipClient.batch} (and `run`), one per client method.
 * @example
 * const [a, b] = await client.batch([ops.create({ algorithm: 'AES', length: 256 }), ops.query()]);
 */
export const ops = {
  create: objectOps.createOperation,
  createKeyPair: objectOps.createKeyPairOperation,
  register: objectOps.registerOperation,
  get: objectOps.getOperation,
  activate: objectOps.activateOperation,
  revoke: objectOps.revokeOperation,
  destroy: objectOps.destroyOperation,
  check: objectOps.checkOperation,
  reKey: objectOps.reKeyOperation,
  deriveKey: objectOps.deriveKeyOperation,
  getAttributes: attributeOps.getAttributesOperation,
  getAttributeList: attributeOps.getAttributeListOperation,
  addAttribute: attributeOps.addAttributeOperation,
  setAttribute: attributeOps.setAttributeOperation,
  modifyAttribute: attributeOps.modifyAttributeOperation,
  deleteAttribute: attributeOps.deleteAttributeOperation,
  locate: locateOps.locateOperation,
  encrypt: cryptoOps.encryptOperation,
  decrypt: cryptoOps.decryptOperation,
  sign: cryptoOps.signOperation,
  signatureVerify: cryptoOps.signatureVerifyOperation,
  mac: cryptoOps.macOperation,
  query: serverInfoOps.queryOperation,
  discoverVersions: serverInfoOps.discoverVersionsOperation,
} as const;
