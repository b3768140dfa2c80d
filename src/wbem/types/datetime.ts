/**
 * CIM datetime values (DSP0004 §5.2.4): a point in time with a UTC offset in minutes, or a
 * time interval, both to the microsecond. Mirrors pywbem's CIMDateTime: points follow Python
 * datetime rules (years 1–9999, real calendar dates, no leap seconds); intervals are
 * normalized as a Python timedelta (e.g. 25 hours → 1 day 1 hour) and must fit 8 day digits.
 */
import { CimDateTimeFormatError, CimInvalidValueError, CimTypeError } from '../errors.ts';
import {
  formatInterval,
  formatPoint,
  parseDateTimeText,
  type CimIntervalFields,
  type CimPointFields,
} from './datetime-text.ts';

export type { CimIntervalFields, CimPointFields } from './datetime-text.ts';

const US_PER_SECOND = 1_000_000n;
const US_PER_MINUTE = 60n * US_PER_SECOND;
const US_PER_DAY = 1440n * US_PER_MINUTE;
const MAX_INTERVAL_DAYS = 99_999_999;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkPoint(f: CimPointFields, shown: string): void {
  const bad = (why: string): never => {
    throw new CimDateTimeFormatError(shown, why);
  };
  const all = Object.values(f) as number[];
  if (!all.every(Number.isInteger)) bad('fields must be integers');
  if (f.year < 1 || f.year > 9999) bad(`year ${f.year} is out of range 1..9999`);
  if (f.month < 1 || f.month > 12) bad(`month ${f.month} is out of range`);
  if (f.day < 1 || f.day > daysInMonth(f.year, f.month)) bad(`day ${f.day} is out of range`);
  if (f.hour > 23 || f.minute > 59 || f.second > 59) bad('time of day is out of range');
  if (f.hour < 0 || f.minute < 0 || f.second < 0) bad('time of day is out of range');
  if (f.microsecond < 0 || f.microsecond > 999_999) bad('microseconds are out of range');
  if (Math.abs(f.minutesFromUtc) > 999) bad('UTC offset does not fit 3 digits');
}

function splitInterval(total: bigint): CimIntervalFields {
  const days = total / US_PER_DAY;
  let rest = total % US_PER_DAY;
  const hours = rest / (60n * US_PER_MINUTE);
  rest %= 60n * US_PER_MINUTE;
  const minutes = rest / US_PER_MINUTE;
  rest %= US_PER_MINUTE;
  return {
    days: Number(days),
    hours: Number(hours),
    minutes: Number(minutes),
    seconds: Number(rest / US_PER_SECOND),
    microseconds: Number(rest % US_PER_SECOND),
  };
}

function intervalTotal(f: Partial<CimIntervalFields>, shown: string): bigint {
  const parts = [f.days ?? 0, f.hours ?? 0, f.minutes ?? 0, f.seconds ?? 0, f.microseconds ?? 0];
  if (!parts.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new CimDateTimeFormatError(shown, 'interval fields must be non-negative integers');
  }
  const [d = 0n, h = 0n, mi = 0n, s = 0n, us = 0n] = parts.map((n) => BigInt(n));
  const total = d * US_PER_DAY + h * 60n * US_PER_MINUTE + mi * US_PER_MINUTE;
  return total + s * US_PER_SECOND + us;
}

/**
 * A CIM datetime: a point in time or an interval.
 *
 * @example
 * const t = new CimDateTime('20160318201500.123456-060');
 * t.point?.minutesFromUtc; // -60
 * t.toDate().toISOString(); // '2016-03-18T21:15:00.123Z'
 * String(CimDateTime.interval({ hours: 25 })); // '00000001010000.000000:000'
 */
export class CimDateTime {
  readonly cimType = 'datetime';
  /** Fields of the point in time, or null for an interval. */
  readonly point: CimPointFields | null;
  /** Normalized fields of the interval, or null for a point in time. */
  readonly interval: CimIntervalFields | null;
  /** Index of the first asterisk of the text this came from, or null (pywbem `precision`). */
  readonly precision: number | null;
  readonly #micros: bigint;

  /**
   * From CIM datetime text, a Date (a UTC point in time), or another CimDateTime (copied).
   * @throws KW_WBEM_DATETIME_FORMAT for invalid text; KW_WBEM_TYPE for other input types
   */
  constructor(input: string | Date | CimDateTime) {
    if (input instanceof CimDateTime) {
      this.point = input.point;
      this.interval = input.interval;
      this.precision = input.precision;
      this.#micros = input.#micros;
      return;
    }
    if (input instanceof Date) {
      const copy = CimDateTime.fromDate(input);
      this.point = copy.point;
      this.interval = null;
      this.precision = null;
      this.#micros = copy.#micros;
      return;
    }
    if (typeof input !== 'string') {
      throw new CimTypeError(`a ${typeof input} cannot be a CIM datetime value`);
    }
    const parsed = parseDateTimeText(input);
    this.precision = parsed.precision;
    if (parsed.kind === 'point') {
      checkPoint(parsed.fields, input);
      this.point = parsed.fields;
      this.interval = null;
      this.#micros = CimDateTime.#pointMicros(parsed.fields);
    } else {
      this.#micros = intervalTotal(parsed.fields, input);
      this.interval = splitInterval(this.#micros);
      this.point = null;
      if (this.interval.days > MAX_INTERVAL_DAYS) {
        throw new CimDateTimeFormatError(input, 'normalized interval exceeds 99999999 days');
      }
    }
  }

  static #pointMicros(f: CimPointFields): bigint {
    const days = BigInt(daysFromCivil(f.year, f.month, f.day));
    const local =
      days * US_PER_DAY +
      BigInt(f.hour * 3600 + f.minute * 60 + f.second) * US_PER_SECOND +
      BigInt(f.microsecond);
    return local - BigInt(f.minutesFromUtc) * US_PER_MINUTE;
  }

  /**
   * A point in time from its fields (local time at `minutesFromUtc`).
   * @throws KW_WBEM_DATETIME_FORMAT when a field is out of range
   */
  static fromPoint(fields: CimPointFields): CimDateTime {
    checkPoint(fields, JSON.stringify(fields));
    return new CimDateTime(formatPoint(fields, null));
  }

  /**
   * An interval; the fields are added up and normalized (missing fields are 0).
   * @throws KW_WBEM_DATETIME_FORMAT for negative fields or more than 99999999 days
   */
  static interval(fields: Partial<CimIntervalFields>): CimDateTime {
    const shown = JSON.stringify(fields);
    const split = splitInterval(intervalTotal(fields, shown));
    if (split.days > MAX_INTERVAL_DAYS) {
      throw new CimDateTimeFormatError(shown, 'interval exceeds 99999999 days');
    }
    return new CimDateTime(formatInterval(split, null));
  }

  /** An interval of `micros` microseconds. @throws KW_WBEM_DATETIME_FORMAT */
  static fromMicroseconds(micros: bigint): CimDateTime {
    if (micros < 0n) throw new CimDateTimeFormatError(String(micros), 'negative interval');
    return CimDateTime.interval(splitInterval(micros));
  }

  /**
   * The point in time of `date`, written as local time at `minutesFromUtc` (default UTC).
   * Date has millisecond resolution, so the microseconds are a multiple of 1000.
   * @throws KW_WBEM_DATETIME_FORMAT outside years 1..9999 or for an invalid Date
   */
  static fromDate(date: Date, minutesFromUtc = 0): CimDateTime {
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw new CimDateTimeFormatError('Invalid Date', 'invalid Date');
    if (!Number.isInteger(minutesFromUtc) || Math.abs(minutesFromUtc) > 999) {
      throw new CimInvalidValueError(`UTC offset ${minutesFromUtc} does not fit 3 digits`);
    }
    const local = new Date(ms + minutesFromUtc * 60_000);
    return CimDateTime.fromPoint({
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      second: local.getUTCSeconds(),
      microsecond: local.getUTCMilliseconds() * 1000,
      minutesFromUtc,
    });
  }

  /** The offset of this machine's local time zone from UTC now, in minutes east. */
  static localUtcOffset(): number {
    return -new Date().getTimezoneOffset();
  }

  /** The current time at `minutesFromUtc` (default: the local offset). */
  static now(minutesFromUtc = CimDateTime.localUtcOffset()): CimDateTime {
    return CimDateTime.fromDate(new Date(), minutesFromUtc);
  }

  /** The point in time of a POSIX timestamp in seconds, at `minutesFromUtc` (default local). */
  static fromTimestamp(seconds: number, minutesFromUtc = CimDateTime.localUtcOffset()) {
    return CimDateTime.fromDate(new Date(seconds * 1000), minutesFromUtc);
  }

  /** True for an interval, false for a point in time. */
  get isInterval(): boolean {
    return this.interval !== null;
  }

  /** UTC offset in minutes of a point in time; 0 for an interval (as pywbem). */
  get minutesFromUtc(): number {
    return this.point?.minutesFromUtc ?? 0;
  }

  /** Microseconds since 1970-01-01T00:00Z of a point, or the length of an interval. */
  toMicroseconds(): bigint {
    return this.#micros;
  }

  /** The point in time as a Date (microseconds truncated). @throws KW_WBEM_TYPE for intervals */
  toDate(): Date {
    if (this.point === null) throw new CimTypeError('a CIM interval is not a point in time');
    const ms = this.#micros / 1000n - (this.#micros % 1000n < 0n ? 1n : 0n);
    return new Date(Number(ms));
  }

  /** The 25-character CIM datetime text. */
  toString(): string {
    if (this.point !== null) return formatPoint(this.point, this.precision);
    return formatInterval(this.interval as CimIntervalFields, this.precision);
  }

  toJSON(): string {
    return this.toString();
  }

  /**
   * Same kind and same instant (points, whatever their offsets) or same length (intervals).
   * Precision is not compared, as in pywbem.
   */
  equals(other: unknown): boolean {
    return (
      other instanceof CimDateTime &&
      other.isInterval === this.isInterval &&
      other.#micros === this.#micros
    );
  }

  /**
   * Orders two points by instant or two intervals by length: negative, 0 or positive.
   * @throws KW_WBEM_TYPE when comparing a point with an interval
   */
  compare(other: CimDateTime): number {
    if (other.isInterval !== this.isInterval) {
      throw new CimTypeError('cannot compare a point in time with an interval');
    }
    return this.#micros < other.#micros ? -1 : this.#micros > other.#micros ? 1 : 0;
  }
}
