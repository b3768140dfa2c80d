// Export from one server, Import into another (two in-process pipelines over separate
// stores): the copy keeps its identifier, key material and every attribute, so exporting it
// again gives what the first export gave.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicUsageMask,
  NameType,
  ObjectType,
  State,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ExportResponse } from '../../../../src/kmip/messages/payloads/export.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createLogger } from '../../../../src/server/logger.ts';
import { startPolicyEngine, type PolicyEngine } from '../../../../src/server/policy/index.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import { attr, fromHex, hex, materialBytes, okPayload, registerAes } from './key-ops-fixture.ts';

const KEY = '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4';

/** Attributes in a comparable order (name, then the value's JSON). */
function sorted(attributes: readonly Attribute[]): string[] {
  return attributes
    .map((a) =>
      JSON.stringify({ name: a.name, value: a.value }, (_key, v: unknown) =>
        typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? hex(v) : v,
      ),
    )
    .sort();
}

describe('Export → Import between two servers', () => {
  let source: ServerHarness;
  let target: ServerHarness;
  let engine: PolicyEngine;
  before(async () => {
    source = await createServerHarness();
    engine = await startPolicyEngine({
      logger: createLogger({ level: 'silent' }),
      // alice may import her own objects on the target (docs/server.md "Import").
      roles: {
        roles: { importer: { allow: { '*': ['Import'] }, owner: 'self' } },
        grants: { alice: ['importer'] },
        groups: {},
        tenants: {},
      },
      watch: false,
      rescanIntervalMs: 0,
    });
    target = await createServerHarness({ authorize: engine.authorize });
  });
  after(async () => {
    engine.close();
    await source.close();
    await target.close();
  });

  const exportFrom = async (harness: ServerHarness, id: string, version: KmipVersionName) =>
    okPayload<ExportResponse>(
      await harness.sendOne(version, { operation: 'Export', payload: { uniqueIdentifier: id } }),
    );

  for (const version of ['2.1', '2.0', '1.4'] as const) {
    it(`keeps identifier, material and attributes (KMIP ${version})`, async () => {
      const id = await registerAes(
        source,
        fromHex(KEY),
        CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
        {
          extra: [
            attr('Name', { value: `backup-${version}`, type: NameType.UninterpretedTextString }),
            attr('x-owner-team', { tag: Tag.AttributeValue, type: 'TextString', value: 'ops' }),
          ],
        },
      );
      const first = await exportFrom(source, id, version);
      const imported = await target.sendOne(version, {
        operation: 'Import',
        payload: {
          uniqueIdentifier: id,
          objectType: first.objectType,
          attributes: first.attributes,
          object: first.object,
        },
      });
      assert.deepEqual(okPayload(imported), { uniqueIdentifier: id });

      const second = await exportFrom(target, id, version);
      assert.equal(second.objectType, ObjectType.SymmetricKey);
      assert.equal(second.uniqueIdentifier, id);
      assert.equal(hex(materialBytes(second.object)), KEY);
      assert.deepEqual(second.object, first.object);
      assert.deepEqual(sorted(second.attributes.attributes), sorted(first.attributes.attributes));
      const state = second.attributes.attributes.find((a) => a.name === 'State');
      assert.equal(state?.value, State.Active, 'the lifecycle state travels too');
    });
  }
});
