/**
 * Get with Key Format Type PKCS#12 (KMIP 1.4 §4.11 and §9.1.3.2.3, 2.1 §6.1.22): a private
 * key returned as a PFX (RFC 7292) holding the key and its certificate chain, protected by
 * the password of its PKCS#12 Password Link (pkcs12-support.ts). The chain starts at the
 * key's PKCS#12 Certificate Link (else the Certificate Link of the public key its Public Key
 * Link names) and goes up by each certificate's PKCS#12 Certificate Link, else its
 * Certificate Link (KMIP 1.4 §3.35: a certificate's parent in its chain), at most
 * {@link MAX_CHAIN} certificates, never twice the same. The PFX is written as OpenSSL 3 writes
 * one (src/crypto buildPfx). Key Value: a Byte String in KMIP 1.x (as the OASIS 1.4 test
 * cases TC-PKCS12-*-14 show it), Key Material in a Key Value structure from 2.0 on
 * (TC-PKCS12-*-20).
 */
import { KeyFormatType, LinkType } from '../../kmip/generated/registry.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import type { GetRequest } from '../../kmip/messages/payloads/get.ts';
import { invalidField } from '../pipeline/result-error.ts';
import { attributeValue, objectDestroyed, type ManagedObjectRecord } from '../objects/index.ts';
import type { OperationContext } from './context.ts';
import { convertKeyFormat } from './key-format-conversion.ts';
import { linkedIds, pkcs12Password, runPkcs12 } from './pkcs12-support.ts';
import { bytesOf, formatNotSupported } from './register-key-block.ts';

/** Most certificates put in one PFX. */
export const MAX_CHAIN = 10;

async function certificateOf(ctx: OperationContext, id: string): Promise<ManagedObjectRecord> {
  const record = await ctx.objects.getForOperation(id, 'Get');
  if (record.object === undefined) throw objectDestroyed(ctx.version, id);
  return record;
}

async function firstCertificateId(
  ctx: OperationContext,
  key: ManagedObjectRecord,
): Promise<string | undefined> {
  const [own] = linkedIds(key.attributes, LinkType.PKCS_12CertificateLink);
  if (own !== undefined) return own;
  const [publicKeyId] = linkedIds(key.attributes, LinkType.PublicKeyLink);
  if (publicKeyId === undefined) return undefined;
  const publicKey = await ctx.objects.getForOperation(publicKeyId, 'Get');
  return linkedIds(publicKey.attributes, LinkType.CertificateLink)[0];
}

/** The DER certificates of the key's chain, its own first. */
async function chainOf(ctx: OperationContext, key: ManagedObjectRecord): Promise<Uint8Array[]> {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let id = await firstCertificateId(ctx, key);
  while (id !== undefined && !seen.has(id) && chain.length < MAX_CHAIN) {
    seen.add(id);
    const record = await certificateOf(ctx, id);
    const object = record.object;
    if (object?.kind !== 'Certificate') break;
    chain.push(object.certificateValue);
    id =
      linkedIds(record.attributes, LinkType.PKCS_12CertificateLink)[0] ??
      linkedIds(record.attributes, LinkType.CertificateLink)[0];
  }
  return chain;
}

/**
 * `stored` (the private key of `record`) as a PKCS#12 object.
 * @throws KmipResultError Key Format Type Not Supported (not a private key, or a key the
 *   server holds wrapped), what {@link pkcs12Password} throws, and for the certificates Item
 *   Not Found / Permission Denied / Object Destroyed; Invalid Field with a Key Wrapping
 *   Specification or Key Compression Type.
 */
export async function exportPkcs12(
  record: ManagedObjectRecord,
  stored: ManagedObject,
  ctx: OperationContext,
  request: Pick<GetRequest, 'keyCompressionType' | 'keyWrappingSpecification'> = {},
): Promise<ManagedObject> {
  // The PFX is protected by its password; wrapping or compressing it means nothing.
  if (request.keyWrappingSpecification !== undefined || request.keyCompressionType !== undefined) {
    throw invalidField(
      'Key Format Type PKCS#12 cannot be combined with a Key Wrapping Specification or a Key Compression Type',
    );
  }
  if (stored.kind !== 'PrivateKey') {
    throw formatNotSupported(KeyFormatType.PKCS_12, `a ${stored.kind} object (private keys only)`);
  }
  const pkcs8Object = convertKeyFormat(stored, KeyFormatType.PKCS_8, ctx);
  if (pkcs8Object.kind !== 'PrivateKey') throw new Error('conversion changed the object kind');
  const value = pkcs8Object.keyBlock.keyValue;
  if (value === undefined || value instanceof Uint8Array) {
    throw formatNotSupported(KeyFormatType.PKCS_12, 'a key the server does not hold in the clear');
  }
  const privateKeyPkcs8 = bytesOf(value.keyMaterial, KeyFormatType.PKCS_8);
  const password = await pkcs12Password(ctx, record.attributes);
  const certificates = await chainOf(ctx, record);
  const name = attributeValue(record, 'PKCS_12FriendlyName');
  const pfx = runPkcs12(ctx, () =>
    ctx.crypto.buildPfx({
      privateKeyPkcs8,
      certificates,
      password,
      ...(typeof name === 'string' ? { friendlyName: name } : {}),
    }),
  );
  ctx.logger.info(
    { objectId: record.id, certificates: certificates.length },
    'private key exported as PKCS#12',
  );
  // KMIP 1.x: the Key Value as a Byte String (OASIS TC-PKCS12-1-14); 2.x: Key Material.
  const keyValue = ctx.version.startsWith('1.') ? pfx : { keyMaterial: pfx };
  return { kind: 'PrivateKey', keyBlock: { keyFormatType: KeyFormatType.PKCS_12, keyValue } };
}
