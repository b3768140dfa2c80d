/**
 * Redaction for logs: everything that can be key material or a secret is replaced before a
 * payload leaves the process. Byte strings are never logged (key material, plaintext,
 * ciphertext, IVs alike: a log is the wrong place for any of them), nor big integers
 * (transparent key components), nor fields named like secrets.
 */

const SECRET_FIELD = /password|passphrase|secret|keymaterial|credentialvalue|ticketvalue/i;

/** A JSON-safe copy of `value` with secrets replaced by `[redacted …]` markers. */
export function redact(value: unknown, key = ''): unknown {
  if (value instanceof Uint8Array) return `[redacted ${value.length} bytes]`;
  if (typeof value === 'bigint') return '[redacted big integer]';
  if (SECRET_FIELD.test(key) && value !== undefined) return '[redacted]';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((entry) => redact(entry, key));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(value)) out[name] = redact(inner, name);
    return out;
  }
  return value;
}
