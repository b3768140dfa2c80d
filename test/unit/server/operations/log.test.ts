// Log, through the pipeline: the client's Log Message lands in the server log (OASIS BL-M-1).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultStatus } from '../../../../src/kmip/generated/registry.ts';
import { MAX_LOG_MESSAGE_LENGTH } from '../../../../src/server/operations/log.ts';
import {
  createServerHarness,
  itemOutcome,
  type ServerHarness,
} from '../../../support/server-harness.ts';

describe('Log', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const sendLog = (logMessage: string, identity?: string) =>
    harness.sendOne('2.1', { operation: 'Log', payload: { logMessage } }, identity);

  it('records the Log Message with the caller identity and answers with an empty payload', async () => {
    const item = await sendLog('BL-M-1-21 step 3', 'carol');
    assert.deepEqual(itemOutcome(item), { status: ResultStatus.Success, reason: undefined });
    assert.ok(item.kind === 'typed');
    assert.deepEqual(item.payload, {});
    const line = harness.logs.find((l) => l.logMessage === 'BL-M-1-21 step 3');
    assert.ok(line !== undefined);
    assert.equal(line.msg, 'client log message');
    assert.match(JSON.stringify(line), /carol/);
  });

  it('keeps line breaks inside one JSON log line, so a message cannot forge log lines', async () => {
    const before = harness.logText().split('\n').length;
    await sendLog('first\n{"level":60,"msg":"forged"}');
    const lines = harness.logText().split('\n');
    assert.ok(!lines.some((l) => l.startsWith('{"level":60,"msg":"forged"')));
    assert.ok(harness.logs.some((l) => l.logMessage === 'first\n{"level":60,"msg":"forged"}'));
    assert.ok(lines.length > before);
  });

  it(`cuts a message longer than ${MAX_LOG_MESSAGE_LENGTH} characters and records its length`, async () => {
    const long = 'a'.repeat(MAX_LOG_MESSAGE_LENGTH + 10);
    const item = await sendLog(long);
    assert.equal(itemOutcome(item).status, ResultStatus.Success);
    const line = harness.logs.find((l) => l.logMessageLength === long.length);
    assert.equal(line?.logMessage, long.slice(0, MAX_LOG_MESSAGE_LENGTH));
  });
});
