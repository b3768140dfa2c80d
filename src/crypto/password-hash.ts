/**
 * Password hashing for local users: scrypt (RFC 7914) with a random 16-byte salt, encoded as
 * `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt base64>$<hash base64>` so the cost can be raised later
 * without breaking stored hashes. Verification recomputes with the stored parameters and
 * compares in constant time.
 */
import { scrypt, timingSafeEqual } from 'node:crypto';
import { randomBytes } from './random.ts';

/** scrypt cost parameters. */
export interface ScryptCost {
  /** log2 of N (CPU/memory cost); default 15 (N = 32768, 32 MiB with r = 8). */
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt minimum (N = 2^17 is their first choice; 2^15 keeps a login under ~100 ms). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { logN: 15, r: 8, p: 1 };

const HASH_LENGTH = 32;
const FORMAT =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Uint8Array, cost: ScryptCost, length: number) {
  const N = 2 ** cost.logN;
  return new Promise<Buffer>((resolve, reject) => {
    // maxmem: scrypt needs 128·N·r bytes; Node's 32 MiB default is exactly N = 2^15, r = 8.
    scrypt(
      password.normalize('NFC'),
      salt,
      length,
      { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r },
      (err, key) => (err === null ? resolve(key) : reject(err)),
    );
  });
}

/** Hashes `password` (NFC-normalized) into the encoded form above. */
export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, cost, HASH_LENGTH);
  return `$scrypt$ln=${cost.logN},r=${cost.r},p=${cost.p}$${Buffer.from(salt).toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Whether `password` matches `encoded`. A malformed or unsupported encoding is a mismatch
 * (after the same work, so timing does not tell them apart).
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const m = FORMAT.exec(encoded);
  const cost: ScryptCost = m
    ? { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }
    : DEFAULT_SCRYPT_COST;
  const salt = Buffer.from(m?.[4] ?? '', 'base64');
  const expected = Buffer.from(m?.[5] ?? '', 'base64');
  // A stored hash shorter than ours would otherwise match a prefix of the derived key.
  const isSane =
    m !== null &&
    cost.logN >= 10 &&
    cost.logN <= 20 &&
    cost.r >= 1 &&
    cost.p >= 1 &&
    salt.length >= 16 &&
    expected.length === HASH_LENGTH;
  const actual = await derive(
    password,
    isSane ? salt : Buffer.alloc(16),
    isSane ? cost : DEFAULT_SCRYPT_COST,
    HASH_LENGTH,
  );
  return isSane && timingSafeEqual(actual, expected);
}
