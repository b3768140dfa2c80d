/**
 * Domain parameters of the curves ECDSA verification over a given digest runs on (SEC 2 v2
 * §2.4.1, §2.5.1, §2.6.1, §2.7.1; FIPS 186-5 / SP 800-186 §3.2.1), keyed by OpenSSL's name
 * (what Node reports as `namedCurve`). Values as `openssl ecparam -param_enc explicit` prints them.
 */
export interface CurveParams {
  /** Field prime. */
  readonly p: bigint;
  /** Coefficient a of y² = x³ + ax + b. */
  readonly a: bigint;
  readonly b: bigint;
  readonly gx: bigint;
  readonly gy: bigint;
  /** Order of the generator. */
  readonly n: bigint;
  /** Bit length of n. */
  readonly nBits: number;
}

function curve(p: string, a: string, b: string, gx: string, gy: string, n: string): CurveParams {
  const order = BigInt(`0x${n}`);
  return {
    p: BigInt(`0x${p}`),
    a: BigInt(`0x${a}`),
    b: BigInt(`0x${b}`),
    gx: BigInt(`0x${gx}`),
    gy: BigInt(`0x${gy}`),
    n: order,
    nBits: order.toString(2).length,
  };
}

/** The curves, by OpenSSL name. */
export const CURVE_PARAMS: Readonly<Record<string, CurveParams>> = {
  prime256v1: curve(
    'ffffffff00000001000000000000000000000000ffffffffffffffffffffffff',
    'ffffffff00000001000000000000000000000000fffffffffffffffffffffffc',
    '5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b',
    '6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296',
    '4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5',
    'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  ),
  secp384r1: curve(
    'fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff',
    'fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc',
    'b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef',
    'aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7',
    '3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f',
    'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  ),
  secp521r1: curve(
    '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc',
    '0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00',
    '00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66',
    '011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650',
    '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
  ),
  secp256k1: curve(
    'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f',
    '0',
    '7',
    '79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798',
    '483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8',
    'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141',
  ),
};
