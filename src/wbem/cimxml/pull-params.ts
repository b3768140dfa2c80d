/**
 * EndOfSequence and EnumerationContext of pull operations (DSP0200 §5.3.2.18-21), which come
 * back as PARAMVALUEs of the IMETHODRESPONSE; rules as pywbem's `_get_rslt_params`.
 */
import { CimXmlParseError } from '../errors.ts';
import type { ParamValue } from './parse-response.ts';

/** The state of an open enumeration after a pull response. */
export interface PullState {
  readonly endOfSequence: boolean;
  /** The context for the next Pull, or null when the sequence ended. */
  readonly enumerationContext: string | null;
}

/**
 * Reads EndOfSequence and EnumerationContext. Both missing, an EndOfSequence that is not
 * TRUE/FALSE, or no context although the sequence has not ended, are CimXmlParseErrors.
 * @throws KW_WBEM_CIMXML_PARSE
 */
export function readPullState(params: readonly ParamValue[]): PullState {
  let endOfSequence: boolean | null = null;
  let context: string | null = null;
  let sawContext = false;
  for (const param of params) {
    if (param.name === 'EndOfSequence') {
      const text = typeof param.value === 'string' ? param.value.trim().toLowerCase() : param.value;
      if (text === 'true' || text === true) endOfSequence = true;
      else if (text === 'false' || text === false) endOfSequence = false;
      else throw new CimXmlParseError('EndOfSequence is neither TRUE nor FALSE');
    } else if (param.name === 'EnumerationContext') {
      sawContext = true;
      if (typeof param.value === 'string' && param.value !== '') context = param.value;
    }
  }
  if (endOfSequence === null && !sawContext) {
    throw new CimXmlParseError('pull response has neither EndOfSequence nor EnumerationContext');
  }
  if (endOfSequence !== true && context === null) {
    throw new CimXmlParseError('pull response has no EnumerationContext but has not ended');
  }
  return {
    endOfSequence: endOfSequence === true,
    enumerationContext: endOfSequence ? null : context,
  };
}
