/**
 * Generates src/kmip/generated/registry.ts from data/kmip/registry.json.
 *
 *   node scripts/gen-kmip-registry.ts          write the file
 *   node scripts/gen-kmip-registry.ts --check  exit 1 if the committed file differs (CI)
 *
 * Review this script and the data, not the output. To add a tag or a value, change
 * data/kmip/registry.json (say why in data/kmip/SOURCES.md) and re-run.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataFile = path.join(root, 'data/kmip/registry.json');
const outFile = path.join(root, 'src/kmip/generated/registry.ts');

interface RawValue {
  name: string;
  specName: string;
  value: string;
  since: string;
  until: string | null;
  aliases?: string[];
  formerNames?: string[];
  deprecatedSince?: string;
}
interface RawValueSet {
  specName: string;
  tag: string;
  since: string;
  until: string | null;
  values: RawValue[];
}
interface RawTag {
  name: string;
  specName: string;
  tag: string;
  type: string | null;
  since: string;
  until: string | null;
  enumeration?: string;
  mask?: string;
  typeByVersion?: Record<string, string>;
  alternateTypes?: { types: string[] };
  deprecatedSince?: string;
  reservedSince?: string;
}
interface RawRegistry {
  tags: RawTag[];
  enumerations: Record<string, RawValueSet>;
  masks: Record<string, RawValueSet>;
}

const raw = JSON.parse(readFileSync(dataFile, 'utf8')) as RawRegistry;
const hex = (n: number, width: number): string =>
  `0x${n.toString(16).toUpperCase().padStart(width, '0')}`;
const str = (s: string): string => JSON.stringify(s);
const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

function renderTag(t: RawTag): string {
  const parts = [
    `name: ${str(t.name)}`,
    `specName: ${str(t.specName)}`,
    `tag: ${hex(Number(t.tag), 6)}`,
    `type: ${t.type === null ? 'null' : str(t.type)}`,
    `since: ${str(t.since)}`,
    `until: ${t.until === null ? 'null' : str(t.until)}`,
  ];
  if (t.enumeration) parts.push(`enumeration: ${str(t.enumeration)}`);
  if (t.mask) parts.push(`mask: ${str(t.mask)}`);
  if (t.typeByVersion) parts.push(`typeByVersion: ${JSON.stringify(t.typeByVersion)}`);
  if (t.alternateTypes) parts.push(`alternateTypes: ${JSON.stringify(t.alternateTypes.types)}`);
  if (t.deprecatedSince) parts.push(`deprecatedSince: ${str(t.deprecatedSince)}`);
  if (t.reservedSince) parts.push(`reservedSince: ${str(t.reservedSince)}`);
  return `  { ${parts.join(', ')} },`;
}

function renderValue(v: RawValue): string {
  const parts = [
    `name: ${str(v.name)}`,
    `specName: ${str(v.specName)}`,
    `value: ${hex(Number(v.value), 8)}`,
    `since: ${str(v.since)}`,
    `until: ${v.until === null ? 'null' : str(v.until)}`,
  ];
  // Former spellings (e.g. 1.x "SHA-3-256") are accepted on input like aliases.
  const aliases = [...(v.aliases ?? []), ...(v.formerNames ?? [])];
  if (aliases.length > 0) parts.push(`aliases: ${JSON.stringify(aliases)}`);
  if (v.deprecatedSince) parts.push(`deprecatedSince: ${str(v.deprecatedSince)}`);
  return `    { ${parts.join(', ')} },`;
}

function renderValueSets(
  kind: 'enumeration' | 'mask',
  sets: Record<string, RawValueSet>,
): string[] {
  const lines: string[] = [];
  for (const [name, set] of Object.entries(sets)) {
    if (!identifier.test(name)) throw new Error(`${kind} name ${name} is not an identifier`);
    lines.push(`/** ${set.specName} ${kind} (since KMIP ${set.since}). */`);
    lines.push(`export const ${name} = {`);
    for (const v of set.values) {
      if (!identifier.test(v.name)) throw new Error(`${name}.${v.name} is not an identifier`);
      lines.push(`  ${v.name}: ${hex(Number(v.value), 8)},`);
    }
    lines.push('} as const;');
    lines.push(`export type ${name} = (typeof ${name})[keyof typeof ${name}];`);
    lines.push('');
  }
  return lines;
}

function renderEntries(constName: string, sets: Record<string, RawValueSet>): string[] {
  const lines = [`export const ${constName}: Readonly<Record<string, ValueSetEntry>> = {`];
  for (const [name, set] of Object.entries(sets)) {
    lines.push(`  ${name}: {`);
    lines.push(
      `    name: ${str(name)}, specName: ${str(set.specName)}, tag: ${hex(Number(set.tag), 6)},`,
    );
    lines.push(
      `    since: ${str(set.since)}, until: ${set.until === null ? 'null' : str(set.until)},`,
    );
    lines.push('    values: [');
    for (const v of set.values) lines.push(`  ${renderValue(v)}`);
    lines.push('    ],');
    lines.push('  },');
  }
  lines.push('};');
  return lines;
}

export function generate(): string {
  const tags = [...raw.tags].sort((a, b) => Number(a.tag) - Number(b.tag));
  const out: string[] = [
    // ASCII only: V8 keeps a module's source text for lazy compilation, and one character
    // above U+00FF stores all 200 KB of it as UTF-16, twice the memory (issue #9).
    '// Generated by scripts/gen-kmip-registry.ts from registry.json - do not edit.',
    '// Source data: data/kmip/registry.json (see data/kmip/SOURCES.md).',
    "import type { TagEntry, ValueSetEntry } from '../registry-types.ts';",
    '',
    '/** Every KMIP 1.0-2.1 tag by normalized name. */',
    'export const Tag = {',
    ...tags.map((t) => `  ${t.name}: ${hex(Number(t.tag), 6)},`),
    '} as const;',
    'export type Tag = (typeof Tag)[keyof typeof Tag];',
    'export type TagName = keyof typeof Tag;',
    '',
    '/** The tag table with item types and versions, ordered by tag. */',
    'export const tagEntries: readonly TagEntry[] = [',
    ...tags.map(renderTag),
    '];',
    '',
    ...renderValueSets('enumeration', raw.enumerations),
    ...renderValueSets('mask', raw.masks),
    '/** Every enumeration with its values and versions. */',
    ...renderEntries('enumerationEntries', raw.enumerations),
    '',
    '/** Every bit mask with its bits and versions. */',
    ...renderEntries('maskEntries', raw.masks),
    '',
  ];
  return out.join('\n');
}

const generated = generate();
if (process.argv.includes('--check')) {
  const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  if (current !== generated) {
    console.error(
      'gen-kmip-registry: src/kmip/generated/registry.ts is out of date; run `npm run gen:registry`.',
    );
    process.exit(1);
  }
  console.log('gen-kmip-registry: src/kmip/generated/registry.ts is up to date');
} else {
  writeFileSync(outFile, generated);
  console.log(`gen-kmip-registry: wrote ${path.relative(root, outFile)}`);
}
