/**
 * The 25-character CIM datetime format (DSP0004 §5.2.4), read and written as pywbem does:
 *   point in time: yyyymmddhhmmss.mmmmmmsutc   (s = '+' or '-', utc = offset in minutes)
 *   interval:      ddddddddhhmmss.mmmmmm:000
 * Asterisks mark insignificant digits: one consecutive run (the '.' may sit inside it) that
 * ends with the microseconds; a field other than the microseconds is either all digits or
 * all asterisks. An all-asterisk field reads as its minimum value; asterisks in the
 * microseconds read as 0. `precision` is the index of the first asterisk.
 * Unlike pywbem, trailing characters after the 25 are refused and the sign is only + or -.
 */
import { CimDateTimeFormatError } from '../errors.ts';

/** Fields of a point in time, as written (local time at the UTC offset). */
export interface CimPointFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly microsecond: number;
  /** Offset of the local time from UTC in minutes, east positive. */
  readonly minutesFromUtc: number;
}

/** Fields of a time interval. */
export interface CimIntervalFields {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly microseconds: number;
}

/** A parsed datetime string. Interval fields are not yet normalized. */
export type ParsedDateTime =
  | { kind: 'point'; fields: CimPointFields; precision: number | null }
  | { kind: 'interval'; fields: CimIntervalFields; precision: number | null };

const POINT =
  /^([\d*]{4})([\d*]{2})([\d*]{2})([\d*]{2})([\d*]{2})([\d*]{2})\.([\d*]{6})([+-])(\d{3})$/;
const INTERVAL = /^([\d*]{8})([\d*]{2})([\d*]{2})([\d*]{2})\.([\d*]{6}):000$/;
const MICROS_END = 21; // index just after the microseconds field

function precisionOf(text: string): number | null {
  const first = text.indexOf('*');
  if (first < 0) return null;
  const after = text.lastIndexOf('*') + 1;
  if (!/^[*.]+$/.test(text.slice(first, after))) {
    throw new CimDateTimeFormatError(text, 'asterisks are not consecutive');
  }
  if (after !== MICROS_END) {
    throw new CimDateTimeFormatError(text, 'asterisks do not include the least significant field');
  }
  return first;
}

function field(text: string, part: string, name: string, min: number, isMicros = false): number {
  if (!part.includes('*')) return Number(part);
  if (isMicros) return Number(part.replaceAll('*', '0'));
  if (!/^\*+$/.test(part)) {
    throw new CimDateTimeFormatError(text, `asterisks in the ${name} field do not fill it`);
  }
  return min;
}

/**
 * Parses a CIM datetime string into fields (not yet range-checked, see CimDateTime).
 * @throws KW_WBEM_DATETIME_FORMAT
 */
export function parseDateTimeText(text: string): ParsedDateTime {
  const point = POINT.exec(text);
  if (point) {
    const precision = precisionOf(text);
    const [, y = '', mo = '', d = '', h = '', mi = '', s = '', us = '', sign, utc = ''] = point;
    const offset = Number(utc);
    return {
      kind: 'point',
      precision,
      fields: {
        year: field(text, y, 'year', 0),
        month: field(text, mo, 'month', 1),
        day: field(text, d, 'day', 1),
        hour: field(text, h, 'hour', 0),
        minute: field(text, mi, 'minute', 0),
        second: field(text, s, 'second', 0),
        microsecond: field(text, us, 'microsecond', 0, true),
        minutesFromUtc: sign === '-' ? -offset : offset,
      },
    };
  }
  const interval = INTERVAL.exec(text);
  if (interval) {
    const precision = precisionOf(text);
    const [, d = '', h = '', mi = '', s = '', us = ''] = interval;
    return {
      kind: 'interval',
      precision,
      fields: {
        days: field(text, d, 'days', 0),
        hours: field(text, h, 'hours', 0),
        minutes: field(text, mi, 'minutes', 0),
        seconds: field(text, s, 'seconds', 0),
        microseconds: field(text, us, 'microseconds', 0, true),
      },
    };
  }
  throw new CimDateTimeFormatError(text, 'not in the 25-character CIM datetime format');
}

/** Writes one field, with asterisks from `precision` on (pywbem CIMDateTime._to_str). */
function fieldText(value: number, begin: number, length: number, precision: number | null) {
  const digits = String(value).padStart(length, '0');
  if (precision === null || precision >= begin + length) return digits;
  const keep = Math.max(0, precision - begin);
  return digits.slice(0, keep) + '*'.repeat(length - keep);
}

/** Formats point fields as the 25-character CIM datetime string. */
export function formatPoint(f: CimPointFields, precision: number | null): string {
  const sign = f.minutesFromUtc < 0 ? '-' : '+';
  const utc = String(Math.abs(f.minutesFromUtc)).padStart(3, '0');
  return (
    fieldText(f.year, 0, 4, precision) +
    fieldText(f.month, 4, 2, precision) +
    fieldText(f.day, 6, 2, precision) +
    fieldText(f.hour, 8, 2, precision) +
    fieldText(f.minute, 10, 2, precision) +
    fieldText(f.second, 12, 2, precision) +
    '.' +
    fieldText(f.microsecond, 15, 6, precision) +
    sign +
    utc
  );
}

/** Formats (normalized) interval fields as the 25-character CIM datetime string. */
export function formatInterval(f: CimIntervalFields, precision: number | null): string {
  return (
    fieldText(f.days, 0, 8, precision) +
    fieldText(f.hours, 8, 2, precision) +
    fieldText(f.minutes, 10, 2, precision) +
    fieldText(f.seconds, 12, 2, precision) +
    '.' +
    fieldText(f.microseconds, 15, 6, precision) +
    ':000'
  );
}
