/**
 * Framing of TTLV messages on a byte stream (a TLS socket): each message is one top-level
 * item whose 8-byte header gives its total size. The reader only frames; callers decode each
 * message with `decodeTtlv`, so a malformed message body costs that message, not the
 * connection. A bad header loses the framing, and with it the connection.
 */
import { TtlvDecodeError } from '../errors.ts';
import { DEFAULT_MAX_MESSAGE_SIZE } from './ttlv-decoder.ts';
import { isValidTag, ITEM_HEADER_LENGTH, paddedLength, STRUCTURE_TYPE } from './ttlv-format.ts';

/** Options of `TtlvMessageReader`. */
export interface TtlvMessageReaderOptions {
  /** Largest accepted message, header included, in bytes (default 1 MiB). */
  readonly maxMessageSize?: number;
  /**
   * Require each message to be a Structure, as KMIP Request/Response Messages are
   * (default true); a primitive header is then KW_TTLV_BAD_TYPE.
   */
  readonly expectStructure?: boolean;
}

/**
 * Splits a byte stream into whole TTLV messages. Feed it chunks as they arrive; it buffers
 * partial messages and returns each complete one as its own copy of the raw bytes. After any
 * error it is poisoned: every later call throws the same error, since the framing is lost.
 *
 * @example
 * const reader = new TtlvMessageReader({ maxMessageSize: 65536 });
 * socket.on('data', (chunk) => {
 *   for (const message of reader.push(chunk)) handle(decodeTtlv(message));
 * });
 */
export class TtlvMessageReader {
  readonly #maxMessageSize: number;
  readonly #expectStructure: boolean;
  readonly #header = new Uint8Array(ITEM_HEADER_LENGTH);
  #headerFill = 0;
  #message: Uint8Array | null = null;
  #messageFill = 0;
  /** Stream offset of the message being read, for error offsets. */
  #messageStart = 0;
  #error: TtlvDecodeError | null = null;

  constructor(options?: TtlvMessageReaderOptions) {
    this.#maxMessageSize = options?.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.#expectStructure = options?.expectStructure ?? true;
  }

  /** Bytes held of a message not yet complete (0 between messages). */
  get bufferedBytes(): number {
    return this.#message === null ? this.#headerFill : this.#messageFill;
  }

  /**
   * Adds a chunk; returns the messages it completes, in order (often none). The chunk is
   * not retained: the caller may reuse or wipe it.
   * @throws {TtlvDecodeError} KW_TTLV_BAD_TAG, KW_TTLV_BAD_TYPE or KW_TTLV_TOO_LARGE for a bad
   *   header (before its body is buffered), or the error that poisoned the reader.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.#error !== null) throw this.#error;
    const messages: Uint8Array[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      let message = this.#message;
      if (message === null) {
        const take = Math.min(ITEM_HEADER_LENGTH - this.#headerFill, chunk.length - pos);
        this.#header.set(chunk.subarray(pos, pos + take), this.#headerFill);
        this.#headerFill += take;
        pos += take;
        if (this.#headerFill < ITEM_HEADER_LENGTH) break;
        // The size is checked here, so this allocation is bounded by maxMessageSize.
        message = new Uint8Array(this.#checkHeader());
        message.set(this.#header);
        this.#message = message;
        this.#messageFill = ITEM_HEADER_LENGTH;
        this.#headerFill = 0;
      }
      const take = Math.min(message.length - this.#messageFill, chunk.length - pos);
      message.set(chunk.subarray(pos, pos + take), this.#messageFill);
      this.#messageFill += take;
      pos += take;
      if (this.#messageFill === message.length) {
        messages.push(message);
        this.#messageStart += message.length;
        this.#message = null;
      }
    }
    return messages;
  }

  /**
   * Declares the end of the stream.
   * @throws {TtlvDecodeError} KW_TTLV_TRUNCATED if a partial message is buffered, or the
   *   error that poisoned the reader.
   */
  end(): void {
    if (this.#error !== null) throw this.#error;
    if (this.bufferedBytes > 0) {
      this.#fail(
        'KW_TTLV_TRUNCATED',
        0,
        `stream ended ${this.bufferedBytes} byte(s) into a message`,
      );
    }
  }

  /** Validates the buffered header and returns the message's total size. */
  #checkHeader(): number {
    const h = this.#header;
    const tag = (h[0]! << 16) | (h[1]! << 8) | h[2]!;
    if (!isValidTag(tag))
      this.#fail('KW_TTLV_BAD_TAG', 0, 'tag outside 0x42xxxx and 0x54xxxx', tag);
    const type = h[3]!;
    const length = ((h[4]! << 24) | (h[5]! << 16) | (h[6]! << 8) | h[7]!) >>> 0;
    if (type !== STRUCTURE_TYPE && (this.#expectStructure || type < 0x02 || type > 0x0b)) {
      const problem = this.#expectStructure ? 'message is not a Structure' : 'unknown item type';
      this.#fail(
        'KW_TTLV_BAD_TYPE',
        3,
        `${problem} (type 0x${type.toString(16).padStart(2, '0')})`,
        tag,
      );
    }
    // A Structure's length covers its padded children; a primitive's value is padded after it.
    const total = ITEM_HEADER_LENGTH + (type === STRUCTURE_TYPE ? length : paddedLength(length));
    if (total > this.#maxMessageSize) {
      this.#fail(
        'KW_TTLV_TOO_LARGE',
        0,
        `message of ${total} bytes exceeds the maximum of ${this.#maxMessageSize}`,
        tag,
      );
    }
    return total;
  }

  #fail(code: TtlvDecodeError['code'], fieldOffset: number, problem: string, tag?: number): never {
    this.#error = new TtlvDecodeError(code, this.#messageStart + fieldOffset, problem, tag);
    throw this.#error;
  }
}

/**
 * Yields the raw bytes of each TTLV message read from a chunk source (a Node socket is one).
 * @throws {TtlvDecodeError} as `TtlvMessageReader.push`, and KW_TTLV_TRUNCATED if the source
 *   ends inside a message.
 */
export async function* readTtlvMessages(
  source: AsyncIterable<Uint8Array>,
  options?: TtlvMessageReaderOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = new TtlvMessageReader(options);
  for await (const chunk of source) yield* reader.push(chunk);
  reader.end();
}
