import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, ConfigParseError } from '../../../src/config/index.ts';
import { CliInputError } from '../../../src/cli/errors.ts';
import { EXIT_CODES, exitCodeFor, formatError, isDebug } from '../../../src/cli/exit-codes.ts';
import { KmipJsonError } from '../../../src/kmip/json/index.ts';
import { TtlvDecodeError } from '../../../src/kmip/ttlv/index.ts';
import { KmipXmlError } from '../../../src/kmip/xml/index.ts';
import { ListenerStartError } from '../../../src/server/listener/index.ts';
import { DataDirError } from '../../../src/server/bootstrap/index.ts';

describe('exitCodeFor', () => {
  it('gives 2 for configuration, command-line input and codec errors', () => {
    const usage = [
      new ConfigError('kmip.port', { kind: 'flag', name: 'kmip.port' }, 'bad'),
      new ConfigParseError('/x.toml', 1, 2, 'bad'),
      new CliInputError('-', 'bad'),
      new TtlvDecodeError('KW_TTLV_TRUNCATED', 0, 'short'),
      new KmipXmlError('KW_KMIP_XML_MALFORMED', '', 'bad'),
      new KmipJsonError('KW_KMIP_JSON_MALFORMED', '', 'bad'),
    ];
    for (const error of usage) assert.equal(exitCodeFor(error), EXIT_CODES.usage, error.code);
  });

  it('gives 1 for run-time failures and anything unexpected', () => {
    assert.equal(exitCodeFor(new ListenerStartError('127.0.0.1', 5696)), EXIT_CODES.failure);
    assert.equal(exitCodeFor(new DataDirError('/x', 'cannot-create')), EXIT_CODES.failure);
    assert.equal(exitCodeFor(new TypeError('boom')), EXIT_CODES.failure);
    assert.equal(exitCodeFor('a string'), EXIT_CODES.failure);
  });
});

describe('formatError', () => {
  it('names the setting, the flag it came from and the reason of a configuration error', () => {
    const error = new ConfigError(
      'kmip.port',
      { kind: 'flag', name: 'kmip.port' },
      'must be an integer',
    );
    assert.equal(
      formatError(error, { debug: false }),
      'keywarden: KW_CONFIG_INVALID: invalid setting kmip.port (flag --port): must be an integer\n',
    );
  });

  it('names the env var or file a bad setting came from', () => {
    const fromEnv = new ConfigError(
      'kmip.port',
      { kind: 'env', name: 'KEYWARDEN_KMIP_PORT' },
      'bad',
    );
    assert.match(formatError(fromEnv, { debug: false }), /\(env KEYWARDEN_KMIP_PORT\)/);
    const fromFile = new ConfigError(
      'kmip.prot',
      { kind: 'file', path: '/etc/kw.toml' },
      'unknown setting',
    );
    assert.match(formatError(fromFile, { debug: false }), /kmip\.prot \(file \/etc\/kw\.toml\)/);
  });

  it('prints one line with the code of our errors, and no stack', () => {
    const text = formatError(new ListenerStartError('127.0.0.1', 5696), { debug: false });
    assert.equal(text, 'keywarden: KW_LISTENER_START: cannot listen on 127.0.0.1:5696\n');
  });

  it('prints one line for an unexpected error, pointing at --debug', () => {
    const text = formatError(new TypeError('x is not a function\n  at y'), { debug: false });
    assert.equal(text.split('\n').length, 2);
    assert.match(
      text,
      /^keywarden: unexpected error: TypeError: x is not a function at y \(--debug/,
    );
    assert.doesNotMatch(text, /exit-codes\.test\.ts/);
  });

  it('adds the stack and causes with debug', () => {
    const error = new Error('outer', { cause: new Error('inner') });
    const text = formatError(error, { debug: true });
    assert.match(text, /^keywarden: unexpected error: Error: outer\n/);
    assert.match(text, /exit-codes\.test\.ts/);
    assert.match(text, /inner/);
  });
});

describe('isDebug', () => {
  it('is on with --debug or KEYWARDEN_DEBUG=1/true, off otherwise', () => {
    assert.equal(isDebug(true, {}), true);
    assert.equal(isDebug(undefined, { KEYWARDEN_DEBUG: '1' }), true);
    assert.equal(isDebug(undefined, { KEYWARDEN_DEBUG: 'TRUE' }), true);
    assert.equal(isDebug(undefined, { KEYWARDEN_DEBUG: '0' }), false);
    assert.equal(isDebug(undefined, {}), false);
  });
});
