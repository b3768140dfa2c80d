// Cases run with other server settings (issue #5, BL-M-12/13 with their 512-bit DSA keys):
// each names a real case and a real setting, and the report says so beside the case.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SETTINGS } from '../../../src/config/settings.ts';
import { listCases } from '../../conformance/case-catalog.ts';
import { CASE_SETTINGS, caseSettingsNote } from '../../conformance/case-settings.ts';
import type { CaseResult, ConformanceRun } from '../../conformance/run-conformance.ts';
import { reportJson, reportMarkdown } from '../../conformance/write-report.ts';

describe('conformance cases with other server settings', () => {
  it('name corpus cases and documented settings, each with its reason', () => {
    const ids = new Set(listCases().map((c) => c.id));
    assert.ok(CASE_SETTINGS.size > 0);
    for (const [id, settings] of CASE_SETTINGS) {
      assert.ok(ids.has(id), `${id} is a corpus case`);
      for (const name of Object.keys(settings.env)) {
        const setting = SETTINGS.find((s) => s.env === name);
        assert.ok(setting !== undefined, `${name} is a documented setting`);
        assert.ok(
          settings.setting.startsWith(setting.path),
          `${settings.setting} names ${setting.path}`,
        );
      }
      assert.ok(settings.reason.length > 0);
    }
  });

  it('BL-M-12-21 and BL-M-13-21 lower crypto.minSecurityBits because of their 512-bit DSA keys', () => {
    for (const id of ['2.1/mandatory/BL-M-12-21', '2.1/mandatory/BL-M-13-21']) {
      assert.deepEqual(CASE_SETTINGS.get(id)?.env, { KEYWARDEN_CRYPTO_MIN_SECURITY_BITS: '0' });
      assert.match(caseSettingsNote(id) ?? '', /512-bit DSA key, below the default 112-bit policy/);
    }
    assert.equal(caseSettingsNote('2.1/mandatory/BL-M-3-21'), undefined);
  });

  it('the report carries the setting and reason per case, in JSON and Markdown', () => {
    const cases = listCases().filter((c) =>
      ['2.1/mandatory/BL-M-12-21', '2.1/mandatory/BL-M-3-21'].includes(c.id),
    );
    const results: CaseResult[] = cases.map((c) => ({ ...c, operations: [], status: 'pass' }));
    const run: ConformanceRun = {
      results,
      attributeListingSetting: undefined,
      durationMs: 1,
      servers: 2,
    };
    const json = reportJson(run) as { cases: { id: string; serverSettings?: unknown }[] };
    const byId = new Map(json.cases.map((c) => [c.id, c]));
    assert.deepEqual(byId.get('2.1/mandatory/BL-M-12-21')?.serverSettings, {
      setting: 'crypto.minSecurityBits = 0',
      reason: 'the case registers a 512-bit DSA key, below the default 112-bit policy',
    });
    assert.equal(byId.get('2.1/mandatory/BL-M-3-21')?.serverSettings, undefined);
    const markdown = reportMarkdown(run);
    assert.match(
      markdown,
      /- `2\.1\/mandatory\/BL-M-12-21` \(pass\): run with `crypto\.minSecurityBits = 0`: the case registers a 512-bit DSA key/,
    );
    assert.doesNotMatch(markdown, /`2\.1\/mandatory\/BL-M-3-21` \(pass\): run with/);
  });
});
