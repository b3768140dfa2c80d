/**
 * What the CLI touches of its process: output streams, standard input, environment, working
 * folder, signals and exit. Commands take it as a parameter so tests run them in-process.
 */
import { buffer } from 'node:stream/consumers';
import { promptSecret } from './prompt-secret.ts';

/** Signals `serve` shuts down on. */
export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

/** Where shutdown signals come from (the process, or a test's emitter). */
export interface SignalSource {
  on(signal: ShutdownSignal, listener: () => void): unknown;
  off(signal: ShutdownSignal, listener: () => void): unknown;
}

/** A stream the CLI writes to. */
export interface CliOutput {
  write(chunk: string | Uint8Array): unknown;
  /** True when it is a terminal (Node sets it on process.stdout/stderr). */
  readonly isTTY?: boolean;
}

/** The process as the CLI sees it. */
export interface CliIo {
  readonly stdout: CliOutput;
  /** Messages for the operator and, in `serve`, the JSON log lines. */
  readonly stderr: CliOutput;
  /** All of standard input. */
  readStdin(): Promise<Uint8Array>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder that relative paths of flags and env vars resolve against. */
  readonly cwd: string;
  readonly signals: SignalSource;
  /** Ends the process at once (a second shutdown signal). */
  exit(code: number): void;
  /** Reads a secret typed at a terminal, not echoed; absent when stdin is not a terminal. */
  readonly promptSecret?: (prompt: string) => Promise<string>;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: async () => new Uint8Array(await buffer(process.stdin)),
    env: process.env,
    cwd: process.cwd(),
    signals: process,
    exit: (code) => process.exit(code),
    ...(process.stdin.isTTY && { promptSecret }),
  };
}
