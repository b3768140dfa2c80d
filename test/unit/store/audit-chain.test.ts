// The audit record's canonical form and hash must never change silently: records written by
// earlier releases have to keep verifying. The vectors below were computed by the release
// before the one-shot hash (issue #9); the INSERT values and the hash come from one array.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  AUDIT_COLUMNS,
  GENESIS_HASH,
  appendedAuditRecord,
  auditRecordOf,
  auditRowOf,
  canonicalAuditForm,
  hashAuditRow,
  sealAuditEntry,
  sealAuditRow,
  type AuditEntry,
  type AuditRow,
} from '../../../src/store/audit-chain.ts';
import { digestHex } from '../../../src/crypto/index.ts';

const full: AuditEntry = {
  time: new Date(Date.UTC(2026, 10, 26, 1, 0, 7)),
  correlationId: 'corr-7',
  connectionId: 'c1',
  peerAddress: '[::1]:40000',
  certificateCn: 'alice',
  identity: 'alice',
  groups: ['ops', 'Grüße'],
  authMethod: 'certificate',
  kmipVersion: '2.1',
  batchItem: 1,
  operation: 'Activate',
  objectIds: ['id-7', 'id-8'],
  resultStatus: 'OperationFailed',
  resultReason: 'PermissionDenied',
  resultMessage: 'not yours \u{1F511}',
  durationMs: 1.23456,
};
const minimal: AuditEntry = {
  time: new Date(Date.UTC(2026, 10, 26, 1, 0, 8)),
  correlationId: 'corr-8',
  operation: '(none)',
  objectIds: [],
  resultStatus: 'OperationFailed',
  durationMs: 0,
};
const FULL_HASH = 'a3b90128c21a7f4696976aa38cd441c05189cff052a28872e78addc5e1041eeb';
const MINIMAL_HASH = '344e11e9f4fe592d9249fd5f10c63a6453ec0256506b8ea79ca6a160a2c607d6';

/**
 * The row and hash as release e4fb7fa built them (object per row, then `JSON.stringify` of the
 * form's name and the values): what every append must still give, byte for byte.
 */
function referenceSeal(entry: AuditEntry, seq: number, prevHash: string) {
  const message = entry.resultMessage;
  const row: AuditRow = {
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
      message === undefined ? null : message.length > 500 ? `${message.slice(0, 500)}…` : message,
    duration_ms: Math.round(entry.durationMs * 1000) / 1000,
    prev_hash: prevHash,
  };
  const values = AUDIT_COLUMNS.map((c) => row[c] ?? null);
  const form = JSON.stringify(['keywarden-audit-v1', ...values]);
  return { row, values, form, hash: digestHex('SHA_256', form) };
}

const optionalText = fc.option(fc.string({ unit: 'binary' }), { nil: undefined });
/** Any entry, absent fields left out. */
const anyEntry = fc
  .record({
    time: fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 0, 1)), noInvalidDate: true }),
    correlationId: fc.string({ unit: 'binary' }),
    connectionId: optionalText,
    peerAddress: optionalText,
    certificateCn: optionalText,
    identity: optionalText,
    groups: fc.option(fc.array(fc.string({ unit: 'binary' })), { nil: undefined }),
    authMethod: optionalText,
    kmipVersion: optionalText,
    batchItem: fc.option(fc.nat(), { nil: undefined }),
    operation: fc.string(),
    objectIds: fc.array(fc.string({ unit: 'binary' })),
    resultStatus: fc.string(),
    resultReason: optionalText,
    resultMessage: fc.option(fc.string({ maxLength: 700, unit: 'binary' }), { nil: undefined }),
    durationMs: fc.double({ min: 0, max: 1e9, noNaN: true }),
  })
  .map(
    (generated) =>
      Object.fromEntries(
        Object.entries(generated).filter(([, v]) => v !== undefined),
      ) as unknown as AuditEntry,
  );

describe('audit chain', () => {
  it('hashes a record as earlier releases did (keywarden-audit-v1)', () => {
    assert.equal(hashAuditRow(auditRowOf(full, 7, 'ab'.repeat(32))), FULL_HASH);
    assert.equal(hashAuditRow(auditRowOf(minimal, 1, GENESIS_HASH)), MINIMAL_HASH);
    assert.ok(
      canonicalAuditForm(auditRowOf(minimal, 1, GENESIS_HASH)).startsWith(
        '["keywarden-audit-v1",1,',
      ),
    );
  });

  it('seals a row: the column values in order and the same hash', () => {
    for (const [entry, seq, prev, expected] of [
      [full, 7, 'ab'.repeat(32), FULL_HASH],
      [minimal, 1, GENESIS_HASH, MINIMAL_HASH],
    ] as const) {
      const row = auditRowOf(entry, seq, prev);
      const { values, hash } = sealAuditRow(row);
      assert.equal(hash, expected);
      assert.deepEqual(
        values,
        AUDIT_COLUMNS.map((c) => row[c] ?? null),
      );
    }
  });

  it('changes the hash when any column changes', () => {
    const row = auditRowOf(full, 7, 'ab'.repeat(32));
    for (const column of AUDIT_COLUMNS) {
      const changed = { ...row, [column]: column === 'seq' ? 8 : `${String(row[column])}x` };
      assert.notEqual(sealAuditRow(changed).hash, FULL_HASH, column);
      assert.notEqual(hashAuditRow(changed), FULL_HASH, column);
    }
  });

  it('returns each appended record as reading its row back would', () => {
    const long = { ...full, resultMessage: 'x'.repeat(600) };
    for (const entry of [full, minimal, long, { ...minimal, connectionId: '', groups: [] }]) {
      const row = auditRowOf(entry, 3, GENESIS_HASH);
      const sealed = sealAuditRow(row);
      assert.deepEqual(
        appendedAuditRecord(entry, sealed),
        auditRecordOf({ ...row, hash: sealed.hash }),
      );
    }
    const optionalText = fc.option(fc.string(), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          time: fc.date({
            min: new Date(0),
            max: new Date(Date.UTC(9999, 0, 1)),
            noInvalidDate: true,
          }),
          correlationId: fc.string(),
          connectionId: optionalText,
          identity: optionalText,
          groups: fc.option(fc.array(fc.string()), { nil: undefined }),
          batchItem: fc.option(fc.nat(), { nil: undefined }),
          operation: fc.string(),
          objectIds: fc.array(fc.string()),
          resultStatus: fc.string(),
          resultReason: optionalText,
          resultMessage: fc.option(fc.string({ maxLength: 700 }), { nil: undefined }),
          durationMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
        }),
        (generated) => {
          const entry = Object.fromEntries(
            Object.entries(generated).filter(([, v]) => v !== undefined),
          ) as unknown as AuditEntry;
          const row = auditRowOf(entry, 9, GENESIS_HASH);
          const sealed = sealAuditEntry(entry, 9, GENESIS_HASH);
          assert.deepEqual(
            appendedAuditRecord(entry, sealed),
            auditRecordOf({ ...row, hash: sealed.hash }),
          );
        },
      ),
    );
  });

  it('seals every entry as the per-row construction of earlier releases did, byte for byte', () => {
    for (const [entry, seq, prev] of [
      [full, 7, 'ab'.repeat(32)],
      [minimal, 1, GENESIS_HASH],
    ] as const) {
      const reference = referenceSeal(entry, seq, prev);
      assert.deepEqual(sealAuditEntry(entry, seq, prev), {
        values: reference.values,
        hash: reference.hash,
      });
      assert.equal(canonicalAuditForm(auditRowOf(entry, seq, prev)), reference.form);
    }
    fc.assert(
      fc.property(anyEntry, fc.nat(), fc.stringMatching(/^[0-9a-f]{64}$/), (entry, seq, prev) => {
        const reference = referenceSeal(entry, seq, prev);
        const sealed = sealAuditEntry(entry, seq, prev);
        assert.deepEqual(sealed.values, reference.values);
        assert.equal(sealed.hash, reference.hash);
        assert.deepEqual(auditRowOf(entry, seq, prev), reference.row);
        assert.equal(canonicalAuditForm(reference.row), reference.form);
        assert.equal(hashAuditRow(reference.row), reference.hash);
      }),
      { numRuns: 500 },
    );
  });
});
