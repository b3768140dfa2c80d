/**
 * `keywarden serve` with `crypto.allowLegacy`: Node 24's OpenSSL 3 serves Blowfish, CAST5,
 * IDEA, RC4 and SEED only from its legacy provider, which Node loads only when started with
 * `--openssl-legacy-provider`. When the policy allows legacy algorithms and this process lacks
 * the provider, serve replaces itself (execve: same process id, same standard streams, signals
 * reach the server directly, nothing is left behind) with Node started with that flag.
 */
import { CryptoLegacyProviderError, isLegacyProviderLoaded } from '../crypto/index.ts';
import type { CliIo } from './io.ts';

/** Set for the new image, so one that still lacks the provider fails instead of looping. */
export const LEGACY_RELAUNCH_ENV = 'KEYWARDEN_LEGACY_PROVIDER_RELAUNCH';

/** The flag that loads OpenSSL's legacy provider. */
export const LEGACY_PROVIDER_FLAG = '--openssl-legacy-provider';

/** Runs the command again with the legacy provider (never returning), or says nothing needs doing. */
export type LegacyRelaunch = (io: CliIo) => undefined;

/**
 * Re-executes this process with `--openssl-legacy-provider` unless the provider is loaded
 * (then returns undefined).
 * @throws CryptoLegacyProviderError (KW_CRYPTO_LEGACY_PROVIDER) when a re-executed process still
 *   lacks the provider, or the runtime cannot re-execute itself.
 */
export const relaunchWithLegacyProvider: LegacyRelaunch = (io) => {
  if (isLegacyProviderLoaded()) return undefined;
  if (io.env[LEGACY_RELAUNCH_ENV] === '1' || typeof process.execve !== 'function') {
    throw new CryptoLegacyProviderError();
  }
  io.stderr.write(
    `keywarden: crypto.allowLegacy is set: restarting with ${LEGACY_PROVIDER_FLAG}\n`,
  );
  const env: Record<string, string> = { [LEGACY_RELAUNCH_ENV]: '1' };
  for (const [name, value] of Object.entries(io.env)) {
    if (value !== undefined && name !== LEGACY_RELAUNCH_ENV) env[name] = value;
  }
  process.execve(
    process.execPath,
    [process.execPath, LEGACY_PROVIDER_FLAG, ...process.execArgv, ...process.argv.slice(1)],
    env,
  );
  return undefined;
};
