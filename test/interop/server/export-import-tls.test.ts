// Adjust Attribute, Set Endpoint Role, Export and Import against a real `keywarden serve`
// over TLS, as raw KMIP messages (our TTLV codec on node:tls; PyKMIP 0.10 knows none of
// these operations). The data folder's config.toml grants the `importer` role the way
// docs/server.md shows; the admin client has no such role.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdjustmentType,
  EndpointRole,
  ObjectType,
  Operation,
  QueryFunction,
  ResultReason,
  ResultStatus,
  Tag,
} from '../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../src/kmip/messages/batch-item.ts';
import type { Attribute } from '../../../src/kmip/messages/attributes.ts';
import type { ExportResponse } from '../../../src/kmip/messages/payloads/export.ts';
import type { KmipVersionName } from '../../../src/kmip/registry-types.ts';
import {
  runKeywarden,
  startKeywardenProcess,
  type KeywardenProcess,
} from '../../support/keywarden-process.ts';
import { createAesKey, message, type ItemSpec } from '../../support/server-harness.ts';
import {
  adminCredentials,
  issueClientCredentials,
  KmipTlsClient,
  type ClientCredentials,
} from './kmip-tls-client.ts';

const CONFIG = `[access.roles.importer]
description = "restores exported objects"
owner = "self"
allow = { "*" = ["Import"] }

[access.grants]
"importer" = ["importer"]
`;

function payloadOf<T>(item: ResponseBatchItem | undefined): T {
  assert.ok(item !== undefined && item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  return item.payload as T;
}

describe('Export / Import / Adjust Attribute / Set Endpoint Role over TLS', () => {
  let home: string;
  let server: KeywardenProcess;
  let importer: ClientCredentials;
  let admin: ClientCredentials;
  const clients: KmipTlsClient[] = [];

  const sendOne = async (
    credentials: ClientCredentials,
    item: ItemSpec,
    version: KmipVersionName = '2.1',
  ): Promise<ResponseBatchItem | undefined> => {
    const client = await KmipTlsClient.connect(server, credentials);
    clients.push(client);
    const response = await client.send(message(version, [item]));
    client.end();
    return response.batchItems[0];
  };

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-impexp-'));
    await writeFile(join(home, 'config.toml'), CONFIG);
    const init = await runKeywarden(['init', '--home', home]);
    assert.equal(init.code, 0, init.stderr);
    server = await startKeywardenProcess({ home });
    importer = await issueClientCredentials(home, 'importer');
    admin = await adminCredentials(home);
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await server?.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  it('lists the four operations, with Interop and Log, in Query Operations', async () => {
    const answer = payloadOf<{ operations?: number[] }>(
      await sendOne(admin, {
        operation: 'Query',
        payload: { queryFunctions: [QueryFunction.QueryOperations] },
      }),
    );
    for (const name of [
      'AdjustAttribute',
      'SetEndpointRole',
      'Export',
      'Import',
      'Interop',
      'Log',
    ] as const) {
      assert.ok(answer.operations?.includes(Operation[name]), name);
    }
  });

  it('adjusts an attribute and keeps the Server endpoint role', async () => {
    const created = payloadOf<{ uniqueIdentifier: string }>(
      await sendOne(importer, createAesKey(128)),
    );
    payloadOf(
      await sendOne(importer, {
        operation: 'AdjustAttribute',
        payload: {
          uniqueIdentifier: created.uniqueIdentifier,
          attributeName: 'RotateInterval',
          adjustmentType: AdjustmentType.Increment,
          adjustmentValue: { tag: Tag.AdjustmentValue, type: 'Interval', value: 86400 },
        },
      }),
    );
    const read = payloadOf<{ attributes: Attribute[] }>(
      await sendOne(importer, {
        operation: 'GetAttributes',
        payload: { uniqueIdentifier: created.uniqueIdentifier, attributeNames: ['RotateInterval'] },
      }),
    );
    assert.deepEqual(read.attributes, [{ name: 'RotateInterval', value: 86400 }]);
    assert.deepEqual(
      payloadOf(
        await sendOne(importer, {
          operation: 'SetEndpointRole',
          payload: { endpointRole: EndpointRole.Server },
        }),
      ),
      { endpointRole: EndpointRole.Server },
    );
  });

  it('exports a key and imports a copy under a new identifier; refuses Import without the role', async () => {
    const created = payloadOf<{ uniqueIdentifier: string }>(
      await sendOne(importer, createAesKey(256)),
    );
    const exported = payloadOf<ExportResponse>(
      await sendOne(importer, {
        operation: 'Export',
        payload: { uniqueIdentifier: created.uniqueIdentifier },
      }),
    );
    assert.equal(exported.objectType, ObjectType.SymmetricKey);
    const copyId = `${created.uniqueIdentifier}-copy`;
    const attributes = exported.attributes.attributes.map((a) =>
      a.name === 'UniqueIdentifier' ? { name: a.name, value: copyId } : a,
    );
    const request = {
      operation: 'Import',
      payload: {
        uniqueIdentifier: copyId,
        objectType: exported.objectType,
        attributes: { attributes },
        object: exported.object,
      },
    } as const;
    const denied = await sendOne(admin, request);
    assert.ok(denied !== undefined && denied.kind !== 'invalid');
    assert.equal(denied.resultReason, ResultReason.PermissionDenied);
    assert.deepEqual(payloadOf(await sendOne(importer, request)), { uniqueIdentifier: copyId });
    const copy = payloadOf<ExportResponse>(
      await sendOne(importer, { operation: 'Export', payload: { uniqueIdentifier: copyId } }),
    );
    assert.deepEqual(copy.object, exported.object);
    // KMIP 1.3 has no Export.
    const old = await sendOne(
      importer,
      {
        operation: Operation.Export,
        raw: {
          tag: Tag.RequestPayload,
          type: 'Structure',
          value: [{ tag: Tag.UniqueIdentifier, type: 'TextString', value: copyId }],
        },
      },
      '1.3',
    );
    assert.ok(old !== undefined && old.kind !== 'invalid');
    assert.equal(old.resultReason, ResultReason.OperationNotSupported);
  });
});
