/**
 * The operations table: one handler per KMIP operation the server implements. The pipeline
 * dispatches through it, and Query and Discover Versions read it. To add an operation, write
 * `<operation>.ts` beside this file and add its line here.
 *
 * Each operation's module is imported on its first request (issue #9: the ~80 modules behind
 * this table are ~330 KB of source an idle server need not hold); the table's names stay
 * static, so Query and Discover Versions list every operation without loading any.
 */
import type { KnownOperationName } from '../../kmip/messages/payloads/index.ts';
import type { OperationTable } from './context.ts';
import { lazy } from './lazy-handler.ts';

/** Every operation the server implements. */
export const OPERATIONS = {
  Create: lazy(async () => (await import('./create.ts')).create),
  CreateKeyPair: lazy(async () => (await import('./create-key-pair.ts')).createKeyPair),
  Register: lazy(async () => (await import('./register.ts')).register),
  Get: lazy(async () => (await import('./get.ts')).get),
  GetAttributes: lazy(async () => (await import('./get-attributes.ts')).getAttributes),
  Locate: lazy(async () => (await import('./locate/index.ts')).locate),
  GetAttributeList: lazy(async () => (await import('./get-attribute-list.ts')).getAttributeList),
  AddAttribute: lazy(async () => (await import('./add-attribute.ts')).addAttribute),
  SetAttribute: lazy(async () => (await import('./set-attribute.ts')).setAttribute),
  ModifyAttribute: lazy(async () => (await import('./modify-attribute.ts')).modifyAttribute),
  DeleteAttribute: lazy(async () => (await import('./delete-attribute.ts')).deleteAttribute),
  Activate: lazy(async () => (await import('./activate.ts')).activate),
  Revoke: lazy(async () => (await import('./revoke.ts')).revoke),
  Check: lazy(async () => (await import('./check.ts')).check),
  Destroy: lazy(async () => (await import('./destroy.ts')).destroy),
  DeriveKey: lazy(async () => (await import('./derive-key.ts')).deriveKey),
  ReKey: lazy(async () => (await import('./re-key.ts')).reKey),
  ReKeyKeyPair: lazy(async () => (await import('./re-key-key-pair.ts')).reKeyKeyPair),
  Certify: lazy(async () => (await import('./certify.ts')).certify),
  CreateSplitKey: lazy(async () => (await import('./create-split-key.ts')).createSplitKey),
  JoinSplitKey: lazy(async () => (await import('./join-split-key.ts')).joinSplitKey),
  Query: lazy(async () => (await import('./query.ts')).query),
  DiscoverVersions: lazy(async () => (await import('./discover-versions.ts')).discoverVersions),
  Encrypt: lazy(async () => (await import('./encrypt.ts')).encrypt),
  Decrypt: lazy(async () => (await import('./decrypt.ts')).decrypt),
  Sign: lazy(async () => (await import('./sign.ts')).sign),
  SignatureVerify: lazy(async () => (await import('./signature-verify.ts')).signatureVerify),
  MAC: lazy(async () => (await import('./mac.ts')).mac),
  MACVerify: lazy(async () => (await import('./mac-verify.ts')).macVerify),
  Hash: lazy(async () => (await import('./hash.ts')).hash),
  RNGRetrieve: lazy(async () => (await import('./rng-retrieve.ts')).rngRetrieve),
  RNGSeed: lazy(async () => (await import('./rng-seed.ts')).rngSeed),
  Interop: lazy(async () => (await import('./interop.ts')).interop),
  Log: lazy(async () => (await import('./log.ts')).log),
  Poll: lazy(async () => (await import('./poll.ts')).poll),
  Cancel: lazy(async () => (await import('./cancel.ts')).cancel),
  AdjustAttribute: lazy(async () => (await import('./adjust-attribute.ts')).adjustAttribute),
  SetEndpointRole: lazy(async () => (await import('./set-endpoint-role.ts')).setEndpointRole),
  Export: lazy(async () => (await import('./export.ts')).exportObject),
  Import: lazy(async () => (await import('./import.ts')).importObject),
} as const satisfies OperationTable;

/** The names of the operations in `table`. */
export function operationNames(table: OperationTable): KnownOperationName[] {
  return (Object.keys(table) as KnownOperationName[]).filter((name) => table[name] !== undefined);
}

export type {
  IdPlaceholder,
  OperationContext,
  OperationCrypto,
  OperationHandler,
  OperationTable,
  ServerInfo,
} from './context.ts';
export { PRODUCT } from './product.ts';
