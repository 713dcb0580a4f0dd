import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';

export interface ServerCertificate {
  cert: Buffer;
  key: Buffer;
  /** SHA-256 of the certificate, colon-separated upper-case hex, as browsers show it. */
  fingerprint256: string;
  certFile: string;
  keyFile: string;
  /** True when this start made it (first start), false when it was reused or given. */
  created: boolean;
}

/** A self-signed certificate is pinned by the stations, so it lives long: renewing it means re-pinning. */
const VALID_YEARS = 20;

export function certificateFiles(dataDir: string): { dir: string; cert: string; key: string } {
  const dir = join(dataDir, 'tls');
  return { dir, cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
}

/** Reads a certificate and key given on the command line (--tls-cert, --tls-key). */
export function readGivenCertificate(certFile: string, keyFile: string): ServerCertificate {
  const cert = readFileSync(certFile);
  const key = readFileSync(keyFile);
  return {
    cert,
    key,
    fingerprint256: checkedPair(cert, key, certFile, keyFile),
    certFile,
    keyFile,
    created: false,
  };
}

/**
 * The server's own certificate in `<dataDir>/tls/`: made on the first start (self-signed, the
 * key readable by the server's user only), reused on every later one so the fingerprint the
 * stations pinned stays valid. A certificate without its key (or the other way round) is an
 * error, never silently replaced: a new certificate makes every station refuse the server.
 */
export async function ownCertificate(
  dataDir: string,
  now: Date,
  bindHost: string,
): Promise<ServerCertificate> {
  const files = certificateFiles(dataDir);
  const haveCert = existsSync(files.cert);
  const haveKey = existsSync(files.key);
  if (haveCert !== haveKey) {
    throw new Error(
      `${haveCert ? files.key : files.cert} is missing: restore it, or delete ${files.dir} to make a new certificate (every station must then pin the new fingerprint)`,
    );
  }
  if (haveCert) {
    return { ...readGivenCertificate(files.cert, files.key), created: false };
  }
  // A day's grace before now: a station whose clock is behind still accepts the certificate.
  const notBefore = new Date(now.getTime() - 86_400_000);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);
  const name = hostname();
  // Loaded only here, on the first start: selfsigned brings a whole X.509 library with it.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: `Linewatch server ${name}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: alternativeNames(name, bindHost) },
    ],
  });
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(files.dir, { mode: 0o700 });
  // The key first and owner-only from the start (mode applies on creation; chmod covers a
  // umask that would widen nothing but is checked anyway).
  writeFileSync(files.key, pems.private, { mode: 0o600, flag: 'wx' });
  chmodSync(files.key, 0o600);
  writeFileSync(files.cert, pems.cert, { mode: 0o644, flag: 'wx' });
  return { ...readGivenCertificate(files.cert, files.key), created: true };
}

/** The names a browser may reach the server by: its host name, localhost, and its addresses. */
function alternativeNames(
  name: string,
  bindHost: string,
): { type: 2 | 7; value?: string; ip?: string }[] {
  const dns = new Set([name, 'localhost']);
  const ips = new Set(['127.0.0.1', '::1']);
  if (isIP(bindHost) && bindHost !== '0.0.0.0' && bindHost !== '::') ips.add(bindHost);
  else if (!isIP(bindHost)) dns.add(bindHost);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? [])
      if (!address.internal) ips.add(address.address.split('%')[0]!);
  }
  return [
    ...[...dns].map((value) => ({ type: 2 as const, value })),
    ...[...ips].map((ip) => ({ type: 7 as const, ip })),
  ];
}

/** The certificate's SHA-256 fingerprint, after checking that the key belongs to it. */
function checkedPair(cert: Buffer, key: Buffer, certFile: string, keyFile: string): string {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (error) {
    throw new Error(`${certFile} is not a PEM certificate: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new Error(`${keyFile} is not a PEM private key: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new Error(`${keyFile} is not the key of the certificate ${certFile}`);
  return x509.fingerprint256;
}
