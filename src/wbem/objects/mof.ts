/**
 * MOF text of values and qualifier lists (DSP0004 Annex A), laid out exactly as pywbem's
 * tomof() does: 80-column lines, 3-space indent, long strings split at blanks.
 * Lengths count Unicode code points, as Python's len() does.
 */
import { CimTypeError } from '../errors.ts';
import type { NocaseDict } from '../nocase-dict.ts';
import { Char16 } from '../types/char16.ts';
import { CimDateTime } from '../types/datetime.ts';
import { CimInteger } from '../types/integers.ts';
import { pythonFloatRepr } from '../types/real-format.ts';
import { CimReal } from '../types/reals.ts';
import { isClass, isClassName, isInstance, isInstanceName } from './kinds.ts';
import type { CimQualifier } from './qualifier.ts';

export const MOF_INDENT = 3;
export const MAX_MOF_LINE = 80;

/** A MOF fragment and the column the current line ends at. */
export interface MofPiece {
  readonly mof: string;
  readonly linePos: number;
}

export function indentStr(indent: number): string {
  return ' '.repeat(Math.max(0, indent));
}

/** Backslash-escapes a string for a MOF string constant (pywbem `_mof_escaped`). */
export function mofEscaped(text: string): string {
  const named: Record<string, string> = {
    '\\': '\\\\',
    '\b': '\\b',
    '\t': '\\t',
    '\n': '\\n',
    '\f': '\\f',
    '\r': '\\r',
    '"': '\\"',
    "'": "\\'",
  };
  // eslint-disable-next-line no-control-regex -- DSP0004 escapes the control range U+0001-U+001F
  return text.replace(/[\\\u0001-\u001f"']/g, (c) => {
    const known = named[c];
    if (known !== undefined) return known;
    return `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** A string value, quoted, split over lines as needed (pywbem `mofstr`). */
export function mofStr(
  value: string,
  indent: number,
  maxline: number,
  linePosIn: number,
  endSpace: number,
  avoidSplits: boolean,
  quote = '"',
): MofPiece {
  let chars = Array.from(mofEscaped(value));
  let linePos = linePosIn;
  const newLine = `\n${indentStr(indent)}`;
  const out: string[] = [];
  const rfindBlank = (end: number) => chars.slice(0, Math.max(0, end)).lastIndexOf(' ');
  for (;;) {
    let avl = maxline - linePos - 2;
    if (chars.length > avl - endSpace) {
      if (avoidSplits || avl < 0 || rfindBlank(avl) < 0) {
        out.push(newLine);
        linePos = indent;
        avl = maxline - indent - 2;
      }
    }
    if (chars.length <= avl - endSpace) {
      out.push(quote, chars.join(''), quote);
      linePos += 2 + chars.length;
      break;
    }
    let split = rfindBlank(avl);
    if (split < 0) split = avl - 1;
    const part = chars.slice(0, split + 1);
    chars = chars.slice(split + 1);
    out.push(quote, part.join(''), quote);
    linePos += 2 + part.length;
    if (chars.length === 0) break;
  }
  return { mof: out.join(''), linePos };
}

/** A non-splittable value on the current or a new line (pywbem `mofval`). */
export function mofVal(
  value: string,
  indent: number,
  maxline: number,
  linePos: number,
  endSpace: number,
): MofPiece {
  const length = Array.from(value).length;
  if (length <= maxline - linePos - endSpace) return { mof: value, linePos: linePos + length };
  // pywbem raises when even a new line is too short; such a value is kept whole here.
  return { mof: `\n${indentStr(indent)}${value}`, linePos: indent + length };
}

function scalarToMof(
  value: unknown,
  type: string,
  indent: number,
  maxline: number,
  linePos: number,
  endSpace: number,
  avoidSplits: boolean,
): MofPiece {
  if (value === null || value === undefined) {
    return mofVal('NULL', indent, maxline, linePos, endSpace);
  }
  const str = (text: string, quote = '"') =>
    mofStr(text, indent, maxline, linePos, endSpace, avoidSplits, quote);
  if (type === 'string') {
    if (typeof value === 'string') return str(value);
    if (isInstance(value) || isClass(value)) return str(value.toMof());
  } else if (type === 'char16') {
    if (typeof value === 'string' || value instanceof Char16) return str(String(value), "'");
  } else if (type === 'boolean') {
    return mofVal(value ? 'true' : 'false', indent, maxline, linePos, endSpace);
  } else if (type === 'datetime') {
    if (value instanceof CimDateTime) return str(value.toString());
  } else if (type === 'reference') {
    if (isInstanceName(value) || isClassName(value)) return str(value.toWbemUri());
  } else if (value instanceof CimReal) {
    return mofVal(pythonFloatRepr(value.value), indent, maxline, linePos, endSpace);
  } else if (value instanceof CimInteger) {
    return mofVal(value.toString(), indent, maxline, linePos, endSpace);
  }
  throw new CimTypeError(`a value of CIM type ${type} has an invalid type for MOF`);
}

/** A scalar, or array items separated by commas without braces (pywbem `_value_tomof`). */
export function valueToMof(
  value: unknown,
  type: string,
  indent: number,
  maxline: number,
  linePosIn: number,
  endSpace: number,
  avoidSplits: boolean,
): MofPiece {
  if (!Array.isArray(value)) {
    return scalarToMof(value, type, indent, maxline, linePosIn, endSpace, avoidSplits);
  }
  const out: string[] = [];
  let linePos = linePosIn;
  value.forEach((item: unknown, i) => {
    if (i > 0) linePos += 2;
    const piece = scalarToMof(item, type, indent, maxline, linePos, endSpace + 2, avoidSplits);
    linePos = piece.linePos;
    if (i > 0) {
      out.push(',');
      if (piece.mof[0] !== '\n') out.push(' ');
      else linePos -= 1;
    }
    out.push(piece.mof);
  });
  return { mof: out.join(''), linePos };
}

/** `[Q1 (v), Q2 { … }]\n` at `indent`, or '' without qualifiers (pywbem `_qualifiers_tomof`). */
export function qualifiersToMof(
  qualifiers: NocaseDict<CimQualifier>,
  indent: number,
  maxline: number = MAX_MOF_LINE,
): string {
  if (qualifiers.size === 0) return '';
  const linePos = indent + 1;
  const parts = [...qualifiers.values()].map((q) =>
    q.toMof({ indent: indent + 1 + MOF_INDENT, maxline, linePos }),
  );
  return `${indentStr(indent)}[${parts.join(`,\n${indentStr(indent + 1)}`)}]\n`;
}
