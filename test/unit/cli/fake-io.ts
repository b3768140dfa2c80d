/** An in-memory CliIo for running `keywarden` commands inside a test. */
import { EventEmitter } from 'node:events';
import type { CliIo, ShutdownSignal } from '../../../src/cli/io.ts';

/** A CliIo whose output is collected and whose signals and exit are under the test's control. */
export interface FakeIo extends CliIo {
  stdoutText(): string;
  stderrText(): string;
  stdoutBytes(): Uint8Array;
  /** Delivers a shutdown signal to whoever listens. */
  emitSignal(signal: ShutdownSignal): void;
  /** Codes passed to `exit`, in order. */
  readonly exits: number[];
  /** How many listeners are registered for `signal`. */
  listenerCount(signal: ShutdownSignal): number;
}

function collector() {
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  return {
    write: (chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk));
      return true;
    },
    bytes: () => new Uint8Array(Buffer.concat(chunks)),
  };
}

/** Makes a fake io with `stdin` as standard input and `env` as the environment. */
export function fakeIo(
  options: {
    stdin?: string | Uint8Array;
    env?: Record<string, string>;
    cwd?: string;
    /** Standard error claims to be a terminal. */
    stderrIsTTY?: boolean;
  } = {},
): FakeIo {
  const out = collector();
  const err = collector();
  const signals = new EventEmitter();
  const exits: number[] = [];
  const stdin =
    typeof options.stdin === 'string'
      ? new TextEncoder().encode(options.stdin)
      : (options.stdin ?? new Uint8Array());
  return {
    stdout: { write: out.write },
    stderr: { write: err.write, ...(options.stderrIsTTY === true && { isTTY: true }) },
    readStdin: async () => stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    signals,
    exit: (code) => {
      exits.push(code);
    },
    stdoutText: () => new TextDecoder().decode(out.bytes()),
    stderrText: () => new TextDecoder().decode(err.bytes()),
    stdoutBytes: () => out.bytes(),
    emitSignal: (signal) => {
      signals.emit(signal);
    },
    exits,
    listenerCount: (signal) => signals.listenerCount(signal),
  };
}
