import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatStatistics,
  LogRecorder,
  redact,
  ReplayTransport,
  StatisticsRecorder,
  YamlTestCaseRecorder,
  type OperationRecord,
} from '../../../src/client/index.ts';
import {
  decodeResponseMessage,
  decodeTtlv,
  encodeResponseMessage,
  encodeTtlv,
  Operation,
  ResultStatus,
} from '../../../src/kmip/index.ts';
import { encodeRequest } from '../../../src/client/messages.ts';
import { ops } from '../../../src/client/index.ts';

const record = (over: Partial<OperationRecord> = {}): OperationRecord => ({
  items: [
    {
      operation: 'Get',
      request: { uniqueIdentifier: 'k' },
      response: { keyMaterial: new Uint8Array(32) },
    },
  ],
  protocolVersion: '2.1',
  startedAt: new Date(0),
  durationMs: 2,
  requestBytes: new Uint8Array(100),
  responseBytes: new Uint8Array(300),
  ...over,
});

describe('recorders', () => {
  it('redacts byte strings, big integers and secret-named fields', () => {
    assert.deepEqual(
      redact({
        keyMaterial: new Uint8Array(3),
        modulus: 5n,
        password: 'hunter2',
        name: 'k',
        when: new Date(0),
      }),
      {
        keyMaterial: '[redacted 3 bytes]',
        modulus: '[redacted big integer]',
        password: '[redacted]',
        name: 'k',
        when: '1970-01-01T00:00:00.000Z',
      },
    );
  });

  it('logs one redacted entry per exchange', () => {
    const entries: Record<string, unknown>[] = [];
    new LogRecorder((e) => entries.push(e)).record(record());
    assert.equal(entries[0]?.['kmip'], 'Get');
    assert.doesNotMatch(JSON.stringify(entries), /"0":0/);
    assert.match(JSON.stringify(entries), /redacted 32 bytes/);
  });

  it('counts per operation, errors included, and prints a table', () => {
    const stats = new StatisticsRecorder();
    stats.record(record({ durationMs: 1 }));
    stats.record(record({ durationMs: 3, error: { code: 'KW_CLIENT_TIMEOUT', message: 'x' } }));
    const [get] = stats.snapshot();
    assert.deepEqual(
      { count: get?.count, errors: get?.errors, min: get?.minMs, avg: get?.avgMs, max: get?.maxMs },
      { count: 2, errors: 1, min: 1, avg: 2, max: 3 },
    );
    assert.match(
      formatStatistics(stats.snapshot()),
      /^Get\s+2\s+1\s+1\.00\s+2\.00\s+3\.00\s+100\s+300$/m,
    );
    stats.reset();
    assert.deepEqual(stats.snapshot(), []);
  });

  it('replays a recorded response with the batch item ids of the new request', async () => {
    const recorder = new YamlTestCaseRecorder();
    const version = { major: 2, minor: 1 };
    const old = encodeRequest([ops.activate('a'), ops.activate('b')], {
      version,
      batchIds: [Uint8Array.of(1), Uint8Array.of(2)],
    });
    const response = encodeTtlv(
      encodeResponseMessage({
        header: { protocolVersion: version, timeStamp: new Date(0), batchCount: 2 },
        batchItems: ['a', 'b'].map((id, i) => ({
          kind: 'typed' as const,
          operation: Operation.Activate,
          uniqueBatchItemId: Uint8Array.of(i + 1),
          resultStatus: ResultStatus.Success,
          payload: { uniqueIdentifier: id },
        })),
      }),
    );
    recorder.record(
      record({
        items: [
          { operation: 'Activate', request: {} },
          { operation: 'Activate', request: {} },
        ],
        requestBytes: old,
        responseBytes: response,
      }),
    );
    const replay = ReplayTransport.fromYaml(recorder.toYaml());
    const fresh = encodeRequest([ops.activate('a'), ops.activate('b')], {
      version,
      batchIds: [Uint8Array.of(9), Uint8Array.of(8)],
    });
    const answer = decodeResponseMessage(
      decodeTtlv(await replay.exchange(fresh, { isIdempotent: false })),
    );
    assert.deepEqual(
      answer.batchItems.map((b) => (b.kind === 'invalid' ? undefined : b.uniqueBatchItemId)),
      [Uint8Array.of(9), Uint8Array.of(8)],
    );
    await assert.rejects(replay.exchange(fresh, { isIdempotent: false }), {
      code: 'KW_CLIENT_USAGE',
    });
  });

  it('refuses a request whose operations differ from the recorded case', async () => {
    const recorder = new YamlTestCaseRecorder();
    recorder.record(record({ items: [{ operation: 'Query', request: {} }] }));
    const replay = ReplayTransport.fromYaml(recorder.toYaml());
    const get = encodeRequest([ops.get('x')], { version: { major: 2, minor: 1 } });
    await assert.rejects(replay.exchange(get, { isIdempotent: true }), { code: 'KW_CLIENT_USAGE' });
  });

  it('replays a recorded transport failure as the same kind of error', async () => {
    const recorder = new YamlTestCaseRecorder();
    const { responseBytes: _none, ...failed } = record({
      error: { code: 'KW_CLIENT_TIMEOUT', message: 'slow' },
    });
    recorder.record({
      ...failed,
      requestBytes: encodeRequest([ops.get('x')], { version: { major: 2, minor: 1 } }),
    });
    const replay = ReplayTransport.fromYaml(recorder.toYaml());
    await assert.rejects(
      replay.exchange(encodeRequest([ops.get('y')], { version: { major: 2, minor: 1 } }), {
        isIdempotent: true,
      }),
      { code: 'KW_CLIENT_TIMEOUT' },
    );
  });
});
