// Crash safety of `keywarden serve`: keys are created over KMIP by several connections at
// once, the process is killed with SIGKILL in the middle of the stream, and a new process on
// the same data folder must hold every key whose creation was acknowledged, with the very
// key material the client was given.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ResultStatus, type ResponseMessage } from '../../../src/kmip/index.ts';
import type { GetResponse } from '../../../src/kmip/messages/payloads/get.ts';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { createAesKey, message } from '../../support/server-harness.ts';
import { adminCredentials, KmipTlsClient, type ClientCredentials } from './kmip-tls-client.ts';

const WRITERS = 6;
/** Acknowledged creations before the kill; the writers keep going until it lands. */
const KILL_AFTER = 120;

/** The key material a Get response carries. */
function materialOf(response: GetResponse): Uint8Array {
  const object = response.object;
  assert.ok('keyBlock' in object, 'a key');
  const value = object.keyBlock.keyValue;
  // A wrapped key's Key Value is a Byte String; ours are plain Key Value structures.
  assert.ok(value !== undefined && !(value instanceof Uint8Array), 'a Key Value structure');
  assert.ok(value.keyMaterial instanceof Uint8Array, 'raw key bytes');
  return value.keyMaterial;
}

/** The new key's id and material from a Create + Get batch, or undefined when it failed. */
function acknowledgedKey(response: ResponseMessage): [string, Uint8Array] | undefined {
  const [created, got] = response.batchItems;
  if (created?.kind !== 'typed' || got?.kind !== 'typed') return undefined;
  if (created.resultStatus !== ResultStatus.Success || got.resultStatus !== ResultStatus.Success) {
    return undefined;
  }
  const id = (created.payload as { uniqueIdentifier: string }).uniqueIdentifier;
  const get = got.payload as GetResponse;
  assert.equal(get.uniqueIdentifier, id);
  return [id, materialOf(get)];
}

describe('keywarden serve after kill -9', () => {
  let home: string;
  let server: KeywardenProcess;
  let admin: ClientCredentials;

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-durability-'));
    server = await startKeywardenProcess({ home });
    admin = await adminCredentials(home);
  });
  after(async () => {
    await server.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  it('keeps every acknowledged key, with identical material, when killed mid-stream', async () => {
    const acknowledged = new Map<string, Uint8Array>();
    let kill: Promise<void> | undefined;
    let failures = 0;
    let inFlight = 0;
    let inFlightAtKill = 0;

    const writer = async () => {
      const client = await KmipTlsClient.connect(server, admin);
      for (;;) {
        let response: ResponseMessage;
        inFlight += 1;
        try {
          // One message: the Create's answer acknowledges the key, the Get (ID Placeholder)
          // tells the client its material.
          response = await client.send(
            message('1.4', [
              createAesKey(256, [], 'create'),
              { operation: 'Get', payload: {}, id: 'get' },
            ]),
          );
        } catch {
          return; // the server is gone
        } finally {
          inFlight -= 1;
        }
        const key = acknowledgedKey(response);
        if (key === undefined) {
          failures += 1;
          continue;
        }
        acknowledged.set(...key);
        if (acknowledged.size >= KILL_AFTER && kill === undefined) {
          inFlightAtKill = inFlight;
          kill = server.kill9();
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    await kill;
    assert.equal(failures, 0, 'no creation failed before the kill');
    assert.ok(acknowledged.size >= KILL_AFTER, `${acknowledged.size} keys acknowledged`);
    assert.equal(server.child.signalCode, 'SIGKILL');
    assert.ok(inFlightAtKill > 0, 'requests were on the wire when the server was killed');

    server = await startKeywardenProcess({ home });
    const client = await KmipTlsClient.connect(server, admin);
    try {
      const missing: string[] = [];
      for (const [id, material] of acknowledged) {
        const response = await client.send(
          message('1.4', [{ operation: 'Get', payload: { uniqueIdentifier: id } }]),
        );
        const [item] = response.batchItems;
        if (item?.kind !== 'typed' || item.resultStatus !== ResultStatus.Success) {
          missing.push(id);
          continue;
        }
        assert.deepEqual(materialOf(item.payload as GetResponse), material, `material of ${id}`);
      }
      assert.deepEqual(missing, [], 'every acknowledged key survives the crash');
    } finally {
      client.destroy();
    }
  });
});
