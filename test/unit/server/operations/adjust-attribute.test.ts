// Adjust Attribute (KMIP 2.0+, 2.1 §6.1.3) through the pipeline: Increment, Decrement and
// Negate of numbers, intervals, dates and Booleans, the missing-value rule, every refusal of
// §6.1.3.1 the server can produce, and Operation Not Supported in KMIP 1.x.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdjustmentType,
  Operation,
  ResultReason,
  ResultStatus,
  State,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';

const amount = (type: 'Integer' | 'Interval' | 'TextString', value: number | string): KmipItem =>
  ({ tag: Tag.AdjustmentValue, type, value }) as KmipItem;
const longAmount = (value: bigint): KmipItem => ({
  tag: Tag.AdjustmentValue,
  type: 'LongInteger',
  value,
});
const custom = (type: 'Integer' | 'LongInteger', value: number | bigint): KmipItem =>
  ({ tag: Tag.AttributeValue, type, value }) as KmipItem;

function succeeded(item: ResponseBatchItem): unknown {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  return item.payload;
}

function reasonOf(item: ResponseBatchItem): number | undefined {
  assert.ok(item.kind !== 'invalid');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed);
  return item.resultReason;
}

describe('AdjustAttribute', () => {
  let harness: ServerHarness;
  const now = new Date('2031-06-01T00:00:00Z');
  const adjust = (
    id: string,
    attributeName: string,
    adjustmentType: number,
    adjustmentValue?: KmipItem,
    options: { version?: KmipVersionName; identity?: string } = {},
  ) =>
    harness.sendOne(
      options.version ?? '2.1',
      {
        operation: 'AdjustAttribute',
        payload: {
          uniqueIdentifier: id,
          attributeName,
          adjustmentType,
          ...(adjustmentValue === undefined ? {} : { adjustmentValue }),
        },
      },
      options.identity,
    );
  const add = async (id: string, attribute: Attribute) =>
    succeeded(
      await harness.sendOne('2.1', {
        operation: 'AddAttribute',
        payload: { uniqueIdentifier: id, attribute },
      }),
    );
  const read = async (id: string, name: string) => {
    const item = await harness.sendOne('2.1', {
      operation: 'GetAttributes',
      payload: { uniqueIdentifier: id, attributeNames: [name] },
    });
    return ((succeeded(item) as { attributes?: Attribute[] }).attributes ?? []).map((a) => a.value);
  };

  before(async () => {
    harness = await createServerHarness({ now: () => now });
  });
  after(() => harness.close());

  it('increments, decrements and negates an Integer and answers the Unique Identifier', async () => {
    const id = await harness.createKey({ version: '2.1' });
    await add(id, { name: 'tc-Count', value: custom('Integer', 5) });
    assert.deepEqual(
      succeeded(await adjust(id, 'tc-Count', AdjustmentType.Increment, amount('Integer', 3))),
      { uniqueIdentifier: id },
    );
    assert.deepEqual(await read(id, 'tc-Count'), [custom('Integer', 8)]);
    succeeded(await adjust(id, 'tc-Count', AdjustmentType.Decrement, amount('Integer', 10)));
    assert.deepEqual(await read(id, 'tc-Count'), [custom('Integer', -2)]);
    succeeded(await adjust(id, 'tc-Count', AdjustmentType.Negate));
    assert.deepEqual(await read(id, 'tc-Count'), [custom('Integer', 2)]);
  });

  it('counts an attribute the object does not have as 0 (Long Integer)', async () => {
    const id = await harness.createKey({ version: '2.1' });
    succeeded(await adjust(id, 'tc-Total', AdjustmentType.Increment, longAmount(7n)));
    assert.deepEqual(await read(id, 'tc-Total'), [custom('LongInteger', 7n)]);
  });

  it('negates a Boolean (a missing one counts as False); Sensitive stays one-way', async () => {
    const id = await harness.createKey({ version: '2.1' });
    assert.deepEqual(await read(id, 'Sensitive'), [false]);
    succeeded(await adjust(id, 'Sensitive', AdjustmentType.Negate));
    assert.deepEqual(await read(id, 'Sensitive'), [true]);
    // True back to False is what Set Attribute refuses too (attribute-change.ts).
    assert.equal(
      reasonOf(await adjust(id, 'Sensitive', AdjustmentType.Negate)),
      ResultReason.AttributeReadOnly,
    );
    assert.equal(
      reasonOf(await adjust(id, 'Extractable', AdjustmentType.Increment, amount('Integer', 1))),
      ResultReason.InvalidDataType,
    );
  });

  it('moves a date by an Interval; an Activation Date moved to the past activates the key', async () => {
    const id = await harness.createKey({ version: '2.1' });
    assert.equal(
      reasonOf(
        await adjust(id, 'ActivationDate', AdjustmentType.Increment, amount('Interval', 60)),
      ),
      ResultReason.ItemNotFound,
      'a missing date cannot be adjusted',
    );
    const inAnHour = new Date(now.getTime() + 3_600_000);
    await add(id, { name: 'ActivationDate', value: inAnHour });
    succeeded(await adjust(id, 'ActivationDate', AdjustmentType.Increment, amount('Interval', 60)));
    assert.deepEqual(await read(id, 'ActivationDate'), [new Date(inAnHour.getTime() + 60_000)]);
    assert.deepEqual(await read(id, 'State'), [State.PreActive]);
    succeeded(
      await adjust(id, 'ActivationDate', AdjustmentType.Decrement, amount('Interval', 7200)),
    );
    assert.deepEqual(await read(id, 'State'), [State.Active]);
    // Active: the Activation Date is fixed now (Wrong Key Lifecycle State).
    assert.equal(
      reasonOf(await adjust(id, 'ActivationDate', AdjustmentType.Increment, amount('Interval', 1))),
      ResultReason.WrongKeyLifecycleState,
    );
    assert.equal(
      reasonOf(await adjust(id, 'ActivationDate', AdjustmentType.Negate)),
      ResultReason.InvalidDataType,
      'a date has no negative',
    );
  });

  it('refuses what a client may not change: Read Only Attribute', async () => {
    const id = await harness.createKey({ version: '2.1' });
    assert.equal(
      reasonOf(
        await adjust(id, 'CryptographicLength', AdjustmentType.Increment, amount('Integer', 8)),
      ),
      ResultReason.ReadOnlyAttribute,
    );
    assert.deepEqual(await read(id, 'CryptographicLength'), [256]);
  });

  it('refuses attributes that are not numbers, intervals, dates or Booleans: Invalid Data Type', async () => {
    const id = await harness.createKey({ version: '2.1' });
    assert.equal(
      reasonOf(await adjust(id, 'Description', AdjustmentType.Increment, amount('Integer', 1))),
      ResultReason.InvalidDataType,
    );
  });

  it('refuses an Adjustment Value of another type, and Negate of an Interval', async () => {
    const id = await harness.createKey({ version: '2.1' });
    await add(id, { name: 'tc-Count', value: custom('Integer', 1) });
    assert.equal(
      reasonOf(await adjust(id, 'tc-Count', AdjustmentType.Increment, amount('Interval', 1))),
      ResultReason.InvalidDataType,
    );
    succeeded(await adjust(id, 'RotateInterval', AdjustmentType.Increment, amount('Interval', 90)));
    assert.deepEqual(await read(id, 'RotateInterval'), [90]);
    assert.equal(
      reasonOf(await adjust(id, 'RotateInterval', AdjustmentType.Negate)),
      ResultReason.InvalidDataType,
    );
  });

  it('refuses a missing or superfluous Adjustment Value and an unknown Adjustment Type: Invalid Field', async () => {
    const id = await harness.createKey({ version: '2.1' });
    await add(id, { name: 'tc-Count', value: custom('Integer', 1) });
    for (const item of [
      await adjust(id, 'tc-Count', AdjustmentType.Increment),
      await adjust(id, 'tc-Count', AdjustmentType.Negate, amount('Integer', 1)),
      await adjust(id, 'tc-Count', 0x99, amount('Integer', 1)),
    ]) {
      assert.equal(reasonOf(item), ResultReason.InvalidField);
    }
    assert.deepEqual(await read(id, 'tc-Count'), [custom('Integer', 1)]);
  });

  it('refuses a result outside the type: Numeric Range', async () => {
    const id = await harness.createKey({ version: '2.1' });
    await add(id, { name: 'tc-Count', value: custom('Integer', 2 ** 31 - 1) });
    assert.equal(
      reasonOf(await adjust(id, 'tc-Count', AdjustmentType.Increment, amount('Integer', 1))),
      ResultReason.NumericRange,
    );
    await add(id, { name: 'tc-Low', value: custom('Integer', -(2 ** 31)) });
    assert.equal(
      reasonOf(await adjust(id, 'tc-Low', AdjustmentType.Negate)),
      ResultReason.NumericRange,
    );
    succeeded(await adjust(id, 'RotateOffset', AdjustmentType.Increment, amount('Interval', 5)));
    assert.equal(
      reasonOf(await adjust(id, 'RotateOffset', AdjustmentType.Decrement, amount('Interval', 6))),
      ResultReason.NumericRange,
    );
  });

  it('refuses an attribute with several instances: Multi Valued Attribute', async () => {
    const id = await harness.createKey({ version: '2.1' });
    await add(id, { name: 'tc-Count', value: custom('Integer', 1) });
    await add(id, { name: 'tc-Count', value: custom('Integer', 2) });
    assert.equal(
      reasonOf(await adjust(id, 'tc-Count', AdjustmentType.Increment, amount('Integer', 1))),
      ResultReason.MultiValuedAttribute,
    );
  });

  it("refuses another client's object and an unknown one", async () => {
    const id = await harness.createKey({ version: '2.1' });
    assert.equal(
      reasonOf(
        await adjust(id, 'Sensitive', AdjustmentType.Negate, undefined, { identity: 'mallory' }),
      ),
      ResultReason.PermissionDenied,
    );
    assert.deepEqual(await read(id, 'Sensitive'), [false]);
    assert.equal(
      reasonOf(await adjust('no-such-object', 'Sensitive', AdjustmentType.Negate)),
      ResultReason.ObjectNotFound,
    );
    assert.equal(
      reasonOf(
        await adjust('no-such-object', 'Sensitive', AdjustmentType.Negate, undefined, {
          version: '2.0',
        }),
      ),
      ResultReason.ItemNotFound,
    );
  });

  it('is not an operation of KMIP 1.x: Operation Not Supported', async () => {
    for (const version of ['1.0', '1.4'] as const) {
      const item = await harness.sendOne(version, {
        operation: Operation.AdjustAttribute,
        raw: { tag: Tag.RequestPayload, type: 'Structure', value: [] },
      });
      assert.equal(reasonOf(item), ResultReason.OperationNotSupported);
    }
  });
});
