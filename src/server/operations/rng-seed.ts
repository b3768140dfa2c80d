/**
 * RNG Seed (KMIP 1.3+; 1.4 §4.36, 2.1 §6.1.42): accepted, but nothing is mixed into the
 * operating system's CSPRNG, which Keywarden draws every random byte from and which a client
 * cannot (and should not) influence. The response's Data Length is the length received, as
 * the OASIS test cases (CS-RNG-O-*) expect.
 */
import type { RngSeedRequest, RngSeedResponse } from '../../kmip/messages/payloads/rng-seed.ts';
import type { OperationContext } from './context.ts';

/** RNG Seed. */
export async function rngSeed(
  request: RngSeedRequest,
  ctx: OperationContext,
): Promise<RngSeedResponse> {
  ctx.logger.debug(
    { bytes: request.data.length },
    'RNG Seed accepted; the OS CSPRNG is not reseeded',
  );
  return { dataLength: request.data.length };
}
