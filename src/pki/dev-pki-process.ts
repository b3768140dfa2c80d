/**
 * ensureDevPki for a long-running server: a new development PKI is made in a short-lived
 * child process. Making certificates loads @peculiar/x509, whose modules (~15 MB resident)
 * an ES module graph can never release, and a worker thread's heap is not returned either;
 * a child process's memory is (issue #9, docs/performance.md "Idle memory"). A folder that
 * holds any of the files is handled here, as ensureDevPki does: checking a complete PKI
 * loads no X.509 library, repairing a partial one is rare.
 */
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { getCompileCacheDir } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_PKI_FILES } from './dev-pki-files.ts';
import { ensureDevPki, type DevPki, type DevPkiOptions } from './dev-pki.ts';
import { DevPkiProcessError, PkiFileError, PkiInputError, PkiKeyError } from './errors.ts';

// The child entry beside this file: .ts in a source checkout, .js in the built package.
const CHILD = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts') ? './dev-pki-child.ts' : './dev-pki-child.js',
    import.meta.url,
  ),
);

interface ChildError {
  readonly code?: string;
  readonly message?: string;
  readonly path?: string;
  readonly field?: string;
  readonly reason?: PkiKeyError['reason'];
}

async function holdsNone(dir: string): Promise<boolean> {
  for (const name of Object.values(DEV_PKI_FILES)) {
    try {
      await access(join(dir, name));
      return false;
    } catch {
      // missing: look at the next one
    }
  }
  return true;
}

/** The child's PKI error again, with its code and fields; anything else as KW_PKI_DEV_PROCESS. */
function rebuild(error: ChildError, exitCode: number): Error {
  const message = error.message ?? 'no message';
  if (error.code === 'KW_PKI_FILE' && error.path !== undefined) {
    return new PkiFileError(error.path, 'write');
  }
  if (error.code === 'KW_PKI_INVALID' && error.field !== undefined) {
    return new PkiInputError(error.field, message.slice(error.field.length + 2));
  }
  if (error.code === 'KW_PKI_KEY' && error.reason !== undefined) {
    return new PkiKeyError(error.reason, message);
  }
  return new DevPkiProcessError(exitCode, message);
}

function runChild(dir: string, options: DevPkiOptions): Promise<DevPki> {
  const { now, ...rest } = options;
  const request = JSON.stringify({
    dir,
    options: { ...rest, ...(now !== undefined && { now: now.toISOString() }) },
  });
  // The child shares this process's compile cache (bin/keywarden.js) when there is one.
  const cache = getCompileCacheDir();
  const env =
    cache === undefined ? process.env : { ...process.env, NODE_COMPILE_CACHE: dirname(cache) };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, request], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('error', (cause) => reject(new DevPkiProcessError(-1, cause.message)));
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      const exitCode = code ?? (signal === null ? -1 : 128 + constants.signals[signal]);
      let answer: { pki?: DevPki; error?: ChildError } | undefined;
      try {
        answer = JSON.parse(out) as typeof answer;
      } catch {
        answer = undefined;
      }
      if (answer?.pki !== undefined && exitCode === 0) resolve(answer.pki);
      else if (answer?.error !== undefined) reject(rebuild(answer.error, exitCode));
      else reject(new DevPkiProcessError(exitCode, err.trim().split('\n').at(-1) ?? 'no output'));
    });
  });
}

/**
 * Same contract as ensureDevPki; a folder holding none of the files gets its new PKI from a
 * child process, so this process never loads the X.509 library for it.
 * @throws as ensureDevPki; KW_PKI_DEV_PROCESS when the child fails otherwise.
 */
export async function ensureDevPkiInChildProcess(
  dir: string,
  options: DevPkiOptions = {},
): Promise<DevPki> {
  if (!(await holdsNone(dir))) return ensureDevPki(dir, options);
  return runChild(dir, options);
}
