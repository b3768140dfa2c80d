/**
 * Turns a nested settings object (a parsed config.toml, or the flags object) into a layer,
 * refusing unknown keys (typo protection) with a suggestion of the nearest known name.
 */
import { ConfigError, type ConfigSource } from './errors.ts';
import {
  InvalidValue,
  SECTIONS,
  SETTINGS,
  SETTINGS_BY_PATH,
  resolvePath,
  type ConfigLayer,
  type ValueForm,
} from './settings.ts';

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      row.push(
        Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** `unknown setting`, with the nearest known name when one is close. */
export function unknownSettingReason(name: string): string {
  const known = [...SETTINGS.map((s) => s.path), ...SECTIONS];
  const best = known
    .map((k) => ({ k, d: distance(name, k) }))
    .sort((x, y) => x.d - y.d)
    .find((c) => c.d <= Math.max(2, Math.floor(name.length / 4)));
  return best ? `unknown setting (did you mean ${best.k}?)` : 'unknown setting';
}

function isTable(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/**
 * Reads a nested object into a layer. `sourceOf` names the source of each setting; relative
 * paths resolve against `base`. Flags pass strings as text (as typed on a command line);
 * a file's values must have their native TOML type. `undefined` values are skipped.
 * @throws KW_CONFIG_INVALID for an unknown key, a section that is not a table, or a bad value.
 */
export function readObjectSource(
  object: Record<string, unknown>,
  options: { sourceOf: (setting: string) => ConfigSource; base: string; stringsAreText: boolean },
): ConfigLayer {
  const layer: ConfigLayer = new Map();
  const visit = (key: string, value: unknown) => {
    if (value === undefined) return;
    const def = SETTINGS_BY_PATH.get(key);
    const source = options.sourceOf(key);
    if (def === undefined) throw new ConfigError(key, source, unknownSettingReason(key));
    const form: ValueForm = options.stringsAreText && typeof value === 'string' ? 'text' : 'native';
    let parsed: unknown;
    try {
      parsed = def.parse(value, form);
    } catch (cause) {
      if (cause instanceof InvalidValue)
        throw new ConfigError(key, source, cause.message, { cause });
      throw cause;
    }
    layer.set(key, {
      value: def.isPath ? resolvePath(options.base, parsed as string) : parsed,
      source,
    });
  };
  for (const [key, value] of Object.entries(object)) {
    if (SECTIONS.includes(key)) {
      if (value === undefined) continue;
      if (!isTable(value))
        throw new ConfigError(key, options.sourceOf(key), 'must be a table of settings');
      for (const [inner, innerValue] of Object.entries(value)) visit(`${key}.${inner}`, innerValue);
    } else {
      visit(key, value);
    }
  }
  return layer;
}
