/**
 * The KMIP listener alone: startKmipListener with the server's TLS options builder and
 * logger, and a handler that answers every request with a fixed response. Against
 * echo-server.ts (bare Node TLS) it shows what the listener itself costs per request.
 * Run as a child process; prints its port on stdout; logs go to stderr.
 * argv: <pki dir> <response file>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKmipListener } from '../../src/server/listener/index.ts';
import { createLogger } from '../../src/server/logger.ts';
import { buildServerTlsOptions } from '../../src/tls/index.ts';

const [pkiDir = '.', responseFile = ''] = process.argv.slice(2);
const response = new Uint8Array(readFileSync(responseFile));
const listener = await startKmipListener({
  host: '127.0.0.1',
  port: 0,
  tls: buildServerTlsOptions({
    certFile: join(pkiDir, 'server.crt'),
    keyFile: join(pkiDir, 'server.key'),
    caFile: join(pkiDir, 'ca.crt'),
  }),
  logger: createLogger({ level: 'info', destination: process.stderr }),
  handle: () => Promise.resolve(response),
});
process.stdout.write(`${listener.address.port}\n`);
process.on('SIGTERM', () => void listener.close({ graceMs: 0 }).then(() => process.exit(0)));
