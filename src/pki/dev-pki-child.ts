/**
 * Entry of the child process of ensureDevPkiInChildProcess (dev-pki-process.ts): makes a new
 * development PKI in the folder named by argv[2] (JSON `{ dir, options }`, `now` as ISO text)
 * and writes one JSON line to stdout: `{ "pki": DevPki }`, or `{ "error": {...} }` with the
 * code and fields of a PKI error. Messages name files and fields only, never key material.
 */
import { createDevPki, type DevPkiOptions } from './dev-pki.ts';

interface ChildRequest {
  readonly dir: string;
  readonly options: Omit<DevPkiOptions, 'now'> & { readonly now?: string };
}

const request = JSON.parse(process.argv[2] ?? '{}') as ChildRequest;
const { now, ...rest } = request.options;
try {
  const pki = await createDevPki(request.dir, {
    ...rest,
    ...(now !== undefined && { now: new Date(now) }),
  });
  process.stdout.write(`${JSON.stringify({ pki })}\n`);
} catch (error) {
  const { code, message, path, field, reason } = error as Record<string, unknown>;
  process.stdout.write(`${JSON.stringify({ error: { code, message, path, field, reason } })}\n`);
}
