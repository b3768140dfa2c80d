/**
 * A bare KMIP client for tests against a real `keywarden serve`: node:tls with the data
 * folder's development PKI, our TTLV codec for framing, and raw writes for the bad-input
 * tests. Also issues client certificates for other identities from the data folder's CA.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { connect as connectTcp, type Socket } from 'node:net';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import {
  decodeResponseMessage,
  decodeTtlv,
  encodeRequestMessage,
  encodeTtlv,
  TtlvMessageReader,
  type RequestMessage,
  type ResponseMessage,
} from '../../../src/kmip/index.ts';
import { issueCertificate } from '../../../src/pki/index.ts';

/** PEM texts a client connects with. */
export interface ClientCredentials {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** Where a server listens. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

/** The admin client certificate of the data folder in `home`. */
export async function adminCredentials(home: string): Promise<ClientCredentials> {
  const pki = join(home, 'pki');
  const [ca, cert, key] = await Promise.all(
    ['ca.crt', 'client-admin.crt', 'client-admin.key'].map((f) => readFile(join(pki, f), 'utf8')),
  );
  return { ca: ca ?? '', cert: cert ?? '', key: key ?? '' };
}

/** A client certificate with CN `commonName`, issued by the data folder's development CA. */
export async function issueClientCredentials(
  home: string,
  commonName: string,
): Promise<ClientCredentials> {
  const pki = join(home, 'pki');
  const [caCert, caKey] = await Promise.all([
    readFile(join(pki, 'ca.crt'), 'utf8'),
    readFile(join(pki, 'ca.key'), 'utf8'),
  ]);
  const issued = await issueCertificate({ caCert, caKey, commonName, eku: ['clientAuth'] });
  return { ca: caCert, cert: issued.cert, key: issued.key };
}

/**
 * One TLS connection. Responses are framed as they arrive and handed to `exchange` callers
 * in order; `closed` settles when the server (or the test) ends the connection.
 */
export class KmipTlsClient {
  readonly socket: TLSSocket;
  readonly #tcp: Socket;
  /** Settles when the socket has closed, for whatever reason. */
  readonly closed: Promise<void>;
  readonly #reader = new TtlvMessageReader({ maxMessageSize: 16 * 1024 * 1024 });
  readonly #unclaimed: Uint8Array[] = [];
  readonly #waiting: { resolve: (m: Uint8Array) => void; reject: (e: Error) => void }[] = [];
  #isClosed = false;

  private constructor(socket: TLSSocket, tcp: Socket) {
    this.socket = socket;
    this.#tcp = tcp;
    // A reset from a server that closes on bad input is expected here, not a test failure.
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      for (const message of this.#reader.push(chunk)) {
        const waiter = this.#waiting.shift();
        if (waiter === undefined) this.#unclaimed.push(message);
        else waiter.resolve(message);
      }
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.#isClosed = true;
        for (const waiter of this.#waiting.splice(0)) {
          waiter.reject(new Error('connection closed before the response'));
        }
        resolve();
      });
    });
  }

  /** Opens a connection and completes the TLS handshake. */
  static async connect(
    address: ServerAddress,
    credentials: ClientCredentials,
  ): Promise<KmipTlsClient> {
    // Our own TCP socket under the TLS one, so that a test can reset it (`reset`).
    const tcp = connectTcp({ host: address.host, port: address.port });
    tcp.on('error', () => {});
    const socket = connect({ socket: tcp, servername: 'localhost', ...credentials });
    const client = new KmipTlsClient(socket, tcp);
    await Promise.race([
      once(socket, 'secureConnect'),
      client.closed.then(() => {
        throw new Error('connection closed during the TLS handshake');
      }),
    ]);
    return client;
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  /** Writes raw bytes (anything: a test may send garbage). */
  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** The next response message, raw. Rejects when the connection closes first. */
  next(): Promise<Uint8Array> {
    const queued = this.#unclaimed.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#isClosed) return Promise.reject(new Error('connection closed'));
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Writes `bytes` and waits for the next response message. */
  async exchange(bytes: Uint8Array): Promise<Uint8Array> {
    const response = this.next();
    this.write(bytes);
    return response;
  }

  /** Sends a request message and decodes its response. */
  async send(request: RequestMessage): Promise<ResponseMessage> {
    return decodeResponse(await this.exchange(encodeTtlv(encodeRequestMessage(request))));
  }

  /** Half-closes: no more bytes from us. */
  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Drops the connection with a TCP reset, as a client that crashes does. */
  reset(): void {
    this.#tcp.resetAndDestroy();
  }
}

/** Decodes response bytes. */
export function decodeResponse(bytes: Uint8Array): ResponseMessage {
  return decodeResponseMessage(decodeTtlv(bytes));
}
