// ID Placeholder and KMIP 2.x Unique Identifier references after a Locate (KMIP 1.4 §4.9,
// 2.1 §6.1.32): one located object is named by the placeholder and by the `Locate`
// reference; several (or none) leave both unusable, so later items fail with Missing Data
// instead of acting on an arbitrary one of them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchErrorContinuationOption,
  ResultReason,
  ResultStatus,
  UniqueIdentifier,
} from '../../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
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

  it('refuses the Locate reference with Missing Data after a Locate that returned several or none', () => {
    for (const uniqueIdentifiers of [['a', 'b'], []]) {
      const refs = new BatchIdReferences();
      refs.recordResult('Locate', { uniqueIdentifiers });
      assert.throws(() => refs.resolve(LOCATE), {
        code: 'KW_KMIP_RESULT',
        reason: ResultReason.MissingData,
      });
    }
  });

  it('lets the latest Locate decide: an earlier single result is not used after a broader one', () => {
    const refs = new BatchIdReferences();
    refs.recordResult('Locate', { uniqueIdentifiers: ['first'] });
    refs.recordResult('Locate', { uniqueIdentifiers: ['a', 'b'] });
    assert.throws(() => refs.resolve(LOCATE), { reason: ResultReason.MissingData });
    refs.recordResult('Locate', { uniqueIdentifiers: ['third'] });
    assert.equal(refs.resolve(LOCATE), 'third');
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
  const get = (id: string, uniqueIdentifier?: typeof LOCATE): ItemSpec => ({
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

  it('fails every later reference with Missing Data when the Locate returned several objects', async () => {
    const [located, implicit, placeholder, reference] = await run([
      locate(),
      get('implicit'),
      get('placeholder', PLACEHOLDER),
      get('reference', LOCATE),
    ]);
    assert.ok(located?.kind === 'typed');
    assert.deepEqual((located.payload as { uniqueIdentifiers: string[] }).uniqueIdentifiers, [
      newer,
      older,
    ]);
    missingData(implicit);
    missingData(placeholder);
    missingData(reference);
  });

  it('does not fall back on an earlier Locate’s single result after one that returned several', async () => {
    const [, first, , second] = await run([
      locate(1),
      get('first', LOCATE),
      locate(),
      get('second', LOCATE),
    ]);
    assert.equal(idOf(first), newer);
    missingData(second);
  });
});
