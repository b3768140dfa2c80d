/**
 * The arguments of an operation as pywbem names them (`ClassName`, `namespace`, `LocalOnly`
 * …), for operation recorders: recorded test cases must replay in pywbem too.
 */

/** Keys pywbem spells in lower case. */
const LOWER = new Set(['namespace', 'context']);

/** `{ localOnly: x }` → `{ LocalOnly: x }`; `extra` entries are merged in as they are. */
export function pywbemArgs(
  positional: Readonly<Record<string, unknown>>,
  options: object,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...positional };
  for (const [key, value] of Object.entries(options)) {
    if (key === 'extra' && value !== null && typeof value === 'object') {
      Object.assign(out, value);
    } else {
      out[LOWER.has(key) ? key : key.charAt(0).toUpperCase() + key.slice(1)] = value;
    }
  }
  return out;
}
