// docs/errors.md is the one table of every error code (STYLE: errors are a contract).
// This test fails when a code appears in src/ but not in the table, or the other way round.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function codesIn(text: string): Set<string> {
  return new Set(text.match(/\bKW_[A-Z0-9]+(?:_[A-Z0-9]+)+\b/g) ?? []);
}

describe('docs/errors.md', () => {
  const documented = codesIn(readFileSync(path.join(root, 'docs/errors.md'), 'utf8'));
  const used = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    for (const code of codesIn(readFileSync(file, 'utf8'))) used.add(code);
  }

  it('lists every error code used in src/', () => {
    const missing = [...used].filter((code) => !documented.has(code)).sort();
    assert.deepEqual(missing, []);
  });

  it('lists no code that src/ no longer uses', () => {
    const stale = [...documented].filter((code) => !used.has(code)).sort();
    assert.deepEqual(stale, []);
  });
});
