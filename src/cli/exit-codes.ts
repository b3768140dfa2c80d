/**
 * Exit codes of `keywarden` (docs/cli.md) and how an error becomes one line on stderr. A
 * stack trace is for developers: it is printed only with --debug or KEYWARDEN_DEBUG=1.
 */
import { inspect } from 'node:util';
import { KmipError } from '../client/errors.ts';
// The registry module itself: the kmip index would also load the XML and JSON codecs (issue #9).
import { ResultReason } from '../kmip/generated/registry.ts';
import { ConfigError, type ConfigSource } from '../config/index.ts';
import { KeywardenError } from '../errors.ts';
import { flagForSetting } from './server-flags.ts';

/** The documented exit codes. */
export const EXIT_CODES = {
  ok: 0,
  /** Anything that went wrong at run time: a port in use, an unreadable key, a bug. */
  failure: 1,
  /** The command line, the configuration or a command's input is invalid. */
  usage: 2,
  /** KMIP client commands: the server cannot be reached, TLS failed, or its answer is garbled. */
  connection: 3,
  /**
   * KMIP client commands: a certificate check failed, the server refused our certificate, or
   * it answered Authentication Not Successful (a refused credential).
   */
  auth: 4,
} as const;

/** Exit code after a second shutdown signal: 128 + the signal number, as shells report it. */
export const FORCED_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

// Codes whose cause is what the operator typed or fed in, not a run-time failure.
const USAGE_CODE = /^KW_(CONFIG|CLI|TTLV|KMIP_XML|KMIP_JSON)_/;

// KMIP client failures (src/client, src/tls connect and verify): docs/cli.md, exit codes.
const CLIENT_EXIT_CODES: Readonly<Record<string, number>> = {
  KW_CLIENT_KMIP: EXIT_CODES.failure,
  KW_CLIENT_USAGE: EXIT_CODES.usage,
  KW_CLIENT_CONNECTION: EXIT_CODES.connection,
  KW_CLIENT_TIMEOUT: EXIT_CODES.connection,
  KW_CLIENT_PROTOCOL: EXIT_CODES.connection,
  KW_TLS_CONNECT: EXIT_CODES.connection,
  KW_CLIENT_AUTH: EXIT_CODES.auth,
  KW_TLS_VERIFY: EXIT_CODES.auth,
};

/** The exit code for an error that ended a command. */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof KeywardenError)) return EXIT_CODES.failure;
  // The server refused who we are (KMIP 1.4 §2.1.2 credential, or no identity it accepts).
  if (error instanceof KmipError && error.resultReason === ResultReason.AuthenticationNotSuccessful)
    return EXIT_CODES.auth;
  const clientCode = CLIENT_EXIT_CODES[error.code];
  if (clientCode !== undefined) return clientCode;
  return USAGE_CODE.test(error.code) ? EXIT_CODES.usage : EXIT_CODES.failure;
}

function describeConfigSource(source: ConfigSource, setting: string): string {
  switch (source.kind) {
    case 'flag':
      return `flag ${flagForSetting(setting) ?? setting}`;
    case 'env':
      return `env ${source.name}`;
    case 'file':
      return `file ${source.path}`;
    case 'default':
      return 'default';
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * The line printed for an error: `keywarden: <code>: <message>` for our errors, naming the
 * setting, its source and the reason for a configuration error; a generic line otherwise.
 * With `debug`, the full error (stack and causes) follows.
 */
export function formatError(error: unknown, options: { readonly debug: boolean }): string {
  let line: string;
  if (error instanceof ConfigError) {
    const source = describeConfigSource(error.source, error.setting);
    line = `${error.code}: invalid setting ${error.setting} (${source}): ${error.reason}`;
  } else if (error instanceof KeywardenError) {
    line = `${error.code}: ${error.message}`;
  } else if (error instanceof Error) {
    line = `unexpected error: ${error.name}: ${error.message}`;
  } else {
    line = `unexpected error: ${String(error)}`;
  }
  if (options.debug) return `keywarden: ${oneLine(line)}\n${inspect(error, { depth: 8 })}\n`;
  const hint =
    error instanceof KeywardenError ? '' : ' (--debug or KEYWARDEN_DEBUG=1 shows the stack)';
  return `keywarden: ${oneLine(line)}${hint}\n`;
}

/** Whether debug output is on: `--debug` given, or KEYWARDEN_DEBUG set to 1/true. */
export function isDebug(flag: unknown, env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env['KEYWARDEN_DEBUG']?.trim().toLowerCase();
  return flag === true || value === '1' || value === 'true';
}
