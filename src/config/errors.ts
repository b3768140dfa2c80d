/**
 * Error classes of src/config. Each names the setting and the source it came from, so that
 * a failed start tells the operator exactly what to fix and where.
 */
import { KeywardenError } from '../errors.ts';

/** Where a setting's value came from. */
export type ConfigSource =
  | { readonly kind: 'default' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'flag'; readonly name: string };

/** Describes a source for messages: `file /etc/kw.toml`, `env KEYWARDEN_KMIP_PORT`, `flag kmip.port`. */
export function describeSource(source: ConfigSource): string {
  switch (source.kind) {
    case 'default':
      return 'default';
    case 'file':
      return `file ${source.path}`;
    case 'env':
      return `env ${source.name}`;
    case 'flag':
      return `flag ${source.name}`;
  }
}

/** A setting is invalid or unknown. */
export class ConfigError extends KeywardenError {
  readonly code = 'KW_CONFIG_INVALID';
  /** The setting as its source spells it, e.g. `kmip.port` or, in a PyKMIP file, `server.port`. */
  readonly setting: string;
  readonly source: ConfigSource;
  /** Why the value was refused, e.g. `must be an integer from 0 to 65535`. */
  readonly reason: string;

  constructor(
    setting: string,
    source: ConfigSource,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${setting} (${describeSource(source)}): ${reason}`, options);
    this.setting = setting;
    this.source = source;
    this.reason = reason;
  }
}

/** A configuration file cannot be read (an explicitly named file that does not exist, say). */
export class ConfigFileError extends KeywardenError {
  readonly code = 'KW_CONFIG_FILE';
  readonly path: string;

  constructor(path: string, options?: { cause?: unknown }) {
    super(`cannot read configuration file ${path}`, options);
    this.path = path;
  }
}

/** A configuration file is not valid TOML (or INI, for a PyKMIP server.conf). */
export class ConfigParseError extends KeywardenError {
  readonly code = 'KW_CONFIG_PARSE';
  readonly path: string;
  /** 1-based line of the fault. */
  readonly line: number;
  /** 1-based column of the fault, when known. */
  readonly column: number | undefined;

  constructor(
    path: string,
    line: number,
    column: number | undefined,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}:${line}${column === undefined ? '' : `:${column}`}: ${problem}`, options);
    this.path = path;
    this.line = line;
    this.column = column;
  }
}
