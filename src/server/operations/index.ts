/**
 * The operations table: one handler per KMIP operation the server implements. The pipeline
 * dispatches through it, and Query and Discover Versions read it. To add an operation, write
 * `<operation>.ts` beside this file and add its line here.
 */
import type { KnownOperationName } from '../../kmip/messages/payloads/index.ts';
import { addAttribute } from './add-attribute.ts';
import { deleteAttribute } from './delete-attribute.ts';
import { getAttributeList } from './get-attribute-list.ts';
import { modifyAttribute } from './modify-attribute.ts';
import { setAttribute } from './set-attribute.ts';
import { activate } from './activate.ts';
import { certify } from './certify.ts';
import { check } from './check.ts';
import type { OperationTable } from './context.ts';
import { create } from './create.ts';
import { createKeyPair } from './create-key-pair.ts';
import { createSplitKey } from './create-split-key.ts';
import { deriveKey } from './derive-key.ts';
import { destroy } from './destroy.ts';
import { discoverVersions } from './discover-versions.ts';
import { get } from './get.ts';
import { getAttributes } from './get-attributes.ts';
import { joinSplitKey } from './join-split-key.ts';
import { locate } from './locate/index.ts';
import { query } from './query.ts';
import { reKey } from './re-key.ts';
import { reKeyKeyPair } from './re-key-key-pair.ts';
import { register } from './register.ts';
import { revoke } from './revoke.ts';
import { decrypt } from './decrypt.ts';
import { encrypt } from './encrypt.ts';
import { hash } from './hash.ts';
import { mac } from './mac.ts';
import { macVerify } from './mac-verify.ts';
import { rngRetrieve } from './rng-retrieve.ts';
import { rngSeed } from './rng-seed.ts';
import { sign } from './sign.ts';
import { signatureVerify } from './signature-verify.ts';
import { interop } from './interop.ts';
import { log } from './log.ts';
import { poll } from './poll.ts';
import { cancel } from './cancel.ts';
import { adjustAttribute } from './adjust-attribute.ts';
import { setEndpointRole } from './set-endpoint-role.ts';
import { exportObject } from './export.ts';
import { importObject } from './import.ts';

/** Every operation the server implements. */
export const OPERATIONS = {
  Create: create,
  CreateKeyPair: createKeyPair,
  Register: register,
  Get: get,
  GetAttributes: getAttributes,
  Locate: locate,
  GetAttributeList: getAttributeList,
  AddAttribute: addAttribute,
  SetAttribute: setAttribute,
  ModifyAttribute: modifyAttribute,
  DeleteAttribute: deleteAttribute,
  Activate: activate,
  Revoke: revoke,
  Check: check,
  Destroy: destroy,
  DeriveKey: deriveKey,
  ReKey: reKey,
  ReKeyKeyPair: reKeyKeyPair,
  Certify: certify,
  CreateSplitKey: createSplitKey,
  JoinSplitKey: joinSplitKey,
  Query: query,
  DiscoverVersions: discoverVersions,
  Encrypt: encrypt,
  Decrypt: decrypt,
  Sign: sign,
  SignatureVerify: signatureVerify,
  MAC: mac,
  MACVerify: macVerify,
  Hash: hash,
  RNGRetrieve: rngRetrieve,
  RNGSeed: rngSeed,
  Interop: interop,
  Log: log,
  Poll: poll,
  Cancel: cancel,
  AdjustAttribute: adjustAttribute,
  SetEndpointRole: setEndpointRole,
  Export: exportObject,
  Import: importObject,
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
