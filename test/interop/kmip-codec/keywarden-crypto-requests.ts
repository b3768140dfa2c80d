/** Query, version and cryptographic-operation requests built as our item trees, for PyKMIP. */
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask as Usage,
  DerivationMethod,
  DigitalSignatureAlgorithm,
  HashingAlgorithm,
  KeyFormatType,
  ObjectType,
  Operation,
  PaddingMethod,
  QueryFunction,
  Tag,
} from '../../../src/kmip/generated/registry.ts';
import type { SampleMessage } from './message-builders.ts';
import {
  attribute,
  bool,
  bytes,
  enm,
  hex,
  int,
  interval,
  long,
  request,
  requestItem,
  SAMPLE_UID2,
  struct,
  uid,
} from './message-builders.ts';

/** Query, DiscoverVersions, cryptographic operations and a batch that PyKMIP 0.10 can decode. */
export const keywardenCryptoRequests: readonly SampleMessage[] = [
  request(
    'Query with several functions (1.2)',
    [1, 2],
    [
      requestItem(Operation.Query, [
        enm(Tag.QueryFunction, QueryFunction.QueryOperations),
        enm(Tag.QueryFunction, QueryFunction.QueryObjects),
        enm(Tag.QueryFunction, QueryFunction.QueryApplicationNamespaces),
      ]),
    ],
  ),
  request(
    'DiscoverVersions with a version list (1.4)',
    [1, 4],
    [
      requestItem(Operation.DiscoverVersions, [
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
      ]),
    ],
  ),
  request(
    'Encrypt AES-CBC (1.2)',
    [1, 2],
    [
      requestItem(Operation.Encrypt, [
        uid(),
        struct(
          Tag.CryptographicParameters,
          enm(Tag.BlockCipherMode, BlockCipherMode.CBC),
          enm(Tag.PaddingMethod, PaddingMethod.PKCS5),
          enm(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
          bool(Tag.RandomIV, true),
        ),
        bytes(Tag.Data, 'plaintext of 23 bytes!!'),
      ]),
    ],
  ),
  request(
    'Decrypt AES-GCM with AAD and tag (1.4)',
    [1, 4],
    [
      requestItem(Operation.Decrypt, [
        uid(),
        struct(
          Tag.CryptographicParameters,
          enm(Tag.BlockCipherMode, BlockCipherMode.GCM),
          enm(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
          int(Tag.IVLength, 96),
          int(Tag.TagLength, 16),
        ),
        bytes(Tag.Data, hex('0badc0de')),
        bytes(Tag.IVCounterNonce, hex('000102030405060708090a0b')),
        bytes(Tag.AuthenticatedEncryptionAdditionalData, 'aad'),
        bytes(Tag.AuthenticatedEncryptionTag, hex('ffeeddccbbaa99887766554433221100')),
      ]),
    ],
  ),
  request(
    'Sign RSA-PSS (1.2)',
    [1, 2],
    [
      requestItem(Operation.Sign, [
        uid(SAMPLE_UID2),
        struct(
          Tag.CryptographicParameters,
          enm(Tag.PaddingMethod, PaddingMethod.PSS),
          enm(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256),
          enm(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.RSASSA_PSS),
        ),
        bytes(Tag.Data, 'to be signed'),
      ]),
    ],
  ),
  request(
    'SignatureVerify (1.2)',
    [1, 2],
    [
      requestItem(Operation.SignatureVerify, [
        uid(SAMPLE_UID2),
        struct(Tag.CryptographicParameters, enm(Tag.HashingAlgorithm, HashingAlgorithm.SHA_384)),
        bytes(Tag.Data, 'to be signed'),
        bytes(Tag.SignatureData, hex('5a'.repeat(48))),
      ]),
    ],
  ),
  request(
    'MAC HMAC-SHA512 (1.2)',
    [1, 2],
    [
      requestItem(Operation.MAC, [
        uid(),
        struct(
          Tag.CryptographicParameters,
          enm(Tag.CryptographicAlgorithm, CryptographicAlgorithm.HMAC_SHA512),
        ),
        bytes(Tag.Data, 'authenticate me'),
      ]),
    ],
  ),
  request(
    'DeriveKey PBKDF2 (1.2)',
    [1, 2],
    [
      requestItem(Operation.DeriveKey, [
        enm(Tag.ObjectType, ObjectType.SymmetricKey),
        uid(),
        uid(SAMPLE_UID2),
        enm(Tag.DerivationMethod, DerivationMethod.PBKDF2),
        struct(
          Tag.DerivationParameters,
          struct(Tag.CryptographicParameters, enm(Tag.HashingAlgorithm, HashingAlgorithm.SHA_512)),
          bytes(Tag.Salt, hex('73616c74')),
          int(Tag.IterationCount, 100000),
        ),
        struct(
          Tag.TemplateAttribute,
          attribute('Cryptographic Algorithm', enm(0, CryptographicAlgorithm.AES)),
          attribute('Cryptographic Length', int(0, 256)),
        ),
      ]),
    ],
  ),
  request(
    'Check with usage limits and lease time (1.3)',
    [1, 3],
    [
      requestItem(Operation.Check, [
        uid(),
        long(Tag.UsageLimitsCount, 9007199254740993n),
        int(Tag.CryptographicUsageMask, Usage.Decrypt),
        interval(Tag.LeaseTime, 86400),
      ]),
    ],
  ),
  request(
    'Batch of Activate and Get with batch item ids (1.2)',
    [1, 2],
    [
      requestItem(Operation.Activate, [uid()], '0a'),
      requestItem(Operation.Get, [uid(), enm(Tag.KeyFormatType, KeyFormatType.Raw)], '0b'),
    ],
  ),
];
