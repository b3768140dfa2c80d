import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DestroyAction,
  ObjectType,
  ProfileName,
  Operation,
  QueryFunction,
  ResultStatus,
  RNGMode,
  ShreddingAlgorithm,
  Tag,
  UnwrapMode,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import type { QueryResponse } from '../../../../src/kmip/messages/payloads/query.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { PRODUCT } from '../../../../src/server/operations/product.ts';
import { OPERATIONS } from '../../../../src/server/operations/index.ts';
import { SERVER_RNG } from '../../../../src/server/operations/server-rng.ts';
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

  const capabilities = (r: QueryResponse): Map<number, unknown> => {
    const [info] = r.capabilityInformation ?? [];
    assert.equal(info?.type, 'Structure');
    const fields = info?.type === 'Structure' ? info.value : [];
    return new Map(fields.map((c: KmipItem) => [c.tag, c.value]));
  };

  it('states Keywarden’s real capabilities at 1.3, 1.4 and 2.1', async () => {
    for (const version of ['1.3', '1.4', '2.1'] as const) {
      const caps = capabilities(await query(version, [QueryFunction.QueryCapabilities]));
      assert.equal(caps.get(Tag.StreamingCapability), true, version);
      assert.equal(caps.get(Tag.AsynchronousCapability), false, version);
      assert.equal(caps.get(Tag.AttestationCapability), false, version);
      assert.equal(caps.get(Tag.UnwrapMode), UnwrapMode.NotProcessed, version);
      assert.equal(caps.get(Tag.DestroyAction), DestroyAction.KeyMaterialDeleted, version);
      assert.equal(caps.get(Tag.ShreddingAlgorithm), ShreddingAlgorithm.Unsupported, version);
      assert.equal(caps.get(Tag.RNGMode), RNGMode.SharedInstantiation, version);
    }
    const v14 = capabilities(await query('1.4', [QueryFunction.QueryCapabilities]));
    assert.equal(v14.get(Tag.BatchUndoCapability), true);
    assert.equal(v14.get(Tag.BatchContinueCapability), true);
    assert.equal(v14.has(Tag.QuantumSafeCapability), false);
    const v21 = capabilities(await query('2.1', [QueryFunction.QueryCapabilities]));
    assert.equal(v21.get(Tag.QuantumSafeCapability), false);
  });

  it('names the generator keys are made with (OpenSSL CTR-DRBG, AES-256) from 1.3', async () => {
    for (const version of ['1.3', '1.4', '2.1'] as const) {
      const r = await query(version, [QueryFunction.QueryRNGs]);
      assert.deepEqual(r.rngParameters, [SERVER_RNG], version);
    }
  });

  it('claims profiles from 1.3, with the version’s own Profile Names', async () => {
    const names = async (version: KmipVersionName): Promise<number[]> =>
      ((await query(version, [QueryFunction.QueryProfiles])).profileInformation ?? []).map(
        (item) => {
          const first = item.type === 'Structure' ? item.value[0] : undefined;
          assert.equal(first?.tag, Tag.ProfileName);
          return first?.value as number;
        },
      );
    assert.ok((await names('1.3')).includes(ProfileName.SymmetricKeyLifecycleServerKMIPV1_3));
    assert.ok((await names('1.4')).includes(ProfileName.SymmetricKeyLifecycleServerKMIPV1_4));
    assert.ok((await names('2.1')).includes(ProfileName.SymmetricKeyLifecycleServer));
  });

  it('claims no validation, registration method, attestation type, extension or namespace', async () => {
    for (const version of ['1.3', '1.4', '2.1'] as const) {
      const r = await query(version, [
        QueryFunction.QueryValidations,
        QueryFunction.QueryClientRegistrationMethods,
        QueryFunction.QueryAttestationTypes,
        QueryFunction.QueryExtensionList,
        QueryFunction.QueryExtensionMap,
        QueryFunction.QueryApplicationNamespaces,
      ]);
      assert.deepEqual(r, {}, version);
    }
  });

  it('answers the 1.3 functions with nothing at 1.2, which lacks their fields', async () => {
    const r = await query('1.2', [
      QueryFunction.QueryRNGs,
      QueryFunction.QueryProfiles,
      QueryFunction.QueryCapabilities,
      QueryFunction.QueryValidations,
      QueryFunction.QueryClientRegistrationMethods,
    ]);
    assert.deepEqual(r, {});
  });
});
