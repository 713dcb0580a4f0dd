import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface ConsoleOptions {
  host: string;
  port: number;
  dataDir: string;
  tlsCert: string | null;
  tlsKey: string | null;
  insecure: boolean;
  /** Empty: the embedded broker. */
  brokerUrl: string;
  embeddedBrokerPort: number;
  /** Extra host names the server answers to (the Host header check against DNS rebinding). */
  allowedHosts: string[];
}

/** Where console mode keeps its data unless told: $XDG_DATA_HOME/linewatch or ~/.local/share/linewatch. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'linewatch');
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export class UsageError extends Error {}

/** Parses console-mode flags; refuses a non-loopback address without TLS or --insecure. */
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
      insecure: { type: 'boolean', default: false },
      broker: { type: 'string', default: env.LINEWATCH_BROKER_URL ?? '' },
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
  if (!LOOPBACK.has(host) && !tlsCert && !values.insecure) {
    throw new UsageError(
      `Refusing to serve on ${host} without TLS: pass --tls-cert and --tls-key, or --insecure on a trusted network`,
    );
  }
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
  return {
    host,
    port,
    dataDir: values['data-dir'],
    tlsCert,
    tlsKey,
    insecure: values.insecure,
    brokerUrl: values.broker,
    embeddedBrokerPort,
    allowedHosts: [
      ...(env.LINEWATCH_ALLOWED_HOSTS ?? '').split(',').map((name) => name.trim()),
      ...(values['allowed-host'] ?? []),
    ].filter((name) => name !== ''),
  };
}
