/**
 * Set Endpoint Role (KMIP 2.0+; 2.1 §6.1.54): the role (Client or Server) the server is asked
 * to take for the rest of the connection; the response carries the role it applied.
 */
import { Tag } from '../../generated/registry.ts';
import { enumeration } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Set Endpoint Role request. */
export interface SetEndpointRoleRequest extends Extensible {
  /** `EndpointRole` value for the server to apply. */
  readonly endpointRole: number;
}
/** Set Endpoint Role response. */
export interface SetEndpointRoleResponse extends Extensible {
  /** The `EndpointRole` the server applied. */
  readonly endpointRole: number;
}
/** Schema of {@link SetEndpointRoleRequest}. */
export const setEndpointRoleRequestSchema = defineStruct<SetEndpointRoleRequest>(
  'RequestPayload',
  (f) => [f.one('endpointRole', Tag.EndpointRole, enumeration)],
);
/** Schema of {@link SetEndpointRoleResponse}. */
export const setEndpointRoleResponseSchema = defineStruct<SetEndpointRoleResponse>(
  'ResponsePayload',
  (f) => [f.one('endpointRole', Tag.EndpointRole, enumeration)],
);
