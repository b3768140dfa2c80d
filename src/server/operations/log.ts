/**
 * Log (KMIP 2.0+; 2.1 Operations, "Log"): records the client's Log Message in the server log
 * (info level, with the request's correlation id and the client identity the request logger
 * carries) and answers with an empty payload. Any authenticated client may log; the text is
 * written as a JSON string field, so it cannot forge log lines.
 */
import type { LogRequest, LogResponse } from '../../kmip/messages/payloads/log.ts';
import type { OperationContext } from './context.ts';

/** The longest Log Message kept whole; longer ones are cut and marked, to bound log growth. */
export const MAX_LOG_MESSAGE_LENGTH = 4096;

/** Log. */
export async function log(request: LogRequest, ctx: OperationContext): Promise<LogResponse> {
  const text = request.logMessage;
  const isCut = text.length > MAX_LOG_MESSAGE_LENGTH;
  ctx.logger.info(
    {
      logMessage: isCut ? text.slice(0, MAX_LOG_MESSAGE_LENGTH) : text,
      ...(isCut ? { logMessageLength: text.length } : {}),
    },
    'client log message',
  );
  return {};
}
