import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isProtocolIdentifier } from '../backend/ingest/protocol/topic';

export interface ConsoleOptions {
  host: string;
  port: number;
  dataDir: string;
  tlsCert: string | null;
  tlsKey: string | null;
  /**
   * How the server speaks: 'given' (--tls-cert/--tls-key), 'own' (its self-signed certificate
   * in <data-dir>/tls, made on the first start) or 'off' (plain HTTP).
   */
  tls: 'given' | 'own' | 'off';
  insecure: boolean;
  /** Empty: the embedded broker. */
  brokerUrl: string;
  embeddedBrokerPort: number;
  /** --lines L1,L2: only these lines are read from the broker; empty: every line. */
  lines: string[];
  /** Extra host names the server answers to (the Host header check against DNS rebinding). */
  allowedHosts: string[];
}

/** Where console mode keeps its data unless told: $XDG_DATA_HOME/linewatch or ~/.local/share/linewatch. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'linewatch');
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export class UsageError extends Error {}

/** Parses the server's (console mode's) flags and decides whether it speaks TLS. */
export function parseConsoleOptions(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): ConsoleOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: env.LINEWATCH_HOST ?? '127.0.0.1' },
      port: { type: 'string', default: env.LINEWATCH_PORT ?? '8080' },
      'data-dir': { type: 'string', default: env.LINEWATCH_DATA_DIR ?? defaultDataDir(env) },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      tls: { type: 'string', default: env.LINEWATCH_TLS ?? 'auto' },
      insecure: { type: 'boolean', default: false },
      broker: { type: 'string', default: env.LINEWATCH_BROKER_URL ?? '' },
      lines: { type: 'string', default: env.LINEWATCH_LINES ?? '' },
      'allowed-host': { type: 'string', multiple: true, default: [] },
      'embedded-broker-port': {
        type: 'string',
        default: env.LINEWATCH_EMBEDDED_BROKER_PORT ?? '1883',
      },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  const tlsCert = values['tls-cert'] ?? null;
  const tlsKey = values['tls-key'] ?? null;
  if ((tlsCert === null) !== (tlsKey === null))
    throw new UsageError('--tls-cert and --tls-key go together');
  const host = values.host;
  if (values.tls !== 'auto' && values.tls !== 'on')
    throw new UsageError(`--tls must be auto or on, not "${values.tls}"`);
  if (values.insecure && values.tls === 'on')
    throw new UsageError('--insecure (plain HTTP) and --tls on contradict each other');
  // Anything but loopback gets TLS: the given certificate, or the server's own self-signed
  // one; plain HTTP there only when asked for with --insecure. Loopback stays plain HTTP
  // unless a certificate is given or --tls on asks for the own one.
  const tls = tlsCert
    ? 'given'
    : values.insecure
      ? 'off'
      : values.tls === 'on' || !isLoopback(host)
        ? 'own'
        : 'off';
  const embeddedBrokerPort = Number(values['embedded-broker-port']);
  if (
    !Number.isInteger(embeddedBrokerPort) ||
    embeddedBrokerPort < 0 ||
    embeddedBrokerPort > 65535
  ) {
    throw new UsageError('--embedded-broker-port must be a whole number from 0 to 65535');
  }
  if (values.broker && !/^(mqtts?|wss?):\/\//.test(values.broker)) {
    throw new UsageError(
      `--broker must be a URL such as mqtt://host:1883 or mqtts://host:8883, not "${values.broker}"`,
    );
  }
  const lines = [...new Set(values.lines.split(',').map((line) => line.trim()))].filter(Boolean);
  const badLine = lines.find((line) => !isProtocolIdentifier(line));
  if (badLine !== undefined)
    throw new UsageError(
      `--lines takes line ids (1 to 64 characters of A-Z a-z 0-9 _ -) separated by commas; "${badLine}" is not one`,
    );
  return {
    host,
    port,
    dataDir: values['data-dir'],
    tlsCert,
    tlsKey,
    tls,
    insecure: values.insecure,
    brokerUrl: values.broker,
    embeddedBrokerPort,
    lines,
    allowedHosts: [
      ...(env.LINEWATCH_ALLOWED_HOSTS ?? '').split(',').map((name) => name.trim()),
      ...(values['allowed-host'] ?? []),
    ].filter((name) => name !== ''),
  };
}
