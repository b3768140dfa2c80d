// `keywarden serve` against bad and greedy clients: garbage, half messages, huge length
// fields, invalid enumerations and item types, other owners' objects, and many clients at
// once. Each bad input gets the answer the spec gives (a KMIP error response with the right
// Result Reason where one is possible, else the connection is closed), and the server keeps
// serving: a witness connection opened before the first test must still work after each one.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  encodeRequestMessage,
  encodeTtlv,
  item,
  NameType,
  ObjectType,
  Operation,
  QueryFunction,
  ResultReason,
  ResultStatus,
  RevocationReasonCode,
  Tag,
  type KmipItem,
  type RequestMessage,
  type ResponseMessage,
} from '../../../src/kmip/index.ts';
import type { ResponseBatchItem } from '../../../src/kmip/messages/batch-item.ts';
import type { KmipVersionName } from '../../../src/kmip/registry-types.ts';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { aesKeyAttributes, message, type ItemSpec } from '../../support/server-harness.ts';
import {
  adminCredentials,
  decodeResponse,
  issueClientCredentials,
  KmipTlsClient,
  type ClientCredentials,
} from './kmip-tls-client.ts';

type Answered = Exclude<ResponseBatchItem, { kind: 'invalid' }>;

/** The only batch item of a response. */
function only(response: ResponseMessage): Answered {
  const [first] = response.batchItems;
  assert.equal(response.batchItems.length, 1);
  assert.ok(first !== undefined && first.kind !== 'invalid');
  return first;
}

/** Asserts a failed item with `reason`. */
function assertFailed(item: Answered, reason: number, label = ''): void {
  assert.equal(item.resultStatus, ResultStatus.OperationFailed, `${label}: ${item.resultMessage}`);
  assert.equal(item.resultReason, reason, `${label}: ${item.resultMessage}`);
}

const S = (tag: number, ...children: KmipItem[]) => item(tag, 'Structure', children);

/** A KMIP 1.4 request header as an item tree, with `fields` before the Batch Count. */
function rawHeader(fields: KmipItem[] = [], batchCount = 1, major?: KmipItem): KmipItem {
  return S(
    Tag.RequestHeader,
    S(
      Tag.ProtocolVersion,
      major ?? item(Tag.ProtocolVersionMajor, 'Integer', 1),
      item(Tag.ProtocolVersionMinor, 'Integer', 4),
    ),
    ...fields,
    item(Tag.BatchCount, 'Integer', batchCount),
  );
}

function rawItem(operation: number, ...payload: KmipItem[]): KmipItem {
  return S(
    Tag.BatchItem,
    item(Tag.Operation, 'Enumeration', operation),
    S(Tag.RequestPayload, ...payload),
  );
}

const bytesOf = (tree: KmipItem) => encodeTtlv(tree);
const requestBytes = (request: RequestMessage) => encodeTtlv(encodeRequestMessage(request));

function createNamed(name: string): ItemSpec {
  return {
    operation: 'Create',
    payload: {
      objectType: ObjectType.SymmetricKey,
      attributes: {
        attributes: aesKeyAttributes(128, [
          { name: 'Name', value: { value: name, type: NameType.UninterpretedTextString } },
        ]),
      },
    },
  };
}

describe('keywarden serve with bad and concurrent clients', () => {
  let server: KeywardenProcess;
  let admin: ClientCredentials;
  let bob: ClientCredentials;
  let witness: KmipTlsClient;
  const open: KmipTlsClient[] = [];

  const connect = async (credentials: ClientCredentials = admin) => {
    const client = await KmipTlsClient.connect(server, credentials);
    open.push(client);
    return client;
  };
  const query = (version: KmipVersionName = '1.4') =>
    message(version, [
      { operation: 'Query', payload: { queryFunctions: [QueryFunction.QueryOperations] } },
    ]);
  const createKey = async (client: KmipTlsClient, name?: string) => {
    const created = only(await client.send(message('1.4', [createNamed(name ?? 'k')])));
    assert.equal(created.resultStatus, ResultStatus.Success, created.resultMessage);
    return (created.payload as { uniqueIdentifier: string }).uniqueIdentifier;
  };

  /** The witness connection and a fresh one both still get answers. */
  async function assertServing(): Promise<void> {
    assert.equal(only(await witness.send(query())).resultStatus, ResultStatus.Success);
    const fresh = await connect();
    const id = await createKey(fresh);
    const got = only(
      await fresh.send(message('1.4', [{ operation: 'Get', payload: { uniqueIdentifier: id } }])),
    );
    assert.equal(got.resultStatus, ResultStatus.Success, got.resultMessage);
    fresh.destroy();
  }

  before(async () => {
    server = await startKeywardenProcess();
    admin = await adminCredentials(server.home);
    bob = await issueClientCredentials(server.home, 'bob');
    witness = await connect();
  });
  after(async () => {
    for (const client of open) client.destroy();
    await server.cleanup();
  });

  it('answers garbage bytes with Invalid Message, then closes the connection', async () => {
    for (const garbage of [
      Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'),
      Buffer.from('0011223344556677'.repeat(8), 'hex'),
      // A Request Message tag on an Integer: the framing only accepts a Structure.
      bytesOf(item(Tag.RequestMessage, 'Integer', 1)),
    ]) {
      const client = await connect();
      const response = decodeResponse(await client.exchange(garbage));
      const answer = only(response);
      assert.equal(answer.operation, undefined, 'a message-level error has no Operation');
      assertFailed(answer, ResultReason.InvalidMessage);
      await client.closed;
    }
    await assertServing();
  });

  it('closes a connection whose peer ends the stream halfway through a message, without an answer', async () => {
    const whole = requestBytes(query());
    const client = await connect();
    const answer = client.next();
    client.write(whole.subarray(0, 20));
    // While the half message waits, other clients are served.
    assert.equal(only(await witness.send(query())).resultStatus, ResultStatus.Success);
    client.end();
    await assert.rejects(answer, /closed/);
    await client.closed;
    await assertServing();
  });

  it('survives a client that vanishes mid-message (TCP reset)', async () => {
    const client = await connect();
    client.write(requestBytes(query()).subarray(0, 9));
    client.reset();
    await client.closed;
    await assertServing();
  });

  it('refuses a length field larger than the maximum message size at once, without waiting for the body', async () => {
    const client = await connect();
    // Request Message header claiming 4 GiB - 16 bytes; no body follows.
    const response = decodeResponse(await client.exchange(Buffer.from('42007801fffffff0', 'hex')));
    assertFailed(only(response), ResultReason.InvalidMessage);
    await client.closed;
    // One byte over the default 1 MiB limit.
    const over = await connect();
    const header = Buffer.from('4200780100100001', 'hex');
    assertFailed(only(decodeResponse(await over.exchange(header))), ResultReason.InvalidMessage);
    await over.closed;
    await assertServing();
  });

  it('drops a connection that is not TLS at all', async () => {
    const socket = connectTcp({ host: server.host, port: server.port });
    socket.on('error', () => {});
    await once(socket, 'connect');
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await once(socket, 'close');
    await assertServing();
  });

  it('answers a valid TTLV item that is no Request Message with Invalid Message and keeps the connection', async () => {
    const client = await connect();
    for (const tree of [S(Tag.ResponseMessage), S(Tag.RequestMessage)]) {
      assertFailed(
        only(decodeResponse(await client.exchange(bytesOf(tree)))),
        ResultReason.InvalidMessage,
      );
    }
    assert.equal(only(await client.send(query())).resultStatus, ResultStatus.Success);
    await assertServing();
  });

  it('answers invalid enumerations inside a valid message with the reason of the field', async () => {
    const client = await connect();
    const uid = item(Tag.UniqueIdentifier, 'TextString', 'no-such-key');
    const cases: [string, KmipItem, number][] = [
      [
        'unknown Operation',
        S(Tag.RequestMessage, rawHeader(), rawItem(0xffff)),
        ResultReason.OperationNotSupported,
      ],
      [
        'unknown Batch Error Continuation Option',
        S(
          Tag.RequestMessage,
          rawHeader([item(Tag.BatchErrorContinuationOption, 'Enumeration', 0x99)]),
          rawItem(Operation.Get, uid),
        ),
        ResultReason.InvalidField,
      ],
      [
        'unknown Revocation Reason Code',
        S(
          Tag.RequestMessage,
          rawHeader(),
          rawItem(
            Operation.Revoke,
            uid,
            S(Tag.RevocationReason, item(Tag.RevocationReasonCode, 'Enumeration', 0x42)),
          ),
        ),
        ResultReason.InvalidField,
      ],
    ];
    for (const [label, tree, reason] of cases) {
      assertFailed(only(decodeResponse(await client.exchange(bytesOf(tree)))), reason, label);
    }
    const badType = only(
      await client.send(
        message('1.4', [
          {
            operation: 'Create',
            payload: { objectType: 0x99, attributes: { attributes: aesKeyAttributes() } },
          },
        ]),
      ),
    );
    assertFailed(badType, ResultReason.InvalidField, 'unknown Object Type');
    assert.equal(only(await client.send(query())).resultStatus, ResultStatus.Success);
    await assertServing();
  });

  it('answers items of the wrong type with Invalid Message', async () => {
    const client = await connect();
    const cases: [string, KmipItem][] = [
      [
        'Protocol Version Major as a Text String',
        S(Tag.RequestMessage, rawHeader([], 1, item(Tag.ProtocolVersionMajor, 'TextString', '1'))),
      ],
      [
        'Unique Identifier as a Structure',
        S(Tag.RequestMessage, rawHeader(), rawItem(Operation.Get, S(Tag.UniqueIdentifier))),
      ],
      [
        'Batch Count that does not match the items',
        S(Tag.RequestMessage, rawHeader([], 3), rawItem(Operation.Query)),
      ],
    ];
    for (const [label, tree] of cases) {
      assertFailed(
        only(decodeResponse(await client.exchange(bytesOf(tree)))),
        ResultReason.InvalidMessage,
        label,
      );
    }
    assert.equal(only(await client.send(query())).resultStatus, ResultStatus.Success);
    await assertServing();
  });

  it("refuses every operation on another owner's key with Permission Denied, changing nothing", async () => {
    const owner = await connect(admin);
    const id = await createKey(owner, 'owned-by-admin');
    const intruder = await connect(bob);
    const attempts: ItemSpec[] = [
      { operation: 'Get', payload: { uniqueIdentifier: id } },
      { operation: 'GetAttributes', payload: { uniqueIdentifier: id } },
      { operation: 'Activate', payload: { uniqueIdentifier: id } },
      {
        operation: 'Revoke',
        payload: {
          uniqueIdentifier: id,
          revocationReason: { code: RevocationReasonCode.KeyCompromise },
        },
      },
      { operation: 'Check', payload: { uniqueIdentifier: id } },
      { operation: 'Destroy', payload: { uniqueIdentifier: id } },
    ];
    for (const version of ['1.2', '2.1'] as const) {
      for (const attempt of attempts) {
        assertFailed(
          only(await intruder.send(message(version, [attempt]))),
          ResultReason.PermissionDenied,
          `${attempt.operation} in ${version}`,
        );
      }
    }
    const state = only(
      await owner.send(
        message('1.4', [
          {
            operation: 'GetAttributes',
            payload: { uniqueIdentifier: id, attributeNames: ['State'] },
          },
        ]),
      ),
    );
    assert.deepEqual((state.payload as { attributes: unknown[] }).attributes, [
      { name: 'State', value: 1 },
    ]);
    await assertServing();
  });

  it('serves 30 connections × 20 interleaved requests without cross-talk, and keeps the two identities apart', async () => {
    const CONNECTIONS = 30;
    const ROUNDS = 10; // each round is a Create and a GetAttributes: 20 requests
    const clients = await Promise.all(
      Array.from({ length: CONNECTIONS }, (_, n) => connect(n % 2 === 0 ? admin : bob)),
    );
    const encoder = new TextEncoder();
    const firstKeys = await Promise.all(
      clients.map(async (client, n) => {
        const ids: string[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const name = `conn-${n}-round-${round}-${Math.random().toString(36).slice(2)}`;
          const exchange = async (spec: ItemSpec, label: string) => {
            const correlation = `${label}-${n}-${round}`;
            const request = message('1.4', [{ ...spec, id: correlation }], {
              clientCorrelationValue: correlation,
            });
            const response = await client.send(request);
            assert.equal(response.header.clientCorrelationValue, correlation);
            const answer = only(response);
            assert.deepEqual(answer.uniqueBatchItemId, encoder.encode(correlation));
            assert.equal(answer.resultStatus, ResultStatus.Success, answer.resultMessage);
            return answer.payload as Record<string, unknown>;
          };
          const id = (await exchange(createNamed(name), 'create'))['uniqueIdentifier'] as string;
          const read = await exchange(
            {
              operation: 'GetAttributes',
              payload: { uniqueIdentifier: id, attributeNames: ['UniqueIdentifier', 'Name'] },
            },
            'read',
          );
          assert.equal(read['uniqueIdentifier'], id);
          assert.deepEqual(read['attributes'], [
            { name: 'UniqueIdentifier', value: id },
            { name: 'Name', value: { value: name, type: NameType.UninterpretedTextString } },
          ]);
          ids.push(id);
        }
        assert.equal(new Set(ids).size, ROUNDS);
        return ids[0] ?? '';
      }),
    );
    // Each identity cannot read a key of the other; its own it can.
    for (const [n, client] of clients.entries()) {
      const other = firstKeys[(n + 1) % CONNECTIONS] ?? '';
      const own = firstKeys[n] ?? '';
      const get = (id: string) =>
        client.send(message('1.4', [{ operation: 'Get', payload: { uniqueIdentifier: id } }]));
      assertFailed(only(await get(other)), ResultReason.PermissionDenied, `connection ${n}`);
      assert.equal(only(await get(own)).resultStatus, ResultStatus.Success);
    }
    for (const client of clients) client.destroy();
    await assertServing();
  });

  it('still answers the witness connection opened before the first test', async () => {
    assert.equal(witness.isClosed, false);
    assert.equal(only(await witness.send(query('2.1'))).resultStatus, ResultStatus.Success);
  });
});
