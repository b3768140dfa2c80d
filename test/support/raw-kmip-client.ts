/**
 * Real-client workloads (test/interop/clients/): hand-built request messages sent with PyKMIP
 * 0.10's KMIPProxy (test/support/pykmip/raw_messages.py), and the checks every workload makes
 * on the answers — PyKMIP parsed them, and no tag or attribute the message's KMIP version
 * does not define is in them.
 */
import assert from 'node:assert/strict';
import { decodeTtlv } from '../../src/kmip/ttlv/index.ts';
import type { KmipItem } from '../../src/kmip/item.ts';
import {
  existsInVersion,
  tagEntry,
  tagEntryByAttributeName,
  tagEntryByName,
} from '../../src/kmip/registry.ts';
import type { KmipVersionName } from '../../src/kmip/registry-types.ts';
import type { KeywardenProcess } from './keywarden-process.ts';
import { runPykmipScript } from './pykmip.ts';

/** One request message: its protocol version, batch items and optional credential. */
export interface RawMessage {
  readonly version: KmipVersionName;
  readonly credential?: { readonly username: string; readonly password: string };
  /** `{ operation: 'Create', ...payload arguments }` as raw_messages.py documents them. */
  readonly items: readonly object[];
}

/** An attribute as PyKMIP read it. */
export interface RawAttribute {
  readonly name: string;
  readonly index: number | null;
  readonly value: unknown;
}

/** What PyKMIP read from a response payload (only the members present). */
export interface RawPayload {
  readonly uid?: string;
  readonly unique_identifiers?: string[];
  readonly attributes?: RawAttribute[];
  readonly attribute?: RawAttribute;
  readonly object_type?: string;
  readonly key_format_type?: string;
  readonly key_material?: string;
  readonly data?: string;
  readonly iv_counter_nonce?: string;
  readonly operations?: string[];
  readonly object_types?: string[];
  readonly vendor_identification?: string;
}

/** One response batch item as PyKMIP read it. */
export interface RawItem {
  readonly operation: string | null;
  /** Unique Batch Item ID (hex) echoed by the server. */
  readonly batch_item_id: string | null;
  readonly result_status: string;
  readonly result_reason: string | null;
  readonly result_message: string | null;
  readonly payload: RawPayload | null;
}

/** The answer to one message. */
export type RawResult =
  | { version: string; response_hex: string; parsed: true; items: RawItem[] }
  | { version: string; response_hex: string; parsed: false; error: string }
  | { version: string; error: string; response_hex?: undefined; parsed?: undefined };

/** Sends `messages` in order over one connection as the server's admin client. */
export async function sendRawMessages(
  server: KeywardenProcess,
  messages: readonly RawMessage[],
): Promise<RawResult[]> {
  return (await runPykmipScript('raw_messages.py', {
    host: server.host,
    port: server.port,
    certfile: server.pki.clientCert,
    keyfile: server.pki.clientKey,
    ca_certs: server.pki.ca,
    messages,
  })) as RawResult[];
}

/** The items of an answer PyKMIP parsed (fails the test with the answer otherwise). */
export function itemsOf(result: RawResult | undefined): RawItem[] {
  assert.ok(result !== undefined, 'no answer');
  assert.ok(result.parsed === true, `PyKMIP could not read the answer: ${JSON.stringify(result)}`);
  return result.items;
}

/** The payload of a successful item (fails the test with the item otherwise). */
export function succeeded(result: RawResult | undefined, index = 0): RawPayload {
  const item = itemsOf(result)[index];
  assert.ok(item !== undefined, `no batch item ${index}`);
  assert.equal(item.result_status, 'SUCCESS', JSON.stringify(item));
  return item.payload ?? {};
}

/** Attribute name → value(s) of a Get Attributes answer. */
export function attributeMap(payload: RawPayload): Map<string, unknown[]> {
  const map = new Map<string, unknown[]>();
  for (const { name, value } of payload.attributes ?? []) {
    map.set(name, [...(map.get(name) ?? []), value]);
  }
  return map;
}

const CUSTOM_NAME = /^[xy]-/;
const ATTRIBUTE_NAME = tagEntryByName('AttributeName')?.tag;

function walk(item: KmipItem, visit: (item: KmipItem) => void): void {
  visit(item);
  if (item.type === 'Structure') for (const child of item.value) walk(child, visit);
}

/**
 * What in a response message the message's KMIP version does not define: tags (registry
 * `since`/`until`) and KMIP 1.x Attribute Names other than custom `x-`/`y-` ones. Also
 * reports an answer in another protocol version than `version`.
 */
export function versionViolations(responseHex: string, version: KmipVersionName): string[] {
  const root = decodeTtlv(Buffer.from(responseHex, 'hex'));
  const found = new Set<string>();
  const numbers: number[] = [];
  walk(root, (item) => {
    const entry = tagEntry(item.tag);
    if (entry === undefined) found.add(`unknown tag 0x${item.tag.toString(16)}`);
    else if (!existsInVersion(entry, version)) found.add(`tag ${entry.name}`);
    if (entry?.name === 'ProtocolVersionMajor' || entry?.name === 'ProtocolVersionMinor') {
      numbers.push(item.value as number);
    }
    if (item.tag === ATTRIBUTE_NAME && item.type === 'TextString') {
      const name = item.value;
      const attribute = tagEntryByAttributeName(name);
      if (
        !CUSTOM_NAME.test(name) &&
        (attribute === undefined || !existsInVersion(attribute, version))
      ) {
        found.add(`attribute ${name}`);
      }
    }
  });
  const answered = numbers.slice(0, 2).join('.');
  if (answered !== version) found.add(`answered in KMIP ${answered}`);
  return [...found];
}

/** Asserts that every answer was parsed by PyKMIP and is clean for its message's version. */
export function assertCleanAnswers(
  messages: readonly RawMessage[],
  results: readonly RawResult[],
): void {
  assert.equal(results.length, messages.length, JSON.stringify(results.at(-1)));
  results.forEach((result, i) => {
    itemsOf(result);
    const version = messages[i]?.version ?? '1.0';
    assert.deepEqual(
      versionViolations(result.response_hex ?? '', version),
      [],
      `message ${i} (KMIP ${version}) carries what the version does not define`,
    );
  });
}
