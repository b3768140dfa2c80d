// Concurrent requests on one object: an item whose commit lost the race to another request
// runs again on the object as that request left it, so none fails with a "retry" and none
// is lost; transitions are checked again, so a repeated Activate still fails correctly.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ResultReason, ResultStatus, Tag } from '../../../../src/kmip/generated/registry.ts';
import {
  createServerHarness,
  itemOutcome,
  type ServerHarness,
} from '../../../support/server-harness.ts';

describe('concurrent requests on one object', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  it('concurrent first Gets of a fresh key all succeed and clear Fresh once', async () => {
    const id = await harness.createKey();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        harness
          .sendOne('1.4', { operation: 'Get', payload: { uniqueIdentifier: id } })
          .then(itemOutcome),
      ),
    );
    for (const o of outcomes) assert.equal(o.status, ResultStatus.Success, JSON.stringify(o));
    const stored = await harness.store.get(id);
    assert.equal(stored.attributes.find((a) => a.name === 'Fresh')?.value, false);
  });

  it('concurrent Add Attribute calls all land', async () => {
    const id = await harness.createKey();
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        harness
          .sendOne('1.4', {
            operation: 'AddAttribute',
            payload: {
              uniqueIdentifier: id,
              attribute: {
                name: 'x-race',
                value: { tag: Tag.AttributeValue, type: 'TextString', value: `v${i}` },
              },
            },
          })
          .then(itemOutcome),
      ),
    );
    for (const o of outcomes) assert.equal(o.status, ResultStatus.Success, JSON.stringify(o));
    const values = (await harness.store.get(id)).attributes
      .filter((a) => a.name === 'x-race')
      .map((a) => (a.value as { value: string }).value)
      .sort();
    assert.deepEqual(values, ['v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
  });

  it('of two concurrent Activates exactly one succeeds; the other gets Wrong Key Lifecycle State', async () => {
    const id = await harness.createKey();
    const outcomes = await Promise.all(
      [0, 1].map(() =>
        harness
          .sendOne('2.1', { operation: 'Activate', payload: { uniqueIdentifier: id } })
          .then(itemOutcome),
      ),
    );
    const reasons = outcomes.map((o) => o.reason).sort();
    assert.deepEqual(
      outcomes.map((o) => o.status).sort(),
      [ResultStatus.Success, ResultStatus.OperationFailed].sort(),
    );
    assert.ok(reasons.includes(ResultReason.WrongKeyLifecycleState), JSON.stringify(outcomes));
  });
});
