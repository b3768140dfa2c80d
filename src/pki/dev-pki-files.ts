/**
 * File names of the development PKI (ARCHITECTURE.md "Data folder": `pki/`), apart from
 * dev-pki.ts so that the server finds them without loading an X.509 library (issue #9).
 */
/** File names of the development PKI, inside its folder. */
export const DEV_PKI_FILES = {
  caCert: 'ca.crt',
  caKey: 'ca.key',
  serverCert: 'server.crt',
  serverKey: 'server.key',
  adminCert: 'client-admin.crt',
  adminKey: 'client-admin.key',
} as const;

/** Which development PKI file. */
export type DevPkiFile = keyof typeof DEV_PKI_FILES;
