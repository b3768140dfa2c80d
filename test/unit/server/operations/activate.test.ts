// Activate, through the pipeline: state changes, dates, reasons per version.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultReason, ResultStatus } from '../../../../src/kmip/generated/registry.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  createServerHarness,
  itemOutcome,
  type ServerHarness,
} from '../../../support/server-harness.ts';

describe('Activate', () => {
  let harness: ServerHarness;
  let now = new Date('2030-05-01T12:00:00Z');
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

  it('activates a Pre-Active key, setting Activation Date and Last Change Date', async () => {
    const id = await harness.createKey();
    now = new Date('2030-05-01T12:30:00.750Z');
    assert.deepEqual(await run('Activate', id), {
      status: ResultStatus.Success,
      reason: undefined,
      id,
    });
    const stored = await harness.store.get(id);
    assert.equal(stored.state, 'Active');
    assert.deepEqual(await attribute(id, 'ActivationDate'), new Date('2030-05-01T12:30:00Z'));
    assert.deepEqual(await attribute(id, 'LastChangeDate'), new Date('2030-05-01T12:30:00Z'));
  });

  it('refuses to activate twice: Permission Denied in 1.x and 2.0, Wrong Key Lifecycle State in 2.1', async () => {
    const id = await harness.createKey();
    await run('Activate', id);
    assert.equal((await run('Activate', id, '1.0')).reason, ResultReason.PermissionDenied);
    assert.equal((await run('Activate', id, '2.0')).reason, ResultReason.PermissionDenied);
    assert.equal((await run('Activate', id, '2.1')).reason, ResultReason.WrongKeyLifecycleState);
  });
});
