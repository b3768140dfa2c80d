/**
 * ISO 8601 date-times as the KMIP text encodings print them (XML `xsd:dateTime`, JSON
 * strings): `2012-04-27T08:12:24+00:00`, or with six fraction digits for Date Time Extended.
 * Shared by the XML and JSON encodings.
 *
 * Works on int64 microseconds (bigint) with its own proleptic Gregorian calendar so that
 * every Date Time Extended value round-trips, including years `Date` cannot hold; years
 * outside 0000–9999 use the ISO 8601 expanded form (`+275760`, `-000001`).
 */

const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_DAY = 86_400_000_000n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

// Optional sign and 4–6 digit year, as xsd:dateTime and ISO 8601 expanded years allow; the
// fraction is bounded so a hostile value cannot make us parse a huge number.
const ISO_DATE_TIME =
  /^([+-]?)(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms", days_from_civil).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

// The inverse (civil_from_days).
function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [month <= 2 ? yearOfEra + era * 400 + 1 : yearOfEra + era * 400, month, day];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Formats int64 microseconds since the Unix epoch as UTC ISO 8601. `withFraction` adds six
 * fraction digits (Date Time Extended); without it the value must be whole seconds.
 */
export function formatIsoMicros(micros: bigint, withFraction: boolean): string {
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    days -= 1n;
    rest += MICROS_PER_DAY;
  }
  const [year, month, day] = civilFromDays(Number(days));
  const microOfDay = Number(rest);
  const secondOfDay = Math.floor(microOfDay / 1_000_000);
  const yearText =
    year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
  const time = `${pad(Math.floor(secondOfDay / 3600), 2)}:${pad(Math.floor(secondOfDay / 60) % 60, 2)}:${pad(secondOfDay % 60, 2)}`;
  const fraction = withFraction ? `.${pad(microOfDay % 1_000_000, 6)}` : '';
  return `${yearText}-${pad(month, 2)}-${pad(day, 2)}T${time}${fraction}+00:00`;
}

/**
 * Parses an ISO 8601 date-time into int64 microseconds since the Unix epoch, or returns a
 * problem text. A missing zone means UTC. Fraction digits beyond microseconds must be zero.
 */
export function parseIsoMicros(text: string): bigint | string {
  const m = ISO_DATE_TIME.exec(text);
  if (m === null) return 'not an ISO 8601 date-time';
  const [, sign, yearDigits, mo, d, h, mi, s, fraction, zone] = m as unknown as string[];
  const year = Number(yearDigits) * (sign === '-' ? -1 : 1);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return 'date out of range';
  }
  if (hour > 23 || minute > 59 || second > 59) return 'time out of range';
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneHours > 23 || zoneMinutes > 59) return 'time zone out of range';
    offsetMinutes = (zoneHours * 60 + zoneMinutes) * (zone.startsWith('-') ? -1 : 1);
  }
  let micros = 0n;
  if (fraction !== undefined) {
    const digits = fraction.padEnd(9, '0');
    if (!digits.endsWith('000')) return 'more precise than microseconds';
    micros = BigInt(digits.slice(0, 6));
  }
  const seconds =
    daysFromCivil(year, month, day) * 86400 +
    hour * 3600 +
    minute * 60 +
    second -
    offsetMinutes * 60;
  const total = BigInt(seconds) * MICROS_PER_SECOND + micros;
  if (total < INT64_MIN || total > INT64_MAX) return 'outside the int64 microsecond range';
  return total;
}
