// Shared set-up of the cryptographic operation tests: keys registered with known material
// (so results can be checked with node:crypto independently), activated, and compact helpers
// that run one operation and return its payload or its Result Reason.
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  KeyFormatType,
  ObjectType,
  ResultStatus,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ManagedObject } from '../../../../src/kmip/messages/objects.ts';
import type {
  KnownOperationName,
  OperationPayloads,
} from '../../../../src/kmip/messages/payloads/index.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import type { ServerHarness } from '../../../support/server-harness.ts';

/** Runs one operation; returns its payload, failing the test on an error result. */
export async function ok<K extends KnownOperationName>(
  harness: ServerHarness,
  operation: K,
  payload: OperationPayloads[K]['request'],
  version: KmipVersionName = '2.1',
): Promise<OperationPayloads[K]['response']> {
  const item = await harness.sendOne(version, { operation, payload } as never);
  assert.ok(item.kind === 'typed', `${operation}: typed response`);
  assert.equal(item.resultStatus, ResultStatus.Success, `${operation}: ${item.resultMessage}`);
  return item.payload as OperationPayloads[K]['response'];
}

/** Runs one operation that must fail; returns its Result Reason and Message. */
export async function failure<K extends KnownOperationName>(
  harness: ServerHarness,
  operation: K,
  payload: OperationPayloads[K]['request'],
  version: KmipVersionName = '2.1',
): Promise<{ reason: number | undefined; message: string | undefined }> {
  const item = await harness.sendOne(version, { operation, payload } as never);
  assert.ok(item.kind !== 'invalid');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed, `${operation} must fail`);
  return { reason: item.resultReason, message: item.resultMessage };
}

const attr = (name: string, value: Attribute['value']): Attribute => ({ name, value });

/** Registers an object with a usage mask (and more attributes), activates it unless told not to. */
export async function registerObject(
  harness: ServerHarness,
  object: ManagedObject,
  usageMask: number | undefined,
  options: { readonly activate?: boolean; readonly extra?: readonly Attribute[] } = {},
): Promise<string> {
  const attributes = [
    ...(usageMask === undefined ? [] : [attr('CryptographicUsageMask', usageMask)]),
    ...(options.extra ?? []),
  ];
  const registered = await ok(harness, 'Register', {
    objectType: ObjectType[object.kind],
    attributes: { attributes },
    object,
  });
  const id = registered.uniqueIdentifier as string;
  if (options.activate !== false) await ok(harness, 'Activate', { uniqueIdentifier: id });
  return id;
}

/** A symmetric key object of a registry algorithm name with raw `bytes`. */
export function symmetricKey(
  algorithm: keyof typeof CryptographicAlgorithm,
  bytes: Uint8Array,
): ManagedObject {
  return {
    kind: 'SymmetricKey',
    keyBlock: {
      keyFormatType: KeyFormatType.Raw,
      keyValue: { keyMaterial: bytes },
      cryptographicAlgorithm: CryptographicAlgorithm[algorithm],
      cryptographicLength: bytes.length * 8,
    },
  };
}

/** A public or private key object in a DER Key Format Type. */
export function asymmetricKey(
  kind: 'PublicKey' | 'PrivateKey',
  algorithm: keyof typeof CryptographicAlgorithm,
  format: keyof typeof KeyFormatType,
  der: Uint8Array,
  lengthBits: number,
): ManagedObject {
  return {
    kind,
    keyBlock: {
      keyFormatType: KeyFormatType[format],
      keyValue: { keyMaterial: der },
      cryptographicAlgorithm: CryptographicAlgorithm[algorithm],
      cryptographicLength: lengthBits,
    },
  } as ManagedObject;
}
