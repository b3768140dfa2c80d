/**
 * Redaction for recorders and logs: credentials never leave the process through a recorder.
 * Authorization headers keep only their scheme; parameters and properties whose name says
 * password, secret, token or key material lose their value, in arguments and in CIM-XML.
 */

/** Names whose values are withheld (case-insensitive, anywhere in the name). */
const SECRET_NAME = /passw|secret|token|credential|privatekey/i;

/** The placeholder written instead of a withheld value. */
export const REDACTED = '***';

/** True for a parameter or property name whose value must not be recorded. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Headers with Authorization reduced to its scheme (`Basic ***`, `Digest ***`). */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = /^(proxy-)?authorization$/i.test(name)
      ? `${value.split(' ')[0] ?? ''} ${REDACTED}`
      : value;
  }
  return out;
}

/**
 * CIM-XML with the content of PARAMVALUE, IPARAMVALUE and PROPERTY elements with a secret
 * NAME replaced (the element and its attributes stay, so the structure is still visible).
 */
export function redactCimXml(xml: string): string {
  return xml.replace(
    /<(PARAMVALUE|IPARAMVALUE|PROPERTY|PROPERTY\.ARRAY)(\s[^>]*?NAME="([^"]*)"[^>]*?)>([\s\S]*?)<\/\1>/g,
    (whole, tag: string, attrs: string, name: string) =>
      isSecretName(name) ? `<${tag}${attrs}><VALUE>${REDACTED}</VALUE></${tag}>` : whole,
  );
}

/** Arguments with the values of secret-named entries (also inside method parameter lists) withheld. */
export function redactArgs(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (isSecretName(k)) out[k] = REDACTED;
    else if (k === 'Params' && Array.isArray(v)) out[k] = v.map(redactParam);
    else out[k] = v;
  }
  return out;
}

function redactParam(p: unknown): unknown {
  if (Array.isArray(p) && typeof p[0] === 'string' && isSecretName(p[0])) return [p[0], REDACTED];
  const name = (p as { cimKind?: string; name?: unknown } | null)?.name;
  if (
    (p as { cimKind?: string } | null)?.cimKind === 'CIMParameter' &&
    typeof name === 'string' &&
    isSecretName(name)
  ) {
    return [name, REDACTED];
  }
  return p;
}
