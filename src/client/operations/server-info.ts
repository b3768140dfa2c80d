/** Prepared Query and DiscoverVersions (KMIP 1.4 §4.25–4.26, 2.1 §6.1.37, §6.1.19). */
import { QueryFunction, type ProtocolVersion, type QueryResponse } from '../../kmip/index.ts';
import { enumValue, required, type EnumInput } from './inputs.ts';
import { prepare, type PreparedOperation } from './prepared.ts';

/** Query: what the server supports; default asks for operations and object types. */
export function queryOperation(
  functions: readonly EnumInput[] = [QueryFunction.QueryOperations, QueryFunction.QueryObjects],
): PreparedOperation<QueryResponse> {
  return prepare(
    'Query',
    { queryFunctions: functions.map((f) => enumValue('QueryFunction', f)) },
    (p) => required(p, 'payload'),
  );
}

/** DiscoverVersions: the versions both sides support, the server's preference first. */
export function discoverVersionsOperation(
  versions: readonly ProtocolVersion[] = [],
): PreparedOperation<ProtocolVersion[]> {
  return prepare(
    'DiscoverVersions',
    versions.length > 0 ? { protocolVersions: versions } : {},
    (p) => [...(p?.protocolVersions ?? [])],
  );
}
