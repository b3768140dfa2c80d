/**
 * A recorder that writes test cases (pywbem's TestClientRecorder): one YAML list entry per
 * exchange with the operations, the protocol version and the TTLV request and response in
 * hex. The replay transport serves them back for offline tests. The cases hold the real
 * bytes, key material included: record against test servers only.
 */
import { appendFileSync } from 'node:fs';
import { dump } from 'js-yaml';
import { bytesToHex } from '../../kmip/index.ts';
import type { OperationRecord, OperationRecorder } from './recorder.ts';

/** One recorded test case, as stored in YAML. */
export interface RecordedCase {
  readonly name: string;
  readonly operations: readonly string[];
  readonly protocolVersion: string;
  /** TTLV hex of the request. */
  readonly request: string;
  /** TTLV hex of the response; absent when the exchange failed. */
  readonly response?: string;
  /** The exchange's failure: an error code and message. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** Records exchanges as YAML test cases, in memory and optionally appended to a file. */
export class YamlTestCaseRecorder implements OperationRecorder {
  readonly #cases: RecordedCase[] = [];
  readonly #file: string | undefined;
  readonly #prefix: string;

  /** @param options.file append each case to this file as it is recorded; `prefix` names cases. */
  constructor(options: { readonly file?: string; readonly prefix?: string } = {}) {
    this.#file = options.file;
    this.#prefix = options.prefix ?? 'case';
  }

  record(record: OperationRecord): void {
    const entry: RecordedCase = {
      name: `${this.#prefix}-${this.#cases.length + 1}`,
      operations: record.items.map((item) => item.operation),
      protocolVersion: record.protocolVersion,
      request: bytesToHex(record.requestBytes),
      ...(record.responseBytes !== undefined && { response: bytesToHex(record.responseBytes) }),
      ...(record.error !== undefined && { error: record.error }),
    };
    this.#cases.push(entry);
    if (this.#file !== undefined) appendFileSync(this.#file, dump([entry], { lineWidth: -1 }));
  }

  /** The cases recorded so far. */
  get cases(): readonly RecordedCase[] {
    return this.#cases;
  }

  /** All cases as one YAML document (a list). */
  toYaml(): string {
    return dump(this.#cases, { lineWidth: -1 });
  }
}
