// Issue #5: the OASIS KMIP test cases replayed against `keywarden serve` (test/conformance/).
// A ratchet: every case of the committed baseline must still pass; new passes are reported
// so that the baseline can be raised (`npm run conformance -- --update-baseline`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readBaseline } from '../../conformance/baseline.ts';
import { classifyFailure } from '../../conformance/classify-failure.ts';
import { listCases } from '../../conformance/case-catalog.ts';
import { runConformance, type CaseResult } from '../../conformance/run-conformance.ts';

function describeResult(result: CaseResult | undefined, id: string): string {
  if (result === undefined) return `${id}: not run`;
  if (result.status === 'n/a') return `${id}: now not applicable (${result.reason})`;
  if (result.status === 'pass') return `${id}: pass`;
  const m = result.failure.mismatch;
  const detail =
    m === undefined ? result.failure.error : `${m.path}: expected ${m.expected}, got ${m.actual}`;
  return `${id}: ${classifyFailure(result.failure)} — message ${result.failure.exchange}: ${detail}`;
}

describe('KMIP conformance ratchet (issue #5)', () => {
  it('the baseline names existing cases, each once, sorted', () => {
    const baseline = readBaseline();
    const known = new Set(listCases().map((c) => c.id));
    assert.deepEqual(
      baseline.filter((id) => !known.has(id)),
      [],
    );
    assert.deepEqual(baseline, [...new Set(baseline)].sort());
  });

  it('every case that passed in the baseline still passes', async (t) => {
    const baseline = readBaseline();
    const run = await runConformance({ ids: new Set(baseline) });
    const byId = new Map(run.results.map((r) => [r.id, r]));
    const regressed = baseline
      .filter((id) => byId.get(id)?.status !== 'pass')
      .map((id) => describeResult(byId.get(id), id));
    t.diagnostic(
      `${baseline.length - regressed.length}/${baseline.length} baseline cases pass in ${(run.durationMs / 1000).toFixed(0)} s`,
    );
    assert.deepEqual(regressed, []);
  });
});
