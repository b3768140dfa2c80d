#!/usr/bin/env node
// The `keywarden` command. Runs the TypeScript sources directly (Node >= 24 strips types).
import '../src/cli/main.ts';
