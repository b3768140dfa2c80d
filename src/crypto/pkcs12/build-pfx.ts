/**
 * Writes a PFX (RFC 7292) as OpenSSL 3's `pkcs12 -export` does by default: the certificates
 * in an encrypted-data content and the private key in a PKCS#8 shrouded key bag, both
 * PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC, and an HMAC-SHA256 integrity MAC, all under one
 * password. The key and its certificate share a localKeyId (the certificate's SHA-1, as
 * OpenSSL sets it) so readers pair them.
 */
import { createHash } from 'node:crypto';
import {
  Der,
  derBmpString,
  derElement,
  derInteger,
  derOctets,
  derOid,
  derSequence,
  derSet,
} from './der.ts';
import { encryptPbes2 } from './pbe.ts';
import { pfxMac } from './pfx-mac.ts';
import { PfxOid } from './pfx-oids.ts';

/** PBKDF2 and MAC iterations of a PFX Keywarden writes (OpenSSL 3's default is 2048). */
export const PKCS12_ITERATIONS = 10_000;

/** Options of {@link buildPfx}. */
export interface BuildPfxOptions {
  /** The private key as PKCS#8 PrivateKeyInfo DER. */
  readonly privateKeyPkcs8: Uint8Array;
  /** X.509 certificates (DER): the key's own first, then its chain towards the root. */
  readonly certificates: readonly Uint8Array[];
  /** The password protecting the PFX (never logged). */
  readonly password: string;
  /** friendlyName of the key and its certificate (PKCS#9), when known. */
  readonly friendlyName?: string;
  /** PBKDF2 and MAC iterations; {@link PKCS12_ITERATIONS} by default. */
  readonly iterations?: number;
}

const explicit = (inner: Uint8Array) => derElement(Der.Explicit0, inner);

function attributes(friendlyName: string | undefined, localKeyId: Uint8Array | undefined) {
  const list: Uint8Array[] = [];
  if (friendlyName !== undefined) {
    list.push(derSequence(derOid(PfxOid.friendlyName), derSet(derBmpString(friendlyName))));
  }
  if (localKeyId !== undefined) {
    list.push(derSequence(derOid(PfxOid.localKeyId), derSet(derOctets(localKeyId))));
  }
  return list.length === 0 ? [] : [derSet(...list)];
}

function safeBag(type: string, value: Uint8Array, bagAttributes: Uint8Array[]): Uint8Array {
  return derSequence(derOid(type), explicit(value), ...bagAttributes);
}

/** The DER of a PFX holding the key and certificates of `options`. */
export function buildPfx(options: BuildPfxOptions): Uint8Array {
  const iterations = options.iterations ?? PKCS12_ITERATIONS;
  const { password, friendlyName } = options;
  const [leaf] = options.certificates;
  const localKeyId =
    leaf === undefined ? undefined : new Uint8Array(createHash('sha1').update(leaf).digest());
  const certBags = options.certificates.map((der, i) =>
    safeBag(
      PfxOid.certBag,
      derSequence(derOid(PfxOid.x509Certificate), explicit(derOctets(der))),
      i === 0 ? attributes(friendlyName, localKeyId) : [],
    ),
  );
  const shrouded = encryptPbes2(options.privateKeyPkcs8, password, iterations);
  const keyBag = safeBag(
    PfxOid.pkcs8ShroudedKeyBag,
    derSequence(shrouded.algorithm, derOctets(shrouded.ciphertext)),
    attributes(friendlyName, localKeyId),
  );
  const contents: Uint8Array[] = [];
  if (certBags.length > 0) {
    const sealed = encryptPbes2(derSequence(...certBags), password, iterations);
    const encryptedData = derSequence(
      derInteger(0),
      derSequence(
        derOid(PfxOid.data),
        sealed.algorithm,
        derElement(Der.Implicit0, sealed.ciphertext),
      ),
    );
    contents.push(derSequence(derOid(PfxOid.encryptedData), explicit(encryptedData)));
  }
  contents.push(derSequence(derOid(PfxOid.data), explicit(derOctets(derSequence(keyBag)))));
  const authSafe = derSequence(...contents);
  return derSequence(
    derInteger(3),
    derSequence(derOid(PfxOid.data), explicit(derOctets(authSafe))),
    pfxMac(authSafe, password, iterations),
  );
}
