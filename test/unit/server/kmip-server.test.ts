// The real server: TLS on port 0 with a development PKI in a temp dir, talked to with
// node:tls and our TTLV codec, as a KMIP client would.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import type { ServerConfig } from '../../../src/config/index.ts';
import {
  BatchErrorContinuationOption,
  ObjectType,
  Operation,
  ResultReason,
  ResultStatus,
  Tag,
} from '../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../src/kmip/messages/batch-item.ts';
import {
  encodeRequestMessage,
  type RequestMessage,
  type ResponseMessage,
} from '../../../src/kmip/messages/message.ts';
import { encodeTtlv, TtlvMessageReader } from '../../../src/kmip/ttlv/index.ts';
import { createDevPki, issueCertificate } from '../../../src/pki/index.ts';
import { startKmipServer, type RunningKmipServer } from '../../../src/server/kmip-server.ts';
import { createLogger } from '../../../src/server/logger.ts';
import { aesKeyAttributes, decodeResponse, message } from '../../support/server-harness.ts';
import { testServerConfig } from '../../support/server-config.ts';

interface Credentials {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** A KMIP client over TLS: one request at a time, responses framed by the TTLV reader. */
class Client {
  readonly #socket: TLSSocket;
  readonly #reader = new TtlvMessageReader();
  readonly #messages: Uint8Array[] = [];
  readonly #waiting: ((message: Uint8Array) => void)[] = [];

  constructor(port: number, credentials: Credentials) {
    this.#socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...credentials });
    // The server resets idle connections when it closes; that is not a test failure.
    this.#socket.on('error', () => {});
    this.#socket.on('data', (chunk: Buffer) => {
      for (const message of this.#reader.push(chunk)) {
        const waiter = this.#waiting.shift();
        if (waiter === undefined) this.#messages.push(message);
        else waiter(message);
      }
    });
  }

  async ready(): Promise<void> {
    await once(this.#socket, 'secureConnect');
  }

  async exchange(bytes: Uint8Array): Promise<Uint8Array> {
    this.#socket.write(bytes);
    const queued = this.#messages.shift();
    if (queued !== undefined) return queued;
    return new Promise((resolve, reject) => {
      this.#waiting.push(resolve);
      this.#socket.once('close', () => reject(new Error('connection closed before the response')));
    });
  }

  async send(request: RequestMessage): Promise<ResponseMessage> {
    return decodeResponse(await this.exchange(encodeTtlv(encodeRequestMessage(request))));
  }

  close(): void {
    this.#socket.destroy();
  }
}

/** A logger whose lines a test can wait for. */
function collectLogs() {
  const lines: { msg?: string }[] = [];
  const waiters: { match: (line: { msg?: string }) => boolean; resolve: () => void }[] = [];
  const logger = createLogger({
    level: 'info',
    destination: {
      write(text: string) {
        const line = JSON.parse(text) as { msg?: string };
        lines.push(line);
        for (const waiter of waiters.filter((w) => w.match(line))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
    },
  });
  return {
    logger,
    waitFor(match: (line: { msg?: string }) => boolean): Promise<void> {
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

function only(response: ResponseMessage): Exclude<ResponseBatchItem, { kind: 'invalid' }> {
  const [item] = response.batchItems;
  assert.ok(item !== undefined && item.kind !== 'invalid' && response.batchItems.length === 1);
  return item;
}

describe('startKmipServer', () => {
  let dir: string;
  let config: ServerConfig;
  let server: RunningKmipServer;
  let admin: Credentials;
  let bob: Credentials;
  const clients: Client[] = [];
  const logs = collectLogs();

  async function client(credentials: Credentials): Promise<Client> {
    const c = new Client(server.kmipAddress.port, credentials);
    clients.push(c);
    await c.ready();
    return c;
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-server-'));
    const pki = await createDevPki(join(dir, 'pki'));
    const ca = await readFile(pki.paths.caCert, 'utf8');
    const caKey = await readFile(pki.paths.caKey, 'utf8');
    admin = {
      ca,
      cert: await readFile(pki.paths.adminCert, 'utf8'),
      key: await readFile(pki.paths.adminKey, 'utf8'),
    };
    const issued = await issueCertificate({
      caCert: ca,
      caKey,
      commonName: 'bob',
      eku: ['clientAuth'],
    });
    bob = { ca, cert: issued.cert, key: issued.key };
    config = testServerConfig(dir, pki);
    server = await startKmipServer({ config, logger: logs.logger });
  });

  after(async () => {
    for (const c of clients) c.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on the port it was given (0: a free one)', () => {
    assert.equal(server.kmipAddress.host, '127.0.0.1');
    assert.ok(server.kmipAddress.port > 0);
  });

  let keyId = '';

  it('creates and returns a key for the client that owns it, identified by its certificate', async () => {
    const alice = await client(admin);
    const created = only(
      await alice.send(
        message('1.4', [
          {
            operation: 'Create',
            payload: {
              objectType: ObjectType.SymmetricKey,
              attributes: { attributes: aesKeyAttributes(256) },
            },
          },
        ]),
      ),
    );
    assert.equal(created.resultStatus, ResultStatus.Success);
    keyId = (created.payload as { uniqueIdentifier: string }).uniqueIdentifier;
    const got = only(
      await alice.send(
        message('2.1', [{ operation: 'Get', payload: { uniqueIdentifier: keyId } }]),
      ),
    );
    assert.equal(got.resultStatus, ResultStatus.Success);
    assert.equal(got.operation, Operation.Get);

    const other = await client(bob);
    const refused = only(
      await other.send(
        message('2.1', [{ operation: 'Get', payload: { uniqueIdentifier: keyId } }]),
      ),
    );
    assert.equal(refused.resultReason, ResultReason.PermissionDenied);
  });

  it('keeps the session (identity) of each connection for every request on it', async () => {
    const alice = await client(admin);
    const other = await client(bob);
    const get = message('1.4', [{ operation: 'Get', payload: { uniqueIdentifier: keyId } }]);
    for (let round = 0; round < 3; round++) {
      assert.equal(only(await alice.send(get)).resultStatus, ResultStatus.Success);
      assert.equal(only(await other.send(get)).resultReason, ResultReason.PermissionDenied);
    }
  });

  it('answers a message that is no request with Invalid Message and keeps the connection', async () => {
    const alice = await client(admin);
    const notARequest = encodeTtlv({ tag: Tag.RequestMessage, type: 'Structure', value: [] });
    const response = decodeResponse(await alice.exchange(notARequest));
    assert.equal(only(response).resultReason, ResultReason.InvalidMessage);
    const query = only(await alice.send(message('1.0', [{ operation: 'Query', payload: {} }])));
    assert.equal(query.resultStatus, ResultStatus.Success);
  });

  it('answers an unknown operation with Operation Not Supported', async () => {
    const alice = await client(admin);
    const response = await alice.send(
      message('1.2', [
        { operation: 0x60, raw: { tag: Tag.RequestPayload, type: 'Structure', value: [] } },
      ]),
    );
    assert.equal(only(response).resultReason, ResultReason.OperationNotSupported);
  });

  it('finishes a request in flight on close, then stops accepting; the data survives a restart', async () => {
    const alice = await client(admin);
    const creates = Array.from({ length: 40 }, (_, i) => ({
      operation: 'Create' as const,
      payload: {
        objectType: ObjectType.SymmetricKey,
        attributes: { attributes: aesKeyAttributes(128) },
      },
      id: `c${i}`,
    }));
    const pending = alice.send(
      message('1.4', creates, {
        batchErrorContinuationOption: BatchErrorContinuationOption.Continue,
      }),
    );
    // Close once the server is busy with the batch: the request is in flight.
    await logs.waitFor((line) => line.msg === 'created object');
    const closing = server.close();
    const response = await pending;
    assert.equal(response.batchItems.length, 40);
    for (const item of response.batchItems) {
      assert.ok(item.kind !== 'invalid' && item.resultStatus === ResultStatus.Success);
    }
    await closing;
    await server.close(); // idempotent

    const late = new Client(server.kmipAddress.port, admin);
    clients.push(late);
    await assert.rejects(late.ready());

    server = await startKmipServer({ config, logger: createLogger({ level: 'silent' }) });
    const again = await client(admin);
    const got = only(
      await again.send(
        message('1.4', [{ operation: 'Get', payload: { uniqueIdentifier: keyId } }]),
      ),
    );
    assert.equal(got.resultStatus, ResultStatus.Success);
  });
});
