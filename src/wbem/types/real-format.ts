/**
 * Float formatting exactly as pywbem produces it:
 * - CIM-XML (pywbem atomic_to_cim_xml, DSP0201 §5.2.2): Python `'{:.11G}'` for real32 and
 *   `'{:.17G}'` for real64, with `.0` added when there is no decimal point, and `INF`,
 *   `-INF`, `NaN` for the special values.
 * - MOF and WBEM URIs: Python `repr(float)` (shortest round-trip digits).
 * Rounding is on the exact binary value, half to even, as CPython does; JavaScript's
 * toPrecision() rounds ties up, so the digits are computed with bigints instead.
 */

/** The exact decimal value of a finite, non-zero |x|: digits × 10^exponent. */
function exactDecimal(x: number): { digits: string; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let power2: number;
  if (biased === 0) {
    power2 = -1074; // subnormal: no implicit bit
  } else {
    mantissa |= 1n << 52n;
    power2 = biased - 1075;
  }
  if (power2 >= 0) return { digits: (mantissa << BigInt(power2)).toString(), exponent: 0 };
  // m / 2^k = m * 5^k / 10^k
  return { digits: (mantissa * 5n ** BigInt(-power2)).toString(), exponent: power2 };
}

/** Rounds |x| to `precision` significant digits, half to even. */
function roundedDigits(x: number, precision: number): { digits: string; sciExponent: number } {
  const { digits, exponent } = exactDecimal(x);
  let sciExponent = digits.length - 1 + exponent;
  if (digits.length <= precision) {
    return { digits: digits.padEnd(precision, '0'), sciExponent };
  }
  const kept = digits.slice(0, precision);
  const rest = digits.slice(precision);
  const half = '5'.padEnd(rest.length, '0');
  const lastOdd = Number(kept[kept.length - 1]) % 2 === 1;
  const roundUp = rest > half || (rest === half && lastOdd);
  if (!roundUp) return { digits: kept, sciExponent };
  let bumped = (BigInt(kept) + 1n).toString();
  if (bumped.length > precision) {
    bumped = bumped.slice(0, precision);
    sciExponent += 1;
  }
  return { digits: bumped, sciExponent };
}

function stripFraction(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function exponentText(exponent: number, marker: 'E' | 'e'): string {
  const sign = exponent < 0 ? '-' : '+';
  return `${marker}${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function placeDigits(digits: string, sciExponent: number): string {
  if (sciExponent < 0) return `0.${'0'.repeat(-sciExponent - 1)}${digits}`;
  if (sciExponent + 1 >= digits.length) return digits.padEnd(sciExponent + 1, '0');
  return `${digits.slice(0, sciExponent + 1)}.${digits.slice(sciExponent + 1)}`;
}

/** Python `format(x, '.{precision}G')`. */
export function formatGeneral(x: number, precision: number): string {
  if (Number.isNaN(x)) return 'NAN';
  if (!Number.isFinite(x)) return x > 0 ? 'INF' : '-INF';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0`;
  const { digits, sciExponent } = roundedDigits(x, precision);
  if (sciExponent >= -4 && sciExponent < precision) {
    return sign + stripFraction(placeDigits(digits, sciExponent));
  }
  const mantissa = stripFraction(`${digits[0]}.${digits.slice(1)}`);
  return `${sign}${mantissa}${exponentText(sciExponent, 'E')}`;
}

/** CIM-XML text of a real value (pywbem atomic_to_cim_xml): 11 digits for real32, 17 for real64. */
export function formatCimXmlReal(x: number, cimType: 'real32' | 'real64'): string {
  const text = formatGeneral(x, cimType === 'real32' ? 11 : 17);
  if (text === 'NAN') return 'NaN';
  if (text === 'INF' || text === '-INF') return text;
  if (text.includes('.')) return text;
  const [mantissa, exponent] = text.split('E');
  return exponent === undefined ? `${mantissa}.0` : `${mantissa}.0E${exponent}`;
}

/** Python `repr(float)`: shortest round-trip digits, `.0` on integral values, `e` notation. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0.0`;
  // toExponential() without an argument gives the shortest digits that round-trip.
  const [mantissa = '', exp = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const sciExponent = Number(exp);
  if (sciExponent >= -4 && sciExponent < 16) {
    const fixed = placeDigits(digits, sciExponent);
    return sign + (fixed.includes('.') ? fixed : `${fixed}.0`);
  }
  const shortMantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${shortMantissa}${exponentText(sciExponent, 'e')}`;
}
