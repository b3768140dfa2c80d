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
  sealAuditRow,
  type AuditEntry,
} from '../../../src/store/audit-chain.ts';

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
      const { hash } = sealAuditRow(row);
      assert.deepEqual(appendedAuditRecord(entry, row, hash), auditRecordOf({ ...row, hash }));
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
          const { hash } = sealAuditRow(row);
          assert.deepEqual(appendedAuditRecord(entry, row, hash), auditRecordOf({ ...row, hash }));
        },
      ),
    );
  });
});
