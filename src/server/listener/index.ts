/** Public entry of the KMIP listener: TLS, client authentication and TTLV framing. */
export { ConnectionClosedError, ListenerOptionsError, ListenerStartError } from './errors.ts';
export type { CloseReason } from './kmip-connection.ts';
export {
  LISTENER_DEFAULTS,
  type ConnectionInfo,
  type FramingErrorHook,
  type KmipListenerOptions,
  type KmipRequest,
  type KmipRequestHandler,
} from './listener-options.ts';
export type { ListenerStats } from './listener-stats.ts';
export {
  DEFAULT_CLOSE_GRACE_MS,
  startKmipListener,
  type KmipListener,
} from './start-kmip-listener.ts';
