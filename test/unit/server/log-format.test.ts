import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReadableDestination, formatLogEntry } from '../../../src/server/log-format.ts';
import { REDACTED, createLogger } from '../../../src/server/logger.ts';

const TIME = '2026-11-26T01:02:03.456Z';

describe('formatLogEntry', () => {
  it('writes time, padded level, message and the other fields as key=value', () => {
    assert.equal(
      formatLogEntry({
        level: 30,
        time: TIME,
        pid: 1,
        hostname: 'h',
        name: 'keywarden',
        msg: 'created',
        objectId: '42',
        count: 3,
        ok: true,
      }),
      `${TIME} INFO  created objectId=42 count=3 ok=true`,
    );
    assert.equal(formatLogEntry({ level: 50, time: TIME, msg: 'x' }), `${TIME} ERROR x`);
    assert.equal(formatLogEntry({ level: 20, time: TIME, msg: 'x' }), `${TIME} DEBUG x`);
    assert.equal(formatLogEntry({ level: 40, time: TIME, msg: 'x' }), `${TIME} WARN  x`);
  });

  it('quotes strings with spaces, quotes or = and writes objects as JSON', () => {
    assert.equal(
      formatLogEntry({
        level: 30,
        time: TIME,
        msg: 'm',
        peer: 'CN=admin, O=x',
        nested: { a: 1, b: [2] },
        none: null,
      }),
      `${TIME} INFO  m peer="CN=admin, O=x" nested={"a":1,"b":[2]} none=null`,
    );
  });

  it('keeps every entry on one line: control characters in messages and values are escaped', () => {
    const line = formatLogEntry({
      level: 30,
      time: TIME,
      msg: 'evil\n2026-01-01T00:00:00.000Z ERROR forged',
      field: 'a\rb\u0001',
    });
    assert.equal(line.includes('\n'), false);
    assert.equal(line.includes('\r'), false);
    assert.match(line, /evil\\u000a2026/);
    assert.match(line, /field="a\\rb\\u0001"/);
  });

  it('shows an error as err="Type: message" with its stack on indented lines below', () => {
    const text = formatLogEntry({
      level: 50,
      time: TIME,
      msg: 'operation failed unexpectedly',
      err: { type: 'TypeError', message: 'boom', stack: 'TypeError: boom\n    at f (a.ts:1:2)' },
    });
    const [head, ...stack] = text.split('\n');
    assert.equal(head, `${TIME} ERROR operation failed unexpectedly err="TypeError: boom"`);
    assert.deepEqual(stack, ['    at f (a.ts:1:2)']);
  });
});

describe('createReadableDestination', () => {
  it('formats each JSON line and passes anything else through', () => {
    const out: string[] = [];
    const destination = createReadableDestination({ write: (t) => void out.push(t) });
    destination.write(`{"level":30,"time":"${TIME}","msg":"a"}\nnot json\n`);
    assert.deepEqual(out, [`${TIME} INFO  a\n`, 'not json\n']);
  });

  it('still censors secret fields when the logger writes readable lines', () => {
    let text = '';
    const logger = createLogger({
      format: 'readable',
      destination: { write: (t: string) => void (text += t) },
    });
    logger.info(
      { password: 'hunter2', request: { KeyMaterial: 'c2VjcmV0' }, objectId: '7' },
      'stored',
    );
    assert.match(text, / INFO {2}stored /);
    assert.match(text, /objectId=7/);
    assert.ok(text.includes(`password=${REDACTED}`), text);
    assert.equal(text.includes('hunter2'), false);
    assert.equal(text.includes('c2VjcmV0'), false);
    assert.equal(text.split('\n').length, 2, 'one line and the final newline');
  });
});
