/**
 * Debug logging of whole KMIP messages in the KMIP JSON encoding, secrets redacted, so an
 * operator sees exactly what a client sent and got (instead of raw hex). Only at debug level:
 * decoding again costs time.
 */
import type * as KmipJson from '../../kmip/json/index.ts';
import { decodeTtlv } from '../../kmip/ttlv/index.ts';
import type { Logger } from '../logger.ts';
import { redactKmipJson } from './redact-kmip-json.ts';

// The JSON codec is imported on the first message logged: a server not logging at debug
// level never loads it (issue #9).
let jsonCodec: Promise<typeof KmipJson> | undefined;

/** Logs `bytes` (one TTLV message) at debug level as `{ request | response: <KMIP JSON> }`. */
export async function logKmipMessage(
  log: Logger,
  direction: 'request' | 'response',
  bytes: Uint8Array,
): Promise<void> {
  if (!log.isLevelEnabled('debug')) return;
  let message;
  try {
    const { encodeKmipJsonObject } = await (jsonCodec ??= import('../../kmip/json/index.ts'));
    message = redactKmipJson(encodeKmipJsonObject(decodeTtlv(bytes)));
  } catch (error) {
    // Never the raw bytes: they may hold key material.
    const code = (error as { code?: unknown }).code;
    log.debug({ direction, length: bytes.length, code }, `KMIP ${direction} is not decodable`);
    return;
  }
  log.debug({ [direction]: message }, `KMIP ${direction}`);
}
