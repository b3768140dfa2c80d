/** Helpers for the Template tests: register a Template, read an object's attributes. */
import assert from 'node:assert/strict';
import {
  NameType,
  ObjectType,
  ResultStatus,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { NameValue } from '../../../../src/kmip/messages/common.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import type { ServerHarness } from '../../../support/server-harness.ts';

/** A Name attribute value of type Uninterpreted Text String. */
export const nameOf = (value: string): NameValue => ({
  value,
  type: NameType.UninterpretedTextString,
});

/** An attribute. */
export const attr = (name: string, value: Attribute['value']): Attribute => ({ name, value });

/** A custom (1.x `x-`) attribute with a Text String value, as the codec carries it. */
export const custom = (name: string, text: string): Attribute => ({
  name,
  value: { tag: Tag.AttributeValue, type: 'TextString', value: text },
});

/** Registers a Template with `content` and its own attributes `own` (a Name, usually). */
export function registerTemplate(
  harness: ServerHarness,
  content: readonly Attribute[],
  own: readonly Attribute[],
  options: { readonly version?: KmipVersionName; readonly identity?: string } = {},
): Promise<ResponseBatchItem> {
  return harness.sendOne(
    options.version ?? '1.4',
    {
      operation: 'Register',
      payload: {
        objectType: ObjectType.Template,
        attributes: { attributes: own },
        object: { kind: 'Template', attributes: content },
      },
    },
    options.identity,
  );
}

/** The Unique Identifier of a successful response. */
export function succeeded(item: ResponseBatchItem): string {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  const payload = item.payload as {
    uniqueIdentifier?: string;
    privateKeyUniqueIdentifier?: string;
  };
  const id = payload.uniqueIdentifier ?? payload.privateKeyUniqueIdentifier;
  assert.ok(id !== undefined, 'a Unique Identifier');
  return id;
}

/** The Result Reason of a failed response. */
export function failure(item: ResponseBatchItem): number | undefined {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed, 'the request fails');
  return item.resultReason;
}

/** Every attribute of object `id` (Get Attributes without names). */
export async function attributesOf(
  harness: ServerHarness,
  id: string,
  version: KmipVersionName = '1.4',
): Promise<readonly Attribute[]> {
  const item = await harness.sendOne(version, {
    operation: 'GetAttributes',
    payload: { uniqueIdentifier: id },
  });
  succeeded(item);
  return (item as { payload: { attributes?: readonly Attribute[] } }).payload.attributes ?? [];
}

/** The values of every instance of `name`. */
export const valuesOf = (attributes: readonly Attribute[], name: string): unknown[] =>
  attributes.filter((a) => a.name === name).map((a) => a.value);
