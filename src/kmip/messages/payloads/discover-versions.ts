/** DiscoverVersions (KMIP 1.1+; 1.4 §4.26, 2.1 §6.1.19): the versions client and server support. */
import { Tag } from '../../generated/registry.ts';
import { protocolVersion, type ProtocolVersion } from '../common.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** DiscoverVersions request: the versions the client supports, most preferred first. */
export interface DiscoverVersionsRequest extends Extensible {
  readonly protocolVersions?: readonly ProtocolVersion[];
}
/** DiscoverVersions response: the versions both support, server's preference first. */
export interface DiscoverVersionsResponse extends Extensible {
  readonly protocolVersions?: readonly ProtocolVersion[];
}
/** Schema of {@link DiscoverVersionsRequest}. */
export const discoverVersionsRequestSchema = defineStruct<DiscoverVersionsRequest>(
  'RequestPayload',
  (f) => [f.many('protocolVersions', Tag.ProtocolVersion, protocolVersion)],
);
/** Schema of {@link DiscoverVersionsResponse}. */
export const discoverVersionsResponseSchema = defineStruct<DiscoverVersionsResponse>(
  'ResponsePayload',
  (f) => [f.many('protocolVersions', Tag.ProtocolVersion, protocolVersion)],
);
