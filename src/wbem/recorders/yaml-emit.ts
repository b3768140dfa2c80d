/**
 * A small YAML emitter for the testclient case format: block mappings and sequences, strings
 * double-quoted with JSON escapes (valid YAML 1.1 and 1.2 double-quoted scalars, so PyYAML and
 * js-yaml read them back exactly), numbers, booleans and null.
 */

/** A value the emitter can write. */
export type YamlValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue };

function scalar(value: string | number | bigint | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  // JSON escapes lone surrogates as \udXXX too, which YAML double-quoted scalars accept.
  return JSON.stringify(value);
}

function isMap(v: YamlValue): v is { readonly [key: string]: YamlValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isEmpty(v: YamlValue): boolean {
  return Array.isArray(v) ? v.length === 0 : isMap(v) && Object.keys(v).length === 0;
}

function emit(value: YamlValue, indent: string, out: string[], lead: string): void {
  if (isEmpty(value)) {
    out.push(`${lead}${Array.isArray(value) ? '[]' : '{}'}`);
  } else if (Array.isArray(value)) {
    const items = value as readonly YamlValue[];
    if (lead !== '') out.push(lead.trimEnd());
    for (const item of items) emitItem(item, indent, out);
  } else if (isMap(value)) {
    if (lead !== '') out.push(lead.trimEnd());
    for (const [k, v] of Object.entries(value))
      emit(v, `${indent}  `, out, `${indent}${scalar(k)}: `);
  } else {
    out.push(`${lead}${scalar(value as string | number | bigint | boolean | null)}`);
  }
}

function emitItem(item: YamlValue, indent: string, out: string[]): void {
  if (isMap(item) && !isEmpty(item)) {
    // "- key: value" with the other keys aligned under the first
    const entries = Object.entries(item);
    entries.forEach(([k, v], i) => {
      const lead = i === 0 ? `${indent}- ${scalar(k)}: ` : `${indent}  ${scalar(k)}: `;
      emit(v, `${indent}    `, out, lead);
    });
  } else if (Array.isArray(item) && !isEmpty(item)) {
    out.push(`${indent}-`);
    for (const sub of item as readonly YamlValue[]) emitItem(sub, `${indent}  `, out);
  } else {
    emit(item, `${indent}  `, out, `${indent}- `);
  }
}

/** The YAML text of a value (a document without the `---` marker), ending in a newline. */
export function toYaml(value: YamlValue): string {
  const out: string[] = [];
  emit(value, '', out, '');
  return out.join('\n') + '\n';
}
