/**
 * Untyped WBEM URIs of class and instance paths (DSP0207), written and read as pywbem does:
 * `//host/namespace:ClassName.Key1="v",Key2=42`. Formats: standard (DSP0207), canonical
 * (lower-cased, keys sorted: equal paths give equal strings), cimobject (the CIMObject HTTP
 * header, DSP0200 §7.3.2.3) and historical (pywbem's `str()`).
 */
import { CimInvalidValueError, CimTypeError } from '../errors.ts';
import { Char16 } from '../types/char16.ts';
import { CimDateTime } from '../types/datetime.ts';
import { CimInteger } from '../types/integers.ts';
import { pythonFloatRepr } from '../types/real-format.ts';
import { CimReal } from '../types/reals.ts';
import { CimClassName } from './class-name.ts';
import { CimInstanceName, type KeybindingValue } from './instance-name.ts';
import { isInstanceName } from './kinds.ts';

/** Output format of a WBEM URI. */
export type WbemUriFormat = 'standard' | 'canonical' | 'cimobject' | 'historical';

const FORMATS: readonly string[] = ['standard', 'canonical', 'cimobject', 'historical'];
const W = String.raw`[\p{L}\p{N}\p{M}_]`;
const PATH_HEAD = String.raw`^(?:([\p{L}\p{N}_\-]+):)?(?://([\p{L}\p{N}_.:@\[\]]*))?(?:/|^/?)(${W}+(?:/${W}+)*)?(?::|^:?)(${W}+)`;
const CLASS_PATH = new RegExp(`${PATH_HEAD}$`, 'u');
// s: a quoted keybinding value may hold a line break.
const INSTANCE_PATH = new RegExp(String.raw`${PATH_HEAD}\.(.+)$`, 'su');
const KEYBINDING = new RegExp(
  String.raw`(${W}+)=([^,"'\\]+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")(,|$)`,
  'uy',
);

function pathPrefix(host: string | null, namespace: string | null, format: WbemUriFormat): string {
  if (!FORMATS.includes(format)) throw new CimInvalidValueError(`invalid format: ${format}`);
  const c = (s: string) => (format === 'canonical' ? s.toLowerCase() : s);
  let out = '';
  if (host !== null && format !== 'cimobject') out += `//${c(host)}`;
  if (host !== null || (format !== 'cimobject' && format !== 'historical')) out += '/';
  if (namespace !== null) out += c(namespace);
  if (namespace !== null || format !== 'historical') out += ':';
  return out;
}

/** WBEM URI of a class path. @throws KW_WBEM_INVALID_VALUE for an unknown format */
export function classPathToUri(path: CimClassName, format: WbemUriFormat = 'standard'): string {
  const name = format === 'canonical' ? path.classname.toLowerCase() : path.classname;
  return pathPrefix(path.host, path.namespace, format) + name;
}

function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function keyValueText(value: KeybindingValue, format: WbemUriFormat): string {
  if (typeof value === 'string') return quote(value);
  if (value instanceof Char16) return quote(value.value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof CimReal) return pythonFloatRepr(value.value);
  if (value instanceof CimInteger || typeof value === 'bigint') return String(value);
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : pythonFloatRepr(value);
  }
  if (isInstanceName(value)) return quote(instancePathToUri(value, format));
  if (value instanceof CimDateTime) return `"${value.toString()}"`;
  throw new CimTypeError(`invalid type ${typeof value} in a keybinding value`);
}

/** WBEM URI of an instance path. @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE */
export function instancePathToUri(
  path: CimInstanceName,
  format: WbemUriFormat = 'standard',
): string {
  const canonical = format === 'canonical';
  let out = pathPrefix(path.host, path.namespace, format);
  out += `${canonical ? path.classname.toLowerCase() : path.classname}.`;
  const entries = [...path.keybindings.entries()].map(
    ([k, v]) => [canonical ? k.toLowerCase() : k, v] as const,
  );
  if (canonical) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  out += entries.map(([k, v]) => `${k}=${keyValueText(v, format)}`).join(',');
  return out;
}

const BINARY = /^[+-]?[01]+[bB]$/;
const OCTAL = /^[+-]?0[0-7]+$/;
const DECIMAL = /^[+-]?(0|[1-9]\d*)$/;
const HEX = /^[+-]?0[xX][0-9a-fA-F]+$/;
// DSP0004 realValue needs a '.', but repr() writes 1e+300: both are read.
const REAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_REAL = /^([+-]?)(inf|nan)$/i;

function integerOf(text: string): number | bigint | null {
  const negative = text.startsWith('-');
  const body = text.replace(/^[+-]/, '');
  let magnitude: bigint;
  if (BINARY.test(text)) magnitude = BigInt(`0b${body.slice(0, -1)}`);
  else if (OCTAL.test(text)) magnitude = BigInt(`0o${body.slice(1)}`);
  else if (DECIMAL.test(text)) magnitude = BigInt(body);
  else if (HEX.test(text)) magnitude = BigInt(body);
  else return null;
  const value = negative ? -magnitude : magnitude;
  return Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

function unescape(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/gsu, '$1');
}

/** A keybinding value from its WBEM URI text (pywbem `_kbstr_to_cimval`). */
function keyValueOf(key: string, text: string): KeybindingValue {
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) {
    const inner = unescape(text);
    try {
      return CimInstanceName.fromWbemUri(inner);
    } catch {
      try {
        return new CimDateTime(inner);
      } catch {
        return inner;
      }
    }
  }
  if (text.startsWith("'") && text.endsWith("'") && text.length >= 2) {
    const inner = unescape(text);
    if (inner.length !== 1) {
      throw new CimInvalidValueError(`WBEM URI has a char16 keybinding of wrong length: ${key}`);
    }
    return new Char16(inner);
  }
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  const integer = integerOf(text);
  if (integer !== null) return integer;
  if (REAL.test(text)) return Number(text);
  const special = SPECIAL_REAL.exec(text);
  if (special) {
    if (special[2]?.toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  try {
    return new CimDateTime(text); // pywbem tolerates unquoted datetimes
  } catch {
    throw new CimInvalidValueError(`WBEM URI has an invalid keybinding value for ${key}`);
  }
}

/** Parses the WBEM URI of a class path. @throws KW_WBEM_INVALID_VALUE */
export function classPathFromUri(uri: string): CimClassName {
  const m = CLASS_PATH.exec(uri);
  if (!m?.[4]) throw new CimInvalidValueError('invalid format for a class path in a WBEM URI');
  return new CimClassName(m[4], { host: m[2] || null, namespace: m[3] || null });
}

/** Parses the WBEM URI of an instance path. @throws KW_WBEM_INVALID_VALUE */
export function instancePathFromUri(uri: string): CimInstanceName {
  const m = INSTANCE_PATH.exec(uri);
  if (!m?.[4] || m[5] === undefined) {
    throw new CimInvalidValueError('invalid format for an instance path in a WBEM URI');
  }
  const keys = m[5];
  const keybindings: [string, KeybindingValue][] = [];
  // A fresh sticky regex per call: reference values recurse into this function.
  const keybinding = new RegExp(KEYBINDING);
  while (keybinding.lastIndex < keys.length) {
    const kb = keybinding.exec(keys);
    if (!kb?.[1] || kb[2] === undefined) {
      throw new CimInvalidValueError('WBEM URI has an invalid format for its keybindings');
    }
    keybindings.push([kb[1], keyValueOf(kb[1], kb[2])]);
    if (kb[3] === ',' && keybinding.lastIndex === keys.length) {
      throw new CimInvalidValueError('WBEM URI has an invalid format for its keybindings');
    }
  }
  return new CimInstanceName(m[4], { keybindings, host: m[2] || null, namespace: m[3] || null });
}

/** A reference from a WBEM URI: an instance path if it has keys, else a class path. */
export function parseReferenceUri(uri: string): CimInstanceName | CimClassName {
  return INSTANCE_PATH.test(uri) ? instancePathFromUri(uri) : classPathFromUri(uri);
}
