/**
 * Certify (KMIP 1.4 §4.7, 2.1 §6.1.3): an X.509 certificate, signed by the server's CA, for a
 * public key the caller owns or for a PKCS#10 certificate request (DER, or PEM), stored as a
 * new Certificate object with the attributes Register would read from it. With a request the
 * subject is the request's (its signature must verify); for a managed public key it is
 * CN = the key's first Name, else its Unique Identifier. When a public key is named (or is
 * the ID Placeholder), the certificate gets a Public Key Link to it and the key a Certificate
 * Link to the certificate; a request naming a key must carry that key. Sets the ID Placeholder.
 * Reasons: Item Not Found (2.1: Object Not Found / Object Destroyed), Permission Denied,
 * Invalid Object Type (1.x: Invalid Field) for anything but a public key, Invalid Field (a
 * request that does not parse or verify, or holds another key), Feature Not Supported (CRMF
 * and PGP requests, stored Certificate Request objects, no CA configured).
 */
import {
  CertificateRequestType,
  CertificateType,
  CryptographicAlgorithm,
  KeyFormatType,
  LinkType,
  ResultReason,
} from '../../kmip/generated/registry.ts';
import type { Certificate } from '../../kmip/messages/objects.ts';
import type { CertifyRequest, CertifyResponse } from '../../kmip/messages/payloads/certify.ts';
import { PkiInputError, readCertificateRequest, certifyPublicKey } from '../../pki/index.ts';
import { attributeValue, objectDestroyed, type ManagedObjectRecord } from '../objects/index.ts';
import { featureNotSupported, invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { clientAttributesOf } from './attribute-input.ts';
import type { OperationContext } from './context.ts';
import { convertKeyFormat } from './key-format-conversion.ts';
import { addLink, linkAttribute } from './object-links.ts';
import { registerCertificate } from './register-certificate.ts';

const equalBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

function requestDer(request: CertifyRequest): Uint8Array | undefined {
  const value = request.certificateRequestValue;
  if (value === undefined) return undefined;
  const type = request.certificateRequestType ?? CertificateRequestType.PKCS_10;
  if (type === CertificateRequestType.PKCS_10) return value;
  if (type === CertificateRequestType.PEM) {
    const text = new TextDecoder().decode(value);
    const body = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([^-]+)-----END/.exec(text)?.[1];
    if (body === undefined)
      throw invalidField('the PEM certificate request has no CERTIFICATE REQUEST block');
    return new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  }
  throw featureNotSupported('certificate requests are accepted as PKCS#10 (DER) or PEM');
}

async function publicKeyRecord(ctx: OperationContext, id: string): Promise<ManagedObjectRecord> {
  const record = await ctx.objects.getForOperation(id, 'Certify');
  if (record.object === undefined) throw objectDestroyed(ctx.version, id);
  if (record.objectType !== 'PublicKey') {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      `Certify certifies public keys; ${id} is a ${record.objectType}`,
    );
  }
  return record;
}

function spkiOf(record: ManagedObjectRecord, ctx: OperationContext): Uint8Array {
  const object = convertKeyFormat(
    record.object as NonNullable<typeof record.object>,
    KeyFormatType.X_509,
    ctx,
  );
  const value = 'keyBlock' in object ? object.keyBlock.keyValue : undefined;
  if (
    value === undefined ||
    value instanceof Uint8Array ||
    !(value.keyMaterial instanceof Uint8Array)
  ) {
    throw invalidField(`public key ${record.id} is stored wrapped`);
  }
  return value.keyMaterial;
}

function subjectName(record: ManagedObjectRecord): string {
  const name = attributeValue(record, 'Name') as { value?: unknown } | undefined;
  const text = typeof name?.value === 'string' && name.value.length <= 64 ? name.value : undefined;
  return text ?? record.id.slice(0, 64);
}

/** Certify. */
export async function certify(
  request: CertifyRequest,
  ctx: OperationContext,
): Promise<CertifyResponse> {
  if (request.certificateRequestUniqueIdentifier !== undefined) {
    throw featureNotSupported(
      'Certificate Request objects are not stored by this server; send the request value',
    );
  }
  if (ctx.certificateAuthority === undefined)
    throw featureNotSupported('no certificate authority is configured');
  const csrDer = requestDer(request);
  const keyId =
    request.uniqueIdentifier !== undefined || csrDer === undefined
      ? ctx.resolveId(request.uniqueIdentifier)
      : undefined;
  const key = keyId === undefined ? undefined : await publicKeyRecord(ctx, keyId);
  const attributes = await clientAttributesOf(request.attributes, ctx);

  let publicKey: Uint8Array;
  let subject: { dn: string } | { commonName: string };
  try {
    if (csrDer !== undefined) {
      const info = await readCertificateRequest(csrDer);
      if (key !== undefined && !equalBytes(info.publicKey, spkiOf(key, ctx))) {
        throw invalidField(`the certificate request does not hold public key ${key.id}`);
      }
      publicKey = info.publicKey;
      subject = { dn: info.subject };
    } else {
      const record = key as ManagedObjectRecord;
      publicKey = spkiOf(record, ctx);
      subject = { commonName: subjectName(record) };
    }
  } catch (error) {
    if (error instanceof PkiInputError) throw invalidField(`certificate request: ${error.message}`);
    throw error;
  }
  const ca = await ctx.certificateAuthority();
  const isRsa =
    key !== undefined &&
    attributeValue(key, 'CryptographicAlgorithm') === CryptographicAlgorithm.RSA;
  let der: Uint8Array;
  try {
    der = (await certifyPublicKey({ ...ca, publicKey, subject, isRsa, now: ctx.now() })).der;
  } catch (error) {
    if (error instanceof PkiInputError)
      throw invalidField(`the key cannot be certified: ${error.message}`);
    throw error;
  }
  const object: Certificate = {
    kind: 'Certificate',
    certificateType: CertificateType.X_509,
    certificateValue: der,
  };
  const derived = registerCertificate(object, attributes, ctx);
  const links = key === undefined ? [] : [linkAttribute(LinkType.PublicKeyLink, key.id)];
  const [record] = await ctx.objects.create([
    { object, attributes: [...attributes, ...links], serverAttributes: derived.serverAttributes },
  ]);
  if (record === undefined) throw new Error('certify stored no object');
  if (key !== undefined) await addLink(ctx, key, LinkType.CertificateLink, record.id);
  ctx.idPlaceholder.set(record.id);
  ctx.logger.info({ objectId: record.id, publicKeyId: key?.id }, 'certified key');
  return { uniqueIdentifier: record.id };
}
