import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ObjectType,
  Operation,
  QueryFunction,
  ResultStatus,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { QueryResponse } from '../../../../src/kmip/messages/payloads/query.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { PRODUCT } from '../../../../src/server/operations/product.ts';
import { OPERATIONS } from '../../../../src/server/operations/index.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';

describe('Query', () => {
  let harness: ServerHarness;
  const query = async (
    version: KmipVersionName,
    queryFunctions: number[],
  ): Promise<QueryResponse> => {
    const item = await harness.sendOne(version, {
      operation: 'Query',
      payload: { queryFunctions },
    });
    assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
    return item.payload as QueryResponse;
  };
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  it('lists the implemented operations the version defines, from the operations table', async () => {
    const v21 = await query('2.1', [QueryFunction.QueryOperations]);
    const implemented = Object.keys(OPERATIONS).map(
      (name) => Operation[name as keyof typeof Operation],
    );
    assert.deepEqual([...(v21.operations ?? [])].sort(), [...implemented].sort());
    const v10 = await query('1.0', [QueryFunction.QueryOperations]);
    assert.equal(v10.operations?.includes(Operation.DiscoverVersions), false);
    assert.equal(v10.objectTypes, undefined, 'only what was asked');
  });

  it('lists the object types the version defines', async () => {
    const v10 = await query('1.0', [QueryFunction.QueryObjects]);
    assert.ok(v10.objectTypes?.includes(ObjectType.Template));
    assert.equal(v10.objectTypes?.includes(ObjectType.PGPKey), false);
    const v21 = await query('2.1', [QueryFunction.QueryObjects]);
    assert.equal(v21.objectTypes?.includes(ObjectType.Template), false);
    assert.ok(v21.objectTypes?.includes(ObjectType.CertificateRequest));
  });

  it('reports server information: vendor in every version, the 2.x structure from 2.0', async () => {
    const v14 = await query('1.4', [QueryFunction.QueryServerInformation]);
    assert.equal(v14.vendorIdentification, 'Keywarden');
    assert.equal(v14.serverInformation, undefined);
    const v20 = await query('2.0', [QueryFunction.QueryServerInformation]);
    const info = v20.serverInformation;
    assert.ok(info?.type === 'Structure');
    assert.deepEqual(
      info.value.map((c) => [c.tag, c.value]),
      [
        [Tag.ServerName, 'Keywarden'],
        [Tag.ServerVersion, PRODUCT.serverVersion],
        [Tag.ProductName, 'Keywarden'],
      ],
    );
  });

  it('reports capabilities with only the fields the version defines', async () => {
    const v13 = await query('1.3', [QueryFunction.QueryCapabilities]);
    const v21 = await query('2.1', [QueryFunction.QueryCapabilities, QueryFunction.QueryRNGs]);
    const tags = (r: QueryResponse) => {
      const [info] = r.capabilityInformation ?? [];
      return info?.type === 'Structure' ? info.value.map((c) => c.tag) : [];
    };
    assert.equal(tags(v13).includes(Tag.BatchUndoCapability), false);
    assert.ok(
      tags(v21).includes(Tag.BatchUndoCapability) && tags(v21).includes(Tag.QuantumSafeCapability),
    );
    assert.equal(v21.rngParameters?.length, 1);
    const v12 = await query('1.2', [QueryFunction.QueryCapabilities]);
    assert.equal(v12.capabilityInformation, undefined);
  });

  it('answers nothing for functions it has nothing for, and ignores unknown ones', async () => {
    assert.deepEqual(await query('1.4', [QueryFunction.QueryApplicationNamespaces, 0x7777]), {});
  });
});
