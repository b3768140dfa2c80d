/**
 * KMIP codec throughput: encode and decode of three KMIP 1.4 messages (a Get response with
 * a 256-bit AES key, a Locate response with 100 identifiers, an Encrypt request with 64 KiB)
 * in binary TTLV, XML and JSON; TTLV against PyKMIP 0.10's own encoder and decoder.
 * Targets (docs/performance.md): ≥ 100× PyKMIP per core, ≥ 300,000 Get-response decodes/s.
 */
import { isDeepStrictEqual } from 'node:util';
import { decodeKmipJson, encodeKmipJson } from '../../src/kmip/json/index.ts';
import type { KmipItem } from '../../src/kmip/item.ts';
import { decodeTtlv, encodeTtlv } from '../../src/kmip/ttlv/index.ts';
import { decodeKmipXml, encodeKmipXml } from '../../src/kmip/xml/index.ts';
import { buildCodecMessages, createCodecFixture } from '../kmip/codec-messages.ts';
import { createPykmipBaseline } from '../kmip/pykmip-baseline.ts';
import type { Baseline, BenchCase } from '../lib/types.ts';

const fixture = createCodecFixture();
const messages = buildCodecMessages(fixture);

const CODEC_RATIO_TARGET = 100;
const GET_DECODE_TARGET_OPS = 300_000;

/** One encoding of the item tree: binary (bytes) or text (a string). */
interface Codec {
  readonly name: string;
  readonly encode: (item: KmipItem) => Uint8Array | string;
  readonly decode: (encoded: Uint8Array | string) => KmipItem;
}

function textOnly(decode: (text: string) => KmipItem): Codec['decode'] {
  return (encoded) => {
    if (typeof encoded !== 'string') throw new TypeError('expected text');
    return decode(encoded);
  };
}

const ttlv: Codec = {
  name: 'ttlv',
  encode: encodeTtlv,
  decode: (encoded) => {
    if (typeof encoded === 'string') throw new TypeError('TTLV is binary');
    return decodeTtlv(encoded);
  },
};
const xml: Codec = {
  name: 'xml',
  encode: (item) => encodeKmipXml(item),
  decode: textOnly((text) => decodeKmipXml(text)),
};
const json: Codec = {
  name: 'json',
  encode: (item) => encodeKmipJson(item),
  decode: textOnly((text) => decodeKmipJson(text)),
};

function byteLength(encoded: Uint8Array | string): number {
  return typeof encoded === 'string' ? Buffer.byteLength(encoded, 'utf8') : encoded.length;
}

function codecCases(codec: Codec): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const [message, tree] of messages) {
    const encoded = codec.encode(tree);
    // A bench never fails; a codec that loses information is still worth a loud line.
    if (!isDeepStrictEqual(codec.decode(encoded), tree)) {
      console.warn(`WARNING (kmip-codec): ${codec.name} round trip of ${message} changes the tree`);
    }
    // Text encodings count their UTF-8 bytes, what would go on the wire.
    const bytesPerOp = byteLength(encoded);
    // Only TTLV is compared with PyKMIP, which has no XML or JSON codec.
    const compared = codec === ttlv;
    const target = (op: 'encode' | 'decode'): BenchCase['target'] => {
      if (!compared) return undefined;
      const isGetDecode = message === 'get-response' && op === 'decode';
      return {
        baselineRatio: CODEC_RATIO_TARGET,
        ...(isGetDecode ? { opsPerSec: GET_DECODE_TARGET_OPS } : {}),
      };
    };
    const key = (op: string): string | undefined => (compared ? `${message}/${op}` : undefined);
    cases.push(
      {
        name: `${codec.name}/${message}/encode`,
        fn: () => codec.encode(tree),
        bytesPerOp,
        baselineKey: key('encode'),
        target: target('encode'),
      },
      {
        name: `${codec.name}/${message}/decode`,
        fn: () => codec.decode(encoded),
        bytesPerOp,
        baselineKey: key('decode'),
        target: target('decode'),
      },
    );
  }
  return cases;
}

/** The codec cases: TTLV, then XML and JSON. */
export const cases: readonly BenchCase[] = [ttlv, xml, json].flatMap(codecCases);

/** PyKMIP 0.10 on the same three messages. */
export const baselines: readonly Baseline[] = [createPykmipBaseline(fixture, messages)];
