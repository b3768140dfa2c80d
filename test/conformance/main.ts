/**
 * `npm run conformance`: replays the OASIS KMIP test cases against `keywarden serve` and
 * writes docs/conformance.md and docs/conformance.json.
 *
 * Flags: `--filter <text>` (repeatable: only case ids containing it; the report is then not
 * written), `--concurrency <n>`, `--repeat <n>` (run n times, a mixed workload for the
 * benchmark; the report comes from the last run), `--no-report`, `--update-baseline`
 * (record the passing cases as the new ratchet, test/conformance/baseline.json), `--verbose`;
 * diagnostics (no report): `--keep-going` (list the first mismatch of every message, not
 * only of the first failing one), `--skip-op <Operation>` (leave out exchanges of only that
 * operation, e.g. to see what a BL case needs beyond Interop), `--isolate` (a server per
 * case, to check that sharing servers changes no result).
 */
import { parseArgs } from 'node:util';
import { caseSettingsNote } from './case-settings.ts';
import { runConformance } from './run-conformance.ts';
import { writeBaseline } from './baseline.ts';
import { writeReport } from './write-report.ts';

const { values } = parseArgs({
  options: {
    filter: { type: 'string', multiple: true },
    concurrency: { type: 'string' },
    repeat: { type: 'string' },
    'no-report': { type: 'boolean' },
    verbose: { type: 'boolean' },
    'update-baseline': { type: 'boolean' },
    'keep-going': { type: 'boolean' },
    isolate: { type: 'boolean' },
    'skip-op': { type: 'string', multiple: true },
  },
});

const repeat = Number(values.repeat ?? '1');
const concurrency = Number(values.concurrency ?? '4');
for (let round = 1; round <= repeat; round += 1) {
  const run = await runConformance({
    ...(values.filter === undefined ? {} : { filter: values.filter }),
    concurrency,
    isolateEveryCase: values.isolate === true,
    diagnostics: {
      keepGoing: values['keep-going'] === true,
      skipOperations: new Set(values['skip-op'] ?? []),
    },
    onResult: (r) => {
      // A case run with other server settings always says so, never silently.
      const note = caseSettingsNote(r.id);
      if (note !== undefined && r.status !== 'fail')
        console.log(`${r.status.padEnd(4)} ${r.id} (${note})`);
      if (values.verbose !== true && r.status !== 'fail') return;
      const detail =
        r.status === 'fail'
          ? ` #${r.failure.exchange} ${r.failure.operations.join('+')}: ${
              r.failure.mismatch === undefined
                ? r.failure.error
                : `${r.failure.mismatch.path}: expected ${r.failure.mismatch.expected}, got ${r.failure.mismatch.actual}`
            }`
          : r.status === 'n/a'
            ? ` (${r.reason})`
            : '';
      const said = (f: { actualResult?: { reason?: string; message?: string } }) =>
        f.actualResult === undefined
          ? ''
          : ` [server: ${f.actualResult.reason ?? ''} "${f.actualResult.message ?? ''}"]`;
      console.log(
        `${r.status.padEnd(4)} ${r.id}${detail}${r.status === 'fail' ? said(r.failure) : ''}`,
      );
      if (r.status === 'fail') {
        for (const f of r.failure.later ?? []) {
          const m = f.mismatch;
          const text =
            m === undefined ? f.error : `${m.path}: expected ${m.expected}, got ${m.actual}`;
          console.log(`       then #${f.exchange} ${f.operations.join('+')}: ${text}${said(f)}`);
        }
      }
    },
  });
  const count = (s: string) => run.results.filter((r) => r.status === s).length;
  console.log(
    `round ${round}: ${count('pass')} pass, ${count('fail')} fail, ${count('n/a')} n/a of ${run.results.length} in ${(run.durationMs / 1000).toFixed(1)} s on ${run.servers} servers`,
  );
  const isDiagnostic =
    values['keep-going'] === true || values['skip-op'] !== undefined || values.isolate === true;
  if (
    round === repeat &&
    values.filter === undefined &&
    !isDiagnostic &&
    values['no-report'] !== true
  ) {
    const written = await writeReport(run);
    console.log(`wrote ${written.join(', ')}`);
    if (values['update-baseline'] === true) {
      console.log(`baseline: ${await writeBaseline(run.results)} passing cases`);
    }
  }
}
