/**
 * PyKMIP server.conf `[auth:...]` blocks (kmip/services/server/config.py keeps every section
 * starting with `auth:`; session.py enables a block only when `enabled` is exactly `True` and
 * supports only names starting with `auth:slugs`). Enabled SLUGS blocks become `auth.slugsUrls`
 * in file order and `auth.plugins = ['slugs']`: as in PyKMIP, once a plugin is enabled the
 * certificate alone no longer authenticates.
 */
import { ConfigError, type ConfigSource } from './errors.ts';
import type { IniDocument } from './ini-parser.ts';
import { InvalidValue, SETTINGS_BY_PATH, type ConfigLayer } from './settings.ts';

/** Reads the `[auth:...]` sections of `doc` into `layer`; notes for the operator go to `warnings`. */
export function readPykmipAuthBlocks(
  doc: IniDocument,
  source: ConfigSource,
  layer: ConfigLayer,
  warnings: string[],
): void {
  const urls: string[] = [];
  for (const [section, options] of doc.sections) {
    if (!section.startsWith('auth:')) continue;
    if (options.get('enabled') !== 'True') {
      warnings.push(`[${section}] ignored: the plugin is not enabled`);
      continue;
    }
    if (!section.startsWith('auth:slugs')) {
      warnings.push(`[${section}] ignored: only SLUGS plugins (auth:slugs...) are supported`);
      continue;
    }
    const url = options.get('url');
    if (url === undefined || url === '') {
      throw new ConfigError(`${section}.url`, source, 'missing (the SLUGS URL must be specified)');
    }
    urls.push(url);
  }
  if (urls.length === 0) return;
  try {
    const value = SETTINGS_BY_PATH.get('auth.slugsUrls')?.parse(urls, 'native');
    layer.set('auth.slugsUrls', { value, source });
  } catch (cause) {
    if (cause instanceof InvalidValue)
      throw new ConfigError('auth.slugsUrls', source, cause.message, { cause });
    throw cause;
  }
  layer.set('auth.plugins', { value: ['slugs'], source });
}
