/**
 * The two fields of a DER X.509 certificate (RFC 5280 §4.1) that src/crypto's
 * inspectCertificate does not report and KMIP attributes need: the serialNumber INTEGER as
 * encoded (X.509 Certificate Identifier) and the signatureAlgorithm (Digital Signature
 * Algorithm). Runs only on certificates inspectCertificate accepted; still bounds-checked,
 * since the bytes come from the client.
 */
import { DerTag, readDerAt, readDerChildren, tryDer } from '../../crypto/index.ts';
import { DigitalSignatureAlgorithm } from '../../kmip/generated/registry.ts';

const VERSION_TAG = DerTag.ContextConstructed0;

// signatureAlgorithm OIDs (content octets, hex) → KMIP Digital Signature Algorithm.
// RFC 8017 App. C (RSA), RFC 5758 §3 (DSA, ECDSA with SHA-2), RFC 3279 §2.2 (SHA-1 forms),
// NIST CSOR 2.16.840.1.101.3.4.3.* (DSA with SHA-2, RSA with SHA-3).
const SIGNATURE_OIDS: ReadonlyMap<string, number> = new Map([
  ['2a864886f70d010102', DigitalSignatureAlgorithm.MD2WithRSAEncryption],
  ['2a864886f70d010104', DigitalSignatureAlgorithm.MD5WithRSAEncryption],
  ['2a864886f70d010105', DigitalSignatureAlgorithm.SHA_1WithRSAEncryption],
  ['2a864886f70d01010e', DigitalSignatureAlgorithm.SHA_224WithRSAEncryption],
  ['2a864886f70d01010b', DigitalSignatureAlgorithm.SHA_256WithRSAEncryption],
  ['2a864886f70d01010c', DigitalSignatureAlgorithm.SHA_384WithRSAEncryption],
  ['2a864886f70d01010d', DigitalSignatureAlgorithm.SHA_512WithRSAEncryption],
  ['2a864886f70d01010a', DigitalSignatureAlgorithm.RSASSA_PSS],
  ['2a8648ce380403', DigitalSignatureAlgorithm.DSAWithSHA_1],
  ['608648016503040301', DigitalSignatureAlgorithm.DSAWithSHA224],
  ['608648016503040302', DigitalSignatureAlgorithm.DSAWithSHA256],
  ['2a8648ce3d0401', DigitalSignatureAlgorithm.ECDSAWithSHA_1],
  ['2a8648ce3d040301', DigitalSignatureAlgorithm.ECDSAWithSHA224],
  ['2a8648ce3d040302', DigitalSignatureAlgorithm.ECDSAWithSHA256],
  ['2a8648ce3d040303', DigitalSignatureAlgorithm.ECDSAWithSHA384],
  ['2a8648ce3d040304', DigitalSignatureAlgorithm.ECDSAWithSHA512],
  ['60864801650304030e', DigitalSignatureAlgorithm.SHA3_256WithRSAEncryption],
  ['60864801650304030f', DigitalSignatureAlgorithm.SHA3_384WithRSAEncryption],
  ['608648016503040310', DigitalSignatureAlgorithm.SHA3_512WithRSAEncryption],
]);

/** What certificateFields reads. */
export interface CertificateDerFields {
  /** The serialNumber INTEGER, tag and length included (as the OASIS test cases carry it). */
  readonly serialNumberDer: Uint8Array;
  /** The serial number's value as upper-case hex without sign padding (KMIP 1.0 Serial Number). */
  readonly serialNumberHex: string;
  /** The KMIP Digital Signature Algorithm, undefined when KMIP has none for it (Ed25519 ...). */
  readonly signatureAlgorithm: number | undefined;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reads the serial number and signature algorithm; undefined when the DER does not hold them. */
export function certificateFields(der: Uint8Array): CertificateDerFields | undefined {
  const found = tryDer(() => {
    const root = readDerAt(der);
    const [tbs, algorithm] = root.tag === DerTag.Sequence ? readDerChildren(root) : [];
    const tbsFields = tbs?.tag === DerTag.Sequence ? readDerChildren(tbs) : undefined;
    const serial = tbsFields?.[tbsFields[0]?.tag === VERSION_TAG ? 1 : 0];
    const oid = algorithm?.tag === DerTag.Sequence ? readDerChildren(algorithm)[0] : undefined;
    return { serial, oid };
  });
  const { serial, oid } = found ?? {};
  if (serial?.tag !== DerTag.Integer || oid?.tag !== DerTag.Oid || serial.content.length === 0) {
    return undefined;
  }
  const value = serial.content;
  let first = 0;
  while (first < value.length - 1 && value[first] === 0) first++;
  return {
    serialNumberDer: serial.raw.slice(),
    serialNumberHex: hex(value.subarray(first)).toUpperCase(),
    signatureAlgorithm: SIGNATURE_OIDS.get(hex(oid.content)),
  };
}
