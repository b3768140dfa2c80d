/**
 * A handler whose module is imported on its first call (issue #9: an idle server loads no
 * operation module). Concurrent first calls share one import, and every call after it goes
 * straight to the loaded handler.
 */
import type { OperationContext } from './context.ts';

type Handler = (request: never, ctx: OperationContext) => Promise<unknown>;

/** Wraps `load` (e.g. `async () => (await import('./create.ts')).create`) as the handler it loads. */
export function lazy<H extends Handler>(load: () => Promise<H>): H {
  let loaded: H | undefined;
  let loading: Promise<H> | undefined;
  const call = async (request: never, ctx: OperationContext): Promise<unknown> => {
    if (loaded === undefined) {
      // A failed import is not cached, so a later request tries again.
      loading ??= load().then(
        (handler) => (loaded = handler),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return (await loading)(request, ctx);
    }
    return loaded(request, ctx);
  };
  return call as H;
}
