/**
 * Hands the memory of `serve`'s start-up back to the operating system (issue #9). Loading the
 * server's modules grows V8's young generation to its 16 MB maximum and leaves garbage in the
 * old one; an idle server then allocates too little for V8 to shrink either, so ~10 MB stay
 * resident for the life of the process (docs/performance.md "Idle memory"). One memory-reducing
 * full collection (V8's "last resort" flavour: repeated mark-compacts that also shrink the
 * young generation and release freed pages) once the server is up returns them.
 *
 * Node has no API for it without `--expose-gc`: the flag, set at run time, gives the `gc`
 * function to new contexts only, so a throw-away vm context fetches it and the flag is reset;
 * the main context never sees a `gc` global.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

interface GcOptions {
  readonly type: 'major';
  readonly execution: 'sync';
  readonly flavor: 'last-resort';
}
type Gc = (options: GcOptions) => void;

/** Runs one memory-reducing full garbage collection, synchronously (~50–250 ms). */
export function releaseStartupMemory(): void {
  const options: GcOptions = { type: 'major', execution: 'sync', flavor: 'last-resort' };
  const own = (globalThis as { gc?: Gc }).gc;
  if (typeof own === 'function') {
    own(options);
    return;
  }
  setFlagsFromString('--expose-gc');
  try {
    (runInNewContext('gc') as Gc)(options);
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
