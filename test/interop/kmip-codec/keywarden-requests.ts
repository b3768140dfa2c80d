/**
 * Request messages built as our item trees, for PyKMIP to decode. Field order follows
 * the KMIP 1.x/2.0 payload layouts (PyKMIP reads fields in order and is strict about it).
 */
import {
  BlockCipherMode,
  CredentialType,
  CryptographicAlgorithm,
  CryptographicUsageMask as Usage,
  EncodingOption,
  KeyCompressionType,
  KeyFormatType,
  NameType,
  ObjectType,
  Operation,
  RevocationReasonCode,
  SplitKeyMethod,
  StorageStatusMask,
  Tag,
  WrappingMethod,
} from '../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../src/kmip/item.ts';
import type { SampleMessage } from './message-builders.ts';
import {
  attribute,
  big,
  bytes,
  date,
  enm,
  hex,
  int,
  nameValue,
  request,
  requestItem,
  SAMPLE_UID2,
  struct,
  text,
  uid,
} from './message-builders.ts';

const name = (tag: number, value: string): KmipItem =>
  nameValue(tag, value, NameType.UninterpretedTextString);

const aesAttributes = (): KmipItem[] => [
  attribute('Cryptographic Algorithm', enm(0, CryptographicAlgorithm.AES)),
  attribute('Cryptographic Length', int(0, 256)),
  attribute('Cryptographic Usage Mask', int(0, Usage.Encrypt | Usage.Decrypt)),
  attribute('Name', name(0, 'kw-aes-256')),
];

const symmetricKey = (material: string, length: number): KmipItem =>
  struct(
    Tag.SymmetricKey,
    struct(
      Tag.KeyBlock,
      enm(Tag.KeyFormatType, KeyFormatType.Raw),
      struct(Tag.KeyValue, bytes(Tag.KeyMaterial, hex(material))),
      enm(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      int(Tag.CryptographicLength, length),
    ),
  );

/** 2^2047 + 1: a 2048-bit positive Big Integer needs a leading zero byte (264 bytes padded). */
const PRIME_2048 = (1n << 2047n) + 1n;

/** Object-management requests PyKMIP 0.10 can decode. */
export const keywardenRequests: readonly SampleMessage[] = [
  request(
    'Create AES-256 with a TemplateAttribute and credentials (1.2)',
    [1, 2],
    [
      requestItem(Operation.Create, [
        enm(Tag.ObjectType, ObjectType.SymmetricKey),
        struct(Tag.TemplateAttribute, ...aesAttributes()),
      ]),
    ],
    [
      int(Tag.MaximumResponseSize, 65536),
      struct(
        Tag.Authentication,
        struct(
          Tag.Credential,
          enm(Tag.CredentialType, CredentialType.UsernameAndPassword),
          struct(Tag.CredentialValue, text(Tag.Username, 'bob'), text(Tag.Password, 'hunter2')),
        ),
      ),
    ],
  ),
  request(
    'Create AES-256 with Attributes (2.0)',
    [2, 0],
    [
      requestItem(Operation.Create, [
        enm(Tag.ObjectType, ObjectType.SymmetricKey),
        struct(
          Tag.Attributes,
          enm(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
          int(Tag.CryptographicLength, 256),
          int(Tag.CryptographicUsageMask, Usage.Encrypt | Usage.Decrypt),
          name(Tag.Name, 'kw-aes-256'),
        ),
      ]),
    ],
  ),
  request(
    'CreateKeyPair RSA-2048 (1.4)',
    [1, 4],
    [
      requestItem(Operation.CreateKeyPair, [
        struct(
          Tag.CommonTemplateAttribute,
          attribute('Cryptographic Algorithm', enm(0, CryptographicAlgorithm.RSA)),
          attribute('Cryptographic Length', int(0, 2048)),
        ),
        struct(
          Tag.PrivateKeyTemplateAttribute,
          attribute('Name', name(0, 'kw-rsa-private')),
          attribute('Cryptographic Usage Mask', int(0, Usage.Sign)),
        ),
        struct(
          Tag.PublicKeyTemplateAttribute,
          attribute('Cryptographic Usage Mask', int(0, Usage.Verify)),
        ),
      ]),
    ],
  ),
  request(
    'CreateKeyPair RSA-2048 with Attributes (2.0)',
    [2, 0],
    [
      requestItem(Operation.CreateKeyPair, [
        struct(
          Tag.CommonAttributes,
          enm(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
          int(Tag.CryptographicLength, 2048),
        ),
        struct(Tag.PrivateKeyAttributes, int(Tag.CryptographicUsageMask, Usage.Sign)),
        struct(Tag.PublicKeyAttributes, int(Tag.CryptographicUsageMask, Usage.Verify)),
      ]),
    ],
  ),
  request(
    'Register a symmetric key with an Activation Date (1.2)',
    [1, 2],
    [
      requestItem(Operation.Register, [
        enm(Tag.ObjectType, ObjectType.SymmetricKey),
        struct(
          Tag.TemplateAttribute,
          attribute('Cryptographic Usage Mask', int(0, Usage.Encrypt)),
          attribute('Activation Date', date(0, new Date(Date.UTC(2025, 0, 1)))),
        ),
        symmetricKey('000102030405060708090a0b0c0d0e0f', 128),
      ]),
    ],
  ),
  request(
    'Register a certificate (1.0)',
    [1, 0],
    [
      requestItem(Operation.Register, [
        enm(Tag.ObjectType, ObjectType.Certificate),
        struct(Tag.TemplateAttribute, attribute('Name', name(0, 'kw-cert'))),
        struct(
          Tag.Certificate,
          enm(Tag.CertificateType, 1),
          bytes(Tag.CertificateValue, hex('3082010a0282010100c0ffee')),
        ),
      ]),
    ],
  ),
  request(
    'Register a split key with a 2048-bit prime field (1.2)',
    [1, 2],
    [
      requestItem(Operation.Register, [
        enm(Tag.ObjectType, ObjectType.SplitKey),
        struct(Tag.TemplateAttribute),
        struct(
          Tag.SplitKey,
          int(Tag.SplitKeyParts, 5),
          int(Tag.KeyPartIdentifier, 2),
          int(Tag.SplitKeyThreshold, 3),
          enm(Tag.SplitKeyMethod, SplitKeyMethod.PolynomialSharingPrimeField),
          big(Tag.PrimeFieldSize, PRIME_2048),
          struct(
            Tag.KeyBlock,
            enm(Tag.KeyFormatType, KeyFormatType.Raw),
            struct(Tag.KeyValue, bytes(Tag.KeyMaterial, hex('aa55'))),
            enm(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
            int(Tag.CryptographicLength, 128),
          ),
        ),
      ]),
    ],
  ),
  request(
    'Get with key format, compression and wrapping specification (1.0)',
    [1, 0],
    [
      requestItem(Operation.Get, [
        uid(),
        enm(Tag.KeyFormatType, KeyFormatType.Raw),
        enm(Tag.KeyCompressionType, KeyCompressionType.ECPublicKeyTypeUncompressed),
        struct(
          Tag.KeyWrappingSpecification,
          enm(Tag.WrappingMethod, WrappingMethod.Encrypt),
          struct(
            Tag.EncryptionKeyInformation,
            uid(SAMPLE_UID2),
            struct(
              Tag.CryptographicParameters,
              enm(Tag.BlockCipherMode, BlockCipherMode.NISTKeyWrap),
            ),
          ),
          enm(Tag.EncodingOption, EncodingOption.NoEncoding),
        ),
      ]),
    ],
  ),
  request(
    'GetAttributes by attribute names (1.2)',
    [1, 2],
    [
      requestItem(Operation.GetAttributes, [
        uid(),
        text(Tag.AttributeName, 'State'),
        text(Tag.AttributeName, 'Cryptographic Usage Mask'),
      ]),
    ],
  ),
  request(
    'GetAttributes by attribute references (2.0)',
    [2, 0],
    [
      requestItem(Operation.GetAttributes, [
        uid(),
        enm(Tag.AttributeReference, Tag.State),
        enm(Tag.AttributeReference, Tag.CryptographicUsageMask),
      ]),
    ],
  ),
  request('GetAttributeList (1.4)', [1, 4], [requestItem(Operation.GetAttributeList, [uid()])]),
  request(
    'ModifyAttribute of an indexed Name (1.2)',
    [1, 2],
    [requestItem(Operation.ModifyAttribute, [uid(), attribute('Name', name(0, 'kw-renamed'), 0)])],
  ),
  request(
    'DeleteAttribute by name and index (1.4)',
    [1, 4],
    [
      requestItem(Operation.DeleteAttribute, [
        uid(),
        text(Tag.AttributeName, 'Contact Information'),
        int(Tag.AttributeIndex, 2),
      ]),
    ],
  ),
  request(
    'Locate by object type and name (1.4)',
    [1, 4],
    [
      requestItem(Operation.Locate, [
        int(Tag.MaximumItems, 10),
        int(Tag.OffsetItems, 1),
        int(
          Tag.StorageStatusMask,
          StorageStatusMask.OnLineStorage | StorageStatusMask.ArchivalStorage,
        ),
        attribute('Object Type', enm(0, ObjectType.SymmetricKey)),
        attribute('Name', name(0, 'kw-aes-256')),
      ]),
    ],
  ),
  request(
    'Locate with Attributes (2.0)',
    [2, 0],
    [
      requestItem(Operation.Locate, [
        int(Tag.MaximumItems, 3),
        struct(
          Tag.Attributes,
          enm(Tag.ObjectType, ObjectType.PublicKey),
          enm(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
        ),
      ]),
    ],
  ),
  request('Activate (1.0)', [1, 0], [requestItem(Operation.Activate, [uid()])]),
  request(
    'Revoke with a reason and compromise date (1.1)',
    [1, 1],
    [
      requestItem(Operation.Revoke, [
        uid(),
        struct(
          Tag.RevocationReason,
          enm(Tag.RevocationReasonCode, RevocationReasonCode.CACompromise),
          text(Tag.RevocationMessage, 'CA key leaked'),
        ),
        date(Tag.CompromiseOccurrenceDate, new Date(Date.UTC(2023, 5, 30, 12))),
      ]),
    ],
  ),
  request('Destroy (2.0)', [2, 0], [requestItem(Operation.Destroy, [uid()])]),
];

/** PyKMIP 0.10 has no AddAttribute payload class, so it must refuse this one. */
export const addAttributeRequest: SampleMessage = request(
  'AddAttribute (1.2)',
  [1, 2],
  [
    requestItem(Operation.AddAttribute, [
      uid(),
      attribute('Contact Information', text(0, 'secops@example.com')),
    ]),
  ],
);
