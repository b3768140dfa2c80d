/**
 * Writes the conformance report: docs/conformance.md (for a reader choosing a KMIP server:
 * pass counts per profile and version, failure causes, every failing case with its first
 * mismatch, every not-applicable case with its reason) and docs/conformance.json (the same,
 * per case, for tools).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { KMIP_VERSIONS } from '../../src/kmip/index.ts';
import { CASE_SETTINGS, caseSettingsNote } from './case-settings.ts';
import { classifyFailure } from './classify-failure.ts';
import type { CaseResult, ConformanceRun } from './run-conformance.ts';
import { ERRATA, PERMITTED_VARIATIONS } from './errata.ts';

const DOCS = new URL('../../docs/', import.meta.url);

/** Writes both files; returns their paths relative to the repository. */
export async function writeReport(run: ConformanceRun): Promise<string[]> {
  // Formatted as `npm run format:check` expects, so a regenerated report is committable.
  const write = async (name: string, text: string) => {
    const path = fileURLToPath(new URL(name, DOCS));
    const options = (await resolveConfig(path)) ?? {};
    await writeFile(path, await format(text, { ...options, filepath: path }));
  };
  await write('conformance.json', JSON.stringify(reportJson(run), null, 2));
  await write('conformance.md', reportMarkdown(run));
  return ['docs/conformance.md', 'docs/conformance.json'];
}

/** The JSON form: run facts plus one entry per case. */
export function reportJson(run: ConformanceRun): unknown {
  return {
    generatedAt: new Date().toISOString(),
    durationMs: run.durationMs,
    attributeListingSetting: run.attributeListingSetting ?? null,
    totals: totals(run.results),
    cases: run.results.map((r) => ({
      id: r.id,
      version: r.version,
      source: r.source,
      profile: r.profile,
      mandatory: r.isMandatory,
      core: r.isCore,
      status: r.status,
      ...(r.status === 'n/a' ? { reason: r.reason } : {}),
      ...(r.status === 'fail' ? { cause: classifyFailure(r.failure), failure: r.failure } : {}),
      ...(ERRATA.has(r.id) ? { erratum: ERRATA.get(r.id) } : {}),
      ...serverSettingsJson(r.id),
    })),
  };
}

// A case run with other server settings says so, with the setting and the reason.
function serverSettingsJson(id: string) {
  const settings = CASE_SETTINGS.get(id);
  return settings === undefined
    ? {}
    : { serverSettings: { setting: settings.setting, reason: settings.reason } };
}

function totals(results: readonly CaseResult[]) {
  const count = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  return {
    cases: results.length,
    pass: count('pass'),
    fail: count('fail'),
    notApplicable: count('n/a'),
  };
}

/** `pass/run (+n n/a)` for one cell. */
function cell(results: readonly CaseResult[]): string {
  if (results.length === 0) return '';
  const t = totals(results);
  const run = t.pass + t.fail;
  const na = t.notApplicable === 0 ? '' : ` (${t.notApplicable} n/a)`;
  if (run === 0) return `n/a${t.notApplicable > 1 ? ` ×${t.notApplicable}` : ''}`;
  const mark = t.fail === 0 ? ' ✅' : '';
  return `${t.pass}/${run}${mark}${na}`;
}

function profileTable(results: readonly CaseResult[], coreMark: boolean): string[] {
  const profiles = [...new Set(results.map((r) => r.profile))].sort();
  const lines = [
    `| profile | ${KMIP_VERSIONS.join(' | ')} |`,
    `|---|${KMIP_VERSIONS.map(() => '---').join('|')}|`,
  ];
  for (const profile of profiles) {
    const of = results.filter((r) => r.profile === profile);
    const label = coreMark && of.some((r) => r.isCore) ? `**${profile}** (core)` : profile;
    lines.push(
      `| ${label} | ${KMIP_VERSIONS.map((v) => cell(of.filter((r) => r.version === v))).join(' | ')} |`,
    );
  }
  return lines;
}

function failureLine(r: Extract<CaseResult, { status: 'fail' }>): string {
  const f = r.failure;
  const where = `message ${f.exchange} (${f.operations.join(', ') || '?'})`;
  const what =
    f.mismatch === undefined
      ? (f.error ?? 'no response')
      : `\`${f.mismatch.path}\`: expected \`${f.mismatch.expected}\`, got \`${f.mismatch.actual}\``;
  const server =
    f.actualResult?.message === undefined
      ? ''
      : ` — server said: "${f.actualResult.message.replace(/\|/g, '/')}"`;
  const listing =
    f.listing === undefined
      ? ''
      : f.listing.isOrderOnly
        ? ' — same attributes, other order'
        : ` — missing: ${f.listing.missing.join(', ') || 'none'}; extra: ${f.listing.extra.join(', ') || 'none'}`;
  const erratum = ERRATA.has(r.id) ? ' (erratum, see below)' : '';
  const note = caseSettingsNote(r.id);
  const settings = note === undefined ? '' : ` (${note})`;
  return `- \`${r.id}\`${erratum}${settings} — ${where}: ${what}${listing}${server}`;
}

/** `; n of the failures are errata` when some failing cases are recorded as errata. */
function erratumNote(results: readonly CaseResult[]): string {
  const n = results.filter((r) => r.status === 'fail' && ERRATA.has(r.id)).length;
  return n === 0
    ? ''
    : `; ${n} of the failures are errata (the case contradicts the specification)`;
}

function missingAttributes(
  failed: readonly Extract<CaseResult, { status: 'fail' }>[],
): [string, { all: number; core: number }][] {
  const counts = new Map<string, { all: number; core: number }>();
  for (const r of failed) {
    for (const name of new Set(r.failure.listing?.missing ?? [])) {
      const c = counts.get(name) ?? { all: 0, core: 0 };
      c.all += 1;
      if (r.isCore) c.core += 1;
      counts.set(name, c);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1].all - a[1].all || a[0].localeCompare(b[0]));
}

/** The Markdown report. */
export function reportMarkdown(run: ConformanceRun): string {
  const results = run.results;
  const by = (source: string) => results.filter((r) => r.source === source);
  const failed = results.filter(
    (r): r is Extract<CaseResult, { status: 'fail' }> => r.status === 'fail',
  );
  const causes = new Map<string, { all: number; core: number }>();
  for (const r of failed) {
    const cause = classifyFailure(r.failure);
    const c = causes.get(cause) ?? { all: 0, core: 0 };
    c.all += 1;
    if (r.isCore) c.core += 1;
    causes.set(cause, c);
  }
  const reasons = new Map<string, number>();
  for (const r of results)
    if (r.status === 'n/a') reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
  const t = totals(results);
  const core = results.filter((r) => r.isCore);
  const coreT = totals(core);
  const out: string[] = [
    '# KMIP conformance',
    '',
    '<!-- Generated by `npm run conformance` (test/conformance/); do not edit by hand. -->',
    '',
    'Every OASIS KMIP test case of the corpus (test/fixtures/kmip/testcases: the KMIP Profiles',
    'mandatory and optional cases 1.0–2.1, the KMIP Test Cases notes, and the ovh/kmip-go',
    'transcriptions) is replayed, request by request, over mutual TLS against a freshly started',
    '`keywarden serve`, and each response is compared with the expected one: exactly, except for',
    'the values a server chooses (see "How responses are compared" below).',
    '',
    `Run: ${new Date().toISOString().slice(0, 16)} UTC, ${(run.durationMs / 1000).toFixed(0)} s. ` +
      `Attribute listing setting: ${run.attributeListingSetting === undefined ? 'not present in this build (server default listing)' : `\`${run.attributeListingSetting} = "complete"\``}.`,
    '',
    `**All cases: ${t.pass} pass, ${t.fail} fail, ${t.notApplicable} not applicable (of ${t.cases}).**`,
    `**Core profiles (SKLC, AKLC, OMOS, SKFF, BL), mandatory cases: ${coreT.pass} pass, ${coreT.fail} fail (of ${coreT.cases})${erratumNote(core)}.**`,
    '',
    'Diagnosis of the core-profile failures, with the specification clauses: [conformance-diagnosis.md](conformance-diagnosis.md).',
    '',
    'Cells: passing / replayed cases; ✅ = all replayed cases pass; n/a = not applicable, with the',
    'reason listed below.',
    '',
    '## Profiles: mandatory test cases',
    '',
    ...profileTable(
      by('mandatory').filter((r) => r.isMandatory),
      true,
    ),
    '',
    '## Profiles: optional test cases',
    '',
    ...profileTable([...by('optional'), ...by('mandatory').filter((r) => !r.isMandatory)], false),
    '',
    '## KMIP Test Cases notes (TC-*)',
    '',
    ...profileTable(by('testcases'), false),
    '',
    '## ovh/kmip-go transcriptions',
    '',
    ...profileTable(by('ovh-kmip-go'), false),
    '',
    '## Failure causes',
    '',
    '| cause | cases | of which core mandatory |',
    '|---|---|---|',
    ...[...causes.entries()]
      .sort((a, b) => b[1].all - a[1].all || a[0].localeCompare(b[0]))
      .map(([cause, c]) => `| ${cause} | ${c.all} | ${c.core} |`),
    '',
    '## Attributes missing from listings',
    '',
    'Get Attributes / Get Attribute List responses that lack attributes the case lists: how many',
    'failing cases lack each one (all / core mandatory).',
    '',
    '| attribute | cases | core mandatory |',
    '|---|---|---|',
    ...missingAttributes(failed).map(([name, c]) => `| ${name} | ${c.all} | ${c.core} |`),
    '',
    '## Failing core mandatory cases',
    '',
    ...failed.filter((r) => r.isCore).map(failureLine),
    '',
    '## Cases run with other server settings',
    '',
    "Every other case runs with the replay's settings; these run on a server of their own:",
    '',
    ...results
      .filter((r) => CASE_SETTINGS.has(r.id))
      .map((r) => `- \`${r.id}\` (${r.status}): ${caseSettingsNote(r.id) ?? ''}`),
    '',
    '## Errata: where a test case contradicts the specification',
    '',
    ...(ERRATA.size === 0
      ? ['None recorded.']
      : [...ERRATA.entries()].map(([id, note]) => `- \`${id}\`: ${note}`)),
    '',
    '## How responses are compared',
    '',
    ...PERMITTED_VARIATIONS.map((line) => `- ${line}`),
    '',
    '## Not applicable',
    '',
    '| reason | cases |',
    '|---|---|',
    ...[...reasons.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => `| ${reason} | ${n} |`),
    '',
    '## All failing cases, with the first mismatch',
    '',
    ...failed.map(failureLine),
    '',
  ];
  return out.join('\n');
}
