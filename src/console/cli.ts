/**
 * The Linewatch server, alias console mode: `npm run server -- --host 0.0.0.0 --data-dir DIR`
 * (built into out/server/cli.js by scripts/build-server.mjs; an installed server runs that file).
 * The same backend as the desktop app, under plain Node, serving the built renderer, the REST
 * API and the live WebSocket to browsers, over TLS on anything but loopback.
 */
import { fileURLToPath } from 'node:url';
import { createBackend } from '../backend/backend';
import { brokerSettingsFromEnv } from '../backend/ingest/broker/broker-settings';
import { createFileLogger, processOutputTo } from '../backend/process/logger';
import { createNodeLauncher } from '../backend/process/node-launcher';
import { ChromiumPdfPrinter } from '../backend/reports/pdf/chromium-pdf-printer';
import { parseConsoleOptions, UsageError, type ConsoleOptions } from './cli-options';
import { startConsoleServer } from './http/server';
import { ownCertificate, readGivenCertificate, type ServerCertificate } from './server-certificate';
import { systemClock } from '../shared/clock';

/** SIGTERM ends console mode and every process within this, whatever state they are in. */
const SHUTDOWN_DEADLINE_MS = 4500;

let log = (line: string) => console.log(`[linewatch] ${line}`);

async function main(): Promise<void> {
  const options = parseConsoleOptions(process.argv.slice(2));
  // Structured logs with rotation in <data dir>/logs; the terminal keeps its short lines.
  const logger = createFileLogger(options.dataDir);
  const mainLog = logger.child({ process: 'main' });
  log = (line: string) => {
    mainLog.info(line);
    console.log(`[linewatch] ${line}`);
  };
  const toLogFile = processOutputTo(logger);
  const launcher = createNodeLauncher((name, stream, line) => {
    toLogFile(name, stream, line);
    (stream === 'stderr' ? console.error : console.log)(`[${name}] ${line}`);
  });
  // Anything nobody caught: logged, then exit; the background processes follow (their IPC
  // channel closes) and a service manager restarts console mode.
  const crash = (kind: string) => (error: unknown) => {
    mainLog.fatal({ kind, err: error }, `console mode crashed (${kind})`);
    console.error(`[linewatch] ${kind}:`, error);
    logger.flush();
    process.exit(70);
  };
  process.on('uncaughtException', crash('uncaughtException'));
  process.on('unhandledRejection', crash('unhandledRejection'));
  if (options.insecure && !options.tlsCert) {
    console.warn(
      `WARNING: serving plain HTTP on ${options.host}: passwords and tokens cross the network unencrypted.`,
    );
  }
  // Before the backend: a certificate that cannot be read stops the start at once.
  const certificate = await serverCertificate(options);
  const backend = await createBackend({
    dataDir: options.dataDir,
    launcher,
    pdfPrinter: new ChromiumPdfPrinter(),
    log,
    ingest: {
      broker: brokerSettingsFromEnv(process.env, options.brokerUrl),
      embeddedPort: options.embeddedBrokerPort,
      lines: options.lines,
    },
  });
  const server = await startConsoleServer({
    backend,
    host: options.host,
    port: options.port,
    allowedHosts: options.allowedHosts,
    rendererDir: fileURLToPath(new URL('../../out/renderer/', import.meta.url)),
    tls: certificate ? { cert: certificate.cert, key: certificate.key } : undefined,
    log,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // The backend bounds its own shutdown; this is the last word if something still hangs.
    setTimeout(() => {
      log(`shutdown took longer than ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting now`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    await server.close();
    await backend.close();
    logger.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Only now "listening": whoever starts the server (systemd, a test) may stop it from here on.
  if (certificate) {
    log(
      `TLS certificate ${certificate.certFile}${certificate.created ? ' (made on this first start)' : ''}, SHA-256 fingerprint: ${certificate.fingerprint256}`,
    );
  }
  if (options.lines.length) log(`reading only lines ${options.lines.join(', ')}`);
  console.log(`Linewatch console listening on ${server.url} (data in ${options.dataDir})`);
}

/** The given certificate, the server's own (made on the first start), or none (plain HTTP). */
async function serverCertificate(options: ConsoleOptions): Promise<ServerCertificate | null> {
  if (options.tls === 'given' && options.tlsCert && options.tlsKey)
    return readGivenCertificate(options.tlsCert, options.tlsKey);
  if (options.tls === 'own')
    return ownCertificate(options.dataDir, new Date(systemClock()), options.host);
  return null;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`linewatch console: ${error.message}`);
  else
    console.error(
      `linewatch console could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  process.exit(1);
});
