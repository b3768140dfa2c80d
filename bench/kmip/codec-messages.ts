/**
 * The three KMIP 1.4 messages of the codec benchmark, built as item trees from one
 * deterministic fixture. The same fixture goes to bench/pykmip/codec_bench.py, which builds
 * the same messages with PyKMIP's classes, so both sides encode and decode identical bytes.
 */
import { item, type KmipItem } from '../../src/kmip/item.ts';
import { bytesToHex, hexToBytes } from '../../src/kmip/ttlv/index.ts';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  KeyFormatType,
  ObjectType,
  Operation,
  PaddingMethod,
  ResultStatus,
  Tag,
} from '../../src/kmip/generated/registry.ts';

/** The values the benchmark messages carry; plain JSON so it can be handed to Python. */
export interface CodecFixture {
  /** Response header Time Stamp, whole seconds since the Unix epoch. */
  readonly timeStamp: number;
  /** Get response: the object's Unique Identifier. */
  readonly keyId: string;
  /** Get response: the 256-bit AES key, hex. */
  readonly keyMaterialHex: string;
  /** Locate response: the located Unique Identifiers. */
  readonly locatedIds: readonly string[];
  /** Encrypt request: the plaintext, hex. */
  readonly dataHex: string;
  /** Encrypt request: the CBC IV, hex. */
  readonly ivHex: string;
}

/** The benchmark messages by the name used in case names and in the PyKMIP results. */
export type CodecMessageName = 'get-response' | 'locate-response' | 'encrypt-request';

/** Number of Unique Identifiers in the Locate response. */
export const LOCATE_ID_COUNT = 100;
/** Size of the Encrypt request's Data. */
export const ENCRYPT_DATA_BYTES = 64 * 1024;

// xorshift32: deterministic filler so runs are reproducible and the bytes are not all zeros.
function fillerBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

// RFC 9562 §5.4 layout (version 4, variant 10) over filler bytes.
function fillerUuid(seed: number): string {
  const b = fillerBytes(16, seed);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = bytesToHex(b).toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Builds the benchmark fixture; the same every run. */
export function createCodecFixture(): CodecFixture {
  return {
    timeStamp: Date.UTC(2026, 10, 25, 12, 0, 0) / 1000,
    keyId: fillerUuid(1),
    keyMaterialHex: bytesToHex(fillerBytes(32, 2)),
    locatedIds: Array.from({ length: LOCATE_ID_COUNT }, (_, i) => fillerUuid(1000 + i)),
    dataHex: bytesToHex(fillerBytes(ENCRYPT_DATA_BYTES, 3)),
    ivHex: bytesToHex(fillerBytes(16, 4)),
  };
}

const structure = (tag: number, children: readonly KmipItem[]): KmipItem =>
  item(tag, 'Structure', children);

function protocolVersion14(): KmipItem {
  return structure(Tag.ProtocolVersion, [
    item(Tag.ProtocolVersionMajor, 'Integer', 1),
    item(Tag.ProtocolVersionMinor, 'Integer', 4),
  ]);
}

// KMIP 1.4 §7.2 (Response Header): Protocol Version, Time Stamp, Batch Count.
function responseMessage(f: CodecFixture, operation: number, payload: KmipItem): KmipItem {
  return structure(Tag.ResponseMessage, [
    structure(Tag.ResponseHeader, [
      protocolVersion14(),
      item(Tag.TimeStamp, 'DateTime', new Date(f.timeStamp * 1000)),
      item(Tag.BatchCount, 'Integer', 1),
    ]),
    structure(Tag.BatchItem, [
      item(Tag.Operation, 'Enumeration', operation),
      item(Tag.ResultStatus, 'Enumeration', ResultStatus.Success),
      payload,
    ]),
  ]);
}

/** (a) Get response carrying a 256-bit AES key in Raw format (KMIP 1.4 §4.11, §2.2.2). */
export function buildGetResponse(f: CodecFixture): KmipItem {
  return responseMessage(
    f,
    Operation.Get,
    structure(Tag.ResponsePayload, [
      item(Tag.ObjectType, 'Enumeration', ObjectType.SymmetricKey),
      item(Tag.UniqueIdentifier, 'TextString', f.keyId),
      structure(Tag.SymmetricKey, [
        structure(Tag.KeyBlock, [
          item(Tag.KeyFormatType, 'Enumeration', KeyFormatType.Raw),
          structure(Tag.KeyValue, [
            item(Tag.KeyMaterial, 'ByteString', hexToBytes(f.keyMaterialHex)),
          ]),
          item(Tag.CryptographicAlgorithm, 'Enumeration', CryptographicAlgorithm.AES),
          item(Tag.CryptographicLength, 'Integer', 256),
        ]),
      ]),
    ]),
  );
}

/** (b) Locate response with Located Items and 100 Unique Identifiers (KMIP 1.4 §4.9). */
export function buildLocateResponse(f: CodecFixture): KmipItem {
  return responseMessage(
    f,
    Operation.Locate,
    structure(Tag.ResponsePayload, [
      item(Tag.LocatedItems, 'Integer', f.locatedIds.length),
      ...f.locatedIds.map((id) => item(Tag.UniqueIdentifier, 'TextString', id)),
    ]),
  );
}

/** (c) Encrypt request, AES-CBC-PKCS5 over 64 KiB with an explicit IV (KMIP 1.4 §4.29). */
export function buildEncryptRequest(f: CodecFixture): KmipItem {
  return structure(Tag.RequestMessage, [
    structure(Tag.RequestHeader, [protocolVersion14(), item(Tag.BatchCount, 'Integer', 1)]),
    structure(Tag.BatchItem, [
      item(Tag.Operation, 'Enumeration', Operation.Encrypt),
      structure(Tag.RequestPayload, [
        item(Tag.UniqueIdentifier, 'TextString', f.keyId),
        structure(Tag.CryptographicParameters, [
          item(Tag.BlockCipherMode, 'Enumeration', BlockCipherMode.CBC),
          item(Tag.PaddingMethod, 'Enumeration', PaddingMethod.PKCS5),
          item(Tag.CryptographicAlgorithm, 'Enumeration', CryptographicAlgorithm.AES),
        ]),
        item(Tag.Data, 'ByteString', hexToBytes(f.dataHex)),
        item(Tag.IVCounterNonce, 'ByteString', hexToBytes(f.ivHex)),
      ]),
    ]),
  ]);
}

/** All three messages by name, in benchmark order. */
export function buildCodecMessages(f: CodecFixture): ReadonlyMap<CodecMessageName, KmipItem> {
  return new Map<CodecMessageName, KmipItem>([
    ['get-response', buildGetResponse(f)],
    ['locate-response', buildLocateResponse(f)],
    ['encrypt-request', buildEncryptRequest(f)],
  ]);
}
