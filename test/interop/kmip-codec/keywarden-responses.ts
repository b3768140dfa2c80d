/** Response messages built as our item trees, for PyKMIP to decode. */
import {
  CryptographicAlgorithm,
  KeyFormatType,
  ObjectType,
  Operation,
  ResultReason,
  ResultStatus,
  SecretDataType,
  Tag,
} from '../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../src/kmip/item.ts';
import type { SampleMessage } from './message-builders.ts';
import {
  attribute,
  bytes,
  enm,
  hex,
  int,
  responseItem,
  responseMessage,
  SAMPLE_UID,
  struct,
  text,
  uid,
} from './message-builders.ts';

const ok = ResultStatus.Success;

const response = (
  name: string,
  version: readonly [number, number],
  items: KmipItem[],
): SampleMessage => ({ name, kind: 'response', version, item: responseMessage(version, items) });

const keyBlock = (format: number, material: Uint8Array, algorithm?: number, length?: number) =>
  struct(
    Tag.KeyBlock,
    enm(Tag.KeyFormatType, format),
    struct(Tag.KeyValue, bytes(Tag.KeyMaterial, material)),
    ...(algorithm === undefined ? [] : [enm(Tag.CryptographicAlgorithm, algorithm)]),
    ...(length === undefined ? [] : [int(Tag.CryptographicLength, length)]),
  );

/** Responses PyKMIP 0.10 can decode. */
export const keywardenResponses: readonly SampleMessage[] = [
  response(
    'Get response carrying an AES-256 key (1.2)',
    [1, 2],
    [
      responseItem({
        operation: Operation.Get,
        status: ok,
        payload: [
          enm(Tag.ObjectType, ObjectType.SymmetricKey),
          uid(),
          struct(
            Tag.SymmetricKey,
            keyBlock(
              KeyFormatType.Raw,
              hex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4'),
              CryptographicAlgorithm.AES,
              256,
            ),
          ),
        ],
      }),
    ],
  ),
  response(
    'Get response carrying secret data (2.0)',
    [2, 0],
    [
      responseItem({
        operation: Operation.Get,
        status: ok,
        payload: [
          enm(Tag.ObjectType, ObjectType.SecretData),
          uid(),
          struct(
            Tag.SecretData,
            enm(Tag.SecretDataType, SecretDataType.Password),
            keyBlock(KeyFormatType.Opaque, new TextEncoder().encode('p4ssw0rd')),
          ),
        ],
      }),
    ],
  ),
  response(
    'Create response (1.0)',
    [1, 0],
    [
      responseItem({
        operation: Operation.Create,
        status: ok,
        payload: [enm(Tag.ObjectType, ObjectType.SymmetricKey), uid()],
      }),
    ],
  ),
  response(
    'CreateKeyPair response (1.4)',
    [1, 4],
    [
      responseItem({
        operation: Operation.CreateKeyPair,
        status: ok,
        payload: [
          text(Tag.PrivateKeyUniqueIdentifier, 'priv-0001'),
          text(Tag.PublicKeyUniqueIdentifier, 'pub-0001'),
        ],
      }),
    ],
  ),
  response(
    'Locate response with several ids (1.4)',
    [1, 4],
    [
      responseItem({
        operation: Operation.Locate,
        status: ok,
        payload: [int(Tag.LocatedItems, 4), uid('a'), uid('bb'), uid('ccc'), uid(SAMPLE_UID)],
      }),
    ],
  ),
  response(
    'GetAttributes response (1.2)',
    [1, 2],
    [
      responseItem({
        operation: Operation.GetAttributes,
        status: ok,
        payload: [
          uid(),
          attribute('Cryptographic Algorithm', enm(0, CryptographicAlgorithm.AES)),
          attribute('Cryptographic Length', int(0, 128)),
        ],
      }),
    ],
  ),
  response(
    'Query response (1.2)',
    [1, 2],
    [
      responseItem({
        operation: Operation.Query,
        status: ok,
        payload: [
          enm(Tag.Operation, Operation.Create),
          enm(Tag.Operation, Operation.Get),
          enm(Tag.Operation, Operation.Query),
          enm(Tag.ObjectType, ObjectType.SymmetricKey),
          enm(Tag.ObjectType, ObjectType.SecretData),
          text(Tag.VendorIdentification, 'Keywarden'),
          text(Tag.ApplicationNamespace, 'kw'),
        ],
      }),
    ],
  ),
  response(
    'DiscoverVersions response (2.0)',
    [2, 0],
    [
      responseItem({
        operation: Operation.DiscoverVersions,
        status: ok,
        payload: [
          struct(
            Tag.ProtocolVersion,
            int(Tag.ProtocolVersionMajor, 2),
            int(Tag.ProtocolVersionMinor, 0),
          ),
          struct(
            Tag.ProtocolVersion,
            int(Tag.ProtocolVersionMajor, 1),
            int(Tag.ProtocolVersionMinor, 4),
          ),
          struct(
            Tag.ProtocolVersion,
            int(Tag.ProtocolVersionMajor, 1),
            int(Tag.ProtocolVersionMinor, 0),
          ),
        ],
      }),
    ],
  ),
  response(
    'Error response with a ResultReason (1.4)',
    [1, 4],
    [
      responseItem({
        operation: Operation.Get,
        status: ResultStatus.OperationFailed,
        reason: ResultReason.ItemNotFound,
        message: 'no such object',
        batchId: '0102',
      }),
    ],
  ),
  response(
    'Batch response, one success and one failure (1.2)',
    [1, 2],
    [
      responseItem({ operation: Operation.Activate, status: ok, batchId: '0a', payload: [uid()] }),
      responseItem({
        operation: Operation.Destroy,
        status: ResultStatus.OperationFailed,
        reason: ResultReason.PermissionDenied,
        message: 'denied',
        batchId: '0b',
      }),
    ],
  ),
];
