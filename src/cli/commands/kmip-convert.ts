/**
 * `keywarden kmip convert`: one KMIP message from one encoding to another (binary TTLV as hex
 * text or raw bytes, KMIP XML, KMIP JSON), through the item tree every codec shares.
 */
import { readFile } from 'node:fs/promises';
import { decodeKmipJson, encodeKmipJson } from '../../kmip/json/index.ts';
import { bytesToHex, decodeTtlv, encodeTtlv, hexToBytes } from '../../kmip/ttlv/index.ts';
import { decodeKmipXml, encodeKmipXml } from '../../kmip/xml/index.ts';
import { CliInputError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import type { KmipEncoding } from './kmip-encodings.ts';

export { KMIP_ENCODINGS, type KmipEncoding } from './kmip-encodings.ts';

/** Options of {@link convertKmipMessage}. */
export interface ConvertOptions {
  readonly from: KmipEncoding;
  readonly to: KmipEncoding;
  /** TTLV input and output as raw bytes instead of hex text (default false). */
  readonly binary?: boolean;
  /** Pretty-print XML and JSON output (default true). */
  readonly indent?: boolean;
  /** Names the input in errors: a file, or `-` for standard input. */
  readonly source?: string;
}

/** The item tree all three codecs share. */
type KmipItem = ReturnType<typeof decodeTtlv>;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

function asText(input: Uint8Array, source: string): string {
  try {
    return utf8.decode(input);
  } catch (cause) {
    throw new CliInputError(source, 'is not UTF-8 text', { cause });
  }
}

function decode(input: Uint8Array, options: ConvertOptions, source: string): KmipItem {
  switch (options.from) {
    case 'ttlv':
      // Hex as the KMIP documents print it: spaces and line breaks between bytes are fine.
      return decodeTtlv(
        options.binary === true ? input : hexToBytes(asText(input, source).replace(/\s+/g, '')),
      );
    case 'xml':
      return decodeKmipXml(asText(input, source));
    case 'json':
      return decodeKmipJson(asText(input, source));
  }
}

function withNewline(text: string): Uint8Array {
  return utf8Encoder.encode(text.endsWith('\n') ? text : `${text}\n`);
}

function encode(item: KmipItem, options: ConvertOptions): Uint8Array {
  const indent = options.indent ?? true;
  switch (options.to) {
    case 'ttlv': {
      const bytes = encodeTtlv(item);
      return options.binary === true ? bytes : withNewline(bytesToHex(bytes));
    }
    case 'xml':
      return withNewline(encodeKmipXml(item, { indent }));
    case 'json':
      return withNewline(encodeKmipJson(item, { indent }));
  }
}

/**
 * Converts one KMIP message between encodings. Text output ends with a newline.
 * @throws KW_TTLV_*, KW_KMIP_XML_*, KW_KMIP_JSON_* from the codecs; KW_CLI_INPUT for input
 * that is not UTF-8 where text is expected.
 * @example
 * const xml = convertKmipMessage(hexBytes, { from: 'ttlv', to: 'xml' });
 */
export function convertKmipMessage(input: Uint8Array, options: ConvertOptions): Uint8Array {
  return encode(decode(input, options, options.source ?? '-'), options);
}

async function readInput(file: string | undefined, io: CliIo): Promise<Uint8Array> {
  if (file === undefined || file === '-') return io.readStdin();
  try {
    return new Uint8Array(await readFile(file));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new CliInputError(file, `cannot be read (${code})`, { cause });
  }
}

/** Runs `kmip convert`: reads `file` (or standard input), writes the conversion to stdout. */
export async function runKmipConvert(
  file: string | undefined,
  options: Omit<ConvertOptions, 'source'>,
  io: CliIo,
): Promise<number> {
  const input = await readInput(file, io);
  io.stdout.write(convertKmipMessage(input, { ...options, source: file ?? '-' }));
  return 0;
}
