// Poll, through the pipeline: the server never answers asynchronously, so no correlation
// value is ever outstanding (OASIS SUITEB_*-M-1 list Poll in Query).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Operation,
  QueryFunction,
  ResultReason,
  ResultStatus,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  createServerHarness,
  itemOutcome,
  type ServerHarness,
} from '../../../support/server-harness.ts';

describe('Poll', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const pollIn = (version: KmipVersionName) =>
    harness.sendOne(version, {
      operation: 'Poll',
      payload: { asynchronousCorrelationValue: new Uint8Array([0xde, 0xad, 0xbe, 0xef]) },
    });

  it('answers Invalid Asynchronous Correlation Value in 2.x (2.1 §6.1.36)', async () => {
    for (const version of ['2.0', '2.1'] as const) {
      const item = await pollIn(version);
      assert.equal(item.operation, Operation.Poll);
      assert.deepEqual(itemOutcome(item), {
        status: ResultStatus.OperationFailed,
        reason: ResultReason.InvalidAsynchronousCorrelationValue,
      });
    }
  });

  it('answers Item Not Found in 1.x, which lacks the 2.0 reason', async () => {
    for (const version of ['1.0', '1.4'] as const) {
      assert.deepEqual(itemOutcome(await pollIn(version)), {
        status: ResultStatus.OperationFailed,
        reason: ResultReason.ItemNotFound,
      });
    }
  });

  it('is listed by Query', async () => {
    for (const version of ['1.4', '2.1'] as const) {
      const item = await harness.sendOne(version, {
        operation: 'Query',
        payload: { queryFunctions: [QueryFunction.QueryOperations] },
      });
      assert.ok(item.kind === 'typed');
      const operations = (item.payload as { operations?: number[] } | undefined)?.operations ?? [];
      assert.ok(operations.includes(Operation.Poll), version);
    }
  });
});
