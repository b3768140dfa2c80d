/**
 * The ratchet: test/conformance/baseline.json lists every case that passed when it was last
 * updated (`npm run conformance -- --update-baseline`). The suite fails when one of them
 * stops passing, so conformance only goes up.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { CaseResult } from './run-conformance.ts';

const BASELINE = new URL('baseline.json', import.meta.url);

/** The committed list of passing case ids. */
export function readBaseline(): string[] {
  return JSON.parse(readFileSync(BASELINE, 'utf8')) as string[];
}

/** Replaces the baseline with the cases that pass in `results`. */
export async function writeBaseline(results: readonly CaseResult[]): Promise<number> {
  const ids = results.filter((r) => r.status === 'pass').map((r) => r.id);
  await writeFile(BASELINE, `${JSON.stringify(ids.sort(), null, 2)}\n`);
  return ids.length;
}
