/**
 * Query (KMIP 1.4 §4.25, 2.1 §6.1.37): what the server supports, for each Query Function the
 * client asks for. Operations come from the operations table (those the client's version
 * defines), object types from what the object service stores. Functions with nothing to
 * report (application namespaces, extensions, attestation, validations, profiles, client
 * registration methods) get empty answers; an unknown function is ignored.
 */
import type { KmipItem } from '../../kmip/item.ts';
import {
  DestroyAction,
  ObjectType,
  Operation,
  QueryFunction,
  RNGAlgorithm,
  RNGMode,
  ShreddingAlgorithm,
  Tag,
  UnwrapMode,
} from '../../kmip/generated/registry.ts';
import type { QueryRequest, QueryResponse } from '../../kmip/messages/payloads/query.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { enumValueEntry, existsInVersion, tagEntry } from '../../kmip/registry.ts';
import type { OperationContext, ServerInfo } from './context.ts';

/** Object types the object service stores (any kind the message model knows). */
export const STORED_OBJECT_TYPES: readonly (keyof typeof ObjectType)[] = [
  'Certificate',
  'SymmetricKey',
  'PublicKey',
  'PrivateKey',
  'SplitKey',
  'Template',
  'SecretData',
  'OpaqueObject',
  'PGPKey',
  'CertificateRequest',
];

function isValueIn(enumeration: string, value: number, version: KmipVersionName): boolean {
  const entry = enumValueEntry(enumeration, value);
  return entry !== undefined && existsInVersion(entry, version);
}

function isTagIn(tag: number, version: KmipVersionName): boolean {
  const entry = tagEntry(tag);
  return entry !== undefined && existsInVersion(entry, version);
}

/** A structure of the children `version` defines (capability and server information). */
function structureIn(
  tag: number,
  children: readonly KmipItem[],
  version: KmipVersionName,
): KmipItem {
  return { tag, type: 'Structure', value: children.filter((c) => isTagIn(c.tag, version)) };
}

// KMIP 2.x Server Information carries Server Name, Server Version, Product Name ... KMIP 1.x
// leaves the structure's content to the vendor; Keywarden then sends Vendor Identification only.
function serverInformation(server: ServerInfo, version: KmipVersionName): KmipItem | undefined {
  if (!isTagIn(Tag.ServerName, version)) return undefined;
  return structureIn(
    Tag.ServerInformation,
    [
      { tag: Tag.ServerName, type: 'TextString', value: server.productName },
      { tag: Tag.ServerVersion, type: 'TextString', value: server.serverVersion },
      { tag: Tag.ProductName, type: 'TextString', value: server.productName },
    ],
    version,
  );
}

// KMIP 1.3+ Capability Information: synchronous only, Undo and Continue batches supported,
// Destroy deletes the key material, one shared OS-backed random generator.
function capabilityInformation(version: KmipVersionName): KmipItem {
  const flag = (tag: number, value: boolean): KmipItem => ({ tag, type: 'Boolean', value });
  const choice = (tag: number, value: number): KmipItem => ({ tag, type: 'Enumeration', value });
  return structureIn(
    Tag.CapabilityInformation,
    [
      flag(Tag.StreamingCapability, false),
      flag(Tag.AsynchronousCapability, false),
      flag(Tag.AttestationCapability, false),
      flag(Tag.BatchUndoCapability, true),
      flag(Tag.BatchContinueCapability, true),
      choice(Tag.UnwrapMode, UnwrapMode.NotProcessed),
      choice(Tag.DestroyAction, DestroyAction.KeyMaterialDeleted),
      choice(Tag.ShreddingAlgorithm, ShreddingAlgorithm.Unsupported),
      choice(Tag.RNGMode, RNGMode.SharedInstantiation),
      flag(Tag.QuantumSafeCapability, false),
    ],
    version,
  );
}

/** Query. Never fails. */
export async function query(request: QueryRequest, ctx: OperationContext): Promise<QueryResponse> {
  const asked = new Set(request.queryFunctions ?? []);
  const { version } = ctx;
  let response: QueryResponse = {};
  if (asked.has(QueryFunction.QueryOperations)) {
    const operations = ctx.supportedOperations
      .map((name) => Operation[name])
      .filter((value) => isValueIn('Operation', value, version))
      .sort((a, b) => a - b);
    response = { ...response, operations };
  }
  if (asked.has(QueryFunction.QueryObjects)) {
    const objectTypes = STORED_OBJECT_TYPES.map((name) => ObjectType[name]).filter((value) =>
      isValueIn('ObjectType', value, version),
    );
    response = { ...response, objectTypes };
  }
  if (asked.has(QueryFunction.QueryServerInformation)) {
    const info = serverInformation(ctx.server, version);
    response = {
      ...response,
      vendorIdentification: ctx.server.vendorIdentification,
      ...(info === undefined ? {} : { serverInformation: info }),
    };
  }
  if (asked.has(QueryFunction.QueryRNGs) && isTagIn(Tag.RNGParameters, version)) {
    // Unspecified, though keys carry the generator in their Random Number Generator attribute
    // (server-rng.ts): OASIS TC-Q-RNGS-1 expects Unspecified, and the conformance ratchet
    // keeps it; naming the generator here too would be the more informative answer.
    response = { ...response, rngParameters: [{ rngAlgorithm: RNGAlgorithm.Unspecified }] };
  }
  if (asked.has(QueryFunction.QueryCapabilities) && isTagIn(Tag.CapabilityInformation, version)) {
    response = { ...response, capabilityInformation: [capabilityInformation(version)] };
  }
  return response;
}
