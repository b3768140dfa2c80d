/**
 * SLUGS (Simple, Lightweight User Group Services), as PyKMIP's SLUGSConnector uses it
 * (kmip/services/server/auth/slugs.py): the client certificate's CN is the user id;
 * `GET <url>/users/<id>` must not be 404 (the user exists), then `GET <url>/users/<id>/groups`
 * answers `{"groups": [...]}`. Unlike PyKMIP: every call has a timeout, the id is URL-encoded
 * (a CN cannot walk the URL path), any non-2xx is an error (PyKMIP only checks 404), and
 * answers are cached for a short time (users and groups change rarely; logins are frequent).
 */
import type { ClientIdentity } from '../objects/index.ts';
import { AuthNotApplicableError, AuthServiceError, AuthUnknownUserError } from './errors.ts';
import { httpGetJson, type HttpJsonResponse } from './http-get-json.ts';
import type { AuthPlugin } from './plugin.ts';

/** Options of {@link createSlugsPlugin}. */
export interface SlugsPluginOptions {
  /** Base URL of the SLUGS REST interface, e.g. `http://127.0.0.1:8080/slugs/`. */
  readonly url: string;
  /** Per HTTP request, in ms (default 5000). */
  readonly timeoutMs?: number;
  /** How long an answer (found with groups, or unknown user) is reused, in ms; 0 disables (default 30 000). */
  readonly cacheTtlMs?: number;
  /** CA certificates (PEM) for an https URL; default the system's. */
  readonly ca?: string;
  /** Plugin name in logs and audit records (default `slugs`). */
  readonly name?: string;
  /** Default: the system clock (ms). */
  readonly now?: () => number;
}

const MAX_CACHED = 10_000;

type Answer = { readonly identity: ClientIdentity } | { readonly unknown: true };

/** Creates a SLUGS plugin. */
export function createSlugsPlugin(options: SlugsPluginOptions): AuthPlugin {
  const name = options.name ?? 'slugs';
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  const timeoutMs = options.timeoutMs ?? 5000;
  const ttl = options.cacheTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { readonly until: number; readonly answer: Answer }>();
  const inFlight = new Map<string, Promise<Answer>>();

  async function get(url: URL): Promise<HttpJsonResponse> {
    try {
      return await httpGetJson(url, {
        timeoutMs,
        ...(options.ca !== undefined && { ca: options.ca }),
      });
    } catch (cause) {
      const timedOut =
        (cause as Error).name === 'AbortError' || (cause as Error).name === 'TimeoutError';
      throw new AuthServiceError(
        name,
        url.href,
        timedOut
          ? `no answer within ${timeoutMs} ms`
          : 'the SLUGS service cannot be reached or answered badly',
        { cause },
      );
    }
  }

  async function lookUp(user: string): Promise<Answer> {
    const userUrl = new URL(`users/${encodeURIComponent(user)}`, base);
    const found = await get(userUrl);
    if (found.statusCode === 404) return { unknown: true };
    if (found.statusCode < 200 || found.statusCode > 299) {
      throw new AuthServiceError(name, userUrl.href, `HTTP ${found.statusCode}`, {
        statusCode: found.statusCode,
      });
    }
    const groupsUrl = new URL(`users/${encodeURIComponent(user)}/groups`, base);
    const answer = await get(groupsUrl);
    if (answer.statusCode < 200 || answer.statusCode > 299) {
      throw new AuthServiceError(
        name,
        groupsUrl.href,
        `group information: HTTP ${answer.statusCode}`,
        {
          statusCode: answer.statusCode,
        },
      );
    }
    const groups = (answer.body as { groups?: unknown } | undefined)?.groups;
    if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) {
      throw new AuthServiceError(
        name,
        groupsUrl.href,
        'the answer has no "groups" list of strings',
      );
    }
    return { identity: { name: user, groups } };
  }

  async function answerFor(user: string): Promise<Answer> {
    const hit = cache.get(user);
    if (hit !== undefined && hit.until > now()) return hit.answer;
    let pending = inFlight.get(user);
    if (pending === undefined) {
      // Concurrent logins of one user share one lookup.
      pending = lookUp(user).finally(() => inFlight.delete(user));
      inFlight.set(user, pending);
      if (ttl > 0) {
        void pending.then(
          (answer) => {
            if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value ?? '');
            cache.set(user, { until: now() + ttl, answer });
          },
          () => {}, // errors (service down) are not cached
        );
      }
    }
    return pending;
  }

  return {
    name,
    async authenticate({ session }) {
      const user = session.identity;
      if (typeof user !== 'string' || user === '') {
        throw new AuthNotApplicableError(name, 'the connection carries no client identity');
      }
      const answer = await answerFor(user);
      if ('unknown' in answer) throw new AuthUnknownUserError(name, user);
      return answer.identity;
    },
  };
}
