/**
 * Log (KMIP 2.0+; 2.1 Operations, "Log"): a client asks the server to record a Log Message
 * in its log. The response payload is empty.
 */
import { Tag } from '../../generated/registry.ts';
import { textString } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Log request. */
export interface LogRequest extends Extensible {
  readonly logMessage: string;
}
/** Log response: no fields. */
export type LogResponse = Extensible;
/** Schema of {@link LogRequest}. */
export const logRequestSchema = defineStruct<LogRequest>('RequestPayload', (f) => [
  f.one('logMessage', Tag.LogMessage, textString),
]);
/** Schema of {@link LogResponse}. */
export const logResponseSchema = defineStruct<LogResponse>('ResponsePayload', () => []);
