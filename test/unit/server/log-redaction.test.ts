import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { censorFields, mayNameField } from '../../../src/server/log-redaction.ts';

const FIELDS = new Set(['password', 'key']);
const serialize = (error: Error): unknown => ({ ...error, type: error.name, text: error.message });
const censor = (value: unknown): unknown => censorFields(value, FIELDS, '[X]', serialize);

describe('censorFields', () => {
  it('returns the same reference when nothing is secret', () => {
    const value = { a: 1, b: { c: [1, { d: 'x' }] }, when: new Date(0), bytes: new Uint8Array(2) };
    assert.equal(censor(value), value);
  });

  it('copies only the path to a secret field', () => {
    const untouched = { z: 1 };
    const value = { a: { password: 'p' }, b: untouched, list: [{ key: 'k' }, 2] };
    const out = censor(value) as typeof value;
    assert.deepEqual(out, { a: { password: '[X]' }, b: { z: 1 }, list: [{ key: '[X]' }, 2] });
    assert.equal(out.b, untouched);
    assert.equal(value.a.password, 'p');
  });

  it('reaches eight levels below the top', () => {
    let value: Record<string, unknown> = { password: 'p' };
    for (let i = 0; i < 8; i++) value = { n: value };
    assert.equal(JSON.stringify(censor(value)).includes('"p"'), false);
  });

  it('survives cycles (bounded depth)', () => {
    const value: Record<string, unknown> = { a: 1 };
    value['self'] = value;
    assert.equal(censor(value), value);
  });

  it('never lets a secret field value through (property)', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.constant(null));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'password', 'key'), tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        const check = (v: unknown, depth: number): void => {
          if (typeof v !== 'object' || v === null || depth > 8) return;
          for (const [k, item] of Object.entries(v)) {
            if (FIELDS.has(k)) assert.equal(item, '[X]');
            else check(item, depth + 1);
          }
        };
        check(censor(value), 0);
      }),
    );
  });
});

describe('mayNameField', () => {
  it('finds a field used as a key in JSON text, not a look-alike', () => {
    const test = mayNameField(['password', 'a.b']);
    assert.equal(test(',"user":{"password":"x"}'), true);
    assert.equal(test(',"passwords":"x"'), false);
    assert.equal(test(',"aXb":1'), false);
    assert.equal(test(',"a.b":1'), true);
  });
});
