/**
 * Runs the PyKMIP 0.10 server (Debian python3-pykmip, `kmip.services.server`) on loopback
 * with a generated configuration and PKI, for the client interop tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaCertificate, issueCertificate } from '../../../src/pki/index.ts';
import { PYKMIP_PYTHON } from '../../support/pykmip.ts';

/** A running PyKMIP server and the files a client needs. */
export interface PykmipServer {
  readonly host: string;
  readonly port: number;
  readonly ca: string;
  readonly clientCert: string;
  readonly clientKey: string;
  log(): string;
  stop(): Promise<void>;
}

/** A port free right now (PyKMIP cannot report the port it picked for port 0). */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `pykmip-server` with a fresh configuration, PKI and database. */
export async function startPykmipServer(): Promise<PykmipServer> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-pykmip-server-'));
  const ca = await createCaCertificate({ commonName: 'PyKMIP test CA' });
  const by = { caCert: ca.cert, caKey: ca.key };
  const server = await issueCertificate({
    ...by,
    commonName: '127.0.0.1',
    sans: [{ type: 'ip', value: '127.0.0.1' }],
    eku: ['serverAuth'],
  });
  // PyKMIP with enable_tls_client_auth needs the clientAuth EKU; the CN is the identity.
  const client = await issueCertificate({
    ...by,
    commonName: 'keywarden-client',
    eku: ['clientAuth'],
  });
  const files = {
    ca: join(dir, 'ca.crt'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.crt'),
    clientKey: join(dir, 'client.key'),
  };
  await writeFile(files.ca, ca.cert);
  await writeFile(files.serverCert, server.cert);
  await writeFile(files.serverKey, server.key, { mode: 0o600 });
  await writeFile(files.clientCert, client.cert);
  await writeFile(files.clientKey, client.key, { mode: 0o600 });
  await mkdir(join(dir, 'policies'));
  const port = await freePort();
  const config = join(dir, 'server.conf');
  await writeFile(
    config,
    [
      '[server]',
      'hostname=127.0.0.1',
      `port=${port}`,
      `certificate_path=${files.serverCert}`,
      `key_path=${files.serverKey}`,
      `ca_path=${files.ca}`,
      'auth_suite=TLS1.2',
      `policy_path=${join(dir, 'policies')}`,
      'enable_tls_client_auth=True',
      'logging_level=INFO',
      `database_path=${join(dir, 'pykmip.db')}`,
      '',
    ].join('\n'),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  delete env['PYTHONHOME'];
  delete env['PYTHONPATH'];
  const child: ChildProcess = spawn(
    PYKMIP_PYTHON,
    ['/usr/bin/pykmip-server', '-f', config, '-l', join(dir, 'server.log')],
    // Its own process group: the server forks a policy-monitor process that must die with it
    // (killing only the parent left one orphaned pykmip-server per test run).
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    host: '127.0.0.1',
    port,
    ca: files.ca,
    clientCert: files.clientCert,
    clientKey: files.clientKey,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        // 'exit', not 'close': PyKMIP's session threads may keep the pipes open a while.
        const exited = once(child, 'exit');
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL'); // the group is gone already; make sure of the parent
        }
        await exited;
        child.stdout?.destroy();
        child.stderr?.destroy();
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
