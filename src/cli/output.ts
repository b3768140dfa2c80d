/** How KMIP client commands print results: a two-column table by default, or JSON. */
import { enumValueEntry, type Attribute } from '../kmip/index.ts';
import type { CliIo } from './io.ts';

/** A JSON-safe copy: bytes as hex, bigints as decimal strings, dates as ISO text. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  }
  return value;
}

/** Prints `value` as indented JSON. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(toJsonValue(value), null, 2)}\n`);
}

/** Prints rows as aligned columns. */
export function printTable(io: CliIo, rows: readonly (readonly string[])[]): void {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  for (const row of rows) {
    const line = row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
    io.stdout.write(`${line.trimEnd()}\n`);
  }
}

// Attributes whose integer value is an enumeration, by attribute name.
const ENUM_ATTRIBUTES: Readonly<Record<string, string>> = {
  ObjectType: 'ObjectType',
  CryptographicAlgorithm: 'CryptographicAlgorithm',
  State: 'State',
  KeyFormatType: 'KeyFormatType',
  CertificateType: 'CertificateType',
};

/** One attribute value as text: enumeration names, hex bytes, ISO dates, JSON for structures. */
export function attributeText(attribute: Attribute): string {
  const { name, value } = attribute;
  const enumeration = ENUM_ATTRIBUTES[name];
  if (enumeration !== undefined && typeof value === 'number') {
    return enumValueEntry(enumeration, value)?.name ?? String(value);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (
    typeof value === 'object' &&
    value !== null &&
    'value' in value &&
    'type' in value &&
    name === 'Name'
  ) {
    return String((value as { value: unknown }).value);
  }
  return JSON.stringify(toJsonValue(value));
}

/** The name of an enumeration value, or the number. */
export function enumText(enumeration: string, value: number): string {
  return enumValueEntry(enumeration, value)?.name ?? String(value);
}
