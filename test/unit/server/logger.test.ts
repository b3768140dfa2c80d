import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  REDACTED,
  REDACTED_FIELDS,
  createConnectionLogger,
  createLogger,
} from '../../../src/server/logger.ts';

function collect(level?: 'debug' | 'info' | 'warn') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    ...(level && { level }),
    name: 'keywarden',
    destination: { write: (text: string) => void lines.push(JSON.parse(text)) },
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with an ISO time, level and name', () => {
    const { logger, lines } = collect();
    logger.info({ objectId: '42' }, 'created');
    const [line] = lines;
    assert.equal(line?.msg, 'created');
    assert.equal(line?.objectId, '42');
    assert.equal(line?.level, 30);
    assert.equal(line?.name, 'keywarden');
    assert.match(String(line?.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('drops lines below the level (default info)', () => {
    const { logger, lines } = collect();
    logger.debug('hidden');
    assert.equal(lines.length, 0);
    const verbose = collect('debug');
    verbose.logger.debug('shown');
    assert.equal(verbose.lines.length, 1);
  });

  it('censors every secret-looking field at the top level and nested up to four levels', () => {
    const { logger, lines } = collect();
    for (const field of REDACTED_FIELDS) {
      logger.info(
        {
          [field]: 'top-secret',
          a: { [field]: 'top-secret', b: { c: { [field]: 'top-secret' } } },
          list: [{ [field]: 'top-secret' }],
        },
        field,
      );
    }
    assert.equal(lines.length, REDACTED_FIELDS.length);
    for (const line of lines) {
      const text = JSON.stringify(line);
      assert.equal(text.includes('top-secret'), false, `leaked in ${text}`);
      assert.equal(line[String(line.msg)], REDACTED);
    }
  });

  it('keeps fields whose names only resemble secret ones', () => {
    const { logger, lines } = collect();
    logger.info({ keyId: 'k1', tokenCount: 3 }, 'listed');
    assert.equal(lines[0]?.keyId, 'k1');
    assert.equal(lines[0]?.tokenCount, 3);
  });

  it('serializes errors with type, message and stack under err', () => {
    const { logger, lines } = collect();
    logger.error({ err: new TypeError('bad input') }, 'failed');
    const err = lines[0]?.err as { type: string; message: string; stack: string };
    assert.equal(err.type, 'TypeError');
    assert.equal(err.message, 'bad input');
    assert.match(err.stack, /TypeError: bad input/);
  });
});

describe('createConnectionLogger', () => {
  it('adds the connection id to every line and still censors secrets', () => {
    const { logger, lines } = collect();
    const child = createConnectionLogger(logger, '7');
    child.warn({ password: 'hunter2' }, 'refused');
    assert.equal(lines[0]?.connectionId, '7');
    assert.equal(lines[0]?.password, REDACTED);
  });
});

describe('createLogger censoring (own walk instead of pino redact, issue #9)', () => {
  it('censors secrets in child bindings, top level and nested', () => {
    const { logger, lines } = collect();
    const child = logger.child({
      token: 'top-secret',
      request: { auth: { password: 'top-secret' } },
    });
    child.child({ batchItem: 0 }).info('done');
    const text = JSON.stringify(lines[0]);
    assert.equal(text.includes('top-secret'), false, `leaked in ${text}`);
    assert.equal(lines[0]?.token, REDACTED);
    assert.equal(lines[0]?.batchItem, 0);
    assert.equal(lines[0]?.name, 'keywarden');
  });

  it('censors fields of errors and keeps their type and message', () => {
    const { logger, lines } = collect();
    const error = Object.assign(new RangeError('out of range'), { key: 'top-secret' });
    logger.error({ err: error, nested: { cause: error } }, 'failed');
    const text = JSON.stringify(lines[0]);
    assert.equal(text.includes('top-secret'), false, `leaked in ${text}`);
    const err = lines[0]?.err as { type: string; message: string; key: string };
    assert.equal(err.type, 'RangeError');
    assert.equal(err.message, 'out of range');
    assert.equal(err.key, REDACTED);
  });

  it('leaves the logged object unchanged', () => {
    const { logger, lines } = collect();
    const logged = { user: { password: 'top-secret' }, list: [{ secret: 'top-secret' }] };
    logger.info(logged, 'x');
    assert.equal(logged.user.password, 'top-secret');
    assert.equal(logged.list[0]?.secret, 'top-secret');
    assert.deepEqual(lines[0]?.user, { password: REDACTED });
  });
});
