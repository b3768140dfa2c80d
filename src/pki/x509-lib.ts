/**
 * The one entry to @peculiar/x509. Its dependency injection (tsyringe) needs the Reflect
 * metadata API, which must be installed before the library's first evaluation: ES modules
 * evaluate their imports in order, so importing this file instead of the library directly
 * guarantees it. Every call gets src/crypto's WebCrypto passed explicitly, so the library's
 * global provider is never touched.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

export { x509 };
