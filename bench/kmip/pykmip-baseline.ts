/**
 * The PyKMIP 0.10 baseline of the codec benchmark: runs bench/pykmip/codec_bench.py under
 * Debian's /usr/bin/python3 (where python3-pykmip lives; the `python3` on PATH may be
 * another interpreter without it) and checks that PyKMIP wrote the very bytes we do.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { KmipItem } from '../../src/kmip/item.ts';
import { decodeTtlv, encodeTtlv, hexToBytes } from '../../src/kmip/ttlv/index.ts';
import type { Baseline, BaselineReport, Measurement, MeasureOptions } from '../lib/types.ts';
import type { CodecFixture, CodecMessageName } from './codec-messages.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../pykmip/codec_bench.py', import.meta.url));
const NAME = 'PyKMIP';

interface ScriptOutput {
  readonly pykmip: string;
  readonly python: string;
  readonly encoded: Readonly<Record<string, string>>;
  readonly results: Readonly<Record<string, Measurement>>;
}

interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runScript(input: string, timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(input);
  });
}

const MEASUREMENT_FIELDS = [
  'ops',
  'samples',
  'batchSize',
  'totalNs',
  'meanNs',
  'p50Ns',
  'p99Ns',
  'opsPerSec',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMeasurement(value: unknown): value is Measurement {
  return isRecord(value) && MEASUREMENT_FIELDS.every((f) => typeof value[f] === 'number');
}

// Narrows the script's JSON; returns a reason string when it is not what we expect.
function parseOutput(stdout: string): ScriptOutput | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return `codec_bench.py printed no JSON: ${stdout.slice(0, 200)}`;
  }
  if (!isRecord(parsed)) return 'codec_bench.py printed unexpected JSON';
  if (typeof parsed['error'] === 'string') return parsed['error'];
  const { pykmip, python, encoded, results } = parsed;
  if (typeof pykmip !== 'string' || typeof python !== 'string') return 'missing versions';
  if (!isRecord(encoded) || !Object.values(encoded).every((v) => typeof v === 'string')) {
    return 'missing encoded messages';
  }
  if (!isRecord(results) || !Object.values(results).every(isMeasurement)) {
    return 'missing or malformed results';
  }
  return {
    pykmip,
    python,
    encoded: encoded as Record<string, string>,
    results: results as Record<string, Measurement>,
  };
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

// PyKMIP's bytes must be ours byte for byte; if not, say how far apart they are.
function compareEncodings(
  messages: ReadonlyMap<CodecMessageName, KmipItem>,
  encoded: Readonly<Record<string, string>>,
): string[] {
  const warnings: string[] = [];
  for (const [name, tree] of messages) {
    const hex = encoded[name];
    if (hex === undefined) {
      warnings.push(`${name}: PyKMIP produced no bytes`);
      continue;
    }
    const theirs = hexToBytes(hex);
    const ours = encodeTtlv(tree);
    if (isDeepStrictEqual(theirs, ours)) continue;
    let verdict: string;
    try {
      verdict = isDeepStrictEqual(decodeTtlv(theirs), tree)
        ? 'but decode to the same tree'
        : 'and decode to a different tree';
    } catch (error) {
      const code = isRecord(error) && typeof error['code'] === 'string' ? error['code'] : 'error';
      verdict = `and do not decode (${code})`;
    }
    warnings.push(
      `${name}: PyKMIP's ${theirs.length} bytes differ from Keywarden's ${ours.length} ` +
        `at offset ${firstDifference(theirs, ours)}, ${verdict}`,
    );
  }
  return warnings;
}

/** The PyKMIP baseline over the given messages, built by PyKMIP from the same fixture. */
export function createPykmipBaseline(
  fixture: CodecFixture,
  messages: ReadonlyMap<CodecMessageName, KmipItem>,
): Baseline {
  return {
    name: NAME,
    async run(options: MeasureOptions, keys: readonly string[]): Promise<BaselineReport> {
      const input = JSON.stringify({ ...options, keys, fixture });
      // One timed run per key, allowing twice the planned time, plus interpreter start-up.
      const timeoutMs = 30_000 + 2 * keys.length * (options.warmupMs + options.timeBudgetMs);
      let result: ProcessResult;
      try {
        result = await runScript(input, timeoutMs);
      } catch (error) {
        return { available: false, name: NAME, reason: `cannot run ${PYTHON}: ${String(error)}` };
      }
      if (result.code !== 0) {
        const status = result.code === null ? `signal ${result.signal}` : `code ${result.code}`;
        const reason = `codec_bench.py ended with ${status}: ${result.stderr.trim().slice(-300)}`;
        return { available: false, name: NAME, reason };
      }
      const output = parseOutput(result.stdout);
      if (typeof output === 'string') return { available: false, name: NAME, reason: output };
      return {
        available: true,
        name: NAME,
        version: output.pykmip,
        runtime: output.python,
        results: output.results,
        warnings: compareEncodings(messages, output.encoded),
      };
    },
  };
}
