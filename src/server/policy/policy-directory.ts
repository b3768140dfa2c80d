/**
 * The policies of a policy directory, kept current as files are added, changed and removed
 * (seed 004 "Policy Files"; PyKMIP's PolicyDirectoryMonitor). `scan()` reads what changed:
 * every `*.json` file, in name order; a file that fails to parse is logged and skipped (its
 * earlier policies stay until it parses again or is removed, as PyKMIP does).
 *
 * Name collisions: the reserved names (`default`, `public`) are never taken from a file. When
 * two files define the same name, the one loaded last wins and the other definition is kept;
 * when the winner's file drops the policy or goes away, the kept one comes back (PyKMIP's
 * "policy cache"). Each name keeps a stack of definitions, newest on top.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.ts';
import { PolicyFileError } from './errors.ts';
import type { OperationPolicy } from './operation-policy.ts';
import { parsePolicyFile } from './policy-file.ts';

/** The reserved policy names (KMIP 1.4 §3.18; PyKMIP's built-in policies). */
export const RESERVED_POLICY_NAMES: ReadonlySet<string> = new Set(['default', 'public']);

/** Largest policy file read (PyKMIP's example policy is 7 KB; this leaves room for thousands of groups). */
export const MAX_POLICY_FILE_BYTES = 4 * 1024 * 1024;

/** A policy loaded from a file. */
export interface LoadedPolicy {
  readonly policy: OperationPolicy;
  readonly file: string;
}

/** What one scan changed, for logs and tests. */
export interface ScanResult {
  /** Files read (new or changed) and parsed. */
  readonly loaded: readonly string[];
  /** Files that could not be used. */
  readonly failed: readonly PolicyFileError[];
  /** Files that went away. */
  readonly removed: readonly string[];
}

// A file's identity and version: any change of these means it is read again.
function signatureOf(s: { mtimeMs: number; ctimeMs: number; size: number; ino: number }): string {
  return `${s.mtimeMs}:${s.ctimeMs}:${s.size}:${s.ino}`;
}

/** The policies of one directory. */
export class PolicyDirectory {
  readonly dir: string;
  readonly #logger: Logger;
  readonly #signatures = new Map<string, string>();
  // Policy name → definitions, the active one last.
  readonly #stacks = new Map<string, LoadedPolicy[]>();
  #scanning: Promise<ScanResult> | undefined;
  #again = false;
  #missingLogged = false;

  constructor(dir: string, logger: Logger) {
    this.dir = dir;
    this.#logger = logger;
  }

  /** The active definition of `name`, if a file defines it. */
  get(name: string): LoadedPolicy | undefined {
    return this.#stacks.get(name)?.at(-1);
  }

  /** The names defined by files, sorted. */
  names(): string[] {
    return [...this.#stacks.keys()].sort();
  }

  /** Reads what changed since the last scan. Concurrent calls share one scan plus one re-run. */
  scan(): Promise<ScanResult> {
    if (this.#scanning !== undefined) {
      this.#again = true;
      return this.#scanning;
    }
    this.#scanning = (async () => {
      try {
        let result = await this.#scanOnce();
        while (this.#again) {
          this.#again = false;
          const next = await this.#scanOnce();
          result = {
            loaded: [...result.loaded, ...next.loaded],
            failed: [...result.failed, ...next.failed],
            removed: [...result.removed, ...next.removed],
          };
        }
        return result;
      } finally {
        this.#scanning = undefined;
      }
    })();
    return this.#scanning;
  }

  async #listFiles(): Promise<string[]> {
    try {
      const names = await readdir(this.dir);
      this.#missingLogged = false;
      return names
        .filter((n) => n.endsWith('.json'))
        .sort()
        .map((n) => join(this.dir, n));
    } catch (error) {
      if (!this.#missingLogged) {
        this.#logger.error(
          { policyDir: this.dir, code: (error as NodeJS.ErrnoException).code },
          'policy directory cannot be read; only the reserved policies apply',
        );
        this.#missingLogged = true;
      }
      return [];
    }
  }

  async #scanOnce(): Promise<ScanResult> {
    const files = await this.#listFiles();
    const present = new Set(files);
    const removed: string[] = [];
    for (const file of [...this.#signatures.keys()]) {
      if (present.has(file)) continue;
      this.#signatures.delete(file);
      this.#forgetFile(file);
      removed.push(file);
      this.#logger.info({ file }, 'policy file removed');
    }
    const loaded: string[] = [];
    const failed: PolicyFileError[] = [];
    for (const file of files) {
      let signature: string;
      let size: number;
      try {
        const info = await stat(file);
        signature = signatureOf(info);
        size = info.size;
      } catch {
        continue; // removed between readdir and stat: the next scan sees it gone
      }
      if (this.#signatures.get(file) === signature) continue;
      // Recorded before parsing: a broken file is not re-read until it changes (PyKMIP too).
      this.#signatures.set(file, signature);
      let policies: Map<string, OperationPolicy>;
      try {
        if (size > MAX_POLICY_FILE_BYTES) {
          throw new PolicyFileError(file, undefined, `larger than ${MAX_POLICY_FILE_BYTES} bytes`);
        }
        policies = parsePolicyFile(await readFile(file, 'utf8'), file);
      } catch (error) {
        const failure =
          error instanceof PolicyFileError
            ? error
            : new PolicyFileError(file, undefined, 'cannot be read', { cause: error });
        failed.push(failure);
        this.#logger.error(
          { file, policy: failure.policy, code: failure.code, reason: failure.reason },
          'policy file rejected; its earlier policies, if any, stay in force',
        );
        continue;
      }
      this.#loadFile(file, policies);
      loaded.push(file);
    }
    return { loaded, failed, removed };
  }

  /** Drops `file`'s definitions; names in `redefined` are about to be pushed again (no log). */
  #forgetFile(file: string, redefined: ReadonlySet<string> = new Set()): void {
    for (const [name, stack] of [...this.#stacks]) {
      const wasActive = stack.at(-1)?.file === file;
      const kept = stack.filter((entry) => entry.file !== file);
      if (kept.length === stack.length) continue;
      if (redefined.has(name)) {
        if (kept.length === 0) this.#stacks.delete(name);
        else this.#stacks.set(name, kept);
        continue;
      }
      if (kept.length === 0) {
        this.#stacks.delete(name);
        this.#logger.info({ policy: name, file }, 'policy removed');
        continue;
      }
      this.#stacks.set(name, kept);
      const restored = kept.at(-1);
      if (wasActive && restored !== undefined) {
        this.#logger.info(
          { policy: name, file: restored.file },
          'policy restored from the file it was defined in before',
        );
      }
    }
  }

  #loadFile(file: string, policies: ReadonlyMap<string, OperationPolicy>): void {
    // Names the file no longer defines lose its definition (and may fall back to a kept one).
    const redefined = new Set([...policies.keys()].filter((n) => !RESERVED_POLICY_NAMES.has(n)));
    this.#forgetFile(file, redefined);
    const names: string[] = [];
    for (const [name, policy] of policies) {
      if (RESERVED_POLICY_NAMES.has(name)) {
        this.#logger.warn(
          { policy: name, file },
          'policy overwrites a reserved policy and is thrown out',
        );
        continue;
      }
      const stack = this.#stacks.get(name) ?? [];
      const previous = stack.at(-1);
      if (previous !== undefined) {
        this.#logger.warn(
          { policy: name, file, previousFile: previous.file },
          'policy name collision: the newly loaded policy wins; the other is kept and restored if this one goes away',
        );
      }
      stack.push({ policy, file });
      this.#stacks.set(name, stack);
      names.push(name);
    }
    this.#logger.info({ file, policies: names }, 'policy file loaded');
  }
}
