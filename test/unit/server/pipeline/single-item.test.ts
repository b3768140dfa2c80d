// A batch of one item skips work a longer batch does (no commit for an item that wrote nothing,
// the last item's results are not kept for references, the object view is made on first
// use): the answer to an item must not depend on whether it stands alone, on the Batch Error
// Continuation Option, or on the items before it that leave no trace (issue #9).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BatchErrorContinuationOption,
  Tag,
  UniqueIdentifier,
} from '../../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  createServerHarness,
  message,
  type ItemSpec,
  type ServerHarness,
} from '../../../support/server-harness.ts';

const VERSIONS: readonly KmipVersionName[] = ['1.0', '1.2', '1.4', '2.0', '2.1'];
const CONTINUATIONS = [
  undefined,
  BatchErrorContinuationOption.Stop,
  BatchErrorContinuationOption.Continue,
  BatchErrorContinuationOption.Undo,
] as const;

/** What a response item says, without the batch item id (checked apart). */
function answerOf(item: ResponseBatchItem | undefined): unknown {
  assert.ok(item !== undefined);
  const { uniqueBatchItemId: _, ...rest } = item as ResponseBatchItem & {
    uniqueBatchItemId?: Uint8Array;
  };
  return rest;
}

describe('a batch of one item', () => {
  let harness: ServerHarness;
  let active = '';
  let preActive = '';
  let bobs = '';

  before(async () => {
    harness = await createServerHarness();
    active = await harness.createKey();
    preActive = await harness.createKey();
    bobs = await harness.createKey({ identity: 'bob' });
    await harness.sendOne('1.4', { operation: 'Activate', payload: { uniqueIdentifier: active } });
    // The first Get of a key clears its Fresh attribute: done here, so the items below change
    // nothing in the store and can be sent again with the same answer.
    for (const id of [active, preActive]) {
      await harness.sendOne('1.4', { operation: 'Get', payload: { uniqueIdentifier: id } });
    }
  });
  after(() => harness.close());

  // Items that read, or fail without writing: each answers the same every time it is sent.
  const items = (version: KmipVersionName): fc.Arbitrary<ItemSpec> => {
    const ids = fc.constantFrom(active, preActive, bobs, 'no-such-key');
    const is2x = version.startsWith('2.');
    const references = is2x
      ? [
          fc.constant({ type: 'Enumeration', value: UniqueIdentifier.Create } as const),
          fc.constant({ type: 'Enumeration', value: UniqueIdentifier.IDPlaceholder } as const),
          fc.integer({ min: -2, max: 1 }).map((value) => ({ type: 'Integer', value }) as const),
        ]
      : [];
    const target = fc.oneof(ids, fc.constant(undefined), ...references);
    const payload = (id: unknown) => (id === undefined ? {} : { uniqueIdentifier: id });
    return fc.oneof(
      target.map((id) => ({ operation: 'Get', payload: payload(id) }) as ItemSpec),
      target.map((id) => ({ operation: 'GetAttributeList', payload: payload(id) }) as ItemSpec),
      // Active already, or not the caller's, or missing: fails without a write.
      fc
        .constantFrom(active, bobs, 'no-such-key')
        .map((id) => ({ operation: 'Activate', payload: { uniqueIdentifier: id } }) as ItemSpec),
      fc
        .constantFrom(active, bobs)
        .map((id) => ({ operation: 'Destroy', payload: { uniqueIdentifier: id } }) as ItemSpec),
      fc.constant({ operation: 'Query', payload: {} } as ItemSpec),
      fc.constant({
        operation: 0x7f,
        raw: { tag: Tag.RequestPayload, type: 'Structure', value: [] },
      } as ItemSpec),
    );
  };

  const cases = fc.constantFrom(...VERSIONS).chain((version) =>
    fc.record({
      version: fc.constant(version),
      item: items(version),
      continuation: fc.constantFrom(...CONTINUATIONS),
    }),
  );

  it('answers alone as it does after an item that leaves no trace, under every continuation option', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ version, item, continuation }) => {
        const header =
          continuation === undefined ? {} : { batchErrorContinuationOption: continuation };
        const alone = await harness.send(message(version, [item], header));
        const withId = await harness.send(message(version, [{ ...item, id: 'x' }], header));
        const second = await harness.send(
          message(
            version,
            [
              { operation: 'Query', payload: {}, id: 'q' },
              { ...item, id: 'x' },
            ],
            { batchErrorContinuationOption: BatchErrorContinuationOption.Continue },
          ),
        );
        const stop = await harness.send(
          message(version, [item], {
            batchErrorContinuationOption: BatchErrorContinuationOption.Stop,
          }),
        );
        assert.equal(alone.batchItems.length, 1);
        assert.equal(second.batchItems.length, 2);
        const expected = answerOf(alone.batchItems[0]);
        assert.deepEqual(answerOf(withId.batchItems[0]), expected);
        assert.deepEqual(answerOf(second.batchItems[1]), expected);
        assert.deepEqual(answerOf(stop.batchItems[0]), expected);
        // The Unique Batch Item ID is echoed exactly when sent.
        const echoed = (i: ResponseBatchItem | undefined) =>
          (i as { uniqueBatchItemId?: Uint8Array } | undefined)?.uniqueBatchItemId;
        assert.equal(echoed(alone.batchItems[0]), undefined);
        assert.deepEqual(echoed(withId.batchItems[0]), new TextEncoder().encode('x'));
        assert.deepEqual(echoed(second.batchItems[1]), new TextEncoder().encode('x'));
      }),
      { numRuns: 60 },
    );
  });

  it('commits the write of an item that stands alone (a Fresh key read for the first time)', async () => {
    const id = await harness.createKey();
    const fresh = async () =>
      (await harness.store.get(id)).attributes.find((a) => a.name === 'Fresh')?.value;
    assert.equal(await fresh(), true);
    await harness.sendOne('1.4', { operation: 'Get', payload: { uniqueIdentifier: id } });
    assert.equal(await fresh(), false);
  });
});
