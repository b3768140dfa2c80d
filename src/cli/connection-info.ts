/**
 * What `keywarden serve` and `keywarden init` print for the operator: the data folder's
 * files, a ready PyKMIP client configuration and a command that uses it.
 */
import { isIP } from 'node:net';
import type { ServerConfig } from '../config/index.ts';
import type { InitDataDirResult } from '../server/bootstrap/index.ts';

/** The line `serve` prints once the KMIP listener accepts connections (tests wait for it). */
export function formatReadyLine(address: { readonly host: string; readonly port: number }): string {
  return `keywarden: KMIP listening on ${formatHostPort(address.host, address.port)}\n`;
}

/** `host:port`, with an IPv6 address in brackets. */
export function formatHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The address a local client dials: a wildcard bind address becomes loopback. */
export function clientHost(bindHost: string): string {
  return bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '' ? '127.0.0.1' : bindHost;
}

/** The files of a PyKMIP client section. */
export interface PykmipClientFiles {
  readonly certfile: string;
  readonly keyfile: string;
  readonly ca_certs: string;
}

/**
 * A `[client]` section of PyKMIP 0.10's pykmip.conf (read by ConfigHelper for KMIPProxy and
 * ProxyKmipClient). `ssl_version` is an attribute name of Python's `ssl` module:
 * PROTOCOL_TLS negotiates the highest version both sides have; PROTOCOL_TLS_CLIENT would turn
 * on hostname checking, which PyKMIP's `ssl.wrap_socket` call (no server_hostname) cannot satisfy.
 */
export function renderPykmipClientSection(
  host: string,
  port: number,
  files: PykmipClientFiles,
): string {
  return [
    '[client]',
    `host=${host}`,
    `port=${port}`,
    `certfile=${files.certfile}`,
    `keyfile=${files.keyfile}`,
    `ca_certs=${files.ca_certs}`,
    'cert_reqs=CERT_REQUIRED',
    'ssl_version=PROTOCOL_TLS',
    'do_handshake_on_connect=True',
    'suppress_ragged_eofs=True',
    '',
  ].join('\n');
}

function row(label: string, path: string, created: ReadonlySet<string>): string {
  return `  ${label.padEnd(12)}${path}${created.has(path) ? '  (created)' : ''}`;
}

/** Options of {@link renderConnectionInfo}. */
export interface ConnectionInfoOptions {
  readonly config: ServerConfig;
  readonly init: InitDataDirResult;
  /** The config file read, if any. */
  readonly configFile: string | undefined;
  /** The port clients dial: the listening port for `serve`, the configured one for `init`. */
  readonly port: number;
}

/** The data folder summary, the PyKMIP client section and a command to try it. */
export function renderConnectionInfo(options: ConnectionInfoOptions): string {
  const { config, init } = options;
  const created = new Set(init.created);
  const paths = init.paths;
  const configFile = options.configFile ?? paths.configFile;
  const lines = [
    `Keywarden data folder ${paths.dataDir}${created.has(paths.dataDir) ? ' (created)' : ''}`,
    ...(configFile === undefined ? [] : [row('config', configFile, created)]),
    row('database', paths.database, created),
    row('master key', paths.masterKeyFile, created),
    row('server cert', config.kmip.certFile, created),
    row('server key', config.kmip.keyFile, created),
    row('CA', config.kmip.caFile, created),
  ];
  // The admin certificate only works when the listener trusts the CA that issued it.
  const admin =
    paths.pki !== undefined && paths.pki.caCert === config.kmip.caFile ? paths.pki : undefined;
  if (admin !== undefined) {
    lines.push(
      row('admin cert', admin.adminCert, created),
      row('admin key', admin.adminKey, created),
    );
  }
  const files: PykmipClientFiles =
    admin !== undefined
      ? { certfile: admin.adminCert, keyfile: admin.adminKey, ca_certs: admin.caCert }
      : {
          certfile: '<client certificate issued by the CA above>',
          keyfile: '<its private key>',
          ca_certs: '<CA that issued the server certificate>',
        };
  lines.push(
    '',
    'PyKMIP client configuration (save as pykmip.conf):',
    renderPykmipClientSection(clientHost(config.kmip.host), options.port, files),
    'Try it with PyKMIP (creates an AES-256 key):',
    '  python3 -m kmip.demos.pie.create -s pykmip.conf -c client -a AES -l 256',
    'or with the keywarden client:',
    `  keywarden kmip create -a AES -l 256 --server ${formatHostPort(clientHost(config.kmip.host), options.port)} ` +
      `--ca ${files.ca_certs} --cert ${files.certfile} --key ${files.keyfile}`,
    '',
  );
  return lines.join('\n');
}
