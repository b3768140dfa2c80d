import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAeadKey, randomBytes } from '../../../../src/crypto/index.ts';
import { encodeRequestMessage } from '../../../../src/kmip/messages/message.ts';
import { encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import { createLogger, type Logger } from '../../../../src/server/logger.ts';
import type { OperationTable } from '../../../../src/server/operations/context.ts';
import { OPERATIONS } from '../../../../src/server/operations/index.ts';
import {
  createMessageHandler,
  type MessageHandler,
} from '../../../../src/server/pipeline/handle-message.ts';
import { openSqliteStore, type ObjectStore } from '../../../../src/store/index.ts';
import { createAesKey, decodeResponse, message } from '../../../support/server-harness.ts';

describe('createMessageHandler logging (issue #9: child loggers made only when used)', () => {
  let dir: string;
  let store: ObjectStore;
  let handler: MessageHandler;
  const lines: Record<string, unknown>[] = [];
  let children = 0;
  let itemLogger: Logger | undefined;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-request-logging-'));
    store = await openSqliteStore({
      path: join(dir, 'keywarden.db'),
      masterKey: createAeadKey(randomBytes(32)),
    });
    const logger = createLogger({
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    });
    // Children inherit the root's `child`, so this counts every child logger made.
    const child = logger.child;
    const counting = function (this: Logger, ...args: Parameters<Logger['child']>) {
      children++;
      return child.call(this, ...args);
    };
    Object.defineProperty(logger, 'child', { value: counting });
    const operations = {
      ...OPERATIONS,
      // Logs through its context, then fails unexpectedly.
      Check: async (_request: unknown, ctx: { logger: Logger }) => {
        itemLogger = ctx.logger;
        ctx.logger.warn('about to fail');
        throw new Error('DEADBEEF');
      },
    } as unknown as OperationTable;
    handler = createMessageHandler({ store, logger, operations });
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const send = (request: ReturnType<typeof message>) =>
    handler(encodeTtlv(encodeRequestMessage(request)), { identity: 'alice', connectionId: 'c1' });

  it('makes no child logger for a request whose operation does not log; its failure line has every binding', async () => {
    children = 0;
    lines.length = 0;
    const created = decodeResponse(await send(message('1.4', [createAesKey()])));
    // Create logs 'created object' through its item logger: the message's child and the item's.
    assert.equal(children, 2);
    const [item] = created.batchItems;
    const id =
      item?.kind === 'typed' ? (item.payload as { uniqueIdentifier: string }).uniqueIdentifier : '';
    children = 0;
    lines.length = 0;
    await send(message('1.4', [{ operation: 'Get', payload: { uniqueIdentifier: id } }]));
    // A succeeded Get writes nothing at info (its `batch item done` line is debug) ...
    assert.equal(children, 0);
    assert.deepEqual(lines, []);
    // ... and a failed one writes its `batch item failed` line with the message's bindings as
    // fields (message-log.ts), still without a child.
    await send(message('1.4', [{ operation: 'Get', payload: { uniqueIdentifier: `${id}-gone` } }]));
    assert.equal(children, 0);
    const failed = lines.find((line) => line['msg'] === 'batch item failed');
    assert.equal(failed?.['identity'], 'alice');
    assert.equal(failed?.['kmipVersion'], '1.4');
    assert.equal(failed?.['connectionId'], 'c1');
    assert.equal(typeof failed?.['correlationId'], 'string');
    assert.equal(failed?.['operation'], 'Get');
    assert.equal(failed?.['resultStatus'], 'OperationFailed');
  });

  it('gives an operation that logs, and an unexpected failure, the item child', async () => {
    lines.length = 0;
    await send(message('1.4', [{ operation: 'Check', payload: {} }]));
    assert.ok(itemLogger !== undefined);
    for (const msg of ['about to fail', 'operation failed unexpectedly']) {
      const line = lines.find((l) => l['msg'] === msg);
      assert.equal(line?.['batchItem'], 0, msg);
      assert.equal(line?.['operation'], 'Check', msg);
      assert.equal(line?.['identity'], 'alice', msg);
    }
  });
});

describe('createMessageHandler logging levels: one line per batch item', () => {
  let dir: string;
  let store: ObjectStore;
  let handler: MessageHandler;
  let logger: Logger;
  const lines: Record<string, unknown>[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-request-levels-'));
    store = await openSqliteStore({
      path: join(dir, 'keywarden.db'),
      masterKey: createAeadKey(randomBytes(32)),
    });
    logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    });
    handler = createMessageHandler({ store, logger });
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a succeeded item at debug (not at info) and a failed item at info', async () => {
    lines.length = 0;
    const request = message('1.4', [
      { operation: 'Get', payload: { uniqueIdentifier: 'no-such-object' } },
    ]);
    await handler(encodeTtlv(encodeRequestMessage(request)), { identity: 'alice' });
    const failed = lines.find((line) => line['msg'] === 'batch item failed');
    assert.equal(failed?.['level'], 30);
    assert.equal(failed?.['resultReason'], 'ItemNotFound');
    assert.equal(failed?.['identity'], 'alice');

    lines.length = 0;
    await handler(encodeTtlv(encodeRequestMessage(message('1.4', [createAesKey()]))), {
      identity: 'alice',
    });
    assert.ok(lines.some((line) => line['msg'] === 'created object'));
    assert.equal(
      lines.find((line) => line['msg'] === 'batch item done'),
      undefined,
    );
  });

  it('writes the succeeded item line, with its fields, at debug', async () => {
    logger.level = 'debug';
    try {
      lines.length = 0;
      await handler(encodeTtlv(encodeRequestMessage(message('1.4', [createAesKey()]))), {
        identity: 'alice',
      });
      const done = lines.find((line) => line['msg'] === 'batch item done');
      assert.equal(done?.['level'], 20);
      assert.equal(done?.['operation'], 'Create');
      assert.equal(done?.['resultStatus'], 'Success');
      assert.equal(done?.['batchItem'], 0);
      assert.equal(done?.['identity'], 'alice');
    } finally {
      logger.level = 'info';
    }
  });
});
