/** The product this server reports in Query (Vendor Identification and Server Information). */
import packageJson from '../../../package.json' with { type: 'json' };
import type { ServerInfo } from './context.ts';

/** Keywarden and its package version. */
export const PRODUCT: ServerInfo = {
  vendorIdentification: 'Keywarden',
  productName: 'Keywarden',
  serverVersion: packageJson.version,
};
