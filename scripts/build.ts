/**
 * Builds the npm package's JavaScript: src/ → dist/ (JavaScript and .d.ts) with
 * tsconfig.build.json. Runs as `npm run build` and as `prepack`, so `npm pack` and
 * `npm publish` always ship a fresh build.
 *
 * Why a build at all: Node 24 strips TypeScript types, but not for files under node_modules
 * (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING), so an installed package must be JavaScript.
 * Running from the repository needs no build: the sources run as they are.
 *
 * dist/ is emptied first, so a renamed or deleted source leaves no stale module behind.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
process.exitCode = run.status ?? 1;
