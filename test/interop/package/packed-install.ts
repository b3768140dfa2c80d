/**
 * Test support: `npm pack` this repository (prepack builds dist/) and `npm install` the
 * tarball into a fresh project, as a user of the published package would.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** The outcome of a child process (never rejects on a non-zero exit). */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment for child npm and node processes: npm's per-run variables of an outer
 * `npm test` (package fields, lifecycle, local prefix) are dropped so they cannot point the
 * inner npm at this repository; this Node (24) comes first on PATH for bin scripts.
 */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const computed = /^(npm_package_|npm_lifecycle_|npm_command$|npm_execpath$|npm_node_execpath$)/i;
  const prefixes = /^npm_config_(local_prefix|prefix|global_prefix)$/i;
  for (const [name, value] of Object.entries(process.env)) {
    if (computed.test(name) || prefixes.test(name) || name === 'INIT_CWD') continue;
    env[name] = value;
  }
  env['PATH'] = [dirname(process.execPath), process.env['PATH'] ?? ''].join(delimiter);
  return env;
}

/** Runs a command; `timeoutMs` kills it (then code is not 0). */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  timeoutMs = 180_000,
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: childEnv(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** What `npm pack --json` reports about the tarball. */
export interface PackInfo {
  readonly filename: string;
  readonly version: string;
  readonly files: readonly { readonly path: string }[];
}

/** Packs the repository into `dir` (running prepack, i.e. the build). */
export async function packRepo(dir: string): Promise<PackInfo & { readonly tarball: string }> {
  const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], REPO);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  // prepack's output goes to stdout before the JSON array
  const json = packed.stdout.slice(packed.stdout.indexOf('\n[') + 1);
  const [info] = JSON.parse(json) as PackInfo[];
  if (info === undefined) throw new Error('npm pack reported no tarball');
  return { ...info, tarball: join(dir, info.filename) };
}

/**
 * Makes `dir` an ESM project and installs the tarball there. Dependencies come from the npm
 * cache where it has them (`--prefer-offline`), from the registry otherwise.
 */
export async function installTarball(dir: string, tarball: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const manifest = { name: 'keywarden-consumer', private: true, type: 'module' };
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
  const installed = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball],
    dir,
  );
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.stderr}`);
}
