import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchErrorContinuationOption,
  Operation,
  ResultReason,
  ResultStatus,
  Tag,
  UniqueIdentifier,
} from '../../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import { encodeRequestMessage } from '../../../../src/kmip/messages/message.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { OPERATIONS } from '../../../../src/server/operations/index.ts';
import { KmipResultError } from '../../../../src/server/pipeline/result-error.ts';
import {
  createAesKey,
  createServerHarness,
  message,
  type ItemSpec,
  type ServerHarness,
} from '../../../support/server-harness.ts';

type Answered = Exclude<ResponseBatchItem, { kind: 'invalid' }>;

function answered(items: readonly ResponseBatchItem[]): Answered[] {
  return items.map((item) => {
    assert.ok(item.kind !== 'invalid');
    return item;
  });
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const statuses = (items: readonly Answered[]) => items.map((i) => i.resultStatus);
const idOf = (item: Answered | undefined) =>
  (item?.payload as { uniqueIdentifier?: string } | undefined)?.uniqueIdentifier ?? '';

// An operation no KMIP version defines: the batch item decodes as raw.
const unknownOperation: ItemSpec = {
  operation: 0x7f,
  raw: { tag: Tag.RequestPayload, type: 'Structure', value: [] },
  id: 'unknown',
};

describe('batch processing', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  it('passes the ID Placeholder from Create to the items after it and echoes batch item IDs', async () => {
    const response = await harness.send(
      message('1.0', [
        createAesKey(128, [], 'create'),
        { operation: 'GetAttributes', payload: { attributeNames: ['State'] }, id: 'attrs' },
        { operation: 'Activate', payload: {}, id: 'activate' },
        { operation: 'Get', payload: {}, id: 'get' },
      ]),
    );
    const items = answered(response.batchItems);
    assert.deepEqual(statuses(items), [0, 0, 0, 0]);
    assert.deepEqual(
      items.map((i) => text(i.uniqueBatchItemId)),
      ['create', 'attrs', 'activate', 'get'],
    );
    assert.deepEqual(
      items.map((i) => i.operation),
      [Operation.Create, Operation.GetAttributes, Operation.Activate, Operation.Get],
    );
    const id = idOf(items[0]);
    assert.ok(id.length > 0);
    for (const item of items.slice(1)) assert.equal(idOf(item), id);
    assert.equal((await harness.store.get(id)).state, 'Active');
  });

  it('refuses an item that needs the ID Placeholder when none is set, with Missing Data', async () => {
    const response = await harness.send(message('1.4', [{ operation: 'Get', payload: {} }]));
    const [item] = answered(response.batchItems);
    assert.equal(item?.resultReason, ResultReason.MissingData);
  });

  it('answers an unknown operation with Operation Not Supported for that item only (Continue)', async () => {
    const response = await harness.send(
      message('1.4', [unknownOperation, { operation: 'Query', payload: {}, id: 'query' }], {
        batchErrorContinuationOption: BatchErrorContinuationOption.Continue,
      }),
    );
    const items = answered(response.batchItems);
    assert.deepEqual(statuses(items), [ResultStatus.OperationFailed, ResultStatus.Success]);
    assert.equal(items[0]?.resultReason, ResultReason.OperationNotSupported);
    assert.equal(items[0]?.operation, 0x7f);
    assert.equal(text(items[0]?.uniqueBatchItemId), 'unknown');
  });

  it('answers an operation the version does not define with Operation Not Supported', async () => {
    const payload: KmipItem = { tag: Tag.RequestPayload, type: 'Structure', value: [] };
    const response = await harness.send(
      message('1.0', [{ operation: Operation.DiscoverVersions, raw: payload }]),
    );
    const [item] = answered(response.batchItems);
    assert.equal(item?.resultReason, ResultReason.OperationNotSupported);
    assert.equal(item?.operation, Operation.DiscoverVersions);
  });

  it('answers a known but unimplemented operation with Operation Not Supported', async () => {
    const response = await harness.send(
      message('1.4', [{ operation: 'GetUsageAllocation', payload: { usageLimitsCount: 1n } }]),
    );
    assert.equal(
      answered(response.batchItems)[0]?.resultReason,
      ResultReason.OperationNotSupported,
    );
  });

  it('stops after a failed item by default: later items are neither run nor answered', async () => {
    const response = await harness.send(
      message('1.4', [
        { operation: 'Query', payload: {}, id: '1' },
        { operation: 'Get', payload: { uniqueIdentifier: 'missing' }, id: '2' },
        createAesKey(128, [], '3'),
      ]),
    );
    const items = answered(response.batchItems);
    assert.deepEqual(statuses(items), [ResultStatus.Success, ResultStatus.OperationFailed]);
    assert.equal(items[1]?.resultReason, ResultReason.ItemNotFound);
    assert.equal(response.header.batchCount, 2);
  });

  it('continues after a failed item with Continue', async () => {
    const response = await harness.send(
      message(
        '2.1',
        [
          { operation: 'Get', payload: { uniqueIdentifier: 'missing' }, id: '1' },
          createAesKey(128, [], '2'),
        ],
        { batchErrorContinuationOption: BatchErrorContinuationOption.Continue },
      ),
    );
    const items = answered(response.batchItems);
    assert.deepEqual(statuses(items), [ResultStatus.OperationFailed, ResultStatus.Success]);
    assert.equal(items[0]?.resultReason, ResultReason.ObjectNotFound);
    await harness.store.get(idOf(items[1]));
  });

  it('undoes earlier items when a later one fails with Undo, keeping their payloads', async () => {
    const before = await harness.store.count({});
    const response = await harness.send(
      message(
        '1.4',
        [
          createAesKey(128, [], 'create'),
          { operation: 'Activate', payload: {}, id: 'activate' },
          { operation: 'Destroy', payload: {}, id: 'destroy' },
          { operation: 'Query', payload: {}, id: 'never' },
        ],
        { batchErrorContinuationOption: BatchErrorContinuationOption.Undo },
      ),
    );
    const items = answered(response.batchItems);
    assert.deepEqual(statuses(items), [
      ResultStatus.OperationUndone,
      ResultStatus.OperationUndone,
      ResultStatus.OperationFailed,
    ]);
    // Destroying an Active key is refused (KMIP 1.4: Permission Denied).
    assert.equal(items[2]?.resultReason, ResultReason.PermissionDenied);
    assert.deepEqual(
      items.map((i) => text(i.uniqueBatchItemId)),
      ['create', 'activate', 'destroy'],
    );
    // BL-M-2: an undone item keeps the payload it succeeded with (the Response Payload is
    // required unless the item failed); the identifier names an object that was never stored.
    const created = idOf(items[0]);
    assert.ok(created.length > 0);
    assert.equal(items[0]?.operation, Operation.Create);
    assert.equal(idOf(items[1]), created);
    assert.equal(items[2]?.payload, undefined);
    assert.equal(await harness.store.count({}), before, 'nothing reached the store');
  });

  it('commits every item of a successful Undo batch together', async () => {
    const response = await harness.send(
      message(
        '2.1',
        [createAesKey(128, [], 'a'), { operation: 'Activate', payload: {}, id: 'b' }],
        { batchErrorContinuationOption: BatchErrorContinuationOption.Undo },
      ),
    );
    const items = answered(response.batchItems);
    assert.deepEqual(statuses(items), [ResultStatus.Success, ResultStatus.Success]);
    assert.equal((await harness.store.get(idOf(items[0]))).state, 'Active');
  });

  it('keeps each item atomic: a failed Create leaves nothing behind', async () => {
    const before = await harness.store.count({});
    const response = await harness.send(message('1.4', [createAesKey(100)]));
    assert.equal(answered(response.batchItems)[0]?.resultReason, ResultReason.InvalidField);
    assert.equal(await harness.store.count({}), before);
  });

  it('resolves KMIP 2.x Unique Identifier references to earlier items', async () => {
    const response = await harness.send(
      message('2.1', [
        createAesKey(128, [], 'create'),
        {
          operation: 'Activate',
          payload: { uniqueIdentifier: { type: 'Enumeration', value: UniqueIdentifier.Create } },
          id: 'by-operation',
        },
        {
          operation: 'GetAttributes',
          payload: {
            uniqueIdentifier: { type: 'Enumeration', value: UniqueIdentifier.IDPlaceholder },
          },
          id: 'by-placeholder',
        },
      ]),
    );
    const items = answered(response.batchItems);
    assert.deepEqual(statuses(items), [0, 0, 0]);
    assert.equal(idOf(items[1]), idOf(items[0]));
    assert.equal(idOf(items[2]), idOf(items[0]));
    const missing = await harness.send(
      message('2.1', [
        {
          operation: 'Get',
          payload: { uniqueIdentifier: { type: 'Enumeration', value: UniqueIdentifier.Register } },
        },
      ]),
    );
    assert.equal(answered(missing.batchItems)[0]?.resultReason, ResultReason.MissingData);
    const integer = await harness.send(
      message('2.1', [
        { operation: 'Get', payload: { uniqueIdentifier: { type: 'Integer', value: 0 } } },
      ]),
    );
    // An Integer counts the response's identifiers: this response has none before it.
    assert.equal(answered(integer.batchItems)[0]?.resultReason, ResultReason.MissingData);
  });

  it('answers a batch item whose payload does not decode with Invalid Message, keeping its ID', async () => {
    const tree = encodeRequestMessage(
      message(
        '1.4',
        [createAesKey(128, [], 'bad'), { operation: 'Query', payload: {}, id: 'good' }],
        {
          batchErrorContinuationOption: BatchErrorContinuationOption.Continue,
        },
      ),
    );
    // Drop the Create payload's required Object Type.
    const broken = mapItems(tree, (child) =>
      child.tag === Tag.RequestPayload && child.type === 'Structure'
        ? { ...child, value: child.value.filter((c) => c.tag !== Tag.ObjectType) }
        : child,
    );
    const items = answered((await harness.send(broken)).batchItems);
    assert.deepEqual(statuses(items), [ResultStatus.OperationFailed, ResultStatus.Success]);
    assert.equal(items[0]?.resultReason, ResultReason.InvalidMessage);
    assert.equal(items[0]?.operation, Operation.Create);
    assert.equal(text(items[0]?.uniqueBatchItemId), 'bad');
  });

  it('fails an item with a critical Message Extension with Feature Not Supported, and ignores a non-critical one', async () => {
    const extension = (critical: boolean): KmipItem => ({
      tag: Tag.MessageExtension,
      type: 'Structure',
      value: [
        { tag: Tag.VendorIdentification, type: 'TextString', value: 'Acme' },
        { tag: Tag.CriticalityIndicator, type: 'Boolean', value: critical },
        {
          tag: Tag.VendorExtension,
          type: 'Structure',
          value: [{ tag: 0x540001, type: 'TextString', value: 'na' }],
        },
      ],
    });
    for (const critical of [true, false]) {
      const tree = encodeRequestMessage(message('1.0', [createAesKey(128)]));
      const withExtension = mapBatchItems(tree, (item) => ({
        ...item,
        value: [...item.value, extension(critical)],
      }));
      const [item] = answered((await harness.send(withExtension)).batchItems);
      if (critical) assert.equal(item?.resultReason, ResultReason.FeatureNotSupported);
      else assert.equal(item?.resultStatus, ResultStatus.Success);
    }
  });
});

function mapBatchItems(
  tree: KmipItem,
  map: (item: Extract<KmipItem, { type: 'Structure' }>) => KmipItem,
): KmipItem {
  assert.ok(tree.type === 'Structure');
  return {
    ...tree,
    value: tree.value.map((child) =>
      child.tag === Tag.BatchItem && child.type === 'Structure' ? map(child) : child,
    ),
  };
}

function mapItems(tree: KmipItem, map: (child: KmipItem) => KmipItem): KmipItem {
  let first = true;
  return mapBatchItems(tree, (item) => {
    if (!first) return item;
    first = false;
    return { ...item, value: item.value.map(map) };
  });
}

describe('batch processing: Undo when the final commit fails', () => {
  let harness: ServerHarness;
  let target = '';
  before(async () => {
    harness = await createServerHarness({
      operations: {
        ...OPERATIONS,
        // Another writer changes the object while the Undo batch still holds its writes.
        Check: async (_request, ctx) => {
          await harness.store.update(target, { owner: ctx.identity.name });
          return { uniqueIdentifier: target };
        },
      },
    });
  });
  after(() => harness.close());

  it('fails the last item and answers the others Operation Undone', async () => {
    target = await harness.createKey();
    const response = await harness.send(
      message(
        '1.4',
        [
          { operation: 'Activate', payload: { uniqueIdentifier: target }, id: 'a' },
          { operation: 'Check', payload: {}, id: 'b' },
        ],
        { batchErrorContinuationOption: BatchErrorContinuationOption.Undo },
      ),
    );
    const items = answered(response.batchItems);
    assert.deepEqual(statuses(items), [ResultStatus.OperationUndone, ResultStatus.OperationFailed]);
    assert.equal(idOf(items[0]), target);
    assert.equal(items[1]?.resultReason, ResultReason.GeneralFailure);
    assert.equal((await harness.store.get(target)).state, 'PreActive');
  });
});

describe('batch processing: unsupported operations with bad payloads', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  it('answers Operation Not Supported before looking at the payload', async () => {
    // A 2.0 Get Usage Allocation without its required Usage Limits Count.
    const payload: KmipItem = { tag: Tag.RequestPayload, type: 'Structure', value: [] };
    const tree = encodeRequestMessage(
      message('2.0', [{ operation: Operation.GetUsageAllocation, raw: payload }]),
    );
    const [item] = answered((await harness.send(tree)).batchItems);
    assert.equal(item?.resultReason, ResultReason.OperationNotSupported);
  });
});

describe('batch processing: a failure that carries a response payload', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness({
      operations: {
        ...OPERATIONS,
        Check: async () => {
          throw new KmipResultError(ResultReason.PermissionDenied, 'refused', {
            payload: { uniqueIdentifier: 'checked-id', leaseTime: 60 },
          });
        },
        Activate: async () => {
          throw new KmipResultError(ResultReason.PermissionDenied, 'no payload');
        },
      },
    });
  });
  after(() => harness.close());

  it('encodes the payload of a KmipResultError with the failure, and none when it has none', async () => {
    const response = await harness.send(
      message(
        '1.4',
        [
          { operation: 'Check', payload: {}, id: 'a' },
          { operation: 'Activate', payload: { uniqueIdentifier: 'x' }, id: 'b' },
        ],
        { batchErrorContinuationOption: BatchErrorContinuationOption.Continue },
      ),
    );
    const [checked, activated] = answered(response.batchItems);
    assert.equal(checked?.resultStatus, ResultStatus.OperationFailed);
    assert.equal(checked?.resultReason, ResultReason.PermissionDenied);
    assert.deepEqual(checked?.payload, { uniqueIdentifier: 'checked-id', leaseTime: 60 });
    assert.equal(activated?.resultStatus, ResultStatus.OperationFailed);
    assert.equal(activated?.payload, undefined);
  });
});
