import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getIniValue, parseIni } from '../../../src/config/index.ts';

const get = (text: string, section: string, name: string) =>
  getIniValue(parseIni(text, 'x.conf'), section, name);

describe('parseIni (Python configparser semantics)', () => {
  it('reads = and : delimiters, trims around them, and folds option names to lower case', () => {
    const doc = parseIni('[server]\nHostName = 127.0.0.1\nport: 5696\nempty=\n', 'x.conf');
    assert.deepEqual(
      [...(doc.sections.get('server') ?? [])],
      [
        ['hostname', '127.0.0.1'],
        ['port', '5696'],
        ['empty', ''],
      ],
    );
  });

  it('splits at the first delimiter, so values may contain = and :', () => {
    assert.equal(get('[s]\nurl = http://h:80/?a=b\n', 's', 'url'), 'http://h:80/?a=b');
  });

  it('skips full-line # and ; comments but keeps inline ones as value text', () => {
    const text = '# top\n[s]\n; note\n  # indented comment\na = 1 # not a comment\n';
    assert.equal(get(text, 's', 'a'), '1 # not a comment');
  });

  it('joins indented continuation lines with newlines, keeping inner blank lines', () => {
    const text = '[s]\nlist=\n    ONE\n    TWO\n\n    THREE\n\nnext = 2\n';
    assert.equal(get(text, 's', 'list'), '\nONE\nTWO\n\nTHREE');
    assert.equal(get(text, 's', 'next'), '2');
  });

  it('lets sections inherit DEFAULT', () => {
    const text = '[DEFAULT]\nbase = /etc/pykmip\n[server]\nport = 1\n';
    assert.equal(get(text, 'server', 'base'), '/etc/pykmip');
  });

  it('expands %(name)s from the same section or DEFAULT, recursively, and %% to %', () => {
    const text =
      '[DEFAULT]\nroot = /etc\n[s]\ndir = %(root)s/pykmip\ncert = %(DIR)s/c.pem\npct = 100%%\n';
    assert.equal(get(text, 's', 'cert'), '/etc/pykmip/c.pem');
    assert.equal(get(text, 's', 'pct'), '100%');
  });

  for (const [name, text, line] of [
    ['a setting before any section', 'a = 1\n', 1],
    ['a line without delimiter', '[s]\njunk\n', 2],
    ['an empty option name', '[s]\n= 1\n', 2],
    ['a repeated section', '[s]\n[t]\n[s]\n', 3],
    ['a repeated option', '[s]\na = 1\nA = 2\n', 3],
  ] as const) {
    it(`refuses ${name} with KW_CONFIG_PARSE at line ${line}`, () => {
      assert.throws(() => parseIni(text, 'x.conf'), {
        code: 'KW_CONFIG_PARSE',
        path: 'x.conf',
        line,
      });
    });
  }

  for (const [name, value] of [
    ['a lone %', '50% off'],
    ['an unknown reference', '%(nope)s'],
    ['a reference loop', '%(v)s'],
  ] as const) {
    it(`refuses ${name} in interpolation with KW_CONFIG_PARSE`, () => {
      assert.throws(() => get(`[s]\nv = ${value}\n`, 's', 'v'), {
        code: 'KW_CONFIG_PARSE',
        line: 2,
      });
    });
  }

  it('returns undefined for an option that is not there', () => {
    assert.equal(get('[s]\na = 1\n', 's', 'b'), undefined);
  });
});
