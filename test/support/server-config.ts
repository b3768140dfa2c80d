/** A hand-built `ServerConfig` for in-process server tests: loopback, mutual TLS, SQLite. */
import { join } from 'node:path';
import type { ServerConfig } from '../../src/config/index.ts';
import type { DevPki } from '../../src/pki/index.ts';

/**
 * The configuration of a server on a free loopback port with `pki`'s server certificate,
 * client certificates required, TLS 1.2 minimum, its store and master key in `dir`, and
 * logging silent; `kmip` overrides listener settings (message size, connections...).
 */
export function testServerConfig(
  dir: string,
  pki: DevPki,
  kmip: Partial<ServerConfig['kmip']> = {},
): ServerConfig {
  return {
    dataDir: dir,
    kmip: {
      host: '127.0.0.1',
      port: 0,
      certFile: pki.paths.serverCert,
      keyFile: pki.paths.serverKey,
      caFile: pki.paths.caCert,
      tlsCipherSuites: [],
      tlsMinVersion: 'TLSv1.2',
      enableTlsClientAuth: true,
      maxMessageSize: 1024 * 1024,
      idleTimeoutMs: 60_000,
      maxConnections: 16,
      ...kmip,
    },
    store: { backend: 'sqlite', path: join(dir, 'keywarden.db') },
    masterKeyFile: join(dir, 'master.key'),
    logLevel: 'silent',
  };
}
