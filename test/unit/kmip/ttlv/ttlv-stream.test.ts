import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hexToBytes,
  readTtlvMessages,
  TtlvDecodeError,
  TtlvMessageReader,
} from '../../../../src/kmip/ttlv/index.ts';

const hex = (s: string): Uint8Array => hexToBytes(s.replace(/[\s|]/g, ''));
const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

// A 24-byte Structure and a 40-byte one (the spec's §9.1.2 Structure example).
const SMALL = hex('420078 01 00000010 420020 02 00000004 00000008 00000000');
const SPEC = hex(
  '420020 01 00000020 420004 05 00000004 000000FE 00000000 420005 02 00000004 000000FF 00000000',
);

describe('TtlvMessageReader', () => {
  it('returns several back-to-back messages from one chunk, as exact copies', () => {
    const reader = new TtlvMessageReader();
    const chunk = concat(SMALL, SPEC, SMALL);
    const messages = reader.push(chunk);
    assert.deepEqual(messages, [SMALL, SPEC, SMALL]);
    chunk.fill(0xff);
    assert.deepEqual(messages[1], SPEC);
    assert.equal(reader.bufferedBytes, 0);
  });

  it('reassembles messages fed one byte at a time', () => {
    const reader = new TtlvMessageReader();
    const stream = concat(SPEC, SMALL);
    const got: Uint8Array[] = [];
    for (let i = 0; i < stream.length; i++) {
      got.push(...reader.push(stream.subarray(i, i + 1)));
      if (i === 6) assert.equal(reader.bufferedBytes, 7);
    }
    assert.deepEqual(got, [SPEC, SMALL]);
  });

  it('handles a header split across chunks and a message ending mid-chunk', () => {
    const reader = new TtlvMessageReader();
    const stream = concat(SMALL, SPEC);
    assert.deepEqual(reader.push(stream.subarray(0, 3)), []);
    assert.deepEqual(reader.push(stream.subarray(3, 30)), [SMALL]);
    assert.equal(reader.bufferedBytes, 6);
    assert.deepEqual(reader.push(stream.subarray(30)), [SPEC]);
    assert.deepEqual(reader.push(new Uint8Array(0)), []);
  });

  it('returns an empty Structure (header only) as a message', () => {
    const reader = new TtlvMessageReader();
    const empty = hex('42007B 01 00000000');
    assert.deepEqual(reader.push(concat(empty, empty)), [empty, empty]);
  });

  it('rejects a header over maxMessageSize with KW_TTLV_TOO_LARGE before its body arrives', () => {
    const reader = new TtlvMessageReader({ maxMessageSize: 39 });
    assert.deepEqual(reader.push(SMALL), [SMALL]);
    assert.throws(() => reader.push(SPEC.subarray(0, 8)), {
      code: 'KW_TTLV_TOO_LARGE',
      offset: 24,
    });
    assert.deepEqual(new TtlvMessageReader({ maxMessageSize: 40 }).push(SPEC), [SPEC]);
  });

  it('rejects a 4 GiB length at once with the default limit', () => {
    const reader = new TtlvMessageReader();
    assert.throws(() => reader.push(hex('420078 01 FFFFFFFF')), {
      code: 'KW_TTLV_TOO_LARGE',
      offset: 0,
    });
  });

  it('rejects a non-Structure message with KW_TTLV_BAD_TYPE unless expectStructure is false', () => {
    const text = hex('420020 07 0000000B 48656C6C6F20576F726C640000000000');
    assert.throws(() => new TtlvMessageReader().push(text), {
      code: 'KW_TTLV_BAD_TYPE',
      offset: 3,
    });
    // A primitive's padding counts towards its message size.
    const reader = new TtlvMessageReader({ expectStructure: false });
    assert.deepEqual(reader.push(concat(text, SMALL)), [text, SMALL]);
    assert.throws(() => reader.push(hex('420020 0C 00000004')), {
      code: 'KW_TTLV_BAD_TYPE',
      offset: 51,
    });
  });

  it('rejects a bad tag with KW_TTLV_BAD_TAG at the message start', () => {
    assert.throws(() => new TtlvMessageReader().push(concat(SMALL, hex('FF0078 01 00000000'))), {
      code: 'KW_TTLV_BAD_TAG',
      offset: 24,
    });
  });

  it('stays poisoned after an error, rethrowing the same error', () => {
    const reader = new TtlvMessageReader();
    let first: unknown;
    try {
      reader.push(hex('430078 01 00000000'));
    } catch (error) {
      first = error;
    }
    assert.ok(first instanceof TtlvDecodeError);
    assert.throws(
      () => reader.push(SMALL),
      (error) => error === first,
    );
    assert.throws(
      () => reader.end(),
      (error) => error === first,
    );
  });

  it('end() accepts a stream between messages and rejects one inside a message', () => {
    const reader = new TtlvMessageReader();
    reader.push(SMALL);
    reader.end();
    reader.push(SPEC.subarray(0, 12));
    assert.throws(() => reader.end(), { code: 'KW_TTLV_TRUNCATED', offset: 24 });
  });
});

describe('readTtlvMessages', () => {
  async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
    yield* parts;
  }

  it('yields the messages of an async chunk source', async () => {
    const stream = concat(SPEC, SMALL);
    const got: Uint8Array[] = [];
    for await (const message of readTtlvMessages(
      chunks(stream.subarray(0, 5), stream.subarray(5)),
    )) {
      got.push(message);
    }
    assert.deepEqual(got, [SPEC, SMALL]);
  });

  it('rejects a source that ends inside a message with KW_TTLV_TRUNCATED', async () => {
    const iterate = async (): Promise<void> => {
      for await (const _message of readTtlvMessages(chunks(SMALL, SPEC.subarray(0, 20)))) {
        // drain
      }
    };
    await assert.rejects(iterate(), { code: 'KW_TTLV_TRUNCATED', offset: 24 });
  });
});
