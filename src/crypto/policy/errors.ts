import { KeywardenError } from '../../errors.ts';

const SWITCHES = {
  legacy: 'crypto.allowLegacy',
  weak: 'crypto.minSecurityBits',
  'not-allowed': 'crypto.allowedAlgorithms',
} as const;

/**
 * The weak-algorithm policy refuses this algorithm/key length for this use. `switchName`
 * names the configuration setting that would allow it, so an operator can decide knowingly.
 */
export class CryptoPolicyError extends KeywardenError {
  readonly code = 'KW_CRYPTO_POLICY';
  /**
   * `legacy` (algorithm needs allowLegacy), `weak` (strength below minSecurityBits) or
   * `not-allowed` (not in allowedAlgorithms).
   */
  readonly reason: 'legacy' | 'weak' | 'not-allowed';
  /** KMIP Cryptographic Algorithm name. */
  readonly algorithm: string;
  /** Key length in bits, when known. */
  readonly keyLengthBits: number | undefined;
  /** Estimated security strength in bits (NIST SP 800-57 Part 1 Table 2/3). */
  readonly securityBits: number;
  /** What the key was to be used for. */
  readonly use: string;
  /** The policy setting that would allow it. */
  readonly switchName: 'crypto.allowLegacy' | 'crypto.minSecurityBits' | 'crypto.allowedAlgorithms';

  constructor(
    reason: 'legacy' | 'weak' | 'not-allowed',
    algorithm: string,
    keyLengthBits: number | undefined,
    securityBits: number,
    use: string,
  ) {
    const switchName = SWITCHES[reason];
    super(
      reason === 'legacy'
        ? `${algorithm} is a legacy algorithm; refused for ${use} unless ${switchName} is set`
        : reason === 'not-allowed'
          ? `${algorithm} is not in ${switchName}; refused for ${use}`
          : `${algorithm} (${keyLengthBits ?? '?'} bits) gives ${securityBits}-bit security, below ${switchName}; refused for ${use}`,
    );
    this.reason = reason;
    this.algorithm = algorithm;
    this.keyLengthBits = keyLengthBits;
    this.securityBits = securityBits;
    this.use = use;
    this.switchName = switchName;
  }
}
