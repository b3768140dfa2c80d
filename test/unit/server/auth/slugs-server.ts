// A small in-process HTTP server that answers as SLUGS does (OpenKMIP/SLUGS): GET
// /slugs/users/<id> is 200 for a known user and 404 otherwise; GET /slugs/users/<id>/groups
// answers {"groups": [...]}. Special users exercise failures.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** A running fake SLUGS. */
export interface FakeSlugs {
  readonly url: string;
  /** Paths requested so far, decoded as received. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts the fake on a free loopback port; `users` maps user id → groups. */
export async function startFakeSlugs(
  users: Readonly<Record<string, readonly string[]>>,
  options: { readonly tls?: { readonly cert: string; readonly key: string } } = {},
): Promise<FakeSlugs> {
  const requests: string[] = [];
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '';
    requests.push(path);
    const m = /^\/slugs\/users\/([^/]+)(\/groups)?$/.exec(path);
    const user = m === null ? undefined : decodeURIComponent(m[1] ?? '');
    if (user === 'slow') return; // never answers: the client must time out
    if (user === 'broken') {
      res.writeHead(500).end('oops');
      return;
    }
    if (user === 'badgroups' && m?.[2] !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"groups": "admins"}');
      return;
    }
    if (user === undefined || (!(user in users) && user !== 'badgroups')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error": "not found"}');
      return;
    }
    const body = m?.[2] === undefined ? { users: user } : { groups: users[user] ?? [] };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server: Server =
    options.tls === undefined ? createServer(answer) : createHttpsServer(options.tls, answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}/slugs/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
