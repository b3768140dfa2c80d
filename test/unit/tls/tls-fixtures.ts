// Test helpers for src/tls: a PKI with good and bad client certificates, and a real TLS
// server on port 0 that reports whether it accepted or refused a handshake.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  connect,
  createServer,
  type ConnectionOptions,
  type PeerCertificate,
  type TLSSocket,
  type TlsOptions,
} from 'node:tls';
import {
  createCaCertificate,
  issueCertificate,
  type IssuedCertificate,
} from '../../../src/pki/index.ts';

export interface TestPki {
  ca: IssuedCertificate;
  server: IssuedCertificate;
  client: IssuedCertificate;
  clientNoEku: IssuedCertificate;
  clientServerEkuOnly: IssuedCertificate;
  clientNoCn: IssuedCertificate;
  clientTwoCns: IssuedCertificate;
  clientExpired: IssuedCertificate;
  otherCa: IssuedCertificate;
  clientOtherCa: IssuedCertificate;
}

export async function createTestPki(): Promise<TestPki> {
  const ca = await createCaCertificate({ commonName: 'Test CA' });
  const otherCa = await createCaCertificate({ commonName: 'Other CA' });
  const by = { caCert: ca.cert, caKey: ca.key };
  return {
    ca,
    otherCa,
    server: await issueCertificate({
      ...by,
      commonName: 'localhost',
      sans: [
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
      ],
      eku: ['serverAuth'],
    }),
    client: await issueCertificate({ ...by, commonName: 'alice', eku: ['clientAuth'] }),
    clientNoEku: await issueCertificate({ ...by, commonName: 'bob' }),
    clientServerEkuOnly: await issueCertificate({
      ...by,
      commonName: 'carol',
      eku: ['serverAuth'],
    }),
    clientNoCn: await issueCertificate({ ...by, organization: 'NoCn', eku: ['clientAuth'] }),
    clientTwoCns: await issueCertificate({
      ...by,
      commonName: ['dave', 'eve'],
      eku: ['clientAuth'],
    }),
    clientExpired: await issueCertificate({
      ...by,
      commonName: 'old',
      eku: ['clientAuth'],
      validity: { notBefore: new Date('2020-01-01Z'), notAfter: new Date('2020-06-01Z') },
    }),
    clientOtherCa: await issueCertificate({
      caCert: otherCa.cert,
      caKey: otherCa.key,
      commonName: 'mallory',
      eku: ['clientAuth'],
    }),
  };
}

/** The server's side of a handshake: accepted (with the peer certificate seen then) or refused. */
export type HandshakeVerdict =
  | { accepted: true; serverSocket: TLSSocket; peer: PeerCertificate }
  | {
      accepted: false;
      serverError: NodeJS.ErrnoException;
      /** Why Node refused the client certificate (it then destroys the socket: ECONNRESET). */
      authorizationError: string | undefined;
    };

export type HandshakeResult =
  | (HandshakeVerdict & { accepted: true; clientSocket: TLSSocket })
  | (HandshakeVerdict & { accepted: false });

export interface TestServer {
  port: number;
  /** Connects with `client` options and settles on the server's verdict. */
  attempt(client: ConnectionOptions): Promise<HandshakeResult>;
  /** The server's verdict on the next connection, whoever makes it (e.g. openssl s_client). */
  nextVerdict(): Promise<HandshakeVerdict>;
  close(): Promise<void>;
}

/** Starts a TLS server on 127.0.0.1, port 0. Sockets stay open until close(). */
export async function startTestServer(options: TlsOptions): Promise<TestServer> {
  const sockets = new Set<TLSSocket>();
  const server = createServer(options, (socket) => {
    socket.on('error', () => {});
  });
  server.on('secureConnection', (s: TLSSocket) => sockets.add(s));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  const nextVerdict = () =>
    new Promise<HandshakeVerdict>((resolve) => {
      const onSecure = (serverSocket: TLSSocket) => {
        server.off('tlsClientError', onError);
        resolve({ accepted: true, serverSocket, peer: serverSocket.getPeerCertificate() });
      };
      const onError = (serverError: NodeJS.ErrnoException, socket: TLSSocket) => {
        server.off('secureConnection', onSecure);
        const authorizationError = socket.authorizationError as string | Error | undefined;
        resolve({
          accepted: false,
          serverError,
          authorizationError:
            authorizationError instanceof Error ? authorizationError.message : authorizationError,
        });
      };
      server.once('secureConnection', onSecure);
      server.once('tlsClientError', onError);
    });

  return {
    port,
    nextVerdict,
    async attempt(client) {
      const verdict = nextVerdict();
      const clientSocket = connect({ host: '127.0.0.1', port, ...client });
      sockets.add(clientSocket);
      clientSocket.on('error', () => {});
      const clientReady = new Promise<void>((resolve) => {
        clientSocket.once('secureConnect', resolve);
        clientSocket.once('close', resolve);
      });
      const result = await verdict;
      if (!result.accepted) {
        clientSocket.destroy();
        return result;
      }
      await clientReady;
      return { ...result, clientSocket };
    },
    async close() {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
