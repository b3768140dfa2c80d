/**
 * Censoring of secret-looking fields in log lines. pino's own `redact` option runs its path
 * matcher (every wildcard path, parsed again on each call) over every field of every line and
 * every child binding: about 150 µs per request line on the server's hot path (issue #9). This
 * walk visits each value once, copies only the objects that hold a secret field and leaves the
 * caller's objects untouched.
 */

/** Nesting levels searched below the top (pino's `*.*.*.field` reached 4 levels in all). */
const MAX_DEPTH = 8;

/**
 * `value` with every field named in `fields` (at any level up to {@link MAX_DEPTH}, arrays
 * included) replaced by `censor`; the same reference when nothing needed censoring. Errors
 * holding a secret field become their serialized form (`serializeError`), censored.
 */
export function censorFields(
  value: unknown,
  fields: ReadonlySet<string>,
  censor: string,
  serializeError: (error: Error) => unknown,
): unknown {
  const walk = (current: unknown, depth: number): unknown => {
    if (typeof current !== 'object' || current === null || depth > MAX_DEPTH) return current;
    if (ArrayBuffer.isView(current) || current instanceof Date) return current;
    if (Array.isArray(current)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < current.length; i++) {
        const item: unknown = current[i];
        const censored = walk(item, depth + 1);
        if (censored !== item) (copy ??= current.slice())[i] = censored;
      }
      return copy ?? current;
    }
    let copy: Record<string, unknown> | undefined;
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      const censored = fields.has(key) && item !== undefined ? censor : walk(item, depth + 1);
      if (censored !== item) (copy ??= { ...record })[key] = censored;
    }
    if (copy === undefined) return current;
    // Spreading an Error would drop its message and stack; keep them, censored.
    return current instanceof Error ? walk(serializeError(current), depth) : copy;
  };
  return walk(value, 0);
}

/** A test for a serialized JSON object text that may name one of `fields` as a key. */
export function mayNameField(fields: Iterable<string>): (json: string) => boolean {
  const escaped = [...fields].map((field) => field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`"(?:${escaped.join('|')})":`);
  return (json) => pattern.test(json);
}
