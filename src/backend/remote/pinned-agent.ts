import { Agent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';

/** `AB:CD:…` upper-case, the form the server prints and `cert.fingerprint256` gives. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (hex.length !== 64) throw new Error('A SHA-256 fingerprint has 64 hexadecimal digits');
  return hex.match(/../g)!.join(':');
}

/** The server showed another certificate than the one this station pinned. */
export class CertificateChangedError extends Error {
  readonly code = 'CERTIFICATE_CHANGED';
  constructor(
    readonly pinned: string,
    readonly presented: string,
  ) {
    super(
      `The Linewatch server's certificate changed: it presented ${presented}, ` +
        `but this station pinned ${pinned}. Nothing was sent. If the server's certificate was ` +
        `renewed on purpose, an admin re-pins it in Settings.`,
    );
    this.name = 'CertificateChangedError';
  }
}

type Created = (error: Error | null, socket?: Duplex) => void;

/**
 * An HTTPS agent that trusts exactly one certificate, named by its SHA-256 fingerprint (a
 * self-signed server certificate pinned on first use). The CA check is off because a
 * self-signed certificate fails it before `checkServerIdentity` would run; instead the socket
 * is handed to HTTP (or to `ws`) only after the handshake showed the pinned certificate, so no
 * byte of a request (nor the token in it) ever reaches another server.
 */
export class PinnedAgent extends Agent {
  readonly fingerprint: string;

  constructor(fingerprint: string, options: AgentOptions = {}) {
    super({ keepAlive: true, ...options });
    this.fingerprint = normalizeFingerprint(fingerprint);
  }

  // Node's Agent accepts the socket through the callback when this returns nothing.
  override createConnection(options: ConnectionOptions, created: Created): undefined {
    const socket: TLSSocket = connect({ ...options, rejectUnauthorized: false });
    const fail = (error: Error): void => {
      socket.destroy();
      created(error);
    };
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.removeListener('error', fail);
      const presented = socket.getPeerCertificate().fingerprint256 ?? '';
      if (presented !== this.fingerprint) {
        fail(new CertificateChangedError(this.fingerprint, presented));
        return;
      }
      created(null, socket);
    });
    return undefined;
  }
}

/**
 * Trust on first use: the fingerprint of the certificate a server presents now, to be shown to
 * the admin (who compares it with what the server printed) and then pinned. Sends nothing.
 */
export function presentedFingerprint(url: string, timeoutMs = 10_000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const socket = connect({
      host: hostname,
      port: Number(port || 443),
      servername: /^[\d.]+$|:/.test(hostname) ? undefined : hostname,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once('secureConnect', () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256 ?? '';
      socket.end();
      done(fingerprint);
    });
    socket.once('timeout', () => socket.destroy(new Error(`No answer from ${url}`)));
    socket.once('error', (error) => fail(new Error(`Cannot reach ${url}: ${error.message}`)));
  });
}
