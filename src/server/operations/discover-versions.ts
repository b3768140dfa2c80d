/**
 * Discover Versions (KMIP 1.1+; 1.4 §4.26, 2.1 §6.1.19): the protocol versions the server
 * speaks, newest first; when the client lists its own, only those both speak (OASIS
 * TC-161-11: an unknown version in the client's list yields an empty list).
 */
import type {
  DiscoverVersionsRequest,
  DiscoverVersionsResponse,
} from '../../kmip/messages/payloads/discover-versions.ts';
import { protocolVersionOf, SUPPORTED_VERSIONS } from '../pipeline/version.ts';
import type { OperationContext } from './context.ts';

/** Discover Versions. Never fails. */
export async function discoverVersions(
  request: DiscoverVersionsRequest,
  _ctx: OperationContext,
): Promise<DiscoverVersionsResponse> {
  const ours = SUPPORTED_VERSIONS.map(protocolVersionOf);
  const theirs = request.protocolVersions ?? [];
  const protocolVersions =
    theirs.length === 0
      ? ours
      : ours.filter((v) => theirs.some((t) => t.major === v.major && t.minor === v.minor));
  return { protocolVersions };
}
