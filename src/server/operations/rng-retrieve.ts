/**
 * RNG Retrieve (KMIP 1.3+; 1.4 §4.35, 2.1 §6.1.41): Data Length bytes from the operating
 * system's CSPRNG. At most RNG_RETRIEVE_MAX bytes per request (Invalid Field beyond).
 */
import type {
  RngRetrieveRequest,
  RngRetrieveResponse,
} from '../../kmip/messages/payloads/rng-retrieve.ts';
import { invalidField } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/** The most bytes one RNG Retrieve returns. */
export const RNG_RETRIEVE_MAX = 65_536;

/** RNG Retrieve. */
export async function rngRetrieve(
  request: RngRetrieveRequest,
  ctx: OperationContext,
): Promise<RngRetrieveResponse> {
  const length = request.dataLength;
  if (!Number.isSafeInteger(length) || length < 1 || length > RNG_RETRIEVE_MAX) {
    throw invalidField(`Data Length must be from 1 to ${RNG_RETRIEVE_MAX}`);
  }
  return { data: ctx.crypto.randomBytes(length) };
}
