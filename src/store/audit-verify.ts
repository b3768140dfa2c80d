/**
 * Checks the audit log's hash chain from the first record to the head: every record's hash
 * matches its content, links to the record before it, the sequence has no gap, and the head
 * (last seq and hash, kept beside the log) matches the last record. Stops at the first bad
 * record, which it names.
 */
import type { DatabaseSync } from 'node:sqlite';
import { GENESIS_HASH, hashAuditRow, type AuditRow } from './audit-chain.ts';

/** Why verification stopped. */
export type AuditProblem =
  /** The record's content does not hash to its stored hash: edited, or moved to another seq. */
  | 'hash-mismatch'
  /** The record does not link to the record before it: that one was replaced or reordered. */
  | 'chain-broken'
  /** Records before this one are gone. */
  | 'missing'
  /** The newest records are gone, or the head was altered. */
  | 'truncated';

/** The outcome of {@link verifyAuditChain}. */
export type AuditVerification =
  | { readonly ok: true; readonly records: number; readonly headHash: string }
  | {
      readonly ok: false;
      /** Records found good before the bad one. */
      readonly records: number;
      /** The first bad record's seq. */
      readonly seq: number;
      readonly problem: AuditProblem;
      readonly detail: string;
    };

/** Verifies the whole chain, streaming the rows in seq order. */
export function verifyAuditChain(db: DatabaseSync): AuditVerification {
  let expected = 1;
  let prev = GENESIS_HASH;
  let good = 0;
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate();
  for (const raw of rows) {
    const row = raw as AuditRow & { hash: unknown };
    const seq = Number(row.seq);
    const fail = (problem: AuditProblem, detail: string): AuditVerification => ({
      ok: false,
      records: good,
      seq,
      problem,
      detail,
    });
    if (seq !== expected) {
      return fail('missing', `${records(expected, seq - 1)} missing before record ${seq}`);
    }
    if (hashAuditRow(row) !== row.hash) {
      return fail('hash-mismatch', `record ${seq} does not match its hash (edited or moved)`);
    }
    if (row.prev_hash !== prev) {
      return fail(
        'chain-broken',
        `record ${seq} does not link to record ${seq - 1} (which was replaced or reordered)`,
      );
    }
    prev = String(row.hash);
    expected++;
    good++;
  }
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get();
  const headSeq = head === undefined ? 0 : Number(head['seq']);
  if (headSeq !== good || (head !== undefined && head['hash'] !== prev)) {
    return {
      ok: false,
      records: good,
      seq: Math.max(headSeq, good),
      problem: 'truncated',
      detail:
        headSeq > good
          ? `${records(good + 1, headSeq)} missing at the end (the head names record ${headSeq})`
          : `the head (record ${headSeq}) does not match the last record ${good}`,
    };
  }
  return { ok: true, records: good, headHash: prev };
}

function records(first: number, last: number): string {
  return first === last ? `record ${first}` : `records ${first}–${last}`;
}
