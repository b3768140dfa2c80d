// Locate through the pipeline: order and paging, Storage Status Mask, Object Group Member,
// access control, the ID Placeholder, and fields per protocol version.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ObjectGroupMember,
  ObjectType,
  ResultReason,
  ResultStatus,
  StorageStatusMask,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import {
  message,
  createServerHarness,
  type ServerHarness,
} from '../../../support/server-harness.ts';
import { caseAttribute, LocateFixture, nameAttribute } from './locate-fixture.ts';

const { OnLineStorage, ArchivalStorage, DestroyedStorage } = StorageStatusMask;

describe('Locate: scope, paging and access', () => {
  let harness: ServerHarness;
  const fx = new LocateFixture(() => harness);

  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  async function keys(name: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(await fx.key(name));
    return ids;
  }

  it('returns the newest object first; Offset Items skips, Maximum Items caps, Located Items counts all', async () => {
    const ids = await keys('paging', 5);
    const newest = [...ids].reverse();
    const page = (options: object, version: '1.4' | '2.1' = '1.4') =>
      fx.run('paging', [], { version, ...options });
    assert.deepEqual(await page({}), { ok: true, ids: newest, located: 5 });
    assert.deepEqual(await page({ maximumItems: 2 }), {
      ok: true,
      ids: newest.slice(0, 2),
      located: 5,
    });
    // OASIS TC-OFFSET-1-14: Maximum Items 1, Offset Items 1 returns the second newest.
    assert.deepEqual(await page({ maximumItems: 1, offsetItems: 1 }, '2.1'), {
      ok: true,
      ids: [newest[1]],
      located: 5,
    });
    assert.deepEqual(await page({ offsetItems: 3 }), {
      ok: true,
      ids: newest.slice(3),
      located: 5,
    });
    assert.deepEqual(await page({ offsetItems: 9 }), { ok: true, ids: [], located: 5 });
    assert.deepEqual(await page({ maximumItems: 0 }), { ok: true, ids: [], located: 5 });
  });

  it('sends Located Items from KMIP 1.3 on only', async () => {
    await keys('located', 2);
    const v12 = await fx.run('located', [], { version: '1.2' });
    const v13 = await fx.run('located', [], { version: '1.3' });
    assert.ok(v12.ok && v13.ok);
    assert.equal(v12.located, undefined);
    assert.equal(v13.located, 2);
  });

  it('refuses a negative Maximum Items or Offset Items with Invalid Field', async () => {
    for (const options of [{ maximumItems: -1 }, { offsetItems: -2 }]) {
      assert.equal((await fx.reason('paging', [], options)).reason, ResultReason.InvalidField);
    }
  });

  it('honours Offset Items and Object Group Member sent in an older version, as PyKMIP 0.10 does', async () => {
    const ids = await keys('older', 3);
    const unknownItems = [{ tag: Tag.OffsetItems, type: 'Integer' as const, value: 2 }];
    assert.deepEqual(await fx.ids('older', [], { version: '1.2', unknownItems }), [ids[0]]);
    const member = [{ tag: Tag.ObjectGroupMember, type: 'Enumeration' as const, value: 2 }];
    assert.deepEqual(await fx.ids('older', [], { version: '1.0', unknownItems: member }), [ids[0]]);
    const other = [{ tag: Tag.LocatedItems, type: 'Integer' as const, value: 1 }];
    const refused = await fx.reason('older', [], { version: '1.4', unknownItems: other });
    assert.equal(refused.reason, ResultReason.InvalidField);
    assert.match(refused.message, /LocatedItems/);
  });

  it('searches on-line objects only by default: destroyed ones are left out in 1.x and 2.x', async () => {
    const [kept, destroyed] = await keys('destroyed', 2);
    assert.ok(kept !== undefined && destroyed !== undefined);
    await harness.sendOne('1.4', {
      operation: 'Destroy',
      payload: { uniqueIdentifier: destroyed },
    });
    const destroyedId = [{ name: 'UniqueIdentifier', value: destroyed }];
    for (const version of ['1.0', '1.4', '2.0', '2.1'] as const) {
      assert.deepEqual(await fx.ids('destroyed', [], { version }), [kept]);
      // OASIS SKFF-M-5-14 / -21: Locate by the destroyed object's identifier finds nothing.
      assert.deepEqual(await fx.ids(undefined, destroyedId, { version }), []);
    }
    const mask = (storageStatusMask: number) => ({ version: '2.1' as const, storageStatusMask });
    assert.deepEqual(await fx.ids('destroyed', [], mask(DestroyedStorage)), [destroyed]);
    assert.deepEqual(await fx.ids('destroyed', [], mask(OnLineStorage | DestroyedStorage)), [
      destroyed,
      kept,
    ]);
    assert.deepEqual(await fx.ids(undefined, destroyedId, mask(DestroyedStorage)), [destroyed]);
    // KMIP 1.x defines no Destroyed Storage bit.
    const v14 = await fx.reason('destroyed', [], { storageStatusMask: DestroyedStorage });
    assert.equal(v14.reason, ResultReason.InvalidField);
  });

  it('tells archived objects (with an Archive Date) from on-line ones by the mask', async () => {
    const [online, archived, destroyed] = await keys('archive', 3);
    assert.ok(online !== undefined && archived !== undefined && destroyed !== undefined);
    await fx.addStored(archived, [{ name: 'ArchiveDate', index: 0, value: new Date() }]);
    await harness.sendOne('1.4', {
      operation: 'Destroy',
      payload: { uniqueIdentifier: destroyed },
    });
    const find = (storageStatusMask?: number, version: '1.4' | '2.1' = '2.1') =>
      fx.ids('archive', [], {
        version,
        ...(storageStatusMask === undefined ? {} : { storageStatusMask }),
      });
    assert.deepEqual(await find(), [online]);
    assert.deepEqual(await find(ArchivalStorage, '1.4'), [archived]);
    assert.deepEqual(await find(OnLineStorage | ArchivalStorage, '1.4'), [archived, online]);
    assert.deepEqual(await find(ArchivalStorage | DestroyedStorage), [destroyed, archived]);
    assert.deepEqual(await find(OnLineStorage | ArchivalStorage | DestroyedStorage), [
      destroyed,
      archived,
      online,
    ]);
    assert.deepEqual(await find(0), []);
  });

  it('Group Member Fresh finds the oldest fresh object of the group, Default the oldest member', async () => {
    const group = [{ name: 'ObjectGroup', value: 'pool' }];
    const [first, second] = [await fx.key('group', group), await fx.key('group', group)];
    await fx.key('group', [{ name: 'ObjectGroup', value: 'elsewhere' }]);
    const fresh = { objectGroupMember: ObjectGroupMember.GroupMemberFresh, maximumItems: 1 };
    assert.deepEqual(await fx.ids('group', group, fresh), [first]);
    // The first Get serves the object: it is no longer fresh (KMIP 1.4 §3.34).
    await harness.sendOne('1.4', { operation: 'Get', payload: { uniqueIdentifier: first } });
    assert.deepEqual(await fx.ids('group', group, fresh), [second]);
    const all = { objectGroupMember: ObjectGroupMember.GroupMemberFresh, version: '2.1' as const };
    assert.deepEqual(await fx.ids('group', group, all), [second]);
    const byDefault = { objectGroupMember: ObjectGroupMember.GroupMemberDefault };
    assert.deepEqual(await fx.run('group', group, byDefault), {
      ok: true,
      ids: [first],
      located: 1,
    });
    const unknown = await fx.reason('group', group, { objectGroupMember: 7 });
    assert.equal(unknown.reason, ResultReason.InvalidField);
  });

  it('finds only what the caller may Locate under the default policy: owners see their keys, everyone certificates', async () => {
    const alice = await fx.key('access', [], { identity: 'alice' });
    const bob = await fx.key('access', [], { identity: 'bob' });
    const certificate = await fx.insert('access', 'Certificate', { owner: 'alice' });
    const secret = await fx.insert('access', 'SecretData', {
      owner: 'alice',
      policy: 'no-such-policy',
    });
    assert.ok(secret !== undefined);
    assert.deepEqual(await fx.ids('access', [], { identity: 'alice' }), [certificate, alice]);
    assert.deepEqual(await fx.ids('access', [], { identity: 'bob', version: '2.1' }), [
      certificate,
      bob,
    ]);
    assert.deepEqual(await fx.ids('access', [], { identity: 'carol' }), [certificate]);
    // Named by identifier, another owner's key is simply not found: no Permission Denied.
    const byId = (id: string) => [{ name: 'UniqueIdentifier', value: id }];
    assert.deepEqual(await fx.run(undefined, byId(alice), { identity: 'bob' }), {
      ok: true,
      ids: [],
      located: 0,
    });
    assert.deepEqual(await fx.ids(undefined, byId(alice), { identity: 'alice' }), [alice]);
    assert.deepEqual(
      await fx.ids(undefined, byId('no-such-object'), { identity: 'alice', version: '2.1' }),
      [],
    );
    const type = [{ name: 'ObjectType', value: ObjectType.Certificate }];
    assert.deepEqual(await fx.ids('access', type, { identity: 'bob' }), [certificate]);
  });

  it('matches by Unique Identifier only when every other criterion holds too', async () => {
    const id = await fx.key('by-id', [nameAttribute('by-id-key')]);
    const byId = { name: 'UniqueIdentifier', value: id };
    assert.deepEqual(await fx.ids(undefined, [byId, nameAttribute('by-id-key')]), [id]);
    assert.deepEqual(await fx.ids(undefined, [byId, nameAttribute('other')]), []);
    const twice = [byId, { name: 'UniqueIdentifier', value: 'other-id' }];
    assert.deepEqual(await fx.ids(undefined, twice), []);
  });

  it('sets the ID Placeholder when it returns one identifier and empties it otherwise', async () => {
    const [older, newer] = await keys('placeholder', 2);
    const locateItem = (maximumItems?: number) => ({
      id: 'locate',
      operation: 'Locate' as const,
      payload: {
        attributes: [caseAttribute('placeholder')],
        ...(maximumItems === undefined ? {} : { maximumItems }),
      },
    });
    const getItem = { id: 'get', operation: 'Get' as const, payload: {} };
    const run = async (items: Parameters<typeof message>[1]) => {
      const response = await harness.send(message('1.4', items, { batchOrderOption: true }));
      return response.batchItems.map((item) => {
        assert.ok(item.kind !== 'invalid');
        return item;
      });
    };
    const [, one] = await run([locateItem(1), getItem]);
    assert.equal(one?.resultStatus, ResultStatus.Success);
    assert.equal((one?.payload as { uniqueIdentifier?: string }).uniqueIdentifier, newer);
    // An earlier item's placeholder does not survive a Locate that matched several objects.
    const [, , several] = await run([
      { id: 'first', operation: 'Get', payload: { uniqueIdentifier: older as string } },
      locateItem(),
      getItem,
    ]);
    assert.equal(several?.resultStatus, ResultStatus.OperationFailed);
    assert.equal(several?.resultReason, ResultReason.MissingData);
  });

  it('matches every object the caller may Locate when no attribute is given', async (t) => {
    // A harness of its own: the other tests' certificates are visible to everyone.
    const own = await createServerHarness();
    t.after(() => own.close());
    const ownFx = new LocateFixture(() => own);
    const ids = [await ownFx.key('all'), await ownFx.key('all'), await ownFx.key('all')];
    await ownFx.key('all', [], { identity: 'erin' });
    for (const version of ['1.0', '2.1'] as const) {
      assert.deepEqual(await ownFx.ids(undefined, [], { version }), [...ids].reverse());
    }
    // PyKMIP 0.10 at KMIP 2.0 leaves the (Required) Attributes structure out of such a Locate.
    for (const version of ['2.0', '2.1'] as const) {
      const item = await own.sendOne(version, { operation: 'Locate', payload: {} });
      assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success, version);
      const payload = item.payload as { uniqueIdentifiers?: string[] };
      assert.deepEqual(payload.uniqueIdentifiers, [...ids].reverse());
      const paged = await own.sendOne(version, {
        operation: 'Locate',
        payload: { maximumItems: 1 },
      });
      assert.ok(paged.kind === 'typed');
      assert.deepEqual((paged.payload as { uniqueIdentifiers?: string[] }).uniqueIdentifiers, [
        ids[2],
      ]);
    }
  });
});
