import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type Fail,
  formatBigIntegerHex,
  formatDateTime,
  formatHex32,
  formatHex64,
  formatHexBytes,
  parseBigIntegerHex,
  parseBooleanText,
  parseDateTimeExtendedText,
  parseDateTimeText,
  parseHexBytes,
  parseInt32,
  parseInt64,
  parseUint32,
} from '../../../../src/kmip/xml/text-values.ts';

class Problem extends Error {}
const fail: Fail = (problem) => {
  throw new Problem(problem);
};

describe('text-values numbers', () => {
  it('reads Integers as decimal or 0x hex (two’s complement)', () => {
    assert.equal(parseInt32('256', fail), 256);
    assert.equal(parseInt32('-2147483648', fail), -2147483648);
    assert.equal(parseInt32('+7', fail), 7);
    assert.equal(parseInt32('-0', fail), 0);
    assert.equal(parseInt32('0x0000000C', fail), 12);
    assert.equal(parseInt32('0xFFFFFFFF', fail), -1);
    assert.equal(parseInt32('0x000000000000000C', fail), 12, 'leading zeros do not count');
  });

  it('refuses Integers out of range, too long or not numbers', () => {
    for (const bad of [
      '2147483648',
      '-2147483649',
      '0x100000000',
      '1e3',
      '1.0',
      '',
      '0x',
      'x1',
      '9'.repeat(50),
    ]) {
      assert.throws(() => parseInt32(bad, fail), Problem, bad);
    }
  });

  it('reads unsigned 32-bit numbers and refuses negatives', () => {
    assert.equal(parseUint32('4294967295', fail), 4294967295);
    assert.equal(parseUint32('0x80000001', fail), 0x80000001);
    assert.throws(() => parseUint32('-1', fail), Problem);
    assert.throws(() => parseUint32('4294967296', fail), Problem);
  });

  it('reads Long Integers over the whole int64 range', () => {
    assert.equal(parseInt64('-9223372036854775808', fail), -(2n ** 63n));
    assert.equal(parseInt64('0xFFFFFFFFFFFFFFFF', fail), -1n);
    assert.throws(() => parseInt64('9223372036854775808', fail), Problem);
    assert.throws(() => parseInt64('0x10000000000000000', fail), Problem);
  });

  it('prints 32- and 64-bit hex with fixed width', () => {
    assert.equal(formatHex32(12), '0x0000000C');
    assert.equal(formatHex32(-1), '0xFFFFFFFF');
    assert.equal(formatHex64(-2n), '0xFFFFFFFFFFFFFFFE');
  });
});

describe('text-values Big Integers', () => {
  it('pads the two’s complement to a multiple of 8 bytes, as TTLV does', () => {
    assert.equal(formatBigIntegerHex(0n), '0000000000000000');
    assert.equal(formatBigIntegerHex(65537n), '0000000000010001');
    assert.equal(formatBigIntegerHex(-1n), 'FFFFFFFFFFFFFFFF');
    assert.equal(formatBigIntegerHex(0x80n << 56n), '00000000000000008000000000000000');
  });

  it('reads any whole number of bytes as two’s complement', () => {
    assert.equal(parseBigIntegerHex('0000000000010001', fail), 65537n);
    assert.equal(parseBigIntegerHex('FF', fail), -1n);
    assert.equal(parseBigIntegerHex('00FF', fail), 255n);
    for (const bad of ['', 'F', 'GG']) assert.throws(() => parseBigIntegerHex(bad, fail), Problem);
  });

  it('round-trips any bigint', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 2100n), max: 2n ** 2100n }), (n) => {
        assert.equal(parseBigIntegerHex(formatBigIntegerHex(n), fail), n);
      }),
    );
  });
});

describe('text-values bytes, booleans and times', () => {
  it('round-trips byte strings as hex and refuses bad hex', () => {
    const bytes = Uint8Array.of(0, 1, 0xab, 0xff);
    assert.equal(formatHexBytes(bytes), '0001ABFF');
    assert.deepEqual(parseHexBytes('0001abFF', fail), bytes);
    assert.deepEqual(parseHexBytes('', fail), new Uint8Array(0));
    for (const bad of ['0', 'zz', '0x00']) assert.throws(() => parseHexBytes(bad, fail), Problem);
  });

  it('reads xsd:boolean and hex booleans', () => {
    assert.equal(parseBooleanText('true', fail), true);
    assert.equal(parseBooleanText('1', fail), true);
    assert.equal(parseBooleanText('0x0000000000000001', fail), true);
    assert.equal(parseBooleanText('false', fail), false);
    assert.equal(parseBooleanText('0', fail), false);
    assert.equal(parseBooleanText('0x0000000000000000', fail), false);
    for (const bad of ['TRUE', 'yes', '0x2', ''])
      assert.throws(() => parseBooleanText(bad, fail), Problem);
  });

  it('reads Date-Times as ISO 8601 or hex seconds, refusing fractions and Date overflow', () => {
    const date = new Date(Date.UTC(2012, 3, 27, 8, 12, 24));
    assert.deepEqual(parseDateTimeText('2012-04-27T08:12:24+00:00', fail), date);
    assert.deepEqual(parseDateTimeText('0x000000004F9A54E8', fail), date);
    assert.equal(formatDateTime(date), '2012-04-27T08:12:24+00:00');
    assert.equal(formatDateTime(new Date(date.getTime() + 999)), '2012-04-27T08:12:24+00:00');
    assert.throws(() => parseDateTimeText('2012-04-27T08:12:24.5Z', fail), Problem);
    assert.throws(() => parseDateTimeText('+275761-01-01T00:00:00Z', fail), Problem);
    assert.throws(() => parseDateTimeText('0x7FFFFFFFFFFFFFFF', fail), Problem);
  });

  it('reads Date Time Extended as ISO 8601 microseconds or hex', () => {
    assert.equal(parseDateTimeExtendedText('1970-01-01T00:00:01.000002+00:00', fail), 1_000_002n);
    assert.equal(parseDateTimeExtendedText('0xFFFFFFFFFFFFFFFF', fail), -1n);
    assert.throws(() => parseDateTimeExtendedText('yesterday', fail), Problem);
  });
});
