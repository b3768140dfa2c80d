/**
 * Renders a ServerConfig as a commented config.toml, written on first start so the operator
 * sees every setting: values equal to their default are shown commented out, others set.
 */
import { open } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigFileError } from './errors.ts';
import { CONFIG_FILE_NAME } from './load-config.ts';
import type { ServerConfig } from './server-config.ts';
import { SECTIONS, SETTINGS, type SettingDef } from './settings.ts';

// TOML basic strings: escape ", \ and control characters (TOML 1.0 §String); JSON's escapes
// are all valid TOML escapes, and DEL is the one control character JSON leaves raw.
function tomlString(value: string): string {
  return JSON.stringify(value).replace(/\x7f/g, '\\u007f');
}

function tomlValue(value: unknown): string {
  if (typeof value === 'string') return tomlString(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  return String(value);
}

// Shown, commented out, for settings that have no default.
const EXAMPLES: Readonly<Record<string, string>> = {
  policyDir: 'policies',
  'pki.certifyCaCert': '/etc/keywarden/issuing-ca.crt',
  'pki.certifyCaKey': '/etc/keywarden/issuing-ca.key',
};

function valueAt(config: ServerConfig, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
}

function defaultFor(def: SettingDef, dataDir: string): unknown {
  const fallback = def.fallback;
  if (fallback === undefined) return undefined;
  return 'underDataDir' in fallback ? join(dataDir, fallback.underDataDir) : fallback.value;
}

// Paths inside the file's folder are written relative to it, so the folder can move.
function displayPath(value: string, dir: string): string {
  const rel = relative(dir, value);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? value : rel.split(sep).join('/');
}

/** Renders `config` as the commented TOML of a file that will live in `dir` (default: the data folder). */
export function renderConfigToml(config: ServerConfig, dir: string = config.dataDir): string {
  const out = [
    '# Keywarden server configuration.',
    '# Precedence: defaults < this file < KEYWARDEN_* environment variables < command-line flags.',
    "# Relative paths resolve against this file's folder. Commented-out settings show their default.",
    '',
  ];
  for (const section of ['', ...SECTIONS]) {
    if (section !== '') out.push(`[${section}]`, '');
    for (const def of SETTINGS) {
      const [head = '', tail] = def.path.split('.');
      if ((tail === undefined ? '' : head) !== section) continue;
      const value = valueAt(config, def.path);
      // dataDir's default is wherever the file was found: keep it implicit when the file lives there.
      const isDefault =
        value === undefined ||
        (def.path === 'dataDir'
          ? resolve(dir) === resolve(config.dataDir)
          : JSON.stringify(value) === JSON.stringify(defaultFor(def, config.dataDir)));
      const shown = value === undefined ? (EXAMPLES[def.path] ?? '') : value;
      const text = def.isPath && typeof shown === 'string' ? displayPath(shown, dir) : shown;
      out.push(
        `# ${def.doc} Env: ${def.env}.`,
        `${isDefault ? '# ' : ''}${tail ?? head} = ${tomlValue(text)}`,
        '',
      );
    }
  }
  return out.join('\n').trimEnd() + '\n';
}

/**
 * Writes the commented config.toml for `config` (default `<dataDir>/config.toml`, mode 0600),
 * never replacing an existing file.
 * @throws KW_CONFIG_FILE when the file cannot be written.
 */
export async function writeDefaultConfigToml(
  config: ServerConfig,
  options: { readonly path?: string } = {},
): Promise<{ path: string; written: boolean; text: string }> {
  const path = resolve(options.path ?? join(config.dataDir, CONFIG_FILE_NAME));
  const text = renderConfigToml(config, dirname(path));
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return { path, written: false, text };
    throw new ConfigFileError(path, { cause });
  }
  return { path, written: true, text };
}
