import { createCipheriv } from 'node:crypto';
import { CryptoKeyLengthError } from '../errors.ts';
import { secretKeyOf } from '../secret-key.ts';

// NIST SP 800-38B §6.1 subkey doubling in GF(2^128): shift left one bit, xor Rb=0x87 on carry.
function double(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    out[i] = ((block[i] ?? 0) << 1) | ((block[i + 1] ?? 0) >>> 7);
  }
  if (((block[0] ?? 0) & 0x80) !== 0) out[15] = (out[15] ?? 0) ^ 0x87;
  return out;
}

/** AES-CMAC (NIST SP 800-38B, RFC 4493) of `data`; full 16-byte tag. */
export function aesCmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (![16, 24, 32].includes(key.length)) throw new CryptoKeyLengthError(16, key.length);
  const secret = secretKeyOf(key);
  // CBC with a zero IV over the formatted message = the CMAC chain (SP 800-38B §6.2).
  const ecb = (block: Uint8Array): Uint8Array => {
    const c = createCipheriv(`aes-${key.length * 8}-ecb`, secret, null).setAutoPadding(false);
    return new Uint8Array(c.update(block));
  };
  const k1 = double(ecb(new Uint8Array(16)));
  const k2 = double(k1);
  const blocks = Math.max(1, Math.ceil(data.length / 16));
  const complete = data.length > 0 && data.length % 16 === 0;
  const last = new Uint8Array(16);
  last.set(data.subarray((blocks - 1) * 16));
  if (!complete) last[data.length - (blocks - 1) * 16] = 0x80; // 10* padding
  const subkey = complete ? k1 : k2;
  for (let i = 0; i < 16; i++) last[i] = (last[i] ?? 0) ^ (subkey[i] ?? 0);
  const message = new Uint8Array(blocks * 16);
  message.set(data.subarray(0, (blocks - 1) * 16));
  message.set(last, (blocks - 1) * 16);
  const cbc = createCipheriv(
    `aes-${key.length * 8}-cbc`,
    secret,
    new Uint8Array(16),
  ).setAutoPadding(false);
  const out = cbc.update(message);
  return new Uint8Array(out.subarray(out.length - 16));
}
