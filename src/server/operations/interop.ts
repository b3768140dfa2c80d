/**
 * Interop (KMIP 2.0+; 2.1 Operations, "Interop"): the client marks the Begin, End or Reset of
 * an interoperability test case (the OASIS Baseline cases open and close with it). Keywarden
 * keeps no per-test-case state — each case creates, and destroys, its own objects — so the
 * server records the event in its log and answers with an empty payload.
 * Reasons: Invalid Field for an Interop Function other than Begin, End or Reset.
 */
import { InteropFunction } from '../../kmip/generated/registry.ts';
import type { InteropRequest, InteropResponse } from '../../kmip/messages/payloads/interop.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { invalidField } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

const FUNCTIONS: ReadonlySet<number> = new Set(Object.values(InteropFunction));

// The identifier is the client's text; a bound keeps one request from filling a log line.
const MAX_LOGGED_IDENTIFIER = 256;

/** Interop. */
export async function interop(
  request: InteropRequest,
  ctx: OperationContext,
): Promise<InteropResponse> {
  if (!FUNCTIONS.has(request.interopFunction)) {
    throw invalidField(
      `Interop Function 0x${request.interopFunction.toString(16)} is not Begin, End or Reset`,
    );
  }
  ctx.logger.info(
    {
      interopFunction: enumValueEntry('InteropFunction', request.interopFunction)?.name,
      interopIdentifier: request.interopIdentifier.slice(0, MAX_LOGGED_IDENTIFIER),
    },
    'interop test case',
  );
  return {};
}
