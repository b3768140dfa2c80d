/**
 * Register of a Private Key in Key Format Type PKCS#12 (KMIP 1.4 §4.3 and §9.1.3.2.3, 2.1
 * §6.1.45): the PFX is opened with the password of the request's PKCS#12 Password Link
 * (pkcs12-support.ts) — its MAC verified, its bags decrypted — and what it holds is
 * registered as the OASIS cases TC-PKCS12-2-14/-20 show: the private key, stored as PKCS#8
 * (Cryptographic Algorithm and Length read from it, so Get returns it as PKCS#8 by default
 * and as PKCS#12 on request), and each X.509 certificate as a Certificate object. The key gets
 * a PKCS#12 Certificate Link to its own certificate (the one with its public key), each
 * certificate one to its issuer among them. A bag's friendlyName becomes the object's PKCS#12
 * Friendly Name unless the request states one for the key. All objects are created together
 * or not at all; the response names the private key (and sets the ID Placeholder to it).
 * Reasons: those of `pkcs12Password` and `runPkcs12`; Invalid Field when the PFX holds no
 * or several private keys, or the key contradicts stated attributes; Key Format Type Not
 * Supported for a wrapped PFX.
 */
import { CertificateType, KeyFormatType, LinkType } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { Certificate, PrivateKey } from '../../kmip/messages/objects.ts';
import type { RegisterResponse } from '../../kmip/messages/payloads/register.ts';
import type { NewManagedObject } from '../objects/index.ts';
import { invalidField } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { registeredKeyFacts, requirePolicyAllowsKey } from './key-policy.ts';
import { linkAttribute } from './object-links.ts';
import { pkcs12Password, runPkcs12 } from './pkcs12-support.ts';
import { registerAsymmetricKey } from './register-asymmetric.ts';
import { registerCertificate } from './register-certificate.ts';
import { formatNotSupported } from './register-key-block.ts';

/** Whether `object` is a private key registered in Key Format Type PKCS#12. */
export function isPkcs12PrivateKey(object: { readonly kind: string }): object is PrivateKey {
  return (
    object.kind === 'PrivateKey' &&
    (object as PrivateKey).keyBlock.keyFormatType === KeyFormatType.PKCS_12
  );
}

/** The PFX bytes: a Byte String Key Value (KMIP 1.x cases) or Byte String Key Material. */
function pfxBytes(object: PrivateKey): Uint8Array {
  const block = object.keyBlock;
  if (block.keyWrappingData !== undefined) {
    throw formatNotSupported(KeyFormatType.PKCS_12, 'a wrapped key (the PFX password protects it)');
  }
  const value = block.keyValue;
  if (value instanceof Uint8Array) return value;
  if (value !== undefined && value.keyMaterial instanceof Uint8Array) return value.keyMaterial;
  throw invalidField('the Key Material of Key Format Type PKCS_12 is a Byte String');
}

const friendlyName = (name: string | undefined): Attribute[] =>
  name === undefined ? [] : [{ name: 'PKCS_12FriendlyName', value: name }];

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && Buffer.compare(a, b) === 0;
}

/** Register of a PKCS#12 private key (see the file header). */
export async function registerPkcs12(
  object: PrivateKey,
  attributes: readonly Attribute[],
  ctx: OperationContext,
): Promise<RegisterResponse> {
  const bytes = pfxBytes(object);
  const password = await pkcs12Password(ctx, attributes);
  const pfx = runPkcs12(ctx, () =>
    ctx.crypto.parsePfx(bytes, { password, policy: ctx.cryptoPolicy }),
  );
  const [bag, another] = pfx.privateKeys;
  if (bag === undefined || another !== undefined) {
    throw invalidField(
      'a PKCS#12 object registered as a Private Key must hold exactly one private key',
    );
  }
  // An algorithm or length the PKCS#12 Key Block states must agree with the key inside.
  const { cryptographicAlgorithm, cryptographicLength } = object.keyBlock;
  const plain: PrivateKey = {
    kind: 'PrivateKey',
    keyBlock: {
      keyFormatType: KeyFormatType.PKCS_8,
      keyValue: { keyMaterial: bag.pkcs8 },
      ...(cryptographicAlgorithm === undefined ? {} : { cryptographicAlgorithm }),
      ...(cryptographicLength === undefined ? {} : { cryptographicLength }),
    },
  };
  const derived = registerAsymmetricKey(plain, attributes, ctx);
  requirePolicyAllowsKey(
    ctx,
    registeredKeyFacts(plain, derived.serverAttributes, attributes),
    'register',
  );
  const facts = new Map(derived.serverAttributes.map((a) => [a.name, a.value]));
  const algorithm = facts.get('CryptographicAlgorithm');
  const length = facts.get('CryptographicLength');
  const key: PrivateKey = {
    kind: 'PrivateKey',
    keyBlock: {
      ...plain.keyBlock,
      ...(typeof algorithm === 'number' ? { cryptographicAlgorithm: algorithm } : {}),
      ...(typeof length === 'number' ? { cryptographicLength: length } : {}),
    },
  };
  const keyId = ctx.objects.nextId();
  // The key's own certificate carries its public key; issuers are found by name.
  const spki = ctx.crypto.derivePublicKey(bag.pkcs8, 'PKCS_8', 'X_509');
  const certificates = pfx.certificates.map((entry) => {
    const certificate: Certificate = {
      kind: 'Certificate',
      certificateType: CertificateType.X_509,
      certificateValue: entry.der,
    };
    const certificateAttributes = friendlyName(entry.friendlyName);
    const registered = registerCertificate(certificate, certificateAttributes, ctx);
    const info = ctx.crypto.inspectCertificate(entry.der);
    return { id: ctx.objects.nextId(), certificate, certificateAttributes, registered, info };
  });
  const own = certificates.find((c) => sameBytes(c.info.subjectPublicKeyInfo, spki));
  const statesName = attributes.some((a) => a.name === 'PKCS_12FriendlyName');
  const keyAttributes: Attribute[] = [
    ...attributes,
    ...(statesName ? [] : friendlyName(bag.friendlyName)),
    ...(own === undefined ? [] : [linkAttribute(LinkType.PKCS_12CertificateLink, own.id)]),
  ];
  const entries: NewManagedObject[] = [
    {
      id: keyId,
      object: key,
      attributes: keyAttributes,
      serverAttributes: derived.serverAttributes,
      isClientSupplied: true,
    },
    ...certificates.map((c) => {
      const issuer = certificates.find(
        (other) =>
          other !== c &&
          !sameBytes(c.info.issuerDer, c.info.subjectDer) &&
          sameBytes(other.info.subjectDer, c.info.issuerDer),
      );
      return {
        id: c.id,
        object: c.certificate,
        attributes: [
          ...c.certificateAttributes,
          ...(issuer === undefined
            ? []
            : [linkAttribute(LinkType.PKCS_12CertificateLink, issuer.id)]),
        ],
        serverAttributes: c.registered.serverAttributes,
        isClientSupplied: true,
      };
    }),
  ];
  await ctx.objects.create(entries);
  ctx.idPlaceholder.set(keyId);
  // Kept for migrations (OpenSSL 1.x default); worth an operator's notice.
  if (pfx.schemes.includes('PBE-SHA1-3DES')) {
    ctx.logger.warn({ objectId: keyId }, 'PKCS#12 with legacy PBE-SHA1-3DES encryption accepted');
  }
  ctx.logger.info(
    { objectId: keyId, certificateIds: certificates.map((c) => c.id), schemes: pfx.schemes },
    'registered PKCS#12 private key',
  );
  return { uniqueIdentifier: keyId };
}
