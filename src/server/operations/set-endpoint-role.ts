/**
 * Set Endpoint Role (KMIP 2.0+; 2.1 §6.1.54): the client asks the server to take a role for
 * the rest of the connection. Server — the role a Keywarden endpoint always has — is applied
 * (nothing changes) and echoed as the accepted role. Client would make the server send
 * requests to the client over this channel (the server-to-client operations of KMIP 2.1
 * §6.2); Keywarden never acts as a KMIP client, so it refuses the swap and the connection
 * keeps its roles. Because the only role ever accepted is the one already in force, no
 * per-connection state is kept. Reasons: Feature Not Supported (Client), Invalid Field (an
 * unknown Endpoint Role value).
 */
import { EndpointRole } from '../../kmip/generated/registry.ts';
import type {
  SetEndpointRoleRequest,
  SetEndpointRoleResponse,
} from '../../kmip/messages/payloads/set-endpoint-role.ts';
import { featureNotSupported, invalidField } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/** Set Endpoint Role. */
export async function setEndpointRole(
  request: SetEndpointRoleRequest,
  ctx: OperationContext,
): Promise<SetEndpointRoleResponse> {
  const role = request.endpointRole;
  if (role === EndpointRole.Server) return { endpointRole: EndpointRole.Server };
  if (role === EndpointRole.Client) {
    ctx.logger.info('Set Endpoint Role Client refused: the server does not act as a KMIP client');
    throw featureNotSupported(
      'this server cannot take the client role: it does not send KMIP requests to clients',
    );
  }
  throw invalidField(`unknown Endpoint Role 0x${(role >>> 0).toString(16)}`);
}
