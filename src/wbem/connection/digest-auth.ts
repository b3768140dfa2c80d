/**
 * HTTP Digest access authentication, client side (RFC 7616, compatible with RFC 2617 and
 * RFC 2069 servers): MD5, SHA-256 and SHA-512-256, their "-sess" variants, qop "auth" (or none).
 * A DigestSession keeps the server nonce and the nonce count so that later requests on the
 * same connection authenticate without another challenge round trip.
 */
import { digest, randomBytes } from '../../crypto/index.ts';
import type { AuthChallenge } from './www-authenticate.ts';

const ALGORITHMS: Readonly<Record<string, 'MD5' | 'SHA_256' | 'SHA_512_256'>> = {
  md5: 'MD5',
  'sha-256': 'SHA_256',
  'sha-512-256': 'SHA_512_256',
};

/** True when we can answer the challenge (known algorithm; qop absent or offering "auth"). */
export function isSupportedDigestChallenge(challenge: AuthChallenge): boolean {
  if (challenge.scheme !== 'digest' || !challenge.params['nonce']) return false;
  const algorithm = (challenge.params['algorithm'] ?? 'MD5').toLowerCase().replace(/-sess$/, '');
  if (!(algorithm in ALGORITHMS)) return false;
  const qop = challenge.params['qop'];
  return qop === undefined || qopList(qop).includes('auth');
}

function qopList(qop: string): string[] {
  return qop.split(',').map((q) => q.trim().toLowerCase());
}

/** RFC 7616 §3.4: the strongest algorithm among several Digest challenges comes first. */
export function pickDigestChallenge(challenges: readonly AuthChallenge[]): AuthChallenge | null {
  const rank = (c: AuthChallenge) => {
    const a = (c.params['algorithm'] ?? 'MD5').toLowerCase().replace(/-sess$/, '');
    return a === 'sha-512-256' ? 3 : a === 'sha-256' ? 2 : 1;
  };
  const usable = challenges.filter(isSupportedDigestChallenge);
  usable.sort((a, b) => rank(b) - rank(a));
  return usable[0] ?? null;
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** The state of Digest authentication with one server (one protection space). */
export class DigestSession {
  readonly #challenge: AuthChallenge;
  readonly #hash: 'MD5' | 'SHA_256' | 'SHA_512_256';
  readonly #sess: boolean;
  readonly #qop: 'auth' | null;
  #nonceCount = 0;

  constructor(challenge: AuthChallenge) {
    this.#challenge = challenge;
    const algorithm = (challenge.params['algorithm'] ?? 'MD5').toLowerCase();
    this.#sess = algorithm.endsWith('-sess');
    this.#hash = ALGORITHMS[algorithm.replace(/-sess$/, '')] ?? 'MD5';
    const qop = challenge.params['qop'];
    this.#qop = qop !== undefined && qopList(qop).includes('auth') ? 'auth' : null;
  }

  /** True when the server said the nonce went stale (RFC 7616 §3.3: retry, same credentials). */
  get isStale(): boolean {
    return (this.#challenge.params['stale'] ?? '').toLowerCase() === 'true';
  }

  #h(text: string): string {
    return Buffer.from(digest(this.#hash, Buffer.from(text, 'utf8'))).toString('hex');
  }

  /**
   * The Authorization header value for one request; `cnonce` is random unless given (tests).
   * RFC 7616 §3.4.1-3.4.3 for response, A1 and A2.
   */
  authorization(
    creds: { readonly user: string; readonly password: string },
    method: string,
    uri: string,
    cnonce: string = Buffer.from(randomBytes(16)).toString('hex'),
  ): string {
    const p = this.#challenge.params;
    const realm = p['realm'] ?? '';
    const nonce = p['nonce'] ?? '';
    this.#nonceCount += 1;
    const nc = this.#nonceCount.toString(16).padStart(8, '0');
    let ha1 = this.#h(`${creds.user}:${realm}:${creds.password}`);
    if (this.#sess) ha1 = this.#h(`${ha1}:${nonce}:${cnonce}`);
    const ha2 = this.#h(`${method}:${uri}`);
    const response =
      this.#qop === null
        ? this.#h(`${ha1}:${nonce}:${ha2}`)
        : this.#h(`${ha1}:${nonce}:${nc}:${cnonce}:${this.#qop}:${ha2}`);
    const parts = [
      `username=${quoted(creds.user)}`,
      `realm=${quoted(realm)}`,
      `nonce=${quoted(nonce)}`,
      `uri=${quoted(uri)}`,
      `response=${quoted(response)}`,
    ];
    if (p['algorithm'] !== undefined) parts.push(`algorithm=${p['algorithm']}`);
    if (p['opaque'] !== undefined) parts.push(`opaque=${quoted(p['opaque'])}`);
    if (this.#qop !== null) parts.push(`qop=${this.#qop}`, `nc=${nc}`, `cnonce=${quoted(cnonce)}`);
    return `Digest ${parts.join(', ')}`;
  }
}
