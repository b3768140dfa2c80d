// The 512-bit DSA key of the OASIS KMIP 2.1 test cases BL-M-12-21 / BL-M-13-21 (FIPS 186-2
// era domain parameters), shared by the DSA tests.
import type {
  TransparentDsaPrivateKey,
  TransparentDsaPublicKey,
} from '../../../../src/crypto/index.ts';

export const BL_P =
  0xfca682ce8e12caba26efccf7110e526db078b05edecbcd1eb4a208f3ae1617ae01f35b91a47e6df63413c5e12ed0899bcd132acd50d99151bdc43ee737592e17n;
export const BL_Q = 0x962eddcc369cba8ebb260ee6b6a126d9346e38c5n;
export const BL_G =
  0x678471b27a9cf44ee91a49c5147db1a9aaf244f05a434d6486931d2d14271b9e35030b71fd73da179069b32e2935630e1c2062354d0da20a6c416e50be794ca4n;
export const BL_Y =
  0xb3cb74d988dea7160a64a4edbb7f70404fa4c08a4208c19d76357a6a9df200cce79faecb22e3419be9b01128cbd998a2d9307101705e4a952462f34728ac5fcfn;
export const BL_X = 0x095411d740d2443fa3f97d1ed9a0411bb45e7131n;

/** The BL-M-12-21 public key. */
export const BL_PUBLIC: TransparentDsaPublicKey = {
  format: 'TransparentDSAPublicKey',
  p: BL_P,
  q: BL_Q,
  g: BL_G,
  y: BL_Y,
};

/** The BL-M-13-21 private key (its public value is BL_Y). */
export const BL_PRIVATE: TransparentDsaPrivateKey = {
  format: 'TransparentDSAPrivateKey',
  p: BL_P,
  q: BL_Q,
  g: BL_G,
  x: BL_X,
};
