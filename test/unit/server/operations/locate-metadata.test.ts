// Locate checks access on each candidate from its metadata (owner, object type, Operation
// Policy Name): it never reads or decrypts key material, not even for criteria it checks on
// the object (State), for a Locate by Unique Identifier or for other owners' objects.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAeadKey, randomBytes } from '../../../../src/crypto/index.ts';
import { ResultStatus, State } from '../../../../src/kmip/generated/registry.ts';
import {
  decodeResponseMessage,
  encodeRequestMessage,
} from '../../../../src/kmip/messages/message.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { decodeTtlv, encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import { createLogger } from '../../../../src/server/logger.ts';
import {
  createMessageHandler,
  type MessageHandler,
} from '../../../../src/server/pipeline/handle-message.ts';
import { openSqliteStore, type ObjectStore } from '../../../../src/store/index.ts';
import { createAesKey, message, type ItemSpec } from '../../../support/server-harness.ts';
import { nameAttribute } from './locate-fixture.ts';

/** The store, with every `get` (which decrypts material) recorded. */
function recordingGets(store: ObjectStore, gets: string[]): ObjectStore {
  return {
    nextId: () => store.nextId(),
    create: (object) => store.create(object),
    get: (id) => {
      gets.push(id);
      return store.get(id);
    },
    getMetadata: (id) => store.getMetadata(id),
    update: (id, patch) => store.update(id, patch),
    delete: (id) => store.delete(id),
    find: (query) => store.find(query),
    count: (query) => store.count(query),
    batch: (ops) => store.batch(ops),
    stats: () => store.stats(),
    close: () => store.close(),
  };
}

describe('Locate reads no key material', () => {
  let dir: string;
  let store: ObjectStore;
  let handler: MessageHandler;
  const gets: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-locate-meta-'));
    store = await openSqliteStore({
      path: join(dir, 'keywarden.db'),
      masterKey: createAeadKey(randomBytes(32)),
    });
    handler = createMessageHandler({
      store: recordingGets(store, gets),
      logger: createLogger({ level: 'silent' }),
    });
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function send(version: KmipVersionName, item: ItemSpec, identity = 'alice') {
    const bytes = encodeTtlv(encodeRequestMessage(message(version, [item])));
    const response = decodeResponseMessage(
      decodeTtlv(await handler(bytes, { identity, connectionId: 'test' })),
    );
    const [first] = response.batchItems;
    assert.ok(first !== undefined && first.kind === 'typed');
    assert.equal(first.resultStatus, ResultStatus.Success);
    return first.payload as { uniqueIdentifier?: string; uniqueIdentifiers?: string[] };
  }

  it('checks access and matches State, names and identifiers from metadata only', async () => {
    const mine = (await send('1.4', createAesKey(256, [nameAttribute('meta-key')])))
      .uniqueIdentifier;
    const theirs = (await send('1.4', createAesKey(256, [nameAttribute('meta-key')]), 'bob'))
      .uniqueIdentifier;
    assert.ok(mine !== undefined && theirs !== undefined);
    gets.length = 0;
    const locate = (attributes: Attribute[], version: KmipVersionName = '1.4') =>
      send(version, { operation: 'Locate', payload: { attributes } });
    assert.deepEqual((await locate([nameAttribute('meta-key')])).uniqueIdentifiers, [mine]);
    const preActive = { name: 'State', value: State.PreActive };
    assert.deepEqual(
      (await locate([nameAttribute('meta-key'), preActive], '2.1')).uniqueIdentifiers,
      [mine],
    );
    const byId = (id: string) => [{ name: 'UniqueIdentifier', value: id }];
    assert.deepEqual((await locate(byId(mine))).uniqueIdentifiers, [mine]);
    assert.deepEqual((await locate(byId(theirs))).uniqueIdentifiers ?? [], []);
    assert.deepEqual(gets, [], 'Locate read key material');
    // Get does read it: the recording works.
    await send('1.4', { operation: 'Get', payload: { uniqueIdentifier: mine } });
    assert.ok(gets.length > 0 && gets.every((id) => id === mine));
  });
});
