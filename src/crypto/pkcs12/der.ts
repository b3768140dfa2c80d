/**
 * PKCS#12's view of the shared DER module (../asn1/der.ts): the same strict, bounded reader,
 * its failures turned into CryptoPkcs12FormatError naming the PFX `part` that broke.
 */
import {
  DerTag,
  expectDerTag,
  readDer as readDerShared,
  readDerChildren,
  readDerOid,
  readDerSmallInteger,
  type DerNode,
} from '../asn1/der.ts';
import { CryptoDerFormatError } from '../asn1/errors.ts';
import { CryptoPkcs12FormatError } from './errors.ts';

export type { DerNode };
export {
  DER_NULL,
  derBmpString,
  derElement,
  derInteger,
  derOctets,
  derOid,
  derSequence,
  derSet,
} from '../asn1/der.ts';

/** DER tag bytes used by PFX structures (RFC 7292 names for the context tags). */
export const Der = {
  ...DerTag,
  Explicit0: DerTag.ContextConstructed0,
  Implicit0: DerTag.ContextPrimitive0,
} as const;

// Runs a shared-reader step; malformed DER becomes this part's format error.
function inPart<T>(part: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CryptoDerFormatError)
      throw new CryptoPkcs12FormatError(part, error.detail);
    throw error;
  }
}

/** The single element filling `bytes` exactly, with tag `tag`. */
export const readDer = (bytes: Uint8Array, tag: number, part: string): DerNode =>
  inPart(part, () => readDerShared(bytes, tag));

/** The children of a constructed node; at most `max` of them. */
export const childrenOf = (node: DerNode, part: string, max = 64): DerNode[] =>
  inPart(part, () => readDerChildren(node, max));

/** `node` when it has tag `tag`. */
export const expectTag = (node: DerNode | undefined, tag: number, part: string): DerNode =>
  inPart(part, () => expectDerTag(node, tag));

/** A non-negative INTEGER that fits a safe JavaScript number. */
export const readSmallInteger = (node: DerNode | undefined, part: string): number =>
  inPart(part, () => readDerSmallInteger(node));

/** The dotted form of an OBJECT IDENTIFIER. */
export const readOid = (node: DerNode | undefined, part: string): string =>
  inPart(part, () => readDerOid(node));
