/**
 * Renders operation results for people and scripts (the `keywarden wbem` output formats):
 * MOF, CIM-XML, JSON (the pywbem_object structure of the testclient format, so a script sees
 * the same names as in the YAML), a text table of instances, or one WBEM URI per path.
 */
import { CimInvalidValueError } from '../errors.ts';
import { isClass, isClassName, isInstance, isInstanceName } from '../objects/kinds.ts';
import { toPywbemYaml } from '../recorders/pywbem-objects.ts';

/** The output formats. */
export const OUTPUT_FORMATS = ['mof', 'xml', 'json', 'table', 'text'] as const;

/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

function mofOf(item: unknown): string {
  if (isInstanceName(item) || isClassName(item)) return `${item.toWbemUri()}\n`;
  if (isInstance(item) || isClass(item)) return item.toMof();
  const withMof = item as { toMof?: () => string } | null;
  if (withMof && typeof withMof.toMof === 'function') return withMof.toMof();
  return `${textOf(item)}\n`;
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return `{${value.map(textOf).join(', ')}}`;
  if (isInstanceName(value) || isClassName(value)) return value.toWbemUri();
  return String(value);
}

function xmlOf(item: unknown): string {
  const withXml = item as { toCimXmlString?: (o: { indent: number }) => string } | null;
  if (withXml && typeof withXml.toCimXmlString === 'function') {
    return `${withXml.toCimXmlString({ indent: 2 })}\n`;
  }
  return `${textOf(item)}\n`;
}

/** Instances as a table: one row each, one column per property (union, first-seen order). */
function tableOf(items: readonly unknown[]): string {
  const instances = items.filter(isInstance);
  if (instances.length !== items.length) return items.map((i) => `${textOf(i)}\n`).join('');
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const inst of instances) {
    for (const name of inst.properties.keys()) {
      if (!seen.has(name.toLowerCase())) {
        seen.add(name.toLowerCase());
        columns.push(name);
      }
    }
  }
  const rows = instances.map((inst) =>
    columns.map((c) => (inst.properties.has(c) ? textOf(inst.get(c)) : '')),
  );
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns), rule, ...rows.map(line)].join('\n') + '\n';
}

/**
 * The text of `items` in `format`.
 * @throws KW_WBEM_INVALID_VALUE for an unknown format
 * @example renderItems([inst], 'mof'); // 'instance of CIM_Foo {\n ... };\n'
 */
export function renderItems(items: readonly unknown[], format: OutputFormat): string {
  switch (format) {
    case 'mof':
      return items.map(mofOf).join('\n');
    case 'xml':
      return items.map(xmlOf).join('');
    case 'json':
      return `${JSON.stringify(toPywbemYaml(items), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
    case 'table':
      return tableOf(items);
    case 'text':
      return items.map((i) => `${textOf(i)}\n`).join('');
    default:
      throw new CimInvalidValueError(`unknown output format ${String(format)}`);
  }
}
