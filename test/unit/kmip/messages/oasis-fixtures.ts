/**
 * Test helper: loads the OASIS KMIP XML test cases (test/fixtures/kmip/testcases) as item
 * trees. Run-time placeholders (`$NOW`, `$DATA_0`, ...) are replaced by fixed values of the
 * right type before XML decoding; Text String placeholders (`$UNIQUE_IDENTIFIER_0`) stay.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { decodeKmipXmlDocument } from '../../../../src/kmip/xml/index.ts';

/** Root folder of the test cases. */
export const TESTCASES_DIR = new URL('../../../fixtures/kmip/testcases/', import.meta.url).pathname;

/** One test-case file. */
export interface OasisCase {
  /** Path relative to the testcases folder, e.g. `2.1/mandatory/SKLC-M-1-21.xml`. */
  readonly name: string;
  readonly version: string;
  readonly path: string;
}

/** Every XML test case of a KMIP version folder (`1.0` … `2.1`). */
export function listCases(version: string): OasisCase[] {
  const out: OasisCase[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const relPath = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), relPath);
      else if (entry.name.endsWith('.xml'))
        out.push({ name: relPath, version, path: join(dir, entry.name) });
    }
  };
  walk(join(TESTCASES_DIR, version), version);
  return out;
}

const FIXED_NOW_MS = Date.UTC(2020, 0, 2, 3, 4, 5);

function nowPlus(offset: string | undefined): string {
  const seconds = offset === undefined ? 0 : Number(offset);
  return new Date(FIXED_NOW_MS + seconds * 1000).toISOString().replace('.000Z', '+00:00');
}

function hexOf(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

/** The XML text with placeholders replaced and ovh `#` comment lines removed. */
export function substitutePlaceholders(xml: string): string {
  return xml
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/#\s*TIME\s+\d+/g, '')
    .replace(
      /type="DateTime"\s+value="\$NOW([+-]\d+)?"/g,
      (_m, offset?: string) => `type="DateTime" value="${nowPlus(offset)}"`,
    )
    .replace(
      /type="ByteString"\s+value="\$([A-Z_0-9]+)"/g,
      (_m, name: string) => `type="ByteString" value="${hexOf(name)}"`,
    );
}

/** The messages of a test case as item trees (requests and responses in file order). */
export function loadMessages(testCase: OasisCase): KmipItem[] {
  return decodeKmipXmlDocument(substitutePlaceholders(readFileSync(testCase.path, 'utf8')), {
    maxLength: 64 * 1024 * 1024,
    maxItems: 1_000_000,
  });
}
