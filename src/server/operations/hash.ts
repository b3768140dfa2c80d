/**
 * Hash (KMIP 1.4 §4.37, 2.1 §6.1.21): the digest of Data with the Hashing Algorithm of the
 * Cryptographic Parameters (SHA-1, SHA-2, SHA-512/t, SHA-3, RIPEMD-160; MD5 only when the
 * policy allows legacy algorithms). Streams Data with Init/Final Indicator (1.3+).
 */
import type { HashRequest, HashResponse } from '../../kmip/messages/payloads/hash.ts';
import { missingData } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { effectiveParameters } from './crypto-params.ts';
import { runCrypto } from './crypto-run.ts';
import { streamStep } from './stream-step.ts';
import { permissionDenied } from '../pipeline/result-error.ts';

/** Hash. */
export async function hash(request: HashRequest, ctx: OperationContext): Promise<HashResponse> {
  const { data: _data, ...init } = request;
  const step = streamStep(request, ctx, { operation: 'Hash', objectId: undefined, init });
  if (step.kind === 'partial') return { correlationValue: step.correlationValue };
  const algorithm = effectiveParameters(step.init.cryptographicParameters, undefined).hash;
  if (algorithm === undefined) throw missingData('Hash needs a Hashing Algorithm');
  if (ctx.crypto.LEGACY_ALGORITHMS.has(algorithm) && !ctx.cryptoPolicy.allowLegacy) {
    throw permissionDenied(
      `cryptographic policy: ${algorithm} is a legacy algorithm; refused unless crypto.allowLegacy is set`,
    );
  }
  return { data: runCrypto(ctx, () => ctx.crypto.digest(algorithm, step.data)) };
}
