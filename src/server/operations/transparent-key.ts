/**
 * The Transparent RSA, EC and DSA key structures of a Key Material item (KMIP 1.4 §2.1.7.2–5,
 * §2.1.7.14, §2.1.7.15) read into src/crypto's Transparent forms, so Register can check them
 * and tell their algorithm and length. Other Transparent formats (DH, ECDSA/ECDH/ECMQV of
 * KMIP 1.x) are not read.
 */
import type {
  EcCurve,
  TransparentDsaPrivateKey,
  TransparentDsaPublicKey,
  TransparentEcPrivateKey,
  TransparentEcPublicKey,
  TransparentRsaPrivateKeyInput,
  TransparentRsaPublicKey,
} from '../../crypto/index.ts';
import { EC_CURVES } from '../../crypto/index.ts';
import { KeyFormatType, Tag } from '../../kmip/generated/registry.ts';
import type { KmipItem } from '../../kmip/item.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { invalidField } from '../pipeline/result-error.ts';

/** A Transparent private or public key read from its structure. */
export type TransparentKey =
  | {
      readonly isPrivate: true;
      readonly key:
        TransparentRsaPrivateKeyInput | TransparentEcPrivateKey | TransparentDsaPrivateKey;
    }
  | {
      readonly isPrivate: false;
      readonly key: TransparentRsaPublicKey | TransparentEcPublicKey | TransparentDsaPublicKey;
    };

/** The Key Format Types this file reads. */
export const TRANSPARENT_KEY_FORMATS: ReadonlySet<number> = new Set([
  KeyFormatType.TransparentRSAPrivateKey,
  KeyFormatType.TransparentRSAPublicKey,
  KeyFormatType.TransparentECPrivateKey,
  KeyFormatType.TransparentECPublicKey,
  KeyFormatType.TransparentDSAPrivateKey,
  KeyFormatType.TransparentDSAPublicKey,
]);

class Fields {
  readonly #items: readonly KmipItem[];
  readonly #structure: string;

  constructor(material: Uint8Array | KmipItem, structure: string) {
    if (material instanceof Uint8Array || material.type !== 'Structure') {
      throw invalidField(`the Key Material of a ${structure} is a structure`);
    }
    this.#items = material.value;
    this.#structure = structure;
  }

  #find(tag: number, type: KmipItem['type'], name: string, isRequired: boolean) {
    const item = this.#items.find((i) => i.tag === tag);
    if (item === undefined) {
      if (isRequired) throw invalidField(`a ${this.#structure} needs its ${name}`);
      return undefined;
    }
    if (item.type !== type) throw invalidField(`the ${name} of a ${this.#structure} is a ${type}`);
    return item;
  }

  big(tag: number, name: string): bigint {
    return this.optionalBig(tag, name, true) as bigint;
  }

  optionalBig(tag: number, name: string, isRequired = false): bigint | undefined {
    const item = this.#find(tag, 'BigInteger', name, isRequired);
    return item?.type === 'BigInteger' ? item.value : undefined;
  }

  bytes(tag: number, name: string): Uint8Array {
    const item = this.#find(tag, 'ByteString', name, true);
    return item?.type === 'ByteString' ? item.value : new Uint8Array();
  }

  curve(): EcCurve {
    const item = this.#find(Tag.RecommendedCurve, 'Enumeration', 'Recommended Curve', true);
    const name =
      item?.type === 'Enumeration'
        ? enumValueEntry('RecommendedCurve', item.value)?.name
        : undefined;
    if (name === undefined || !Object.hasOwn(EC_CURVES, name)) {
      throw invalidField(`the Recommended Curve of this ${this.#structure} is not supported`);
    }
    return name as EcCurve;
  }
}

/**
 * The Transparent key in `material` for a Transparent Key Format Type.
 * @throws KmipResultError Invalid Field when the structure lacks a field or a field has the
 *   wrong type, or names a curve src/crypto does not know.
 */
export function readTransparentKey(
  keyFormatType: number,
  material: Uint8Array | KmipItem,
): TransparentKey {
  switch (keyFormatType) {
    case KeyFormatType.TransparentRSAPrivateKey: {
      const f = new Fields(material, 'Transparent RSA Private Key');
      const optional = {
        privateExponent: f.optionalBig(Tag.PrivateExponent, 'Private Exponent'),
        publicExponent: f.optionalBig(Tag.PublicExponent, 'Public Exponent'),
        p: f.optionalBig(Tag.P, 'P'),
        q: f.optionalBig(Tag.Q, 'Q'),
        primeExponentP: f.optionalBig(Tag.PrimeExponentP, 'Prime Exponent P'),
        primeExponentQ: f.optionalBig(Tag.PrimeExponentQ, 'Prime Exponent Q'),
        crtCoefficient: f.optionalBig(Tag.CRTCoefficient, 'CRT Coefficient'),
      };
      const present = Object.fromEntries(
        Object.entries(optional).filter(([, value]) => value !== undefined),
      ) as Partial<TransparentRsaPrivateKeyInput>;
      return {
        isPrivate: true,
        key: {
          format: 'TransparentRSAPrivateKey',
          modulus: f.big(Tag.Modulus, 'Modulus'),
          ...present,
        },
      };
    }
    case KeyFormatType.TransparentRSAPublicKey: {
      const f = new Fields(material, 'Transparent RSA Public Key');
      return {
        isPrivate: false,
        key: {
          format: 'TransparentRSAPublicKey',
          modulus: f.big(Tag.Modulus, 'Modulus'),
          publicExponent: f.big(Tag.PublicExponent, 'Public Exponent'),
        },
      };
    }
    case KeyFormatType.TransparentECPrivateKey: {
      const f = new Fields(material, 'Transparent EC Private Key');
      return {
        isPrivate: true,
        key: {
          format: 'TransparentECPrivateKey',
          recommendedCurve: f.curve(),
          d: f.big(Tag.D, 'D'),
        },
      };
    }
    case KeyFormatType.TransparentECPublicKey: {
      const f = new Fields(material, 'Transparent EC Public Key');
      return {
        isPrivate: false,
        key: {
          format: 'TransparentECPublicKey',
          recommendedCurve: f.curve(),
          qString: f.bytes(Tag.QString, 'Q String'),
        },
      };
    }
    case KeyFormatType.TransparentDSAPrivateKey: {
      // KMIP 1.4 §2.1.7.2: P, Q, G and X, all required.
      const f = new Fields(material, 'Transparent DSA Private Key');
      return {
        isPrivate: true,
        key: {
          format: 'TransparentDSAPrivateKey',
          p: f.big(Tag.P, 'P'),
          q: f.big(Tag.Q, 'Q'),
          g: f.big(Tag.G, 'G'),
          x: f.big(Tag.X, 'X'),
        },
      };
    }
    case KeyFormatType.TransparentDSAPublicKey: {
      // KMIP 1.4 §2.1.7.3: P, Q, G and Y, all required.
      const f = new Fields(material, 'Transparent DSA Public Key');
      return {
        isPrivate: false,
        key: {
          format: 'TransparentDSAPublicKey',
          p: f.big(Tag.P, 'P'),
          q: f.big(Tag.Q, 'Q'),
          g: f.big(Tag.G, 'G'),
          y: f.big(Tag.Y, 'Y'),
        },
      };
    }
    default:
      throw new Error(`not a Transparent key format: ${keyFormatType}`);
  }
}
