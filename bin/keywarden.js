#!/usr/bin/env node
// The `keywarden` command. In a source checkout it runs the TypeScript sources (Node >= 24
// strips types); an installed package has no src/ and runs the build in dist/, because Node
// does not strip types under node_modules (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);
await import(existsSync(source) ? source.href : built.href);
