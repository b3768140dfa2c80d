import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  KeyFormatType,
  ObjectType,
  ResultReason,
  State,
} from '../../../../src/kmip/generated/registry.ts';
import type { SymmetricKey } from '../../../../src/kmip/messages/objects.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  attributeValue,
  createManagedObjects,
  defaultAccessPolicy,
  DeferredSession,
  type ManagedObjects,
} from '../../../../src/server/objects/index.ts';
import { openTestStore, type StoreFixture } from './store-fixture.ts';

const key: SymmetricKey = {
  kind: 'SymmetricKey',
  keyBlock: {
    keyFormatType: KeyFormatType.Raw,
    keyValue: { keyMaterial: new Uint8Array(32).fill(9) },
    cryptographicAlgorithm: CryptographicAlgorithm.AES,
    cryptographicLength: 256,
  },
};

describe('managed objects service', () => {
  let fixture: StoreFixture;
  let clock = new Date('2030-01-01T00:00:00Z');
  before(async () => {
    fixture = await openTestStore();
  });
  after(() => fixture.close());

  /** The service as `name`, over a session committed by `run`. */
  async function as<T>(
    name: string,
    run: (objects: ManagedObjects) => Promise<T>,
    version: KmipVersionName = '2.1',
  ): Promise<T> {
    const session = new DeferredSession(fixture.store);
    const objects = createManagedObjects({
      session,
      identity: { name },
      version,
      authorize: defaultAccessPolicy,
      now: () => clock,
    });
    const result = await run(objects);
    await session.commit();
    return result;
  }

  it('creates an object owned by the caller with the server-maintained attributes', async () => {
    const [record] = await as('alice', (o) =>
      o.create([{ object: key, attributes: [{ name: 'Name', value: { value: 'k', type: 1 } }] }]),
    );
    assert.ok(record);
    const stored = await fixture.store.get(record.id);
    assert.equal(stored.owner, 'alice');
    assert.equal(stored.state, 'PreActive');
    assert.equal(stored.objectType, 'SymmetricKey');
    const names = record.attributes.map((a) => a.name);
    for (const name of [
      'UniqueIdentifier',
      'ObjectType',
      'State',
      'InitialDate',
      'LastChangeDate',
      'OriginalCreationDate',
      'Fresh',
      'OperationPolicyName',
      'Digest',
      'Name',
    ]) {
      assert.ok(names.includes(name), name);
    }
    assert.equal(attributeValue(record, 'ObjectType'), ObjectType.SymmetricKey);
    assert.equal(attributeValue(record, 'State'), State.PreActive);
    assert.deepEqual(attributeValue(record, 'InitialDate'), clock);
    assert.equal(attributeValue(record, 'OperationPolicyName'), 'default');
    assert.deepEqual(record.object, key);
  });

  it('keeps a client Operation Policy Name and Original Creation Date, never a client Digest', async () => {
    const original = new Date('2001-01-01T00:00:00Z');
    const [record] = await as('alice', (o) =>
      o.create([
        {
          object: key,
          attributes: [
            { name: 'OperationPolicyName', value: 'public' },
            { name: 'OriginalCreationDate', value: original },
            { name: 'Digest', value: { hashingAlgorithm: 1 } },
          ],
        },
      ]),
    );
    assert.ok(record);
    assert.equal(attributeValue(record, 'OperationPolicyName'), 'public');
    assert.deepEqual(attributeValue(record, 'OriginalCreationDate'), original);
    assert.notEqual(
      (attributeValue(record, 'Digest') as { hashingAlgorithm: number }).hashingAlgorithm,
      1,
    );
  });

  it('creates objects Active when their Activation Date has passed', async () => {
    const [record] = await as('alice', (o) =>
      o.create([
        { object: key, attributes: [{ name: 'ActivationDate', value: new Date('2029-01-01Z') }] },
      ]),
    );
    assert.equal(record?.state, 'Active');
    assert.equal((await fixture.store.get(record?.id ?? '')).state, 'Active');
  });

  it('creates several objects with preassigned ids in one write', async () => {
    const records = await as('alice', async (o) => {
      const [a, b] = [o.nextId(), o.nextId()];
      return o.create([
        {
          id: a,
          object: key,
          attributes: [],
          serverAttributes: [{ name: 'Link', value: { linkType: 1, linkedObjectIdentifier: b } }],
        },
        { id: b, object: key, attributes: [] },
      ]);
    });
    assert.equal(records.length, 2);
    assert.equal(
      (
        attributeValue(records[0] ?? { attributes: [] }, 'Link') as {
          linkedObjectIdentifier: string;
        }
      ).linkedObjectIdentifier,
      records[1]?.id,
    );
  });

  it('answers a missing object with Item Not Found before 2.1 and Object Not Found in 2.1', async () => {
    await assert.rejects(
      as('alice', (o) => o.getForOperation('nope', 'Get'), '1.4'),
      { code: 'KW_KMIP_RESULT', reason: ResultReason.ItemNotFound },
    );
    await assert.rejects(
      as('alice', (o) => o.getForOperation('nope', 'Get'), '2.1'),
      { reason: ResultReason.ObjectNotFound },
    );
  });

  it('refuses another client with Permission Denied and lets the owner through', async () => {
    const [record] = await as('alice', (o) => o.create([{ object: key, attributes: [] }]));
    const id = record?.id ?? '';
    await assert.rejects(
      as('bob', (o) => o.getForOperation(id, 'Get')),
      {
        reason: ResultReason.PermissionDenied,
      },
    );
    assert.equal((await as('alice', (o) => o.getForOperation(id, 'Get'))).id, id);
    assert.deepEqual(await as('bob', (o) => o.find({ owner: 'alice' }, 'Locate')), []);
    assert.ok((await as('alice', (o) => o.find({ owner: 'alice' }, 'Locate'))).includes(id));
  });

  it('applies events and edits as one write and moves Last Change Date', async () => {
    const [record] = await as('alice', (o) => o.create([{ object: key, attributes: [] }]));
    const id = record?.id ?? '';
    clock = new Date('2030-01-02T00:00:00Z');
    const updated = await as('alice', async (o) =>
      o.update(await o.getForOperation(id, 'Activate'), {
        event: 'activate',
        edits: [{ op: 'set', name: 'ActivationDate', value: clock }],
      }),
    );
    assert.equal(updated.state, 'Active');
    assert.equal(attributeValue(updated, 'State'), State.Active);
    assert.deepEqual(attributeValue(updated, 'LastChangeDate'), clock);
    const stored = await fixture.store.get(id);
    assert.equal(stored.state, 'Active');
    assert.equal(stored.revision, 2);
    assert.equal(
      stored.attributes.some((a) => a.name === 'State'),
      false,
    );
  });

  it('leaves Last Change Date alone for bookkeeping', async () => {
    const [record] = await as('alice', (o) => o.create([{ object: key, attributes: [] }]));
    const before = attributeValue(record ?? { attributes: [] }, 'LastChangeDate');
    clock = new Date('2030-01-03T00:00:00Z');
    const updated = await as('alice', async (o) =>
      o.update(await o.getForOperation(record?.id ?? '', 'Get'), {
        edits: [{ op: 'set', name: 'Fresh', value: false }],
        isBookkeeping: true,
      }),
    );
    assert.deepEqual(attributeValue(updated, 'LastChangeDate'), before);
    assert.equal(attributeValue(updated, 'Fresh'), false);
  });

  it('erases the material on destroy and keeps the metadata', async () => {
    const [record] = await as('alice', (o) => o.create([{ object: key, attributes: [] }]));
    const id = record?.id ?? '';
    const destroyed = await as('alice', async (o) =>
      o.update(await o.getForOperation(id, 'Destroy'), { event: 'destroy', destroyMaterial: true }),
    );
    assert.equal(destroyed.object, undefined);
    const stored = await fixture.store.get(id);
    assert.equal(stored.material, null);
    assert.equal(stored.state, 'Destroyed');
    assert.ok(stored.attributes.some((a) => a.name === 'Digest'));
  });

  it('refuses a forbidden event with the version lifecycle error and writes nothing', async () => {
    const [record] = await as('alice', (o) => o.create([{ object: key, attributes: [] }]));
    const id = record?.id ?? '';
    await assert.rejects(
      as('alice', async (o) =>
        o.update(await o.getForOperation(id, 'Revoke'), { event: 'revoke' }),
      ),
      { reason: ResultReason.WrongKeyLifecycleState },
    );
    assert.equal((await fixture.store.get(id)).revision, 1);
  });

  it('updates from metadata alone: lifecycle and dates as update, the material kept', async () => {
    const [record] = await as('alice', (o) => o.create([{ object: key, attributes: [] }]));
    const id = record?.id ?? '';
    const before = await fixture.store.get(id);
    clock = new Date('2030-01-05T00:00:00Z');
    const activated = await as('alice', async (o) =>
      o.updateMetadata(await o.getMetadataForOperation(id, 'Activate'), {
        event: 'activate',
        edits: [{ op: 'set', name: 'ActivationDate', value: clock }],
      }),
    );
    assert.equal(activated.state, 'Active');
    assert.equal('object' in activated, false);
    assert.equal(activated.revision, 2);
    assert.deepEqual(attributeValue(activated, 'LastChangeDate'), clock);
    const stored = await fixture.store.get(id);
    assert.equal(stored.state, 'Active');
    assert.deepEqual(stored.material, before.material);
    const destroyed = await as('alice', async (o) => {
      const read = await o.getMetadataForOperation(id, 'Destroy');
      await assert.rejects(o.updateMetadata(read, { event: 'destroy', destroyMaterial: true }), {
        reason: ResultReason.WrongKeyLifecycleState,
      });
      await o.updateMetadata(read, { event: 'revoke' });
      return o.updateMetadata(await o.getMetadataForOperation(id, 'Destroy'), {
        event: 'destroy',
        destroyMaterial: true,
      });
    });
    assert.equal(destroyed.state, 'Destroyed');
    assert.equal((await fixture.store.get(id)).material, null);
  });

  it('reports a concurrent change to metadata read alone as General Failure', async () => {
    const [record] = await as('alice', (o) => o.create([{ object: key, attributes: [] }]));
    const id = record?.id ?? '';
    await assert.rejects(
      as('alice', async (o) => {
        const read = await o.getMetadataForOperation(id, 'Activate');
        await fixture.store.update(id, { owner: 'alice' });
        return o.updateMetadata(read, { event: 'activate' });
      }),
      { code: 'KW_KMIP_RESULT', reason: ResultReason.GeneralFailure },
    );
  });

  it('reports a concurrent change as General Failure', async () => {
    const [record] = await as('alice', (o) => o.create([{ object: key, attributes: [] }]));
    const id = record?.id ?? '';
    await assert.rejects(
      as('alice', async (o) => {
        const read = await o.getForOperation(id, 'Activate');
        await fixture.store.update(id, { owner: 'alice' });
        return o.update(read, { event: 'activate' });
      }),
      { code: 'KW_KMIP_RESULT', reason: ResultReason.GeneralFailure },
    );
  });

  it('presents objects whose Activation Date passed since as Active', async () => {
    clock = new Date('2030-01-01T00:00:00Z');
    const [record] = await as('alice', (o) =>
      o.create([
        { object: key, attributes: [{ name: 'ActivationDate', value: new Date('2030-06-01Z') }] },
      ]),
    );
    assert.equal(record?.state, 'PreActive');
    clock = new Date('2030-07-01T00:00:00Z');
    const later = await as('alice', (o) => o.getForOperation(record?.id ?? '', 'Get'));
    assert.equal(later.state, 'Active');
    assert.equal(attributeValue(later, 'State'), State.Active);
  });

  it('finds with metadata: what find returns, read once, state as of now, no material', async () => {
    clock = new Date('2030-01-01T00:00:00Z');
    const [record] = await as('carol', (o) =>
      o.create([
        { object: key, attributes: [{ name: 'ActivationDate', value: new Date('2030-06-01Z') }] },
      ]),
    );
    const id = record?.id ?? '';
    clock = new Date('2030-07-01T00:00:00Z');
    const found = await as('carol', (o) => o.findMetadata({ owner: 'carol' }, 'Locate'));
    assert.deepEqual(
      found.map((r) => r.id),
      await as('carol', (o) => o.find({ owner: 'carol' }, 'Locate')),
    );
    const [only] = found;
    assert.equal(only?.id, id);
    assert.equal(only?.state, 'Active');
    assert.equal(only?.owner, 'carol');
    assert.equal(attributeValue(only ?? { attributes: [] }, 'State'), State.Active);
    assert.equal('object' in (only ?? {}), false);
    assert.deepEqual(await as('dave', (o) => o.findMetadata({ owner: 'carol' }, 'Locate')), []);
  });
});
