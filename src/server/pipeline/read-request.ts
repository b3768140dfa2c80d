/**
 * Reading a request message: TTLV, protocol version, Request Message, header rules. A
 * message that fails here cannot be served as a whole and is refused with one failed batch
 * item without Operation (KMIP 1.4 §11.1), in the best version that can be told.
 */
import {
  AsynchronousIndicator,
  BatchErrorContinuationOption,
  ResultReason,
} from '../../kmip/generated/registry.ts';
import type { KmipItem } from '../../kmip/item.ts';
import { KmipMessageError } from '../../kmip/messages/errors.ts';
import { decodeRequestMessage, type RequestMessage } from '../../kmip/messages/message.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { decodeTtlv, TtlvDecodeError, type TtlvDecodeOptions } from '../../kmip/ttlv/index.ts';
import { KmipResultError } from './result-error.ts';
import {
  bestGuessVersion,
  negotiateVersion,
  peekRequestedVersion,
  requestedVersionOfTree,
} from './version.ts';

/** A message that cannot be served as a whole: answered with one failed item in `version`. */
export class MessageRefusal extends KmipResultError {
  /** The version to answer in. */
  readonly version: KmipVersionName;

  constructor(version: KmipVersionName, reason: number, message: string) {
    super(reason as ResultReason, message);
    this.version = version;
  }
}

/** How a request is decoded: its size limit, and whether large Byte Strings may be views. */
export type ReadRequestOptions = Pick<TtlvDecodeOptions, 'maxMessageSize' | 'shareByteStrings'>;

function decodeTree(bytes: Uint8Array, options: ReadRequestOptions): KmipItem {
  try {
    return decodeTtlv(bytes, options);
  } catch (error) {
    if (!(error instanceof TtlvDecodeError)) throw error;
    throw new MessageRefusal(
      bestGuessVersion(peekRequestedVersion(bytes)),
      ResultReason.InvalidMessage,
      `the message is not valid TTLV (${error.code} at offset ${error.offset})`,
    );
  }
}

function checkHeader(message: RequestMessage, version: KmipVersionName): void {
  const { header, batchItems } = message;
  const refuse = (reason: number, text: string) => new MessageRefusal(version, reason, text);
  if (header.batchCount !== batchItems.length) {
    throw refuse(
      ResultReason.InvalidMessage,
      `Batch Count is ${header.batchCount} but the message has ${batchItems.length} batch items`,
    );
  }
  // KMIP 1.4 §7.2: Unique Batch Item ID is required when the batch has more than one item.
  if (
    batchItems.length > 1 &&
    batchItems.some((item) => item.kind !== 'invalid' && item.uniqueBatchItemId === undefined)
  ) {
    throw refuse(
      ResultReason.InvalidMessage,
      'every item of a batch of several needs a Unique Batch Item ID',
    );
  }
  const continuation = header.batchErrorContinuationOption;
  if (
    continuation !== undefined &&
    !Object.values(BatchErrorContinuationOption).includes(continuation as never)
  ) {
    throw refuse(ResultReason.InvalidField, 'unknown Batch Error Continuation Option');
  }
  // Responses are always synchronous: a 2.x client that insists on asynchronous ones is refused.
  if (header.asynchronousIndicator === AsynchronousIndicator.Mandatory) {
    throw refuse(ResultReason.FeatureNotSupported, 'asynchronous operations are not supported');
  }
}

/**
 * Decodes a request and picks the version to answer in.
 * @throws MessageRefusal (KW_KMIP_RESULT) when the message cannot be served as a whole.
 */
export function readRequest(
  bytes: Uint8Array,
  options: ReadRequestOptions = {},
): { readonly message: RequestMessage; readonly version: KmipVersionName } {
  const tree = decodeTree(bytes, options);
  const requested = requestedVersionOfTree(tree);
  if (requested !== undefined && !negotiateVersion(requested).isSupported) {
    // KMIP 1.4 §11.1: a protocol major version the server does not speak is Invalid Message.
    throw new MessageRefusal(
      negotiateVersion(requested).version,
      ResultReason.InvalidMessage,
      `protocol version ${requested.major}.${requested.minor} is not supported`,
    );
  }
  let message: RequestMessage;
  try {
    message = decodeRequestMessage(tree);
  } catch (error) {
    if (!(error instanceof KmipMessageError)) throw error;
    throw new MessageRefusal(bestGuessVersion(requested), error.resultReason, error.message);
  }
  const { version } = negotiateVersion(message.header.protocolVersion);
  checkHeader(message, version);
  return { message, version };
}
