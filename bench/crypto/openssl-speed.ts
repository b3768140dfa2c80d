/**
 * The `openssl speed` baseline of the crypto-ops suite: the same primitives measured by the
 * openssl command on this machine in the same run (single process, one core): AES-256-GCM and
 * AES-256-CBC encryption at 1 KiB and 1 MiB blocks (`-evp`, `-bytes`), RSA-2048 and ECDSA P-256
 * sign/verify, Ed25519 sign/verify. Numbers are parsed from openssl's machine-readable (`-mr`)
 * output and reported as operations per second under the suite's baseline keys.
 */
import { spawn } from 'node:child_process';
import type { Baseline, BaselineReport, Measurement, MeasureOptions } from '../lib/types.ts';

function run(args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`openssl ${args.join(' ')} exited with ${code}`));
    });
  });
}

function measurement(opsPerSec: number): Measurement {
  const meanNs = 1e9 / opsPerSec;
  return {
    ops: Math.round(opsPerSec),
    samples: 1,
    batchSize: 1,
    totalNs: 1e9,
    meanNs,
    p50Ns: meanNs,
    p99Ns: meanNs,
    opsPerSec,
  };
}

// `-mr` cipher line: "+F:<n>:<name>:<bytes/s for each -bytes size>".
function cipherOpsPerSec(output: string, blockBytes: number): number | undefined {
  const line = output.split('\n').find((l) => l.startsWith('+F:'));
  const bytesPerSec = Number(line?.split(':')[3]);
  return Number.isFinite(bytesPerSec) && bytesPerSec > 0 ? bytesPerSec / blockBytes : undefined;
}

// `-mr` public-key lines (OpenSSL 3.0) end with "<signs/s>:<verifies/s>": "+F2:<n>:<bits>:…"
// (RSA), "+F4:<n>:<bits>:…" (ECDSA), "+F6:<n>:<bits>:<name>:…" (EdDSA).
function signVerify(output: string, prefix: string): { sign: number; verify: number } | undefined {
  const line = output.split('\n').find((l) => l.startsWith(prefix));
  const parts = line?.trim().split(':') ?? [];
  const sign = Number(parts.at(-2));
  const verify = Number(parts.at(-1));
  return sign > 0 && verify > 0 ? { sign, verify } : undefined;
}

/** The openssl baseline; keys it measures: `aes-256-gcm/1KiB` … `ed25519/verify`. */
export function createOpensslSpeedBaseline(): Baseline {
  return {
    name: 'openssl speed',
    async run(options: MeasureOptions, keys: readonly string[]): Promise<BaselineReport> {
      const seconds = String(Math.max(1, Math.round(options.timeBudgetMs / 1000)));
      const timeout = 120_000;
      const results: Record<string, Measurement> = {};
      try {
        const version = (await run(['version'], timeout)).trim();
        for (const cipher of ['aes-256-gcm', 'aes-256-cbc']) {
          for (const [label, bytes] of [
            ['1KiB', 1024],
            ['1MiB', 1024 * 1024],
          ] as const) {
            const key = `${cipher}/${label}`;
            if (!keys.includes(key)) continue;
            const out = await run(
              ['speed', '-mr', '-seconds', seconds, '-bytes', String(bytes), '-evp', cipher],
              timeout,
            );
            const ops = cipherOpsPerSec(out, bytes);
            if (ops !== undefined) results[key] = measurement(ops);
          }
        }
        for (const [algorithm, prefix, name] of [
          ['rsa2048', '+F2:', 'rsa-2048'],
          ['ecdsap256', '+F4:', 'p-256'],
          ['ed25519', '+F6:', 'ed25519'],
        ] as const) {
          if (!keys.some((k) => k.startsWith(`${name}/`))) continue;
          const pair = signVerify(
            await run(['speed', '-mr', '-seconds', seconds, algorithm], timeout),
            prefix,
          );
          if (pair === undefined) continue;
          results[`${name}/sign`] = measurement(pair.sign);
          results[`${name}/verify`] = measurement(pair.verify);
        }
        return {
          available: true,
          name: 'openssl speed',
          version,
          runtime: version,
          results,
          warnings: [],
        };
      } catch (error) {
        return { available: false, name: 'openssl speed', reason: (error as Error).message };
      }
    },
  };
}
