/** A bounded HTTP(S) GET for identity services: timeout, size limit, status and JSON body. */
import type { request as HttpRequest } from 'node:http';

// node:http and node:https are imported on the first request, not with the server: an ES
// import of node:http evaluates its lazy exports, which load Node's bundled fetch (undici,
// ~750 KB of source and its compiled code) into every server, SLUGS or not (issue #9).
type RequestFunction = typeof HttpRequest;

async function requestFor(url: URL): Promise<RequestFunction> {
  if (url.protocol === 'https:') return (await import('node:https')).request;
  return (await import('node:http')).request;
}

/** What {@link httpGetJson} returns: the status, and the body parsed as JSON when it is 2xx. */
export interface HttpJsonResponse {
  readonly statusCode: number;
  /** The parsed body of a 2xx answer (undefined for an empty body). */
  readonly body?: unknown;
}

const MAX_BODY = 64 * 1024;

/**
 * GETs `url` and parses a 2xx body as JSON; other statuses come back without a body.
 * Rejects on connection errors, timeout (whole exchange), a body over 64 KiB or invalid JSON.
 */
export async function httpGetJson(
  url: URL,
  options: { readonly timeoutMs: number; readonly ca?: string },
): Promise<HttpJsonResponse> {
  const request = await requestFor(url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(options.ca !== undefined && { ca: options.ca }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) {
          res.resume();
          resolve({ statusCode: status });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) req.destroy(new Error(`response body over ${MAX_BODY} bytes`));
          else chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ statusCode: status, body: text === '' ? undefined : JSON.parse(text) });
          } catch (cause) {
            reject(new Error('the response is not JSON', { cause }));
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
