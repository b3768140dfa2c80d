/**
 * The PyKMIP client driven from the interop tests: runs a JSON list of ProxyKmipClient /
 * KMIPProxy calls (test/support/pykmip/client_ops.py) against a `keywarden serve` process
 * and gives each call's result, so a test file needs no wiring of its own.
 */
import assert from 'node:assert/strict';
import type { KeywardenProcess } from './keywarden-process.ts';
import { runPykmipScript } from './pykmip.ts';

/** One call's outcome as client_ops.py reports it. */
export type ClientOpResult =
  | { op: string; ok: true; result: unknown }
  | {
      op: string;
      ok: false;
      error_class: string;
      result_status?: string | null;
      result_reason: string | null;
      message: string;
    };

/** A failed call's outcome. */
export type FailedClientOp = Extract<ClientOpResult, { ok: false }>;

/** Who the client is and how it speaks; by default the data folder's admin client at KMIP 1.2. */
export interface ClientOpsOptions {
  /** Another client identity (certificate and key files). */
  readonly certfile?: string;
  readonly keyfile?: string;
  /** The KMIP version the client speaks ("1.2", "2.0" ...). */
  readonly kmipVersion?: string;
  /** Username and password credentials in the request header. */
  readonly username?: string;
  readonly password?: string;
}

/** Runs `ops` on one connection to `server`; resolves with one result per call. */
export async function runClientOps(
  server: KeywardenProcess,
  ops: readonly object[],
  options: ClientOpsOptions = {},
): Promise<ClientOpResult[]> {
  return (await runPykmipScript('client_ops.py', {
    host: server.host,
    port: server.port,
    certfile: options.certfile ?? server.pki.clientCert,
    keyfile: options.keyfile ?? server.pki.clientKey,
    ca_certs: server.pki.ca,
    kmip_version: options.kmipVersion,
    username: options.username,
    password: options.password,
    ops,
  })) as ClientOpResult[];
}

/** The result of call `index`, failing the test with the server's answer when it failed. */
export function okResult(results: readonly ClientOpResult[], index: number): unknown {
  const entry = results[index];
  assert.ok(entry !== undefined, `no result for op ${index}`);
  assert.ok(entry.ok, `op ${index} (${entry.op}) failed: ${JSON.stringify(entry)}`);
  return entry.result;
}

/** The outcome of call `index`, failing the test when the call succeeded. */
export function failedResult(results: readonly ClientOpResult[], index: number): FailedClientOp {
  const entry = results[index];
  assert.ok(entry !== undefined && !entry.ok, `op ${index} must fail: ${JSON.stringify(entry)}`);
  return entry;
}
