/**
 * The machine's upper bound for a request/response exchange: a TLS server (same certificate,
 * same mutual-TLS settings as Keywarden) that answers every framed KMIP request with a fixed
 * response and does nothing else. Run as a child process; prints its port on stdout.
 * argv: <pki dir> <response file> [max message size, default the reader's 1 MiB]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { TtlvMessageReader } from '../../src/kmip/index.ts';

const [pkiDir = '.', responseFile = '', maxMessageSize] = process.argv.slice(2);
const response = readFileSync(responseFile);
const server = createServer(
  {
    cert: readFileSync(join(pkiDir, 'server.crt')),
    key: readFileSync(join(pkiDir, 'server.key')),
    ca: readFileSync(join(pkiDir, 'ca.crt')),
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  },
  (socket) => {
    const reader = new TtlvMessageReader(
      maxMessageSize === undefined ? {} : { maxMessageSize: Number(maxMessageSize) },
    );
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      for (let n = reader.push(chunk).length; n > 0; n--) socket.write(response);
    });
  },
);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') process.stdout.write(`${address.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
