// `keywarden serve` end to end for what the listener unit tests cover in-process: the
// configured idle timeout and maximum message size reach the listener (flags), and SIGTERM
// lets a request in flight finish before the process exits 0.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import {
  BatchErrorContinuationOption,
  ObjectType,
  QueryFunction,
  ResultReason,
  ResultStatus,
} from '../../../src/kmip/index.ts';
import type { ResponseMessage } from '../../../src/kmip/index.ts';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { aesKeyAttributes, message } from '../../support/server-harness.ts';
import {
  adminCredentials,
  decodeResponse,
  KmipTlsClient,
  type ClientCredentials,
} from './kmip-tls-client.ts';

const IDLE_TIMEOUT_MS = 1000;
const MAX_MESSAGE_SIZE = 2048;

const query = () =>
  message('1.4', [
    { operation: 'Query', payload: { queryFunctions: [QueryFunction.QueryOperations] } },
  ]);

function status(response: ResponseMessage): number | undefined {
  const [first] = response.batchItems;
  assert.ok(first !== undefined && first.kind !== 'invalid');
  return first.resultStatus;
}

/** Resolves once the server's stderr matches `pattern` (log lines are JSON: not a terminal). */
async function logged(server: KeywardenProcess, pattern: RegExp): Promise<void> {
  const stderr = server.child.stderr;
  assert.ok(stderr !== null);
  // Checked and subscribed in the same tick: no output can slip in between.
  while (!pattern.test(server.stderr())) await once(stderr, 'data');
}

describe('keywarden serve: configured limits', () => {
  let server: KeywardenProcess;
  let admin: ClientCredentials;
  const open: KmipTlsClient[] = [];
  const connect = async () => {
    const client = await KmipTlsClient.connect(server, admin);
    open.push(client);
    return client;
  };

  before(async () => {
    server = await startKeywardenProcess({
      args: [
        '--idle-timeout-ms',
        String(IDLE_TIMEOUT_MS),
        '--max-message-size',
        String(MAX_MESSAGE_SIZE),
      ],
    });
    admin = await adminCredentials(server.home);
  });
  after(async () => {
    for (const client of open) client.destroy();
    await server.cleanup();
  });

  it('closes a connection idle for kmip.idleTimeoutMs, while a busy one keeps being served', async () => {
    const idle = await connect();
    const busy = await connect();
    const started = Date.now();
    // The busy client keeps asking (each answer restarts its idle clock) until the idle one is gone.
    while (!idle.isClosed) {
      assert.equal(status(await busy.send(query())), ResultStatus.Success);
    }
    await idle.closed;
    assert.ok(Date.now() - started >= IDLE_TIMEOUT_MS - 100, 'not before the timeout');
    assert.equal(busy.isClosed, false);
    assert.match(server.stderr(), /"event":"connection-ending"[^\n]*idle/);
  });

  it('refuses a message over kmip.maxMessageSize with Invalid Message, and serves others', async () => {
    const big = await connect();
    // A Request Message header announcing one byte more than the limit allows.
    const header = Buffer.alloc(8);
    header.writeUIntBE(0x420078, 0, 3);
    header.writeUInt8(0x01, 3);
    header.writeUInt32BE(MAX_MESSAGE_SIZE - 8 + 1, 4);
    const response = decodeResponse(await big.exchange(header));
    const [first] = response.batchItems;
    assert.ok(first !== undefined && first.kind !== 'invalid');
    assert.equal(first.resultReason, ResultReason.InvalidMessage);
    await big.closed;
    const other = await connect();
    assert.equal(status(await other.send(query())), ResultStatus.Success);
  });
});

describe('keywarden serve: SIGTERM with a request in flight', () => {
  it('answers the request in flight completely, then exits 0', async () => {
    const server = await startKeywardenProcess();
    try {
      const client = await KmipTlsClient.connect(server, await adminCredentials(server.home));
      const creates = Array.from({ length: 40 }, (_, i) => ({
        operation: 'Create' as const,
        payload: {
          objectType: ObjectType.SymmetricKey,
          attributes: { attributes: aesKeyAttributes(128) },
        },
        id: `c${i}`,
      }));
      const pending = client.send(
        message('1.4', creates, {
          batchErrorContinuationOption: BatchErrorContinuationOption.Continue,
        }),
      );
      // The server is working on the batch: the request is in flight.
      await logged(server, /"msg":"created object"/);
      const exit = server.stop('SIGTERM');
      const response = await pending;
      assert.equal(response.batchItems.length, 40);
      for (const item of response.batchItems) {
        assert.ok(item.kind !== 'invalid' && item.resultStatus === ResultStatus.Success);
      }
      assert.equal(await exit, 0);
      assert.match(server.stderr(), /"msg":"shutting down"/);
      assert.match(server.stderr(), /"msg":"stopped"/);
      client.destroy();
    } finally {
      await server.cleanup();
    }
  });
});
