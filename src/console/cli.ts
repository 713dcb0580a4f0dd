/**
 * Console mode: `npm run console -- --port 8080 --host 127.0.0.1 --data-dir DIR`.
 * The same backend as the desktop app, under plain Node, serving the built renderer,
 * the REST API and the live WebSocket to a browser.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../backend/backend';
import { brokerSettingsFromEnv } from '../backend/ingest/broker/broker-settings';
import { nodeLauncher } from '../backend/node-launcher';
import { ChromiumPdfPrinter } from '../backend/reports/pdf/chromium-pdf-printer';
import { parseConsoleOptions, UsageError } from './cli-options';
import { startConsoleServer } from './http/server';

const log = (line: string) => console.log(`[linewatch] ${line}`);

async function main(): Promise<void> {
  const options = parseConsoleOptions(process.argv.slice(2));
  if (options.insecure && !options.tlsCert) {
    console.warn(
      `WARNING: serving plain HTTP on ${options.host}: passwords and tokens cross the network unencrypted.`,
    );
  }
  const backend = await createBackend({
    dataDir: options.dataDir,
    launcher: nodeLauncher,
    pdfPrinter: new ChromiumPdfPrinter(),
    log,
    ingest: {
      broker: brokerSettingsFromEnv(process.env, options.brokerUrl),
      embeddedPort: options.embeddedBrokerPort,
    },
  });
  const server = await startConsoleServer({
    backend,
    host: options.host,
    port: options.port,
    allowedHosts: options.allowedHosts,
    rendererDir: fileURLToPath(new URL('../../out/renderer/', import.meta.url)),
    tls:
      options.tlsCert && options.tlsKey
        ? { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) }
        : undefined,
    log,
  });
  console.log(`Linewatch console listening on ${server.url} (data in ${options.dataDir})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`linewatch console: ${error.message}`);
  else
    console.error(
      `linewatch console could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  process.exit(1);
});
