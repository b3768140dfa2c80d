import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CimDateTime } from '../../../../src/wbem/index.ts';

describe('CimDateTime', () => {
  it('reads a point in time with a negative UTC offset', () => {
    const t = new CimDateTime('20160318201500.123456-060');
    assert.deepEqual(t.point, {
      year: 2016,
      month: 3,
      day: 18,
      hour: 20,
      minute: 15,
      second: 0,
      microsecond: 123456,
      minutesFromUtc: -60,
    });
    assert.equal(t.isInterval, false);
    assert.equal(t.minutesFromUtc, -60);
    assert.equal(t.toDate().toISOString(), '2016-03-18T21:15:00.123Z');
    assert.equal(t.toString(), '20160318201500.123456-060');
  });

  it('reads an interval with out-of-range fields and normalizes it as pywbem (timedelta)', () => {
    // dddddddd=00001234, hh=56, mm=78, ss=90 (getalltypes.yaml sends this value)
    const t = new CimDateTime('00001234567890.123456:000');
    assert.equal(t.isInterval, true);
    assert.equal(t.minutesFromUtc, 0);
    assert.equal(t.toString(), '00001236091930.123456:000');
  });

  it('keeps a valid interval text unchanged', () => {
    for (const text of ['00000000000000.000000:000', '99999999235959.999999:000']) {
      assert.equal(new CimDateTime(text).toString(), text);
    }
  });

  it('normalizes interval fields like a timedelta and refuses more than 8 day digits', () => {
    assert.equal(
      String(CimDateTime.interval({ hours: 25, seconds: 61 })),
      '00000001010101.000000:000',
    );
    assert.throws(() => new CimDateTime('99999999990000.000000:000'), {
      code: 'KW_WBEM_DATETIME_FORMAT',
    });
    assert.throws(() => CimDateTime.interval({ seconds: -1 }), { code: 'KW_WBEM_DATETIME_FORMAT' });
  });

  it('formats offsets with sign and three digits', () => {
    assert.equal(String(new CimDateTime('20000101000000.000000+000')), '20000101000000.000000+000');
    assert.equal(String(new CimDateTime('20000101000000.000000-999')), '20000101000000.000000-999');
    assert.equal(
      String(CimDateTime.fromDate(new Date(Date.UTC(2020, 1, 29, 23, 30)), 90)),
      '20200301010000.000000+090',
    );
  });

  it('accepts asterisk wildcards as pywbem does and writes them back', () => {
    const cases: [string, number][] = [
      ['20180911124613.128***+000', 18],
      ['201809121230**.******+000', 12],
      ['00000000000000.******:000', 15],
      ['20180911124613.******-060', 15],
      ['00000000******.******:000', 8],
    ];
    for (const [text, precision] of cases) {
      const t = new CimDateTime(text);
      assert.equal(t.precision, precision, text);
      assert.equal(t.toString(), text);
    }
    const interval = new CimDateTime('00000001******.******:000');
    assert.equal(interval.toMicroseconds(), 86_400_000_000n);
  });

  it('refuses asterisks that are not one run ending with the microseconds', () => {
    for (const text of [
      '2018091112461*.1*****+000', // not consecutive
      '20180911124613.12345**000', // asterisk in the offset
      '201809111246**.123456+000', // run does not reach the microseconds
      '2018091112463*.******+000', // seconds field partly asterisks
      '********************.******+000',
    ]) {
      assert.throws(() => new CimDateTime(text), { code: 'KW_WBEM_DATETIME_FORMAT' }, text);
    }
  });

  it('refuses malformed text and impossible dates', () => {
    for (const text of [
      '',
      '2016031820150.123456-060',
      '20160318201500.123456-060x',
      '20160318201500,123456-060',
      '20160318201500.123456|060',
      '20160230000000.000000+000',
      '20150229000000.000000+000',
      '00000101000000.000000+000',
      '20161318000000.000000+000',
      '20160101240000.000000+000',
      '20160101006000.000000+000',
      '20160101000060.000000+000',
      '0000000012:000.000000:000',
      '00000000000000.000000:001',
    ]) {
      assert.throws(() => new CimDateTime(text), { code: 'KW_WBEM_DATETIME_FORMAT' }, text);
    }
    assert.doesNotThrow(() => new CimDateTime('20000229000000.000000+000'));
    assert.throws(() => new CimDateTime(42 as unknown as string), { code: 'KW_WBEM_TYPE' });
  });

  it('compares points by instant, whatever the offsets, and intervals by length', () => {
    const a = new CimDateTime('20160318201500.000000-060');
    const b = new CimDateTime('20160318211500.000000+000');
    const c = new CimDateTime('20160318211500.000001+000');
    assert.ok(a.equals(b));
    assert.equal(a.compare(c), -1);
    assert.equal(c.compare(b), 1);
    const i = CimDateTime.interval({ days: 1 });
    assert.ok(i.equals(CimDateTime.interval({ hours: 24 })));
    assert.ok(!i.equals(a));
    assert.throws(() => i.compare(a), { code: 'KW_WBEM_TYPE' });
    assert.throws(() => i.toDate(), { code: 'KW_WBEM_TYPE' });
  });

  it('converts from and to Date at millisecond resolution', () => {
    const date = new Date(Date.UTC(1999, 11, 24, 12, 0, 0, 5));
    const t = new CimDateTime(date);
    assert.equal(t.toString(), '19991224120000.005000+000');
    assert.equal(t.toDate().getTime(), date.getTime());
    assert.equal(CimDateTime.fromDate(date, 360).toString(), '19991224180000.005000+360');
    assert.equal(CimDateTime.fromTimestamp(0, 0).toString(), '19700101000000.000000+000');
    assert.equal(new CimDateTime('00010101000000.000000+000').toDate().getUTCFullYear(), 1);
    assert.throws(() => CimDateTime.fromDate(new Date(Number.NaN)), {
      code: 'KW_WBEM_DATETIME_FORMAT',
    });
    assert.ok(Math.abs(CimDateTime.now().toDate().getTime() - Date.now()) < 60_000);
  });

  const pointArb = fc
    .record({
      year: fc.integer({ min: 1, max: 9999 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      microsecond: fc.integer({ min: 0, max: 999_999 }),
      minutesFromUtc: fc.integer({ min: -999, max: 999 }),
    })
    .map((f) => CimDateTime.fromPoint(f));

  const intervalArb = fc
    .bigInt({ min: 0n, max: 99_999_999n * 86_400_000_000n + 86_399_999_999n })
    .map((us) => CimDateTime.fromMicroseconds(us));

  it('round-trips random points and intervals through their text exactly', () => {
    fc.assert(
      fc.property(fc.oneof(pointArb, intervalArb), (t) => {
        const text = t.toString();
        assert.equal(text.length, 25);
        const again = new CimDateTime(text);
        assert.equal(again.toString(), text);
        assert.ok(again.equals(t));
        assert.deepEqual(again.point, t.point);
        assert.deepEqual(again.interval, t.interval);
      }),
    );
  });

  it('round-trips random wildcarded texts exactly', () => {
    fc.assert(
      fc.property(pointArb, fc.integer({ min: 0, max: 6 }), (t, cut) => {
        // Wildcard the last `cut` of: seconds, minutes, hours (precision 12, 10, 8) or
        // microsecond digits (precision 15..20).
        const precision = [21, 20, 18, 15, 12, 10, 8][cut] as number;
        const chars = [...t.toString()];
        for (let i = precision; i < 21; i++) if (i !== 14) chars[i] = '*';
        const text = chars.join('');
        assert.equal(new CimDateTime(text).toString(), text);
      }),
    );
  });
});
