/**
 * Parses WWW-Authenticate challenges (RFC 9110 §11.6.1, §11.2): a list of
 * `scheme [token68 | auth-param *("," auth-param)]`, where several challenges may share one
 * header line, separated by commas like their parameters.
 */

/** One challenge: the scheme in lower case and its parameters (names in lower case). */
export interface AuthChallenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** Reads all challenges of a header value; unparsable tails are ignored, never thrown on. */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const out: { scheme: string; params: Record<string, string> }[] = [];
  let rest = header;
  const skip = (re: RegExp) => {
    rest = rest.replace(re, '');
  };
  while (rest.length > 0) {
    skip(/^[\s,]+/);
    const scheme = TOKEN.exec(rest)?.[0];
    if (scheme === undefined) break;
    rest = rest.slice(scheme.length);
    const challenge = { scheme: scheme.toLowerCase(), params: {} as Record<string, string> };
    out.push(challenge);
    // token68 (e.g. a Negotiate blob) directly after the scheme, ended by ',' or the end
    const t68 = /^\s+([A-Za-z0-9\-._~+/]+=*)(?=\s*(,|$))/.exec(rest);
    if (t68?.[1] !== undefined) {
      challenge.params['token68'] = t68[1];
      rest = rest.slice(t68[0].length);
      continue;
    }
    // Parameters follow until a token that is not followed by '=' (the next scheme).
    for (;;) {
      skip(/^[\s,]+/);
      const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*/.exec(rest);
      if (!m || m[1] === undefined) break;
      rest = rest.slice(m[0].length);
      let value: string;
      if (rest.startsWith('"')) {
        let i = 1;
        value = '';
        while (i < rest.length && rest[i] !== '"') {
          if (rest[i] === '\\' && i + 1 < rest.length) i += 1;
          value += rest[i];
          i += 1;
        }
        rest = rest.slice(i + 1);
      } else {
        value = TOKEN.exec(rest)?.[0] ?? '';
        rest = rest.slice(value.length);
      }
      challenge.params[m[1].toLowerCase()] = value;
    }
  }
  return out;
}
