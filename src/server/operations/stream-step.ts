/**
 * One request of a possibly streamed operation (KMIP 1.4 §4.29 Init Indicator, Final
 * Indicator, Correlation Value): says whether the operation runs now, on which data and with
 * the parameters of which request, or only buffers this part.
 */
import { compareVersions } from '../../kmip/registry.ts';
import { featureNotSupported, missingData } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/** The streaming fields of a request. */
export interface StreamFields {
  readonly data?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  readonly initIndicator?: boolean;
  readonly finalIndicator?: boolean;
}

/** What to do with this request. */
export type StreamStep<T> =
  | {
      readonly kind: 'partial';
      readonly correlationValue: Uint8Array;
      readonly objectId: string | undefined;
    }
  | {
      readonly kind: 'complete';
      readonly data: Uint8Array;
      /** The parameters of the request that opened the stream (or of this one). */
      readonly init: T;
      /** The object the stream was opened on (or this request's). */
      readonly objectId: string | undefined;
    };

/**
 * Decides the step for `request`; `init` is what this request would run with, kept when it
 * opens a stream.
 * @throws KmipResultError Missing Data without Data, Feature Not Supported before KMIP 1.3,
 *   Invalid Field for an unknown stream or too much data.
 */
export function streamStep<T>(
  request: StreamFields,
  ctx: OperationContext,
  start: { readonly operation: string; readonly objectId: string | undefined; readonly init: T },
): StreamStep<T> {
  const data = request.data;
  const isStreamed =
    request.correlationValue !== undefined ||
    (request.initIndicator === true && request.finalIndicator !== true);
  if (!isStreamed) {
    if (data === undefined) throw missingData(`${start.operation} needs Data`);
    return { kind: 'complete', data, init: start.init, objectId: start.objectId };
  }
  if (compareVersions(ctx.version, '1.3') < 0) {
    throw featureNotSupported('streaming operations need KMIP 1.3 or later');
  }
  const part = data ?? new Uint8Array();
  if (request.correlationValue === undefined) {
    const correlationValue = ctx.streams.open({ ...start, data: part });
    return { kind: 'partial', correlationValue, objectId: start.objectId };
  }
  if (request.finalIndicator === true) {
    const done = ctx.streams.finish(request.correlationValue, start.operation, part);
    return { kind: 'complete', data: done.data, init: done.init as T, objectId: done.objectId };
  }
  const objectId = ctx.streams.append(request.correlationValue, start.operation, part);
  return { kind: 'partial', correlationValue: request.correlationValue, objectId };
}
