/**
 * The KMIP client settings of `keywarden kmip …` and `keywarden ciphers HOST:PORT`: flags win
 * over environment variables, which win over the chosen profile of the client config file
 * (`~/.config/keywarden/client.toml`, or KEYWARDEN_CLIENT_CONFIG), which wins over defaults.
 *
 * ```toml
 * profile = "prod"            # the default profile
 * [profiles.prod]
 * server = "kms.example:5696"
 * ca = "/etc/keywarden/ca.crt" # or verify = false / verify = "/path/to/ca-dir"
 * cert = "me.crt"
 * key = "me.key"               # relative paths: against the file's folder
 * username = "carol"           # password: KEYWARDEN_CLIENT_PASSWORD or typed at a terminal
 * ```
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { KmipClientOptions } from '../client/index.ts';
import type { ClientTlsInput, TlsVersion } from '../tls/index.ts';
import { CliInputError } from './errors.ts';
import type { CliIo } from './io.ts';

/** The connection flags every KMIP client command takes. */
export interface ClientFlags {
  readonly server?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly pfx?: string;
  readonly ca?: string;
  /** `--verify [path]` (true or a path) / `--no-verify` (false). */
  readonly verify?: boolean | string;
  readonly profile?: string;
  readonly tlsMinVersion?: string;
  readonly ciphers?: string;
  readonly timeout?: string;
  readonly kmipVersion?: string;
  /** `--username`: sends a Username and Password credential (KMIP 1.4 §2.1.2). */
  readonly username?: string;
}

interface Profile {
  server?: string;
  cert?: string;
  key?: string;
  pfx?: string;
  ca?: string;
  verify?: boolean | string;
  tlsMinVersion?: string;
  ciphers?: string[] | string;
  timeoutMs?: number;
  kmipVersion?: string;
  username?: string;
}

/** The default client config file. */
export function defaultClientConfigPath(env: CliIo['env']): string {
  const base = env['XDG_CONFIG_HOME'] ?? join(env['HOME'] ?? homedir(), '.config');
  return join(base, 'keywarden', 'client.toml');
}

function readProfile(io: CliIo, name: string | undefined): Profile {
  const explicit = io.env['KEYWARDEN_CLIENT_CONFIG'];
  const path = explicit ?? defaultClientConfigPath(io.env);
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (cause) {
    // Only a file the operator named must exist.
    if (explicit === undefined && name === undefined) return {};
    throw new CliInputError(path, 'cannot read the client configuration', { cause });
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (cause) {
    throw new CliInputError(path, 'is not valid TOML', { cause });
  }
  const profiles = (doc['profiles'] ?? {}) as Record<string, Profile>;
  const chosen = name ?? (typeof doc['profile'] === 'string' ? doc['profile'] : undefined);
  if (chosen === undefined) return {};
  const profile = profiles[chosen];
  if (profile === undefined)
    throw new CliInputError(path, `has no profile ${JSON.stringify(chosen)}`);
  // Paths in the file are relative to the file's folder.
  const folder = dirname(resolve(io.cwd, path));
  const at = (p: string | undefined) => (p === undefined ? undefined : resolve(folder, p));
  return {
    ...profile,
    ...(profile.cert !== undefined && { cert: at(profile.cert) }),
    ...(profile.key !== undefined && { key: at(profile.key) }),
    ...(profile.pfx !== undefined && { pfx: at(profile.pfx) }),
    ...(profile.ca !== undefined && { ca: at(profile.ca) }),
    ...(typeof profile.verify === 'string' && { verify: at(profile.verify) }),
  };
}

/** Splits `host:port` (`[v6]:port`), port defaulting to 5696. */
export function parseServer(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(text.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3] ?? 5696);
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new CliInputError('--server', `${JSON.stringify(text)} is not HOST[:PORT]`);
  }
  return { host, port };
}

/** Resolves flags, env vars (KEYWARDEN_SERVER, KEYWARDEN_CLIENT_CERT, KEYWARDEN_CLIENT_KEY, KEYWARDEN_CLIENT_CA, KEYWARDEN_PROFILE) and the profile; no credential. */
export function resolveClientOptions(flags: ClientFlags, io: CliIo): KmipClientOptions {
  return resolveWithProfile(flags, io).options;
}

/**
 * {@link resolveClientOptions} plus the header credential: a user name from `--username`,
 * KEYWARDEN_CLIENT_USERNAME or the profile's `username`, with the password from
 * KEYWARDEN_CLIENT_PASSWORD or typed at a terminal (never a flag: it would show in `ps`).
 * @throws CliInputError (KW_CLI_INPUT) for a user name without a password on a non-terminal.
 */
export async function resolveClientOptionsWithCredential(
  flags: ClientFlags,
  io: CliIo,
): Promise<KmipClientOptions> {
  const { options, profile } = resolveWithProfile(flags, io);
  const username = flags.username ?? io.env['KEYWARDEN_CLIENT_USERNAME'] ?? profile.username;
  if (username === undefined) return options;
  let password = io.env['KEYWARDEN_CLIENT_PASSWORD'];
  if (password === undefined) {
    if (io.promptSecret === undefined) {
      throw new CliInputError(
        '--username',
        'needs the password in KEYWARDEN_CLIENT_PASSWORD (or a terminal to type it)',
      );
    }
    password = await io.promptSecret(`Password for ${username}: `);
  }
  return { ...options, credential: { kind: 'UsernameAndPassword', username, password } };
}

function resolveWithProfile(
  flags: ClientFlags,
  io: CliIo,
): { options: KmipClientOptions; profile: Profile } {
  const env = io.env;
  const profile = readProfile(io, flags.profile ?? env['KEYWARDEN_PROFILE']);
  const path = (p: string | undefined) => (p === undefined ? undefined : resolve(io.cwd, p));
  const server = flags.server ?? env['KEYWARDEN_SERVER'] ?? profile.server ?? '127.0.0.1:5696';
  const cert = path(flags.cert ?? env['KEYWARDEN_CLIENT_CERT']) ?? profile.cert;
  const key = path(flags.key ?? env['KEYWARDEN_CLIENT_KEY']) ?? profile.key;
  const pfx = path(flags.pfx) ?? profile.pfx;
  const ca = path(flags.ca ?? env['KEYWARDEN_CLIENT_CA']) ?? profile.ca;
  const verifyFlag = typeof flags.verify === 'string' ? path(flags.verify) : flags.verify;
  const verify = verifyFlag ?? profile.verify;
  const passphrase = env['KEYWARDEN_CLIENT_KEY_PASSPHRASE'];
  const ciphers = flags.ciphers ?? profile.ciphers;
  const tls: ClientTlsInput = {
    env,
    ...(verify !== undefined && { verify }),
    ...(ca !== undefined && verify !== false && typeof verify !== 'string' && { caFile: ca }),
    ...(cert !== undefined && { certFile: cert }),
    ...(key !== undefined && { keyFile: key }),
    ...(pfx !== undefined && { pfxFile: pfx }),
    ...(passphrase !== undefined && { passphrase }),
    ...((flags.tlsMinVersion ?? profile.tlsMinVersion) !== undefined && {
      minVersion: (flags.tlsMinVersion ?? profile.tlsMinVersion) as TlsVersion,
    }),
    ...(ciphers !== undefined && {
      cipherSuites:
        typeof ciphers === 'string' ? ciphers.split(/[\s,:]+/).filter(Boolean) : ciphers,
    }),
  };
  const timeoutMs = flags.timeout !== undefined ? Number(flags.timeout) * 1000 : profile.timeoutMs;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw new CliInputError('--timeout', 'must be a positive number of seconds');
  }
  const version = flags.kmipVersion ?? profile.kmipVersion;
  const options: KmipClientOptions = {
    ...parseServer(server),
    tls,
    ...(timeoutMs !== undefined && { timeoutMs, connectTimeoutMs: timeoutMs }),
    ...(version !== undefined && { version: version as KmipClientOptions['version'] & string }),
  };
  return { options, profile };
}
