import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatIsoMicros, parseIsoMicros } from '../../../../src/kmip/xml/iso-date-time.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

describe('formatIsoMicros', () => {
  it('prints whole seconds as YYYY-MM-DDTHH:MM:SS+00:00', () => {
    assert.equal(formatIsoMicros(1335514344n * 1_000_000n, false), '2012-04-27T08:12:24+00:00');
    assert.equal(formatIsoMicros(0n, false), '1970-01-01T00:00:00+00:00');
  });

  it('adds six fraction digits for Date Time Extended', () => {
    assert.equal(formatIsoMicros(1n, true), '1970-01-01T00:00:00.000001+00:00');
    assert.equal(formatIsoMicros(-1n, true), '1969-12-31T23:59:59.999999+00:00');
  });

  it('agrees with Date#toISOString over the whole Date range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e12, max: 8.64e12 }), (seconds) => {
        const expected = new Date(seconds * 1000).toISOString().replace('.000Z', '+00:00');
        assert.equal(formatIsoMicros(BigInt(seconds) * 1_000_000n, false), expected);
      }),
    );
  });

  it('uses expanded years outside 0000-9999 and handles leap days', () => {
    assert.equal(
      formatIsoMicros(8_640_000_000_000n * 1_000_000n, false),
      '+275760-09-13T00:00:00+00:00',
    );
    assert.equal(
      formatIsoMicros(-62_198_755_200n * 1_000_000n, false),
      '-000001-01-01T00:00:00+00:00',
    );
    assert.equal(formatIsoMicros(951_782_400n * 1_000_000n, false), '2000-02-29T00:00:00+00:00');
  });
});

describe('parseIsoMicros', () => {
  it('reads the zone offset, Z and a missing zone (UTC)', () => {
    const utc = 1335514344n * 1_000_000n;
    assert.equal(parseIsoMicros('2012-04-27T08:12:24+00:00'), utc);
    assert.equal(parseIsoMicros('2012-04-27T08:12:24Z'), utc);
    assert.equal(parseIsoMicros('2012-04-27T08:12:24'), utc);
    assert.equal(parseIsoMicros('2012-04-27T18:12:24+10:00'), utc);
    assert.equal(parseIsoMicros('2012-04-27T07:42:24-00:30'), utc);
  });

  it('reads fractions up to microseconds and zero digits beyond', () => {
    assert.equal(parseIsoMicros('1970-01-01T00:00:00.5Z'), 500_000n);
    assert.equal(parseIsoMicros('1970-01-01T00:00:00.000001000Z'), 1n);
    assert.equal(typeof parseIsoMicros('1970-01-01T00:00:00.0000001Z'), 'string');
  });

  it('returns a problem for text that is not a valid date-time', () => {
    for (const bad of [
      '',
      '2012-04-27',
      '2012-04-27 08:12:24Z',
      '2012-13-01T00:00:00Z',
      '2011-02-29T00:00:00Z',
      '2012-04-31T00:00:00Z',
      '2012-04-27T24:00:00Z',
      '2012-04-27T23:60:00Z',
      '2012-04-27T23:59:60Z',
      '2012-04-27T23:59:59+24:00',
      '2012-04-27T23:59:59+01:60',
      '2012-04-27T23:59:59.1234567891Z',
      '+999999-12-31T23:59:59Z',
    ]) {
      assert.equal(typeof parseIsoMicros(bad), 'string', bad);
    }
  });

  it('round-trips every int64 microsecond value through formatIsoMicros', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), (micros) => {
        assert.equal(parseIsoMicros(formatIsoMicros(micros, true)), micros);
      }),
    );
  });

  it('round-trips whole seconds printed without a fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e12, max: 8.64e12 }), (seconds) => {
        const micros = BigInt(seconds) * 1_000_000n;
        assert.equal(parseIsoMicros(formatIsoMicros(micros, false)), micros);
      }),
    );
  });
});
