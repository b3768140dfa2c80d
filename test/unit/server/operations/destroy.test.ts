// Destroy, through the pipeline: state changes, dates, reasons per version.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultReason, ResultStatus } from '../../../../src/kmip/generated/registry.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  createServerHarness,
  itemOutcome,
  type ServerHarness,
} from '../../../support/server-harness.ts';

describe('Destroy (and access to both lifecycle operations)', () => {
  let harness: ServerHarness;
  const now = new Date('2030-05-01T12:00:00Z');
  const run = (
    operation: 'Activate' | 'Destroy',
    id: string,
    version: KmipVersionName = '1.4',
    identity?: string,
  ) =>
    harness
      .sendOne(version, { operation, payload: { uniqueIdentifier: id } }, identity)
      .then(itemOutcome);
  const attribute = (id: string, name: string) =>
    harness.store.get(id).then((o) => o.attributes.find((a) => a.name === name)?.value);

  before(async () => {
    harness = await createServerHarness({ now: () => now });
  });
  after(() => harness.close());

  it('destroys a Pre-Active key: material gone, metadata and Destroy Date kept', async () => {
    const id = await harness.createKey();
    assert.equal((await run('Destroy', id)).status, ResultStatus.Success);
    const stored = await harness.store.get(id);
    assert.equal(stored.state, 'Destroyed');
    assert.equal(stored.material, null);
    assert.ok((await attribute(id, 'DestroyDate')) instanceof Date);
    assert.ok((await attribute(id, 'Digest')) !== undefined);
  });

  it('refuses to destroy an Active key (SKLC-M-2-14 / SKLC-M-2-21) and a destroyed one', async () => {
    const active = await harness.createKey();
    await run('Activate', active);
    assert.equal((await run('Destroy', active, '1.4')).reason, ResultReason.PermissionDenied);
    assert.equal((await run('Destroy', active, '2.1')).reason, ResultReason.WrongKeyLifecycleState);
    assert.equal((await harness.store.get(active)).state, 'Active');
    const gone = await harness.createKey();
    await run('Destroy', gone);
    assert.equal((await run('Destroy', gone, '2.1')).reason, ResultReason.WrongKeyLifecycleState);
  });

  it('lets only the owner activate or destroy', async () => {
    const id = await harness.createKey({ identity: 'alice' });
    assert.equal((await run('Activate', id, '1.4', 'bob')).reason, ResultReason.PermissionDenied);
    assert.equal((await run('Destroy', id, '1.4', 'bob')).reason, ResultReason.PermissionDenied);
    assert.equal((await harness.store.get(id)).state, 'PreActive');
  });

  it('answers a missing object with Item Not Found / Object Not Found', async () => {
    assert.equal((await run('Activate', 'nope', '1.1')).reason, ResultReason.ItemNotFound);
    assert.equal((await run('Destroy', 'nope', '2.1')).reason, ResultReason.ObjectNotFound);
  });
});
