/** Public entry of src/server: the KMIP server, its request pipeline and object service. */
export {
  startKmipServer,
  type RunningKmipServer,
  type StartKmipServerOptions,
} from './kmip-server.ts';
export {
  createMessageHandler,
  encodeFramingErrorResponse,
  type MessageHandler,
  type MessageHandlerDeps,
} from './pipeline/handle-message.ts';
export {
  certificateAuthenticator,
  type AuthenticatedClient,
  type Authenticator,
  type MessageSession,
} from './pipeline/authenticate.ts';
export { KmipResultError } from './pipeline/result-error.ts';
export { SUPPORTED_VERSIONS } from './pipeline/version.ts';
export { OPERATIONS, PRODUCT, operationNames } from './operations/index.ts';
export type {
  OperationContext,
  OperationHandler,
  OperationTable,
  ServerInfo,
} from './operations/index.ts';
export { createLogger, type Logger } from './logger.ts';
export {
  startPolicyEngine,
  type AccessDecision,
  type PolicyEngine,
  type PolicyEngineOptions,
} from './policy/index.ts';
