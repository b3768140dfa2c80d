/**
 * The audit log's record model and hash chain. Each record carries the SHA-256 of the previous
 * record's canonical form (`prevHash`) and of its own (`hash`); the canonical form is the JSON
 * array of the row's stored column values in a fixed order, so any byte changed in a row, a
 * row removed or two rows swapped breaks the chain at a named record.
 */
import { digestHex } from '../crypto/index.ts';

/** What the pipeline records about one batch item (or one refused message). Never secrets. */
export interface AuditEntry {
  readonly time: Date;
  /** The request's correlation id (the Server Correlation Value when one is sent). */
  readonly correlationId: string;
  readonly connectionId?: string;
  /** The TLS peer, `address:port` (`[v6]:port`). */
  readonly peerAddress?: string;
  /** The client certificate's Common Name. */
  readonly certificateCn?: string;
  /** The authenticated identity (differs from the CN with password or SLUGS plugins). */
  readonly identity?: string;
  readonly groups?: readonly string[];
  /** The authentication plugin that succeeded (`certificate`, `password`, `slugs`). */
  readonly authMethod?: string;
  readonly kmipVersion?: string;
  /** Index of the batch item; absent for a message refused as a whole. */
  readonly batchItem?: number;
  /** KMIP operation name, `(none)` when the message could not be read that far. */
  readonly operation: string;
  readonly objectIds: readonly string[];
  /** `Success`, `OperationFailed`, `OperationUndone`, or `NotExecuted` (after a failed item, Stop). */
  readonly resultStatus: string;
  /** Result Reason name for failures. */
  readonly resultReason?: string;
  readonly resultMessage?: string;
  readonly durationMs: number;
}

/** A stored audit record. */
export interface AuditRecord extends AuditEntry {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The `prevHash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

// Version tag of the canonical form: a future format change starts a new tag.
const FORM = 'keywarden-audit-v1';
const MAX_MESSAGE = 500;

/** The columns of audit_log in canonical order (hash excluded: it is computed over these). */
export const AUDIT_COLUMNS = [
  'seq',
  'time',
  'correlation_id',
  'connection_id',
  'peer_address',
  'certificate_cn',
  'identity',
  'groups_json',
  'auth_method',
  'kmip_version',
  'batch_item',
  'operation',
  'object_ids_json',
  'result_status',
  'result_reason',
  'result_message',
  'duration_ms',
  'prev_hash',
] as const;

/** One audit_log row as stored (column → value). */
export type AuditRow = Readonly<Record<(typeof AUDIT_COLUMNS)[number], unknown>>;

/** The row of `entry` as record `seq` following `prevHash`. */
export function auditRowOf(entry: AuditEntry, seq: number, prevHash: string): AuditRow {
  const message = entry.resultMessage;
  return {
    seq,
    time: entry.time.toISOString(),
    correlation_id: entry.correlationId,
    connection_id: entry.connectionId ?? null,
    peer_address: entry.peerAddress ?? null,
    certificate_cn: entry.certificateCn ?? null,
    identity: entry.identity ?? null,
    groups_json: entry.groups === undefined ? null : JSON.stringify(entry.groups),
    auth_method: entry.authMethod ?? null,
    kmip_version: entry.kmipVersion ?? null,
    batch_item: entry.batchItem ?? null,
    operation: entry.operation,
    object_ids_json: JSON.stringify(entry.objectIds),
    result_status: entry.resultStatus,
    result_reason: entry.resultReason ?? null,
    result_message:
      message === undefined
        ? null
        : message.length > MAX_MESSAGE
          ? `${message.slice(0, MAX_MESSAGE)}…`
          : message,
    // Three decimals: the stored REAL and its JSON text are then stable across reads.
    duration_ms: Math.round(entry.durationMs * 1000) / 1000,
    prev_hash: prevHash,
  };
}

/** The canonical form of a row: a JSON array of its column values in {@link AUDIT_COLUMNS} order. */
export function canonicalAuditForm(row: AuditRow): string {
  return canonicalFormOf(columnValues(row));
}

/** A row's column values in {@link AUDIT_COLUMNS} order, absent ones null. */
function columnValues(row: AuditRow): unknown[] {
  return AUDIT_COLUMNS.map((c) => row[c] ?? null);
}

/** The hashed text of a row given its column values: the form's name, then the values. */
function canonicalFormOf(values: readonly unknown[]): string {
  return JSON.stringify([FORM, ...values]);
}

/** SHA-256 (hex) of a row's canonical form. */
export function hashAuditRow(row: AuditRow): string {
  return digestHex('SHA_256', canonicalAuditForm(row));
}

/**
 * A row's column values in {@link AUDIT_COLUMNS} order (what the INSERT binds) and its hash,
 * computed from the same array: one pass over the columns per record (issue #9).
 */
export function sealAuditRow(row: AuditRow): { values: unknown[]; hash: string } {
  const values = columnValues(row);
  return { values, hash: digestHex('SHA_256', canonicalFormOf(values)) };
}

/**
 * The record a row made by {@link auditRowOf} from `entry` reads back as (what
 * {@link auditRecordOf} gives for the stored row), built without parsing the row's JSON and
 * date text again: every append returns its records (issue #9).
 */
export function appendedAuditRecord(entry: AuditEntry, row: AuditRow, hash: string): AuditRecord {
  const record: {
    -readonly [K in keyof AuditRecord]?: AuditRecord[K];
  } = {
    seq: row.seq as number,
    time: new Date(entry.time.getTime()),
    correlationId: entry.correlationId,
  };
  if (entry.connectionId !== undefined) record.connectionId = entry.connectionId;
  if (entry.peerAddress !== undefined) record.peerAddress = entry.peerAddress;
  if (entry.certificateCn !== undefined) record.certificateCn = entry.certificateCn;
  if (entry.identity !== undefined) record.identity = entry.identity;
  if (entry.groups !== undefined) record.groups = [...entry.groups];
  if (entry.authMethod !== undefined) record.authMethod = entry.authMethod;
  if (entry.kmipVersion !== undefined) record.kmipVersion = entry.kmipVersion;
  if (entry.batchItem !== undefined) record.batchItem = entry.batchItem;
  record.operation = entry.operation;
  record.objectIds = [...entry.objectIds];
  record.resultStatus = entry.resultStatus;
  if (entry.resultReason !== undefined) record.resultReason = entry.resultReason;
  if (row.result_message !== null) record.resultMessage = row.result_message as string;
  record.durationMs = row.duration_ms as number;
  record.prevHash = row.prev_hash as string;
  record.hash = hash;
  return record as AuditRecord;
}

function optional<T>(value: unknown, as: (v: unknown) => T): T | undefined {
  return value === null || value === undefined ? undefined : as(value);
}

/** Reads a stored row (with its `hash` column) back into a record. */
export function auditRecordOf(row: Readonly<Record<string, unknown>>): AuditRecord {
  const text = (v: unknown) => String(v);
  const groups = optional(row['groups_json'], (v) => JSON.parse(String(v)) as string[]);
  const record: Record<string, unknown> = {
    seq: Number(row['seq']),
    time: new Date(String(row['time'])),
    correlationId: text(row['correlation_id']),
    connectionId: optional(row['connection_id'], text),
    peerAddress: optional(row['peer_address'], text),
    certificateCn: optional(row['certificate_cn'], text),
    identity: optional(row['identity'], text),
    groups,
    authMethod: optional(row['auth_method'], text),
    kmipVersion: optional(row['kmip_version'], text),
    batchItem: optional(row['batch_item'], Number),
    operation: text(row['operation']),
    objectIds: JSON.parse(String(row['object_ids_json'])) as string[],
    resultStatus: text(row['result_status']),
    resultReason: optional(row['result_reason'], text),
    resultMessage: optional(row['result_message'], text),
    durationMs: Number(row['duration_ms']),
    prevHash: text(row['prev_hash']),
    hash: text(row['hash']),
  };
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record as unknown as AuditRecord;
}
