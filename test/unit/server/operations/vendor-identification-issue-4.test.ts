// Issue #4: a KMIP 2.x Vendor Attribute whose Vendor Identification contains `-` (e.g.
// `acme-corp` / `owner`) came back from the store split at the first `-` (`acme` /
// `corp-owner`). The object now keeps the Vendor Identification, through Create, Add
// Attribute, Set Attribute, Modify Attribute and Locate, in every listing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultStatus, Tag } from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import {
  createServerHarness,
  type ItemSpec,
  type ServerHarness,
} from '../../../support/server-harness.ts';

const text = (value: string) => ({ tag: Tag.AttributeValue, type: 'TextString', value }) as const;
const vendorAttribute = (vendor: string, name: string, value: string): Attribute => ({
  name: `${vendor}-${name}`,
  value: text(value),
  vendorIdentification: vendor,
});

function succeeded(item: ResponseBatchItem): Record<string, unknown> {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  return (item.payload ?? {}) as Record<string, unknown>;
}

describe('Vendor Identification containing "-" (issue #4)', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const send = async (item: ItemSpec) => succeeded(await harness.sendOne('2.1', item));
  const attributesOf = async (id: string, names?: string[]) =>
    (
      await send({
        operation: 'GetAttributes',
        payload: {
          uniqueIdentifier: id,
          ...(names === undefined ? {} : { attributeNames: names }),
        },
      })
    )['attributes'] as Attribute[];
  const custom = (attributes: Attribute[]) =>
    attributes.filter((a) => a.name.startsWith('acme') || a.name.startsWith('x-'));

  it('keeps the Vendor Identification of a created attribute in listings and by name', async () => {
    const id = await harness.createKey({
      version: '2.1',
      extra: [vendorAttribute('acme-corp', 'owner', 'team-a'), vendorAttribute('x', 'plain', 'p')],
    });
    const expected = [
      vendorAttribute('acme-corp', 'owner', 'team-a'),
      { name: 'x-plain', value: text('p') },
    ];
    assert.deepEqual(custom(await attributesOf(id)), expected);
    assert.deepEqual(await attributesOf(id, ['acme-corp-owner']), [expected[0]]);
    // Nothing of the bookkeeping shows: Get Attribute List names only the client's attributes.
    const list = (await send({ operation: 'GetAttributeList', payload: { uniqueIdentifier: id } }))[
      'attributeNames'
    ] as string[];
    assert.deepEqual(
      list.filter((n) => !/^[A-Z]/.test(n)),
      ['acme-corp-owner', 'x-plain'],
    );
    assert.ok(list.every((n) => !n.startsWith('@')));
  });

  it('keeps it through Add, Set and Modify Attribute, and Locate finds the attribute', async () => {
    const id = await harness.createKey({ version: '2.1' });
    await send({
      operation: 'AddAttribute',
      payload: { uniqueIdentifier: id, attribute: vendorAttribute('acme-corp', 'added', 'one') },
    });
    await send({
      operation: 'SetAttribute',
      payload: { uniqueIdentifier: id, attribute: vendorAttribute('my-vendor-x', 'set', 's') },
    });
    await send({
      operation: 'ModifyAttribute',
      payload: {
        uniqueIdentifier: id,
        currentAttribute: vendorAttribute('acme-corp', 'added', 'one'),
        attribute: vendorAttribute('acme-corp', 'added', 'two'),
      },
    });
    assert.deepEqual(custom(await attributesOf(id)), [
      vendorAttribute('acme-corp', 'added', 'two'),
    ]);
    assert.deepEqual(await attributesOf(id, ['my-vendor-x-set']), [
      vendorAttribute('my-vendor-x', 'set', 's'),
    ]);
    const located = await send({
      operation: 'Locate',
      payload: { attributes: [vendorAttribute('acme-corp', 'added', 'two')] },
    });
    assert.deepEqual(located['uniqueIdentifiers'], [id]);
  });
});
