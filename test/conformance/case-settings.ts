/**
 * Server settings a few cases need beyond the replay's own (run-conformance.ts), each with the
 * reason the report prints beside the case. Such cases run on a server of their own started
 * with these settings, so no other case ever runs under a relaxed policy.
 */

/** Extra server settings for one case: environment overrides and why. */
export interface CaseSettings {
  /** `KEYWARDEN_*` environment variables (docs/configuration.md) set for the case's server. */
  readonly env: Readonly<Record<string, string>>;
  /** The setting as an operator writes it in config.toml. */
  readonly setting: string;
  /** Why the case needs it (printed in the report). */
  readonly reason: string;
}

// FIPS 186-2-era keys: the cases register a 512-bit DSA key (security strength 0 under
// SP 800-57 Table 2), which the default policy (112 bits) and the replay's 80 both refuse.
const DSA_512: CaseSettings = {
  env: { KEYWARDEN_CRYPTO_MIN_SECURITY_BITS: '0' },
  setting: 'crypto.minSecurityBits = 0',
  reason: 'the case registers a 512-bit DSA key, below the default 112-bit policy',
};

/** Case id → the settings it runs with. */
export const CASE_SETTINGS: ReadonlyMap<string, CaseSettings> = new Map([
  ['2.1/mandatory/BL-M-12-21', DSA_512],
  ['2.1/mandatory/BL-M-13-21', DSA_512],
]);

/** The note the report prints for a case run with other settings, or undefined. */
export function caseSettingsNote(id: string): string | undefined {
  const settings = CASE_SETTINGS.get(id);
  return settings === undefined
    ? undefined
    : `run with \`${settings.setting}\`: ${settings.reason}`;
}
