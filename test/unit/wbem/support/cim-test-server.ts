/**
 * Test support: a small CIM-XML server on 127.0.0.1, port 0, over HTTP or HTTPS (optionally
 * asking for a client certificate), with no auth, Basic or Digest auth. A handler gets the
 * parsed IMETHODCALL / METHODCALL and returns the SIMPLERSP element to send back.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { digest } from '../../../../src/crypto/index.ts';
import {
  cimMessage,
  errorElement,
  imethodResponse,
  parseCimXml,
  parseWwwAuthenticate,
  xmlElement,
  type CimXmlBody,
  type XmlElement,
} from '../../../../src/wbem/index.ts';

/** What the handler gets: the parsed request body and the raw HTTP request. */
export interface CimRequest {
  readonly body: CimXmlBody;
  readonly headers: http.IncomingHttpHeaders;
  /** The client certificate's subject CN, when TLS asked for one and got it. */
  readonly clientCn: string | null;
}

export type CimHandler = (req: CimRequest) => XmlElement;

/** Options of startCimServer. */
export interface CimServerOptions {
  readonly handler: CimHandler;
  /** 'basic' or 'digest' ask for credentials (user alice, password s3cret). */
  readonly auth?: 'none' | 'basic' | 'digest';
  readonly digestAlgorithm?: 'MD5' | 'SHA-256' | 'MD5-sess';
  /** Serve HTTPS with this key and certificate; `ca` + requestCert for 2-way TLS. */
  readonly tls?: { key: string; cert: string; ca?: string; requestCert?: boolean };
}

export interface CimServer {
  readonly url: string;
  readonly requests: CimRequest[];
  /** Authorization headers seen, in order (null when a request had none). */
  readonly authorizations: (string | null)[];
  /** Makes the next nonce stale (the next Digest answer gets stale=true). */
  rotateNonce(): void;
  close(): Promise<void>;
}

export const USER = 'alice';
export const PASSWORD = 's3cret';
const REALM = 'cimom@test';

const hex = (alg: string, text: string) =>
  Buffer.from(digest(alg.startsWith('SHA-256') ? 'SHA_256' : 'MD5', Buffer.from(text))).toString(
    'hex',
  );

/** Checks an RFC 7616 Digest Authorization header against USER/PASSWORD. */
function digestOk(header: string, nonce: string, algorithm: string, method: string): boolean {
  const [c] = parseWwwAuthenticate(header);
  if (!c || c.scheme !== 'digest') return false;
  const p = c.params;
  if (p['username'] !== USER || p['nonce'] !== nonce || p['realm'] !== REALM) return false;
  let ha1 = hex(algorithm, `${USER}:${REALM}:${PASSWORD}`);
  if (algorithm.endsWith('-sess')) ha1 = hex(algorithm, `${ha1}:${nonce}:${p['cnonce']}`);
  const ha2 = hex(algorithm, `${method}:${p['uri']}`);
  const want = hex(algorithm, `${ha1}:${nonce}:${p['nc']}:${p['cnonce']}:${p['qop']}:${ha2}`);
  return p['response'] === want && p['qop'] === 'auth';
}

export async function startCimServer(o: CimServerOptions): Promise<CimServer> {
  const requests: CimRequest[] = [];
  const authorizations: (string | null)[] = [];
  const algorithm = o.digestAlgorithm ?? 'MD5';
  let nonce = 'n0';
  let staleNonce: string | null = null;
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      const auth = req.headers.authorization ?? null;
      authorizations.push(auth);
      const mode = o.auth ?? 'none';
      const basic = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
      let ok = mode === 'none';
      let stale = false;
      if (mode === 'basic') ok = auth === basic;
      if (mode === 'digest' && auth !== null) {
        ok = digestOk(auth, nonce, algorithm, req.method ?? '');
        stale =
          !ok && staleNonce !== null && digestOk(auth, staleNonce, algorithm, req.method ?? '');
      }
      if (!ok) {
        const challenge =
          mode === 'basic'
            ? `Basic realm="${REALM}"`
            : `Digest realm="${REALM}", qop="auth", algorithm=${algorithm}, nonce="${nonce}", opaque="op"${stale ? ', stale=true' : ''}`;
        res.writeHead(401, { 'WWW-Authenticate': challenge }).end();
        return;
      }
      const socket = req.socket as TLSSocket;
      const peer =
        typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : null;
      const cn = peer?.subject?.CN;
      const request: CimRequest = {
        body: parseCimXml(text).body,
        headers: req.headers,
        clientCn: typeof cn === 'string' ? cn : null,
      };
      requests.push(request);
      let rsp: XmlElement;
      try {
        rsp = o.handler(request);
      } catch (err) {
        rsp = imethodResponse('X', { error: errorElement(1, String(err)) });
      }
      res.writeHead(200, { 'Content-Type': 'application/xml; charset="utf-8"' });
      res.end(cimMessage(rsp, { messageId: '1' }).toXml());
    });
  };
  const server = o.tls
    ? https.createServer({ ...o.tls, rejectUnauthorized: o.tls.requestCert ?? false }, listener)
    : http.createServer(listener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${o.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    authorizations,
    rotateNonce() {
      staleNonce = nonce;
      nonce = `${nonce}x`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** PARAMVALUEs EndOfSequence and EnumerationContext of a pull response. */
export function pullParams(eos: boolean, context: string | null): XmlElement[] {
  const value = (t: string) => xmlElement('VALUE', {}, [t]);
  return [
    xmlElement('PARAMVALUE', { NAME: 'EndOfSequence', PARAMTYPE: 'boolean' }, [
      value(eos ? 'TRUE' : 'FALSE'),
    ]),
    xmlElement('PARAMVALUE', { NAME: 'EnumerationContext', PARAMTYPE: 'string' }, [
      context === null ? null : value(context),
    ]),
  ];
}
