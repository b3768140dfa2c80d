/**
 * The typed operation methods of KmipClient, each a one-line call of `run` with a prepared
 * operation (operations/*.ts); kept apart from the connection logic in kmip-client.ts.
 */
import type { KeyObject } from '../crypto/index.ts';
import type { Attribute, CryptographicParameters, QueryResponse } from '../kmip/index.ts';
import {
  addAttributeOperation,
  deleteAttributeOperation,
  getAttributeListOperation,
  getAttributesOperation,
  modifyAttributeOperation,
  setAttributeOperation,
  type AttributesResult,
} from './operations/attributes.ts';
import {
  decryptOperation,
  encryptOperation,
  macOperation,
  signatureVerifyOperation,
  signOperation,
  type DecryptOptions,
  type EncryptOptions,
  type EncryptResult,
} from './operations/crypto.ts';
import type { EnumInput } from './operations/inputs.ts';
import { planKeyObject, toKeyObject } from './operations/key-object.ts';
import { locateOperation, type LocateFilter } from './operations/locate.ts';
import {
  activateOperation,
  checkOperation,
  createKeyPairOperation,
  createOperation,
  deriveKeyOperation,
  destroyOperation,
  getOperation,
  registerOperation,
  reKeyOperation,
  revokeOperation,
  type CheckInput,
  type CreateInput,
  type CreateKeyPairInput,
  type DeriveKeyInput,
  type GetResult,
  type KeyPairIds,
  type RegisterInput,
  type RevokeInput,
} from './operations/objects.ts';
import type { PreparedOperation } from './operations/prepared.ts';
import { queryOperation } from './operations/server-info.ts';

/** Per-call options (signal, timeout). */
export interface OperationCallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** The typed KMIP operations; KmipClient supplies `run`. */
export abstract class KmipOperations {
  /** Sends one prepared operation. */
  abstract run<R>(operation: PreparedOperation<R>, options?: OperationCallOptions): Promise<R>;

  /** Create: a new symmetric key; resolves with its Unique Identifier. @example await client.create({ algorithm: 'AES', length: 256, name: 'k1' }) */
  create(input: CreateInput, options?: OperationCallOptions): Promise<string> {
    return this.run(createOperation(input), options);
  }

  /** CreateKeyPair: a new key pair. @example await client.createKeyPair({ algorithm: 'RSA', length: 2048 }) */
  createKeyPair(input: CreateKeyPairInput, options?: OperationCallOptions): Promise<KeyPairIds> {
    return this.run(createKeyPairOperation(input), options);
  }

  /** Register: stores an object; resolves with its Unique Identifier. */
  register(input: RegisterInput, options?: OperationCallOptions): Promise<string> {
    return this.run(registerOperation(input), options);
  }

  /** Get: the object and, when it has them as bytes, its key material. */
  get(
    id: string,
    options?: OperationCallOptions & { readonly keyFormat?: EnumInput },
  ): Promise<GetResult> {
    return this.run(getOperation(id, options ?? {}), options);
  }

  /**
   * Get as a Node `KeyObject`: symmetric keys and secret data as secret keys, private and
   * public keys as asymmetric ones. A key stored in a form Node cannot parse (Transparent …)
   * is fetched once more as Raw, PKCS#8 or X.509, which the server converts.
   * @throws KmipError (KW_CLIENT_KMIP) as Get does; ClientUsageError (KW_CLIENT_USAGE) for an
   *   object that is not a key, or wrapped key material; KW_CRYPTO_KEY_FORMAT for bad bytes.
   * @example
   * const key = await client.getKeyObject(publicKeyId);
   * crypto.verify('sha256', data, key, signature);
   */
  async getKeyObject(id: string, options?: OperationCallOptions): Promise<KeyObject> {
    const got = await this.get(id, options);
    const plan = planKeyObject(got);
    if (plan.ready) return toKeyObject(got, plan.kind);
    return toKeyObject(await this.get(id, { ...options, keyFormat: plan.format }), plan.kind);
  }

  /** GetAttributes: the named attributes, or all. */
  getAttributes(
    id: string,
    names?: readonly string[],
    options?: OperationCallOptions,
  ): Promise<AttributesResult> {
    return this.run(getAttributesOperation(id, names), options);
  }

  /** GetAttributeList: the attribute names an object has. */
  getAttributeList(id: string, options?: OperationCallOptions): Promise<readonly string[]> {
    return this.run(getAttributeListOperation(id), options);
  }

  /** AddAttribute. */
  addAttribute(
    id: string,
    attribute: Attribute,
    options?: OperationCallOptions,
  ): Promise<Attribute> {
    return this.run(addAttributeOperation(id, attribute), options);
  }

  /** SetAttribute (KMIP 2.0+). */
  setAttribute(id: string, attribute: Attribute, options?: OperationCallOptions): Promise<string> {
    return this.run(setAttributeOperation(id, attribute), options);
  }

  /** ModifyAttribute. */
  modifyAttribute(
    id: string,
    attribute: Attribute,
    options?: OperationCallOptions & { readonly current?: Attribute },
  ): Promise<Attribute> {
    return this.run(modifyAttributeOperation(id, attribute, options?.current), options);
  }

  /** DeleteAttribute. */
  deleteAttribute(
    id: string,
    name: string,
    options?: OperationCallOptions & { readonly index?: number; readonly current?: Attribute },
  ): Promise<string> {
    return this.run(deleteAttributeOperation(id, name, options ?? {}), options);
  }

  /** Locate: the identifiers of matching objects. @example await client.locate({ name: 'k1', state: 'Active' }) */
  locate(filter: LocateFilter = {}, options?: OperationCallOptions): Promise<string[]> {
    return this.run(locateOperation(filter), options);
  }

  /** Activate. */
  activate(id: string, options?: OperationCallOptions): Promise<string> {
    return this.run(activateOperation(id), options);
  }

  /** Revoke. */
  revoke(id: string, input?: RevokeInput, options?: OperationCallOptions): Promise<string> {
    return this.run(revokeOperation(id, input), options);
  }

  /** Destroy. */
  destroy(id: string, options?: OperationCallOptions): Promise<string> {
    return this.run(destroyOperation(id), options);
  }

  /** Check. */
  check(id: string, input?: CheckInput, options?: OperationCallOptions): Promise<string> {
    return this.run(checkOperation(id, input), options);
  }

  /** Query; default: operations and object types. */
  query(functions?: readonly EnumInput[], options?: OperationCallOptions): Promise<QueryResponse> {
    return this.run(queryOperation(functions), options);
  }

  /** Encrypt. */
  encrypt(
    id: string,
    data: Uint8Array,
    options?: OperationCallOptions & EncryptOptions,
  ): Promise<EncryptResult> {
    return this.run(encryptOperation(id, data, options ?? {}), options);
  }

  /** Decrypt. */
  decrypt(
    id: string,
    data: Uint8Array,
    options?: OperationCallOptions & DecryptOptions,
  ): Promise<Uint8Array> {
    return this.run(decryptOperation(id, data, options ?? {}), options);
  }

  /** Sign. */
  sign(
    id: string,
    data: Uint8Array,
    options?: OperationCallOptions & { readonly parameters?: CryptographicParameters },
  ): Promise<Uint8Array> {
    return this.run(signOperation(id, data, options?.parameters), options);
  }

  /** SignatureVerify: true when the signature is valid. */
  signatureVerify(
    id: string,
    data: Uint8Array,
    signature: Uint8Array,
    options?: OperationCallOptions & { readonly parameters?: CryptographicParameters },
  ): Promise<boolean> {
    return this.run(signatureVerifyOperation(id, data, signature, options?.parameters), options);
  }

  /** MAC. */
  mac(
    id: string,
    data: Uint8Array,
    options?: OperationCallOptions & { readonly parameters?: CryptographicParameters },
  ): Promise<Uint8Array> {
    return this.run(macOperation(id, data, options?.parameters), options);
  }

  /** DeriveKey: resolves with the new key's identifier. */
  deriveKey(input: DeriveKeyInput, options?: OperationCallOptions): Promise<string> {
    return this.run(deriveKeyOperation(input), options);
  }

  /** ReKey: resolves with the replacement key's identifier. */
  reKey(
    id: string,
    options?: OperationCallOptions & { readonly offsetSeconds?: number },
  ): Promise<string> {
    return this.run(reKeyOperation(id, options ?? {}), options);
  }
}
