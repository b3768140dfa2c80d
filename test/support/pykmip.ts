/**
 * Runs the PyKMIP helper scripts of test/support/pykmip/ with JSON in and JSON out.
 *
 * PyKMIP 0.10 comes from Debian's python3-pykmip, so it lives under the system
 * interpreter /usr/bin/python3, not under whatever `python3` is first on PATH (often a
 * pyenv build without it). `scripts/ensure-test-peers.ts` installs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

/** The interpreter that has Debian's python3-pykmip. */
export const PYKMIP_PYTHON = '/usr/bin/python3';

/** Folder of the helper scripts. */
const SCRIPT_DIR = fileURLToPath(new URL('./pykmip/', import.meta.url));

/** Whether PyKMIP can be used, and why not when it cannot. */
export type PykmipProbe =
  | { readonly available: true; readonly python: string; readonly version: string }
  | { readonly available: false; readonly reason: string };

/** Options of `runPykmipScript`. */
export interface RunPykmipOptions {
  /** Kill the script after this many milliseconds (default 60 000). */
  readonly timeoutMs?: number;
}

/**
 * The environment for the interpreter: a pyenv or virtualenv PYTHONHOME/PYTHONPATH would
 * point the system interpreter at the wrong standard library, and byte-code caches
 * would litter the test tree.
 */
function pythonEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  delete env['PYTHONHOME'];
  delete env['PYTHONPATH'];
  return env;
}

/** Checks that /usr/bin/python3 exists and can `import kmip`. */
export function probePykmip(): PykmipProbe {
  const result = spawnSync(PYKMIP_PYTHON, ['-c', 'import kmip; print(kmip.__version__)'], {
    encoding: 'utf8',
    env: pythonEnv(),
    timeout: 30_000,
  });
  if (result.error !== undefined) {
    return { available: false, reason: `${PYKMIP_PYTHON} cannot run: ${result.error.message}` };
  }
  if (result.status !== 0) {
    const detail = result.stderr.trim().split('\n').at(-1) ?? '';
    return {
      available: false,
      reason: `PyKMIP is not installed for ${PYKMIP_PYTHON} (apt-get install python3-pykmip): ${detail}`,
    };
  }
  return { available: true, python: PYKMIP_PYTHON, version: result.stdout.trim() };
}

/**
 * For an interop test without PyKMIP: fails under CI (`CI=true`, where `.ci/run` installs
 * every peer), otherwise skips the test with the reason. Returns true when PyKMIP is usable.
 */
export function requirePykmip(t: TestContext, probe: PykmipProbe): boolean {
  if (probe.available) return true;
  if (process.env['CI'] === 'true') {
    throw new Error(`CI=true and PyKMIP is unavailable: ${probe.reason}`);
  }
  t.skip(probe.reason);
  return false;
}

/**
 * Runs `test/support/pykmip/<script>` under /usr/bin/python3, writes `input` as JSON to its
 * stdin (nothing when undefined) and parses its stdout as JSON.
 * Rejects when the script exits non-zero (with its stderr), times out or prints non-JSON.
 */
export function runPykmipScript(
  script: string,
  input?: unknown,
  options?: RunPykmipOptions,
): Promise<unknown> {
  if (!/^[a-z0-9_]+\.py$/.test(script)) {
    return Promise.reject(new Error(`not a helper script name: ${script}`));
  }
  const timeoutMs = options?.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(PYKMIP_PYTHON, [SCRIPT_DIR + script], {
      env: pythonEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const errText = Buffer.concat(stderr).toString('utf8').trim();
      if (code !== 0) {
        const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
        reject(new Error(`${script} failed (${how}): ${errText.slice(-2000)}`));
        return;
      }
      const text = Buffer.concat(stdout).toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch (cause) {
        reject(new Error(`${script} printed no valid JSON`, { cause }));
      }
    });
    // A script that exits without reading stdin makes the write fail with EPIPE; the
    // exit code then tells what happened, so the write error itself is not reported.
    child.stdin.on('error', () => {});
    child.stdin.end(input === undefined ? '' : JSON.stringify(input));
  });
}
