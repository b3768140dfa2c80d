// Test helpers for the KMIP listener: a PKI on disk with good and bad client certificates, an
// in-memory log, TTLV framing of test messages, and a TLS client that frames responses.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { connect, type TLSSocket } from 'node:tls';
import { TtlvMessageReader } from '../../../../src/kmip/ttlv/index.ts';
import {
  createCaCertificate,
  createDevPki,
  issueCertificate,
  type IssueCertificateOptions,
} from '../../../../src/pki/index.ts';
import { createLogger, type Logger } from '../../../../src/server/logger.ts';
import {
  startKmipListener,
  type KmipListener,
  type KmipListenerOptions,
} from '../../../../src/server/listener/index.ts';
import { buildServerTlsOptions, type ServerTlsOptions } from '../../../../src/tls/index.ts';

/** Client credentials by name; `admin` is the dev PKI's certificate (CN alice, clientAuth). */
export const CLIENTS = {
  admin: 'alice, EKU clientAuth',
  noEku: 'bob, no EKU extension',
  serverEkuOnly: 'carol, EKU serverAuth only',
  noCn: 'no CN, EKU clientAuth',
  twoCns: 'CN dave and CN eve, EKU clientAuth',
  expired: 'old, expired in 2020',
  otherCa: 'mallory, from another CA',
} as const;
export type ClientName = keyof typeof CLIENTS;

export interface Credential {
  readonly certFile: string;
  readonly keyFile: string;
  readonly cert: string;
  readonly key: string;
}

export interface ListenerPki {
  readonly dir: string;
  readonly caFile: string;
  readonly ca: string;
  readonly tls: ServerTlsOptions;
  readonly clients: Readonly<Record<ClientName, Credential>>;
  cleanup(): Promise<void>;
}

/** Creates the dev PKI (src/pki) in a temp dir plus the bad client certificates beside it. */
export async function createListenerPki(): Promise<ListenerPki> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-listener-'));
  const dev = await createDevPki(join(dir, 'pki'), { adminCommonName: 'alice' });
  const ca = {
    cert: await readFile(dev.paths.caCert, 'utf8'),
    key: await readFile(dev.paths.caKey, 'utf8'),
  };
  const otherCa = await createCaCertificate({ commonName: 'Other CA' });
  const by = { caCert: ca.cert, caKey: ca.key };
  const specs: Record<Exclude<ClientName, 'admin'>, IssueCertificateOptions> = {
    noEku: { ...by, commonName: 'bob' },
    serverEkuOnly: { ...by, commonName: 'carol', eku: ['serverAuth'] },
    noCn: { ...by, organization: 'NoCn', eku: ['clientAuth'] },
    twoCns: { ...by, commonName: ['dave', 'eve'], eku: ['clientAuth'] },
    expired: {
      ...by,
      commonName: 'old',
      eku: ['clientAuth'],
      validity: { notBefore: new Date('2020-01-01Z'), notAfter: new Date('2020-06-01Z') },
    },
    otherCa: {
      caCert: otherCa.cert,
      caKey: otherCa.key,
      commonName: 'mallory',
      eku: ['clientAuth'],
    },
  };
  const clients: Partial<Record<ClientName, Credential>> = {
    admin: {
      certFile: dev.paths.adminCert,
      keyFile: dev.paths.adminKey,
      cert: await readFile(dev.paths.adminCert, 'utf8'),
      key: await readFile(dev.paths.adminKey, 'utf8'),
    },
  };
  for (const [name, spec] of Object.entries(specs)) {
    const issued = await issueCertificate(spec);
    const certFile = join(dir, `${name}.crt`);
    const keyFile = join(dir, `${name}.key`);
    await writeFile(certFile, issued.cert);
    await writeFile(keyFile, issued.key, { mode: 0o600 });
    clients[name as ClientName] = { certFile, keyFile, cert: issued.cert, key: issued.key };
  }
  return {
    dir,
    caFile: dev.paths.caCert,
    ca: ca.cert,
    tls: buildServerTlsOptions({
      certFile: dev.paths.serverCert,
      keyFile: dev.paths.serverKey,
      caFile: dev.paths.caCert,
    }),
    clients: clients as Record<ClientName, Credential>,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** One parsed log line. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string; event?: string };

export interface LogCollector {
  readonly logger: Logger;
  readonly lines: LogLine[];
  /** Resolves with the first line (already logged or still to come) that matches. */
  waitFor(match: (line: LogLine) => boolean): Promise<LogLine>;
  /** Lines whose `event` field is `event`. */
  events(event: string): LogLine[];
}

/** A logger (src/server/logger.ts) writing parsed lines to memory. */
export function createLogCollector(): LogCollector {
  const lines: LogLine[] = [];
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: {
      write(text: string) {
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        for (const waiter of [...waiters]) {
          if (waiter.match(line)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(line);
          }
        }
      },
    },
  });
  return {
    logger,
    lines,
    waitFor(match) {
      const found = lines.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    events: (event) => lines.filter((line) => line.event === event),
  };
}

/** pino's numeric levels. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

const TEXT_ENCODER = new TextEncoder();

/** A TTLV Request Message header (tag 0x420078, Structure) around `text`, zero-padded to 8. */
export function frame(text: string): Uint8Array {
  const payload = TEXT_ENCODER.encode(text);
  const padded = Math.ceil(payload.length / 8) * 8;
  const message = new Uint8Array(8 + padded);
  message.set([0x42, 0x00, 0x78, 0x01]);
  new DataView(message.buffer).setUint32(4, padded);
  message.set(payload, 8);
  return message;
}

/** The text `frame` wrapped. */
export function unframe(message: Uint8Array): string {
  let end = message.length;
  while (end > 8 && message[end - 1] === 0) end -= 1;
  return new TextDecoder().decode(message.subarray(8, end));
}

/** A TLS client that frames what the listener sends back into messages. */
export interface TestClient {
  readonly socket: TLSSocket;
  /** Messages received so far. */
  readonly received: Uint8Array[];
  /** Resolves on secureConnect, rejects if the socket closes first. */
  readonly connected: Promise<void>;
  /** Resolves when the socket has closed. */
  readonly closed: Promise<void>;
  send(bytes: Uint8Array): Promise<void>;
  /** The next message, or a rejection if the connection closes before one arrives. */
  next(): Promise<Uint8Array>;
}

/** Connects to the listener on 127.0.0.1 with a client credential (or none). */
export function connectClient(
  port: number,
  pki: ListenerPki,
  credential: Credential | undefined,
): TestClient {
  const socket = connect({
    host: '127.0.0.1',
    port,
    servername: 'localhost',
    ca: pki.ca,
    ...(credential && { cert: credential.cert, key: credential.key }),
  });
  socket.on('error', () => {});
  const reader = new TtlvMessageReader({ maxMessageSize: 64 * 1024 * 1024 });
  const received: Uint8Array[] = [];
  let delivered = 0;
  let isClosed = false;
  const waiters: { resolve: (m: Uint8Array) => void; reject: (e: Error) => void }[] = [];
  const flush = () => {
    while (waiters.length > 0 && delivered < received.length) {
      waiters.shift()?.resolve(received[delivered++]!);
    }
    if (isClosed) for (const w of waiters.splice(0)) w.reject(new Error('connection closed'));
  };
  socket.on('data', (chunk: Buffer) => {
    received.push(...reader.push(chunk));
    flush();
  });
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      isClosed = true;
      flush();
      resolve();
    }),
  );
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve);
    socket.once('close', () => reject(new Error('closed before secureConnect')));
  });
  connected.catch(() => {});
  return {
    socket,
    received,
    connected,
    closed,
    send: (bytes) =>
      new Promise<void>((resolve, reject) =>
        socket.write(bytes, (error) => (error ? reject(error) : resolve())),
      ),
    next: () =>
      new Promise<Uint8Array>((resolve, reject) => {
        waiters.push({ resolve, reject });
        flush();
      }),
  };
}

/** Echoes each request, so a test sees its own message back. */
export const echo: KmipListenerOptions['handle'] = async ({ bytes }) => bytes;

export interface TestListener {
  readonly listener: KmipListener;
  readonly port: number;
  readonly log: LogCollector;
  connect(client: ClientName | undefined): TestClient;
}

/** Starts a listener on 127.0.0.1:0 with an in-memory log; `stop()` closes it and its clients. */
export async function startTestListener(
  pki: ListenerPki,
  options: Partial<KmipListenerOptions> = {},
): Promise<TestListener & { stop(): Promise<void> }> {
  const log = createLogCollector();
  const listener = await startKmipListener({
    host: '127.0.0.1',
    port: 0,
    tls: pki.tls,
    logger: log.logger,
    handle: echo,
    ...options,
  });
  const clients: TestClient[] = [];
  return {
    listener,
    port: listener.address.port,
    log,
    connect(name) {
      const client = connectClient(
        listener.address.port,
        pki,
        name === undefined ? undefined : pki.clients[name],
      );
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.socket.destroy();
      await listener.close({ graceMs: 1000 });
    },
  };
}

/** What `useTestListeners` gives a suite. */
export interface TestListeners {
  /** The suite's PKI, made in its `before` hook. */
  readonly pki: ListenerPki;
  /** Starts a listener with `options` over the suite's defaults; stopped after the suite. */
  serve(options?: Partial<KmipListenerOptions>): Promise<TestListener>;
}

/**
 * Registers, in the calling `describe`, a `before` hook that makes the listener PKI and an
 * `after` hook that stops every listener `serve` started and removes the PKI.
 */
export function useTestListeners(defaults: Partial<KmipListenerOptions> = {}): TestListeners {
  let pki: ListenerPki | undefined;
  const stops: (() => Promise<void>)[] = [];
  const suitePki = (): ListenerPki => {
    if (pki === undefined) throw new Error('the listener PKI is made in the before hook');
    return pki;
  };
  before(async () => {
    pki = await createListenerPki();
  });
  after(async () => {
    for (const stop of stops) await stop();
    await pki?.cleanup();
  });
  return {
    get pki() {
      return suitePki();
    },
    async serve(options = {}) {
      const started = await startTestListener(suitePki(), { ...defaults, ...options });
      stops.push(started.stop);
      return started;
    },
  };
}
