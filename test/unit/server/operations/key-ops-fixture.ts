// Shared helpers of the key-format, wrapping, derivation, re-key and certify tests: register
// keys through the in-process pipeline and read results back compactly.
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ObjectType,
  ResultStatus,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { KeyBlock, KeyValue } from '../../../../src/kmip/messages/key-block.ts';
import type { ManagedObject } from '../../../../src/kmip/messages/objects.ts';
import type { GetRequest, GetResponse } from '../../../../src/kmip/messages/payloads/get.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import type { ServerHarness } from '../../../support/server-harness.ts';

export const attr = (name: string, value: Attribute['value']): Attribute => ({ name, value });
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
/** An Activation Date an hour ago, so the object is Active at once. */
export const activeNow = (): Attribute =>
  attr('ActivationDate', new Date(Math.floor(Date.now() / 1000 - 3600) * 1000));

/** The payload of a successful item. */
export function okPayload<T>(item: ResponseBatchItem): T {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  return item.payload as T;
}

/** The Result Reason of a failed item. */
export function failure(item: ResponseBatchItem): number | undefined {
  assert.ok(item.kind !== 'invalid');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed, 'the request fails');
  return item.resultReason;
}

/** A Key Block holding `material` in `format`. */
export function keyBlock(
  format: number,
  material: KeyValue['keyMaterial'],
  algorithm?: number,
  lengthBits?: number,
): KeyBlock {
  return {
    keyFormatType: format,
    keyValue: { keyMaterial: material },
    ...(algorithm === undefined ? {} : { cryptographicAlgorithm: algorithm }),
    ...(lengthBits === undefined ? {} : { cryptographicLength: lengthBits }),
  };
}

/** Registers `object` with `attributes`; returns its id. */
export async function registerObject(
  harness: ServerHarness,
  object: ManagedObject,
  attributes: readonly Attribute[],
  version: KmipVersionName = '1.4',
): Promise<string> {
  const item = await harness.sendOne(version, {
    operation: 'Register',
    payload: { objectType: ObjectType[object.kind], object, attributes: { attributes } },
  });
  return okPayload<{ uniqueIdentifier: string }>(item).uniqueIdentifier;
}

/** Registers an AES key of `bytes` with `usage`, Active unless `isActive` is false. */
export function registerAes(
  harness: ServerHarness,
  bytes: Uint8Array,
  usage: number = CryptographicUsageMask.WrapKey | CryptographicUsageMask.UnwrapKey,
  options: { readonly isActive?: boolean; readonly extra?: readonly Attribute[] } = {},
): Promise<string> {
  return registerObject(
    harness,
    {
      kind: 'SymmetricKey',
      keyBlock: keyBlock(KeyFormatType.Raw, bytes, CryptographicAlgorithm.AES, bytes.length * 8),
    },
    [
      attr('CryptographicUsageMask', usage),
      ...(options.isActive === false ? [] : [activeNow()]),
      ...(options.extra ?? []),
    ],
  );
}

/** Sends a Get. */
export function getItem(
  harness: ServerHarness,
  payload: GetRequest,
  version: KmipVersionName = '1.4',
): Promise<ResponseBatchItem> {
  return harness.sendOne(version, { operation: 'Get', payload });
}

/** The object of a successful Get. */
export async function getObject(
  harness: ServerHarness,
  payload: GetRequest,
  version: KmipVersionName = '1.4',
): Promise<ManagedObject> {
  return okPayload<GetResponse>(await getItem(harness, payload, version)).object;
}

/** The Key Block of a key object. */
export function blockOf(object: ManagedObject): KeyBlock {
  assert.ok('keyBlock' in object, `${object.kind} has a Key Block`);
  return object.keyBlock;
}

/** The Key Material bytes of a key object in the clear. */
export function materialBytes(object: ManagedObject): Uint8Array {
  const value = blockOf(object).keyValue;
  assert.ok(value !== undefined && !(value instanceof Uint8Array), 'clear Key Value');
  assert.ok(value.keyMaterial instanceof Uint8Array, 'Byte String Key Material');
  return value.keyMaterial;
}

/** The values of attribute `name` of object `id` (GetAttributes, 1.4). */
export async function attributeValuesOf(
  harness: ServerHarness,
  id: string,
  name: string,
): Promise<Attribute['value'][]> {
  const item = await harness.sendOne('1.4', {
    operation: 'GetAttributes',
    payload: { uniqueIdentifier: id, attributeNames: [name] },
  });
  return (okPayload<{ attributes?: readonly Attribute[] }>(item).attributes ?? []).map(
    (a) => a.value,
  );
}
