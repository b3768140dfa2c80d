/**
 * Query (KMIP 1.4 §4.25, 2.1 §6.1.37): what the server supports, for each Query Function the
 * client asks for. Operations come from the operations table (those the client's version
 * defines), object types from what the object service stores, profiles from the claims in
 * query-profiles.ts, capabilities from query-capabilities.ts, the generator from
 * server-rng.ts. Functions with nothing true to report (application namespaces, extensions,
 * attestation types, validations, client registration methods) get empty answers; an
 * unknown function is ignored. Nothing is ever listed for server-to-client use: Keywarden
 * never sends Notify or Put.
 */
import type { KmipItem } from '../../kmip/item.ts';
import { ObjectType, Operation, QueryFunction, Tag } from '../../kmip/generated/registry.ts';
import type { QueryRequest, QueryResponse } from '../../kmip/messages/payloads/query.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { enumValueEntry, existsInVersion } from '../../kmip/registry.ts';
import type { OperationContext, ServerInfo } from './context.ts';
import { capabilityInformation, isTagIn } from './query-capabilities.ts';
import { claimedProfiles } from './query-profiles.ts';
import { SERVER_RNG } from './server-rng.ts';

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
    // The generator every generated key names in its Random Number Generator attribute.
    response = { ...response, rngParameters: [SERVER_RNG] };
  }
  if (asked.has(QueryFunction.QueryProfiles) && isTagIn(Tag.ProfileInformation, version)) {
    const profileInformation = claimedProfiles(version);
    if (profileInformation.length > 0) response = { ...response, profileInformation };
  }
  if (asked.has(QueryFunction.QueryCapabilities) && isTagIn(Tag.CapabilityInformation, version)) {
    response = { ...response, capabilityInformation: [capabilityInformation(version)] };
  }
  // Query Validations: Keywarden holds no validation (FIPS 140, Common Criteria ...), so the
  // answer is empty. Query Client Registration Methods: clients are enrolled outside KMIP (a
  // client certificate chaining to kmip.caFile), so none is listed. Query Attestation Types,
  // Application Namespaces, Extension List/Map: none supported, empty answers.
  return response;
}
