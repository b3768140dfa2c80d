#!/usr/bin/env node
// The `keywarden` command. In a source checkout it runs the TypeScript sources (Node >= 24
// strips types); an installed package has no src/ and runs the build in dist/, because Node
// does not strip types under node_modules (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING).
//
// Node's compile cache keeps the type-stripped sources and their bytecode between runs: without
// it every start loads the type stripper (swc as WebAssembly, whose memory never shrinks) and
// strips 2 MB of sources again, ~30 MB of resident memory for the life of the server (issue #9).
// The cache lives in the user's own cache folder (0700), never in a shared /tmp where another
// user could plant code. NODE_DISABLE_COMPILE_CACHE=1 turns it off; NODE_COMPILE_CACHE picks
// another folder.
import { existsSync, mkdirSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { env } from 'node:process';
import { URL } from 'node:url';

if (env.NODE_COMPILE_CACHE === undefined) {
  try {
    const cacheHome = env.XDG_CACHE_HOME || join(homedir(), '.cache');
    const folder = join(cacheHome, 'keywarden', 'node-compile-cache');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    enableCompileCache(folder);
  } catch {
    // No writable cache folder: run without the cache.
  }
}

const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);
await import(existsSync(source) ? source.href : built.href);
