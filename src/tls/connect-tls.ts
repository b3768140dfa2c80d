/**
 * Opens a verified client TLS connection: TCP connect, handshake, then the server
 * certificate checks (verify-server.ts) before the socket is handed out, so no request is
 * ever written to an unverified server.
 */
import { connect, type TLSSocket } from 'node:tls';
import { planClientTls, type ClientTlsInput } from './client-options.ts';
import { TlsConnectError } from './errors.ts';
import { verifyServerCertificate } from './verify-server.ts';

/** Options of {@link connectTls}. */
export interface ConnectTlsOptions extends ClientTlsInput {
  readonly host: string;
  readonly port: number;
  /** Aborts the connect and handshake; the socket is destroyed and the reason thrown. */
  readonly signal?: AbortSignal;
}

let hasWarnedNoVerify = false;

// zhmcclient: "vulnerable to man-in-the-middle attacks … should not be used in production".
function warnNoVerifyOnce(): void {
  if (hasWarnedNoVerify) return;
  hasWarnedNoVerify = true;
  process.emitWarning(
    'TLS server certificate verification is disabled (verify: false): the connection is open to man-in-the-middle attacks',
    { code: 'KEYWARDEN_TLS_NO_VERIFY' },
  );
}

function handshake(socket: TLSSocket, address: ConnectTlsOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let isConnected = false;
    const onError = (cause: Error) => {
      cleanup();
      const phase = isConnected ? 'handshake' : 'connect';
      reject(new TlsConnectError(phase, address, cause.message, { cause }));
    };
    const onClose = () => onError(new Error('the server closed the connection'));
    const onConnect = () => (isConnected = true);
    const onSecure = () => {
      cleanup();
      resolve();
    };
    const onAbort = () => {
      cleanup();
      reject(address.signal?.reason);
    };
    const cleanup = () => {
      socket.off('error', onError).off('close', onClose).off('connect', onConnect);
      socket.off('secureConnect', onSecure);
      address.signal?.removeEventListener('abort', onAbort);
    };
    socket.once('error', onError).once('close', onClose).once('connect', onConnect);
    socket.once('secureConnect', onSecure);
    address.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Connects, completes the handshake and verifies the server certificate.
 * @throws KW_TLS_CONNECT when TCP or the handshake fails; KW_TLS_VERIFY when a certificate
 *   check fails; the signal's reason when aborted; option errors as buildClientTlsOptions.
 * @example
 * const socket = await connectTls({ host: 'kms.example', port: 5696, verify: 'ca.crt',
 *   certFile: 'me.crt', keyFile: 'me.key' });
 */
export async function connectTls(options: ConnectTlsOptions): Promise<TLSSocket> {
  options.signal?.throwIfAborted();
  const plan = planClientTls(options);
  if (!plan.verify) warnNoVerifyOnce();
  const socket = connect({ host: options.host, port: options.port, ...plan.options });
  try {
    await handshake(socket, options);
    if (plan.verify) {
      await verifyServerCertificate(socket, {
        host: plan.servername ?? options.host,
        ...(plan.verifyCallback !== undefined && { verifyCallback: plan.verifyCallback }),
      });
    }
    options.signal?.throwIfAborted();
  } catch (error) {
    socket.destroy();
    throw error;
  }
  return socket;
}
