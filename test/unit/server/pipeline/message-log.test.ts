import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLogger } from '../../../../src/server/logger.ts';
import { MessageLog } from '../../../../src/server/pipeline/message-log.ts';

/** A logger collecting its lines, the ISO time blanked so two lines can be compared. */
function collectingLogger(level: 'info' | 'warn' = 'info') {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    destination: {
      write: (line: string) => lines.push(line.replace(/"time":"[^"]*"/, '"time":""')),
    },
  }).child({ component: 'kmip' });
  return { logger, lines };
}

const BINDINGS = {
  correlationId: '0b6c2f0e-9d1a-4a8e-8a55-1f5b1d6a2c11',
  connectionId: 'c7',
  identity: 'alice',
  kmipVersion: '1.4',
};
const FIELDS = { batchItem: 0, operation: 'Get', resultStatus: 'Success' };

describe('MessageLog', () => {
  it('writes the same line without a child as a child of the bindings writes', () => {
    const { logger, lines } = collectingLogger();
    new MessageLog(logger, BINDINGS).info(FIELDS, 'batch item done');
    logger.child(BINDINGS).info(FIELDS, 'batch item done');
    assert.equal(lines.length, 2);
    assert.equal(lines[0], lines[1]);
  });

  it('goes through its child once one was asked for, and makes it only once', () => {
    const { logger, lines } = collectingLogger();
    const log = new MessageLog(logger, BINDINGS);
    const child = log.logger;
    assert.equal(log.logger, child);
    log.info(FIELDS, 'batch item done');
    logger.child(BINDINGS).info(FIELDS, 'batch item done');
    assert.equal(lines[0], lines[1]);
  });

  it('writes nothing below the logger level', () => {
    const { logger, lines } = collectingLogger('warn');
    new MessageLog(logger, BINDINGS).info(FIELDS, 'batch item done');
    assert.deepEqual(lines, []);
  });

  it('censors a secret-looking binding as a child does', () => {
    const { logger, lines } = collectingLogger();
    const bindings = { ...BINDINGS, token: 'hunter2' };
    new MessageLog(logger, bindings).info(FIELDS, 'batch item done');
    logger.child(bindings).info(FIELDS, 'batch item done');
    assert.equal(lines[0], lines[1]);
    assert.doesNotMatch(lines[0] ?? '', /hunter2/);
  });

  it('property: any identity and connection give the line a child gives', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(), (identity, connectionId, batchItem) => {
        const { logger, lines } = collectingLogger();
        const bindings = { ...BINDINGS, identity, connectionId };
        const fields = { ...FIELDS, batchItem };
        new MessageLog(logger, bindings).info(fields, 'batch item done');
        logger.child(bindings).info(fields, 'batch item done');
        assert.deepEqual(JSON.parse(lines[0] ?? ''), JSON.parse(lines[1] ?? ''));
        assert.equal(lines[0], lines[1]);
      }),
    );
  });
});
