/**
 * The text of a scalar value inside a CIM-XML VALUE or KEYVALUE element (DSP0201 §5.2.2),
 * as pywbem's atomic_to_cim_xml writes it.
 */
import { CimTypeError } from '../errors.ts';
import { Char16 } from '../types/char16.ts';
import { CimDateTime } from '../types/datetime.ts';
import { CimInteger } from '../types/integers.ts';
import { formatCimXmlReal } from '../types/real-format.ts';
import { CimReal } from '../types/reals.ts';

/**
 * CIM-XML text of an atomic (non-array, non-object) value: booleans as TRUE/FALSE, integers in
 * decimal, real32 with 11 and real64 with 17 significant digits, datetimes in CIM format. A
 * plain number is written as an integer if integral, else as a real64.
 * @throws KW_WBEM_TYPE for other values
 */
export function atomicToCimXml(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof CimInteger || value instanceof CimDateTime || value instanceof Char16) {
    return value.toString();
  }
  if (value instanceof CimReal) return formatCimXmlReal(value.value, value.cimType);
  if (value instanceof Date) return CimDateTime.fromDate(value).toString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : formatCimXmlReal(value, 'real64');
  }
  throw new CimTypeError(`a ${typeof value} cannot be written as a CIM-XML value`);
}
