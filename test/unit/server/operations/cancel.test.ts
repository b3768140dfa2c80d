// Cancel, through the pipeline: as for Poll, no asynchronous operation is ever outstanding.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Operation,
  QueryFunction,
  ResultReason,
  ResultStatus,
} from '../../../../src/kmip/generated/registry.ts';
import {
  createServerHarness,
  itemOutcome,
  type ServerHarness,
} from '../../../support/server-harness.ts';

describe('Cancel', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const cancelIn = (version: '1.4' | '2.1') =>
    harness.sendOne(version, {
      operation: 'Cancel',
      payload: { asynchronousCorrelationValue: new Uint8Array([1, 2, 3]) },
    });

  it('answers Invalid Asynchronous Correlation Value in 2.x, Item Not Found in 1.x', async () => {
    const item = await cancelIn('2.1');
    assert.equal(item.operation, Operation.Cancel);
    assert.deepEqual(itemOutcome(item), {
      status: ResultStatus.OperationFailed,
      reason: ResultReason.InvalidAsynchronousCorrelationValue,
    });
    assert.deepEqual(itemOutcome(await cancelIn('1.4')), {
      status: ResultStatus.OperationFailed,
      reason: ResultReason.ItemNotFound,
    });
  });

  it('is listed by Query', async () => {
    const item = await harness.sendOne('1.4', {
      operation: 'Query',
      payload: { queryFunctions: [QueryFunction.QueryOperations] },
    });
    assert.ok(item.kind === 'typed');
    const operations = (item.payload as { operations?: number[] } | undefined)?.operations ?? [];
    assert.ok(operations.includes(Operation.Cancel));
  });
});
