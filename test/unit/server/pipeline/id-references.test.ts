// ID Placeholder and KMIP 2.x Unique Identifier references (KMIP 1.4 §4.9, 2.1 §6.1.32 and
// §11.58): one located object is named by the placeholder and by the `Locate` reference;
// after a Locate of several the placeholder is empty (items relying on it fail with Missing
// Data) while an item naming `Locate` runs once per located object, as separate batch items;
// an Integer names the nth identifier of the response (negative: counted back).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchErrorContinuationOption,
  ResultReason,
  ResultStatus,
  UniqueIdentifier,
} from '../../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { UniqueIdentifierReference } from '../../../../src/kmip/messages/codecs.ts';
import { BatchIdReferences } from '../../../../src/server/pipeline/id-references.ts';
import {
  createServerHarness,
  message,
  type ItemSpec,
  type ServerHarness,
} from '../../../support/server-harness.ts';
import { caseAttribute } from '../operations/locate-fixture.ts';

const byReference = (value: number) => ({ type: 'Enumeration' as const, value });
const LOCATE = byReference(UniqueIdentifier.Locate);
const PLACEHOLDER = byReference(UniqueIdentifier.IDPlaceholder);

describe('BatchIdReferences after a Locate', () => {
  it('resolves the Locate reference to the one identifier a Locate returned', () => {
    const refs = new BatchIdReferences();
    refs.recordResult('Locate', { uniqueIdentifiers: ['only'] });
    assert.equal(refs.resolve(LOCATE), 'only');
  });

  it('expands the Locate reference after a Locate of several, and refuses it after one of none', () => {
    const several = new BatchIdReferences();
    several.recordResult('Locate', { uniqueIdentifiers: ['a', 'b'] });
    assert.deepEqual(several.expand(LOCATE), ['a', 'b']);
    assert.throws(() => several.resolve(LOCATE), { reason: ResultReason.MissingData });
    const none = new BatchIdReferences();
    none.recordResult('Locate', { uniqueIdentifiers: [] });
    assert.equal(none.expand(LOCATE), undefined);
    assert.throws(() => none.resolve(LOCATE), {
      code: 'KW_KMIP_RESULT',
      reason: ResultReason.MissingData,
    });
  });

  it('refers to the most recent Locate', () => {
    const refs = new BatchIdReferences();
    refs.recordResult('Locate', { uniqueIdentifiers: ['first'] });
    refs.recordResult('Locate', { uniqueIdentifiers: ['a', 'b'] });
    assert.deepEqual(refs.expand(LOCATE), ['a', 'b']);
    refs.recordResult('Locate', { uniqueIdentifiers: [] });
    assert.throws(() => refs.resolve(LOCATE), { reason: ResultReason.MissingData });
    refs.recordResult('Locate', { uniqueIdentifiers: ['third'] });
    assert.equal(refs.resolve(LOCATE), 'third');
    assert.equal(refs.expand(LOCATE), undefined);
  });

  it('resolves an Integer to the nth identifier of the response, negative ones counted back', () => {
    const refs = new BatchIdReferences();
    refs.recordResult('Create', { uniqueIdentifier: 'k1' });
    refs.recordResult('CreateKeyPair', {
      privateKeyUniqueIdentifier: 'priv',
      publicKeyUniqueIdentifier: 'pub',
    });
    refs.recordResult('Locate', { uniqueIdentifiers: ['a', 'b'] });
    const at = (value: number) => refs.resolve({ type: 'Integer', value });
    assert.deepEqual([at(0), at(1), at(2), at(3), at(4)], ['k1', 'priv', 'pub', 'a', 'b']);
    assert.deepEqual([at(-1), at(-5)], ['b', 'k1']);
    for (const value of [5, -6]) {
      assert.throws(() => at(value), { reason: ResultReason.MissingData });
    }
  });
});

describe('batches that use a Locate result (KMIP 2.1)', () => {
  let harness: ServerHarness;
  let older: string;
  let newer: string;

  before(async () => {
    harness = await createServerHarness();
    older = await harness.createKey({ extra: [caseAttribute('id-refs')] });
    newer = await harness.createKey({ extra: [caseAttribute('id-refs')] });
  });
  after(() => harness.close());

  const locate = (maximumItems?: number): ItemSpec => ({
    id: 'locate',
    operation: 'Locate',
    payload: {
      attributes: [caseAttribute('id-refs')],
      ...(maximumItems === undefined ? {} : { maximumItems }),
    },
  });
  const get = (id: string, uniqueIdentifier?: UniqueIdentifierReference): ItemSpec => ({
    id,
    operation: 'GetAttributes',
    payload: {
      ...(uniqueIdentifier === undefined ? {} : { uniqueIdentifier }),
      attributeNames: ['State'],
    },
  });

  async function run(items: ItemSpec[]): Promise<ResponseBatchItem[]> {
    // Continue: every item runs, so each one's own outcome shows.
    const response = await harness.send(
      message('2.1', items, {
        batchErrorContinuationOption: BatchErrorContinuationOption.Continue,
      }),
    );
    return [...response.batchItems];
  }

  function idOf(item: ResponseBatchItem | undefined): string | undefined {
    assert.ok(item !== undefined && item.kind === 'typed');
    assert.equal(item.resultStatus, ResultStatus.Success);
    return (item.payload as { uniqueIdentifier?: string }).uniqueIdentifier;
  }

  function missingData(item: ResponseBatchItem | undefined): void {
    assert.ok(item !== undefined && item.kind !== 'invalid');
    assert.equal(item.resultStatus, ResultStatus.OperationFailed);
    assert.equal(item.resultReason, ResultReason.MissingData);
  }

  it('names the one located object by the placeholder, its enumeration and the Locate reference', async () => {
    const [, implicit, placeholder, reference] = await run([
      locate(1),
      get('implicit'),
      get('placeholder', PLACEHOLDER),
      get('reference', LOCATE),
    ]);
    assert.equal(idOf(implicit), newer);
    assert.equal(idOf(placeholder), newer);
    assert.equal(idOf(reference), newer);
  });

  it('after a Locate of several, runs an item naming Locate once per object and fails items relying on the placeholder', async () => {
    const [located, implicit, placeholder, first, second, ...rest] = await run([
      locate(),
      get('implicit'),
      get('placeholder', PLACEHOLDER),
      get('each', LOCATE),
    ]);
    assert.ok(located?.kind === 'typed');
    assert.deepEqual((located.payload as { uniqueIdentifiers: string[] }).uniqueIdentifiers, [
      newer,
      older,
    ]);
    missingData(implicit);
    missingData(placeholder);
    assert.equal(idOf(first), newer);
    assert.equal(idOf(second), older);
    assert.equal(rest.length, 0);
    // Both repetitions answer to the request item's Unique Batch Item ID.
    for (const item of [first, second]) {
      assert.ok(item !== undefined && item.kind !== 'invalid');
      assert.equal(new TextDecoder().decode(item.uniqueBatchItemId), 'each');
    }
  });

  it('names the most recent Locate, and an Integer names the nth identifier of the response', async () => {
    const [, first, , second, third, byIndex, byNegative] = await run([
      locate(1),
      get('first', LOCATE),
      locate(),
      get('each', LOCATE),
      get('index', { type: 'Integer', value: 0 }),
      get('negative', { type: 'Integer', value: -2 }),
    ]);
    assert.equal(idOf(first), newer);
    assert.equal(idOf(second), newer);
    assert.equal(idOf(third), older);
    // The response so far: newer (Locate), newer (Get), newer, older (Locate), newer, older
    // (the two Gets), then newer (the Integer 0 Get): -2 counts back to the second Get.
    assert.equal(idOf(byIndex), newer);
    assert.equal(idOf(byNegative), older);
  });
});
