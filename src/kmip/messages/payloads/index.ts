/**
 * The operation table: for each KMIP operation the model knows, the schemas of its request
 * and response payloads. The message decoder looks payloads up here; operations not listed
 * (and those the message's version does not define) keep their payload as a raw item so the
 * server can answer Operation Not Supported.
 */
import type { Operation } from '../../generated/registry.ts';
import type { StructSchema } from '../schema.ts';
import {
  createRequestSchema,
  type CreateRequest,
  createResponseSchema,
  type CreateResponse,
} from './create.ts';
import {
  createKeyPairRequestSchema,
  type CreateKeyPairRequest,
  createKeyPairResponseSchema,
  type CreateKeyPairResponse,
} from './create-key-pair.ts';
import {
  registerRequestSchema,
  type RegisterRequest,
  registerResponseSchema,
  type RegisterResponse,
} from './register.ts';
import {
  createSplitKeyRequestSchema,
  type CreateSplitKeyRequest,
  createSplitKeyResponseSchema,
  type CreateSplitKeyResponse,
  joinSplitKeyRequestSchema,
  type JoinSplitKeyRequest,
  joinSplitKeyResponseSchema,
  type JoinSplitKeyResponse,
} from './split-key.ts';
import {
  reKeyRequestSchema,
  type ReKeyRequest,
  reKeyResponseSchema,
  type ReKeyResponse,
} from './re-key.ts';
import {
  deriveKeyRequestSchema,
  type DeriveKeyRequest,
  deriveKeyResponseSchema,
  type DeriveKeyResponse,
} from './derive-key.ts';
import {
  certifyRequestSchema,
  type CertifyRequest,
  certifyResponseSchema,
  type CertifyResponse,
  reCertifyRequestSchema,
  type ReCertifyRequest,
  reCertifyResponseSchema,
  type ReCertifyResponse,
} from './certify.ts';
import {
  locateRequestSchema,
  type LocateRequest,
  locateResponseSchema,
  type LocateResponse,
} from './locate.ts';
import {
  checkRequestSchema,
  type CheckRequest,
  checkResponseSchema,
  type CheckResponse,
} from './check.ts';
import { getRequestSchema, type GetRequest, getResponseSchema, type GetResponse } from './get.ts';
import {
  getAttributesRequestSchema,
  type GetAttributesRequest,
  getAttributesResponseSchema,
  type GetAttributesResponse,
} from './get-attributes.ts';
import {
  getAttributeListRequestSchema,
  type GetAttributeListRequest,
  getAttributeListResponseSchema,
  type GetAttributeListResponse,
} from './get-attribute-list.ts';
import {
  addAttributeRequestSchema,
  type AddAttributeRequest,
  addAttributeResponseSchema,
  type AddAttributeResponse,
} from './add-attribute.ts';
import {
  modifyAttributeRequestSchema,
  type ModifyAttributeRequest,
  modifyAttributeResponseSchema,
  type ModifyAttributeResponse,
} from './modify-attribute.ts';
import {
  deleteAttributeRequestSchema,
  type DeleteAttributeRequest,
  deleteAttributeResponseSchema,
  type DeleteAttributeResponse,
} from './delete-attribute.ts';
import {
  obtainLeaseRequestSchema,
  type ObtainLeaseRequest,
  obtainLeaseResponseSchema,
  type ObtainLeaseResponse,
} from './obtain-lease.ts';
import {
  getUsageAllocationRequestSchema,
  type GetUsageAllocationRequest,
  getUsageAllocationResponseSchema,
  type GetUsageAllocationResponse,
} from './get-usage-allocation.ts';
import {
  activateRequestSchema,
  type ActivateRequest,
  activateResponseSchema,
  type ActivateResponse,
} from './activate.ts';
import {
  revokeRequestSchema,
  type RevokeRequest,
  revokeResponseSchema,
  type RevokeResponse,
} from './revoke.ts';
import {
  destroyRequestSchema,
  type DestroyRequest,
  destroyResponseSchema,
  type DestroyResponse,
} from './destroy.ts';
import {
  archiveRequestSchema,
  type ArchiveRequest,
  archiveResponseSchema,
  type ArchiveResponse,
} from './archive.ts';
import {
  recoverRequestSchema,
  type RecoverRequest,
  recoverResponseSchema,
  type RecoverResponse,
} from './recover.ts';
import {
  validateRequestSchema,
  type ValidateRequest,
  validateResponseSchema,
  type ValidateResponse,
} from './validate.ts';
import {
  queryRequestSchema,
  type QueryRequest,
  queryResponseSchema,
  type QueryResponse,
} from './query.ts';
import {
  cancelRequestSchema,
  type CancelRequest,
  cancelResponseSchema,
  type CancelResponse,
} from './cancel.ts';
import { pollRequestSchema, type PollRequest } from './poll.ts';
import {
  reKeyKeyPairRequestSchema,
  type ReKeyKeyPairRequest,
  reKeyKeyPairResponseSchema,
  type ReKeyKeyPairResponse,
} from './re-key-key-pair.ts';
import {
  discoverVersionsRequestSchema,
  type DiscoverVersionsRequest,
  discoverVersionsResponseSchema,
  type DiscoverVersionsResponse,
} from './discover-versions.ts';
import {
  encryptRequestSchema,
  type EncryptRequest,
  encryptResponseSchema,
  type EncryptResponse,
} from './encrypt.ts';
import {
  decryptRequestSchema,
  type DecryptRequest,
  decryptResponseSchema,
  type DecryptResponse,
} from './decrypt.ts';
import {
  signRequestSchema,
  type SignRequest,
  signResponseSchema,
  type SignResponse,
} from './sign.ts';
import {
  signatureVerifyRequestSchema,
  type SignatureVerifyRequest,
  signatureVerifyResponseSchema,
  type SignatureVerifyResponse,
} from './signature-verify.ts';
import { macRequestSchema, type MacRequest, macResponseSchema, type MacResponse } from './mac.ts';
import {
  macVerifyRequestSchema,
  type MacVerifyRequest,
  macVerifyResponseSchema,
  type MacVerifyResponse,
} from './mac-verify.ts';
import {
  rngRetrieveRequestSchema,
  type RngRetrieveRequest,
  rngRetrieveResponseSchema,
  type RngRetrieveResponse,
} from './rng-retrieve.ts';
import {
  rngSeedRequestSchema,
  type RngSeedRequest,
  rngSeedResponseSchema,
  type RngSeedResponse,
} from './rng-seed.ts';
import {
  hashRequestSchema,
  type HashRequest,
  hashResponseSchema,
  type HashResponse,
} from './hash.ts';
import {
  setAttributeRequestSchema,
  type SetAttributeRequest,
  setAttributeResponseSchema,
  type SetAttributeResponse,
} from './set-attribute.ts';
import {
  interopRequestSchema,
  type InteropRequest,
  interopResponseSchema,
  type InteropResponse,
} from './interop.ts';
import { logRequestSchema, type LogRequest, logResponseSchema, type LogResponse } from './log.ts';
import {
  adjustAttributeRequestSchema,
  type AdjustAttributeRequest,
  adjustAttributeResponseSchema,
  type AdjustAttributeResponse,
} from './adjust-attribute.ts';
import {
  setEndpointRoleRequestSchema,
  type SetEndpointRoleRequest,
  setEndpointRoleResponseSchema,
  type SetEndpointRoleResponse,
} from './set-endpoint-role.ts';
import {
  exportRequestSchema,
  type ExportRequest,
  exportResponseSchema,
  type ExportResponse,
} from './export.ts';
import {
  importRequestSchema,
  type ImportRequest,
  importResponseSchema,
  type ImportResponse,
} from './import.ts';

/** Request and response payload types of every operation in the table, by operation name. */
export interface OperationPayloads {
  Create: { request: CreateRequest; response: CreateResponse };
  CreateKeyPair: { request: CreateKeyPairRequest; response: CreateKeyPairResponse };
  Register: { request: RegisterRequest; response: RegisterResponse };
  ReKey: { request: ReKeyRequest; response: ReKeyResponse };
  DeriveKey: { request: DeriveKeyRequest; response: DeriveKeyResponse };
  Certify: { request: CertifyRequest; response: CertifyResponse };
  ReCertify: { request: ReCertifyRequest; response: ReCertifyResponse };
  Locate: { request: LocateRequest; response: LocateResponse };
  Check: { request: CheckRequest; response: CheckResponse };
  Get: { request: GetRequest; response: GetResponse };
  GetAttributes: { request: GetAttributesRequest; response: GetAttributesResponse };
  GetAttributeList: { request: GetAttributeListRequest; response: GetAttributeListResponse };
  AddAttribute: { request: AddAttributeRequest; response: AddAttributeResponse };
  ModifyAttribute: { request: ModifyAttributeRequest; response: ModifyAttributeResponse };
  DeleteAttribute: { request: DeleteAttributeRequest; response: DeleteAttributeResponse };
  ObtainLease: { request: ObtainLeaseRequest; response: ObtainLeaseResponse };
  GetUsageAllocation: { request: GetUsageAllocationRequest; response: GetUsageAllocationResponse };
  Activate: { request: ActivateRequest; response: ActivateResponse };
  Revoke: { request: RevokeRequest; response: RevokeResponse };
  Destroy: { request: DestroyRequest; response: DestroyResponse };
  Archive: { request: ArchiveRequest; response: ArchiveResponse };
  Recover: { request: RecoverRequest; response: RecoverResponse };
  Validate: { request: ValidateRequest; response: ValidateResponse };
  Query: { request: QueryRequest; response: QueryResponse };
  Cancel: { request: CancelRequest; response: CancelResponse };
  Poll: { request: PollRequest; response: never };
  ReKeyKeyPair: { request: ReKeyKeyPairRequest; response: ReKeyKeyPairResponse };
  DiscoverVersions: { request: DiscoverVersionsRequest; response: DiscoverVersionsResponse };
  Encrypt: { request: EncryptRequest; response: EncryptResponse };
  Decrypt: { request: DecryptRequest; response: DecryptResponse };
  Sign: { request: SignRequest; response: SignResponse };
  SignatureVerify: { request: SignatureVerifyRequest; response: SignatureVerifyResponse };
  MAC: { request: MacRequest; response: MacResponse };
  MACVerify: { request: MacVerifyRequest; response: MacVerifyResponse };
  RNGRetrieve: { request: RngRetrieveRequest; response: RngRetrieveResponse };
  RNGSeed: { request: RngSeedRequest; response: RngSeedResponse };
  Hash: { request: HashRequest; response: HashResponse };
  SetAttribute: { request: SetAttributeRequest; response: SetAttributeResponse };
  CreateSplitKey: { request: CreateSplitKeyRequest; response: CreateSplitKeyResponse };
  JoinSplitKey: { request: JoinSplitKeyRequest; response: JoinSplitKeyResponse };
  Interop: { request: InteropRequest; response: InteropResponse };
  Log: { request: LogRequest; response: LogResponse };
  AdjustAttribute: { request: AdjustAttributeRequest; response: AdjustAttributeResponse };
  SetEndpointRole: { request: SetEndpointRoleRequest; response: SetEndpointRoleResponse };
  Export: { request: ExportRequest; response: ExportResponse };
  Import: { request: ImportRequest; response: ImportResponse };
}

/** The name of an operation the model has payload schemas for. */
export type KnownOperationName = keyof OperationPayloads;

/** Request and response schemas of one operation; no response schema: the payload stays raw (Poll). */
export interface OperationSchemas<Req, Res> {
  readonly request: StructSchema<Req>;
  readonly response?: StructSchema<Res>;
}

/** The payload schemas of each known operation. */
export const operationSchemas: {
  readonly [K in KnownOperationName]: OperationSchemas<
    OperationPayloads[K]['request'],
    OperationPayloads[K]['response']
  >;
} = {
  Create: { request: createRequestSchema, response: createResponseSchema },
  CreateKeyPair: { request: createKeyPairRequestSchema, response: createKeyPairResponseSchema },
  Register: { request: registerRequestSchema, response: registerResponseSchema },
  ReKey: { request: reKeyRequestSchema, response: reKeyResponseSchema },
  DeriveKey: { request: deriveKeyRequestSchema, response: deriveKeyResponseSchema },
  Certify: { request: certifyRequestSchema, response: certifyResponseSchema },
  ReCertify: { request: reCertifyRequestSchema, response: reCertifyResponseSchema },
  Locate: { request: locateRequestSchema, response: locateResponseSchema },
  Check: { request: checkRequestSchema, response: checkResponseSchema },
  Get: { request: getRequestSchema, response: getResponseSchema },
  GetAttributes: { request: getAttributesRequestSchema, response: getAttributesResponseSchema },
  GetAttributeList: {
    request: getAttributeListRequestSchema,
    response: getAttributeListResponseSchema,
  },
  AddAttribute: { request: addAttributeRequestSchema, response: addAttributeResponseSchema },
  ModifyAttribute: {
    request: modifyAttributeRequestSchema,
    response: modifyAttributeResponseSchema,
  },
  DeleteAttribute: {
    request: deleteAttributeRequestSchema,
    response: deleteAttributeResponseSchema,
  },
  ObtainLease: { request: obtainLeaseRequestSchema, response: obtainLeaseResponseSchema },
  GetUsageAllocation: {
    request: getUsageAllocationRequestSchema,
    response: getUsageAllocationResponseSchema,
  },
  Activate: { request: activateRequestSchema, response: activateResponseSchema },
  Revoke: { request: revokeRequestSchema, response: revokeResponseSchema },
  Destroy: { request: destroyRequestSchema, response: destroyResponseSchema },
  Archive: { request: archiveRequestSchema, response: archiveResponseSchema },
  Recover: { request: recoverRequestSchema, response: recoverResponseSchema },
  Validate: { request: validateRequestSchema, response: validateResponseSchema },
  Query: { request: queryRequestSchema, response: queryResponseSchema },
  Cancel: { request: cancelRequestSchema, response: cancelResponseSchema },
  Poll: { request: pollRequestSchema },
  ReKeyKeyPair: { request: reKeyKeyPairRequestSchema, response: reKeyKeyPairResponseSchema },
  DiscoverVersions: {
    request: discoverVersionsRequestSchema,
    response: discoverVersionsResponseSchema,
  },
  Encrypt: { request: encryptRequestSchema, response: encryptResponseSchema },
  Decrypt: { request: decryptRequestSchema, response: decryptResponseSchema },
  Sign: { request: signRequestSchema, response: signResponseSchema },
  SignatureVerify: {
    request: signatureVerifyRequestSchema,
    response: signatureVerifyResponseSchema,
  },
  MAC: { request: macRequestSchema, response: macResponseSchema },
  MACVerify: { request: macVerifyRequestSchema, response: macVerifyResponseSchema },
  RNGRetrieve: { request: rngRetrieveRequestSchema, response: rngRetrieveResponseSchema },
  RNGSeed: { request: rngSeedRequestSchema, response: rngSeedResponseSchema },
  Hash: { request: hashRequestSchema, response: hashResponseSchema },
  SetAttribute: { request: setAttributeRequestSchema, response: setAttributeResponseSchema },
  CreateSplitKey: { request: createSplitKeyRequestSchema, response: createSplitKeyResponseSchema },
  JoinSplitKey: { request: joinSplitKeyRequestSchema, response: joinSplitKeyResponseSchema },
  Interop: { request: interopRequestSchema, response: interopResponseSchema },
  Log: { request: logRequestSchema, response: logResponseSchema },
  AdjustAttribute: {
    request: adjustAttributeRequestSchema,
    response: adjustAttributeResponseSchema,
  },
  SetEndpointRole: {
    request: setEndpointRoleRequestSchema,
    response: setEndpointRoleResponseSchema,
  },
  Export: { request: exportRequestSchema, response: exportResponseSchema },
  Import: { request: importRequestSchema, response: importResponseSchema },
};

/** Operation values of the known operations, checked against the registry's names. */
export type KnownOperation = (typeof Operation)[KnownOperationName];
