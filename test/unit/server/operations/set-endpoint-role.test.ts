// Set Endpoint Role (KMIP 2.0+, 2.1 §6.1.54): Server is the role in force and is accepted;
// Client (the server acting as a KMIP client) is refused; KMIP 1.x has no such operation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  EndpointRole,
  Operation,
  ResultReason,
  ResultStatus,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';

function reasonOf(item: ResponseBatchItem): number | undefined {
  assert.ok(item.kind !== 'invalid');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed);
  return item.resultReason;
}

describe('SetEndpointRole', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const setRole = (endpointRole: number, version: KmipVersionName = '2.1') =>
    harness.sendOne(version, { operation: 'SetEndpointRole', payload: { endpointRole } });

  it('accepts Server and answers the role applied (2.0 and 2.1)', async () => {
    for (const version of ['2.0', '2.1'] as const) {
      const item = await setRole(EndpointRole.Server, version);
      assert.ok(item.kind === 'typed');
      assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
      assert.deepEqual(item.payload, { endpointRole: EndpointRole.Server });
    }
  });

  it('refuses Client: Feature Not Supported, and the connection keeps serving', async () => {
    assert.equal(reasonOf(await setRole(EndpointRole.Client)), ResultReason.FeatureNotSupported);
    const query = await harness.sendOne('2.1', {
      operation: 'Query',
      payload: { queryFunctions: [] },
    });
    assert.ok(query.kind === 'typed');
    assert.equal(query.resultStatus, ResultStatus.Success);
  });

  it('refuses an unknown role: Invalid Field', async () => {
    assert.equal(reasonOf(await setRole(0x7f)), ResultReason.InvalidField);
  });

  it('is not an operation of KMIP 1.x: Operation Not Supported', async () => {
    const item = await harness.sendOne('1.4', {
      operation: Operation.SetEndpointRole,
      raw: { tag: Tag.RequestPayload, type: 'Structure', value: [] },
    });
    assert.equal(reasonOf(item), ResultReason.OperationNotSupported);
  });
});
