// PKCS#12 (PFX, RFC 7292): the Key Format Type PKCS#12 of KMIP 1.4 §9.1.3.2.3 (issue #6).
export {
  CryptoPkcs12FormatError,
  CryptoPkcs12IntegrityError,
  CryptoPkcs12UnsupportedError,
} from './errors.ts';
export { buildPfx, PKCS12_ITERATIONS, type BuildPfxOptions } from './build-pfx.ts';
export {
  MAX_PFX_BYTES,
  parsePfx,
  type ParsedPfx,
  type ParsePfxOptions,
  type Pkcs12BagAttributes,
  type Pkcs12Certificate,
  type Pkcs12PrivateKey,
} from './parse-pfx.ts';
export { MAX_PKCS12_ITERATIONS } from './pbe.ts';
