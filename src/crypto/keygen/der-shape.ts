/**
 * Just enough DER reading to tell key and certificate encodings apart. OpenSSL's decoders are
 * lenient: given `type: 'pkcs1'` or `'sec1'` they accept PKCS#8 too, they ignore trailing bytes,
 * and `createPublicKey` takes a PKCS#1 *private* key as a public one. Checking the outer shape
 * first means a key registered as one format really is in that format (KMIP 1.4 §2.1.3: the
 * Key Format Type describes the Key Material as sent).
 */
import { DerTag, readDer, readDerChildren, tryDer } from '../asn1/der.ts';

/**
 * Tells whether `bytes` is one SEQUENCE whose children start with the tags in `prefix`; with
 * `exact`, there are no further children.
 */
export function hasSequenceShape(
  bytes: Uint8Array,
  prefix: readonly number[],
  exact: boolean,
): boolean {
  const children = tryDer(() => readDerChildren(readDer(bytes, DerTag.Sequence)));
  if (children === undefined || children.length < prefix.length) return false;
  if (exact && children.length !== prefix.length) return false;
  return prefix.every((tag, i) => children[i]?.tag === tag);
}
