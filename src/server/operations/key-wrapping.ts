/**
 * Get with a Key Wrapping Specification (KMIP 1.4 §2.1.5, §2.1.6, §4.11; 2.1 §2.1.5, §2.1.6,
 * §6.1.22). What is wrapped (Encoding Option, KMIP 1.1+): TTLV Encoding (the default when
 * absent) wraps the TTLV encoding of the whole Key Value structure, with the attributes the
 * specification names; No Encoding wraps the bytes of the Key Material alone and allows no
 * attributes (Encoding Option Error otherwise). Wrapping Methods: Encrypt, MAC/sign (the Key
 * Value travels as the encoded bytes, the MAC or signature in MAC/Signature),
 * Encrypt-then-MAC/sign (the MAC or signature covers the encrypted bytes). MAC/sign-then-
 * encrypt and TR-31 are Feature Not Supported. The encryption key must be Active with Wrap
 * Key in its usage mask; the MAC/signature key Active with MAC Generate (HMAC key) or Sign
 * (private key).
 */
import {
  CryptographicUsageMask,
  EncodingOption,
  ResultReason,
  Tag,
  WrappingMethod,
} from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import {
  keyValue as keyValueCodec,
  type KeyInformation,
  type KeyValue,
  type KeyWrappingData,
  type KeyWrappingSpecification,
} from '../../kmip/messages/key-block.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import { encodeTtlv } from '../../kmip/ttlv/index.ts';
import type { ManagedObjectRecord } from '../objects/index.ts';
import { featureNotSupported, invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { encryptWithKey, macOrSign } from './key-wrap-crypto.ts';
import { requireManagedKey, type ManagedKey } from './managed-key-use.ts';

/** The plaintext a wrap covers, per Encoding Option. */
function encodedKeyValue(
  value: KeyValue,
  spec: KeyWrappingSpecification,
  record: ManagedObjectRecord,
  ctx: OperationContext,
): Uint8Array {
  const names = spec.attributeNames ?? [];
  if (spec.encodingOption === EncodingOption.NoEncoding) {
    if (names.length > 0) {
      throw new KmipResultError(
        ResultReason.EncodingOptionError,
        'No Encoding wraps the key material alone: it cannot carry attributes',
      );
    }
    if (!(value.keyMaterial instanceof Uint8Array)) {
      throw new KmipResultError(
        ResultReason.EncodingOptionError,
        'No Encoding needs a Byte String Key Material; this Key Format Type is a structure',
      );
    }
    return value.keyMaterial;
  }
  if (spec.encodingOption !== undefined && spec.encodingOption !== EncodingOption.TTLVEncoding) {
    throw new KmipResultError(ResultReason.EncodingOptionError, 'unknown Encoding Option');
  }
  const attributes: Attribute[] = record.attributes
    .filter((a) => names.includes(a.name))
    .map(({ name, value: v }) => ({ name, value: v }));
  const wrapped: KeyValue = {
    keyMaterial: value.keyMaterial,
    ...(attributes.length > 0 ? { attributes } : {}),
  };
  return encodeTtlv(keyValueCodec.encode(wrapped, Tag.KeyValue, { version: ctx.version }, []));
}

function keyInformation(info: KeyInformation | undefined, what: string): KeyInformation {
  if (info === undefined) {
    throw invalidField(`this Wrapping Method needs ${what} Key Information`);
  }
  return info;
}

const encryptionKey = (ctx: OperationContext, info: KeyInformation): Promise<ManagedKey> =>
  requireManagedKey(ctx, ctx.resolveId(info.uniqueIdentifier), {
    operation: 'Get',
    usage: CryptographicUsageMask.WrapKey,
    objectTypes: ['SymmetricKey', 'PublicKey'],
    role: 'wrapping key',
    purpose: 'protect',
  });

async function macKey(ctx: OperationContext, info: KeyInformation): Promise<ManagedKey> {
  const id = ctx.resolveId(info.uniqueIdentifier);
  const probe = await ctx.objects.getForOperation(id, 'Get');
  return requireManagedKey(ctx, id, {
    operation: 'Get',
    usage:
      probe.objectType === 'PrivateKey'
        ? CryptographicUsageMask.Sign
        : CryptographicUsageMask.MACGenerate,
    objectTypes: ['SymmetricKey', 'PrivateKey'],
    role: 'MAC/signature key',
    purpose: 'protect',
  });
}

/**
 * `object` (read from `record`) with its Key Value wrapped as `spec` says.
 * @throws KmipResultError Invalid Object Type (an object without a Key Block), Key Wrap Type
 *   Not Supported (a key stored wrapped), Encoding Option Error, Feature Not Supported, Invalid
 *   Field (missing Key Information, unfit key algorithm), what `requireManagedKey` throws,
 *   Unsupported Cryptographic Parameters.
 */
export async function wrapKeyObject(
  object: ManagedObject,
  spec: KeyWrappingSpecification,
  record: ManagedObjectRecord,
  ctx: OperationContext,
): Promise<ManagedObject> {
  if (!('keyBlock' in object)) {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      `a ${object.kind} has no Key Block to wrap`,
    );
  }
  const block = object.keyBlock;
  const value = block.keyValue;
  if (value === undefined || value instanceof Uint8Array || block.keyWrappingData !== undefined) {
    throw new KmipResultError(
      ResultReason.KeyWrapTypeNotSupported,
      'the key is stored wrapped and cannot be wrapped again',
    );
  }
  const method = spec.wrappingMethod;
  if (
    method !== WrappingMethod.Encrypt &&
    method !== WrappingMethod.MACSign &&
    method !== WrappingMethod.EncryptThenMACSign
  ) {
    throw featureNotSupported(
      'Wrapping Methods supported: Encrypt, MAC/sign, Encrypt-then-MAC/sign',
    );
  }
  let bytes = encodedKeyValue(value, spec, record, ctx);
  let data: KeyWrappingData = {
    wrappingMethod: method,
    ...(spec.encodingOption === undefined ? {} : { encodingOption: spec.encodingOption }),
  };
  if (method !== WrappingMethod.MACSign) {
    const info = keyInformation(spec.encryptionKeyInformation, 'Encryption');
    const key = await encryptionKey(ctx, info);
    const result = encryptWithKey(key, info.cryptographicParameters, bytes, ctx);
    bytes = result.data;
    data = {
      ...data,
      encryptionKeyInformation: {
        uniqueIdentifier: key.id,
        cryptographicParameters: result.parameters,
      },
    };
  }
  if (method !== WrappingMethod.Encrypt) {
    const info = keyInformation(spec.macSignatureKeyInformation, 'MAC/Signature');
    const key = await macKey(ctx, info);
    data = {
      ...data,
      macSignatureKeyInformation: {
        uniqueIdentifier: key.id,
        ...(info.cryptographicParameters === undefined
          ? {}
          : { cryptographicParameters: info.cryptographicParameters }),
      },
      macSignature: macOrSign(key, info.cryptographicParameters, bytes, ctx),
    };
  }
  return {
    ...object,
    keyBlock: { ...block, keyValue: bytes, keyWrappingData: data },
  } as ManagedObject;
}
