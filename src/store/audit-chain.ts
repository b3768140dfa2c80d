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
  const values = auditValuesOf(entry, seq, prevHash);
  return Object.fromEntries(AUDIT_COLUMNS.map((c, i) => [c, values[i]])) as AuditRow;
}

/**
 * The stored column values of `entry` as record `seq` following `prevHash`, in
 * {@link AUDIT_COLUMNS} order (absent ones null): what the INSERT binds and the canonical
 * form lists. Built straight from the entry, with no row object in between (issue #9).
 */
function auditValuesOf(entry: AuditEntry, seq: number, prevHash: string): unknown[] {
  const message = entry.resultMessage;
  return [
    seq,
    entry.time.toISOString(),
    // `?? null` on required fields too: a bad entry binds NULL (and fails NOT NULL) as before.
    entry.correlationId ?? null,
    entry.connectionId ?? null,
    entry.peerAddress ?? null,
    entry.certificateCn ?? null,
    entry.identity ?? null,
    entry.groups === undefined ? null : JSON.stringify(entry.groups),
    entry.authMethod ?? null,
    entry.kmipVersion ?? null,
    entry.batchItem ?? null,
    entry.operation ?? null,
    JSON.stringify(entry.objectIds) ?? null,
    entry.resultStatus ?? null,
    entry.resultReason ?? null,
    message === undefined
      ? null
      : message.length > MAX_MESSAGE
        ? `${message.slice(0, MAX_MESSAGE)}…`
        : message,
    // Three decimals: the stored REAL and its JSON text are then stable across reads.
    Math.round(entry.durationMs * 1000) / 1000,
    prevHash,
  ];
}

// Indexes into the values of auditValuesOf (AUDIT_COLUMNS order).
const SEQ = 0;
const RESULT_MESSAGE = 15;
const DURATION_MS = 16;
const PREV_HASH = 17;

/** The canonical form of a row: a JSON array of its column values in {@link AUDIT_COLUMNS} order. */
export function canonicalAuditForm(row: AuditRow): string {
  return canonicalFormOf(columnValues(row));
}

/** A row's column values in {@link AUDIT_COLUMNS} order, absent ones null. */
function columnValues(row: AuditRow): unknown[] {
  return AUDIT_COLUMNS.map((c) => row[c] ?? null);
}

// `JSON.stringify([FORM, ...values])` without copying the array: the same text, since the
// values are never empty and FORM needs no escaping.
const FORM_PREFIX = `[${JSON.stringify(FORM)},`;

/** The hashed text of a row given its column values: the form's name, then the values. */
function canonicalFormOf(values: readonly unknown[]): string {
  return FORM_PREFIX + JSON.stringify(values).slice(1);
}

/** SHA-256 (hex) of a row's canonical form. */
export function hashAuditRow(row: AuditRow): string {
  return digestHex('SHA_256', canonicalAuditForm(row));
}

/** A record's column values in {@link AUDIT_COLUMNS} order (what the INSERT binds) and its hash. */
export interface SealedAuditRow {
  readonly values: unknown[];
  readonly hash: string;
}

/**
 * A row's column values in {@link AUDIT_COLUMNS} order (what the INSERT binds) and its hash,
 * computed from the same array: one pass over the columns per record (issue #9).
 */
export function sealAuditRow(row: AuditRow): SealedAuditRow {
  return sealValues(columnValues(row));
}

/**
 * {@link sealAuditRow} of `auditRowOf(entry, seq, prevHash)`, the same values and hash, built
 * without the row object: what an append does for every record (issue #9).
 */
export function sealAuditEntry(entry: AuditEntry, seq: number, prevHash: string): SealedAuditRow {
  return sealValues(auditValuesOf(entry, seq, prevHash));
}

/** Column values in {@link AUDIT_COLUMNS} order with the hash of their canonical form. */
function sealValues(values: unknown[]): SealedAuditRow {
  return { values, hash: digestHex('SHA_256', canonicalFormOf(values)) };
}

/**
 * The record that `entry`, sealed as `sealed` by {@link sealAuditEntry}, reads back as (what
 * {@link auditRecordOf} gives for the stored row), built without parsing the row's JSON and
 * date text again: every append returns its records (issue #9).
 */
export function appendedAuditRecord(entry: AuditEntry, sealed: SealedAuditRow): AuditRecord {
  const { values, hash } = sealed;
  const record: {
    -readonly [K in keyof AuditRecord]?: AuditRecord[K];
  } = {
    seq: values[SEQ] as number,
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
  if (values[RESULT_MESSAGE] !== null) record.resultMessage = values[RESULT_MESSAGE] as string;
  record.durationMs = values[DURATION_MS] as number;
  record.prevHash = values[PREV_HASH] as string;
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
