/**
 * The PKCS#12 key derivation (RFC 7292 Appendix B.2) used by the PFX integrity MAC and the
 * legacy pbeWithSHAAnd* schemes, with the BMPString password encoding of Appendix B.1.
 */
import { createHash } from 'node:crypto';

/** Diversifier ID of RFC 7292 B.3: 1 key material, 2 IV, 3 MAC key. */
export type Pkcs12KdfPurpose = 1 | 2 | 3;

/** Node hash name → [output length u, block length v] in bytes (RFC 7292 B.2). */
export const PKCS12_KDF_HASHES: Readonly<Record<string, readonly [number, number]>> = {
  sha1: [20, 64],
  sha224: [28, 64],
  sha256: [32, 64],
  sha384: [48, 128],
  sha512: [64, 128],
};

/** RFC 7292 B.1: the password as a BMPString, big-endian, with two zero bytes at the end. */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const unit = password.charCodeAt(i);
    out[2 * i] = unit >> 8;
    out[2 * i + 1] = unit & 0xff;
  }
  return out;
}

function repeatTo(source: Uint8Array, blockLength: number): Uint8Array {
  if (source.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(blockLength * Math.ceil(source.length / blockLength));
  for (let i = 0; i < out.length; i++) out[i] = source[i % source.length] as number;
  return out;
}

/** RFC 7292 B.2: `length` bytes for `purpose` from the BMP password, salt and iterations. */
export function pkcs12Kdf(options: {
  readonly hash: string;
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly purpose: Pkcs12KdfPurpose;
  readonly length: number;
}): Uint8Array {
  const sizes = PKCS12_KDF_HASHES[options.hash];
  if (sizes === undefined) throw new RangeError(`no PKCS#12 KDF with ${options.hash}`);
  const [u, v] = sizes;
  const d = new Uint8Array(v).fill(options.purpose);
  const i = new Uint8Array([...repeatTo(options.salt, v), ...repeatTo(options.password, v)]);
  const out = new Uint8Array(options.length);
  for (let produced = 0; produced < options.length; produced += u) {
    let a = createHash(options.hash).update(d).update(i).digest();
    for (let r = 1; r < options.iterations; r++) a = createHash(options.hash).update(a).digest();
    out.set(a.subarray(0, Math.min(u, options.length - produced)), produced);
    if (produced + u >= options.length) break;
    // I_j = (I_j + B + 1) mod 2^(8v), B being A repeated to v bytes.
    const b = repeatTo(a, v).subarray(0, v);
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (i[j + k] as number) + (b[k] as number) + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out;
}
