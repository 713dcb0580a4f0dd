import { join } from 'node:path';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { CallResult } from '../shared/api-client';
import type { ApiErrorBody, LiveBatch, MethodName, Settings, TopicName } from '../shared/contract';
import { toErrorBody } from './api/api-failure';
import { Dispatcher } from './api/dispatcher';
import { registerAllHandlers } from './api/handlers';
import { AuthService } from './auth/auth-service';
import { PasswordHasher } from './auth/password-hasher';
import { TokenIssuer } from './auth/tokens';
import { LiveHub } from './live/live-hub';
import { registerBackupHandlers } from './api/handlers/backup';
import { registerBrokerHandlers } from './api/handlers/broker';
import { registerIngestHandlers } from './api/handlers/ingest';
import { IngestService, type IngestOptions } from './ingest/ingest-service';
import { registerMachineHandlers } from './api/handlers/machines';
import { registerAlertHandlers } from './api/handlers/alerts';
import { AlertClock } from './alerts/alert-clock';
import { CommandService } from './machines/command-service';
import { MachineMonitor } from './machines/machine-monitor';
import { MaintenanceWatch } from './maintenance/maintenance-watch';
import { RetentionJob } from './housekeeping/retention-job';
import { PlantRegistry } from './plant/plant-registry';
import type { StoreChannel } from './store/rpc';
import { connectStore, type StoreClient } from './store/store-client';
import type { PdfPrinter } from './reports/pdf/pdf-printer';
import { ReportProcessClient } from './reports/process/report-client';
import { ReportService } from './reports/report-service';
import { registerReportHandlers } from './api/handlers/reports';
import { registerSimulatorHandlers } from './api/handlers/simulator';
import { SimulationService } from './simulation/simulation-service';
import { ShiftExportJob } from './reports/export/shift-export-job';
import { markRunning } from './running-marker';

/** How the host (Electron main, or Node) starts background processes. */
export interface BackgroundLauncher {
  launchStore(): StoreChannel;
  /** The report process: reads the database (never writes) and lays reports out. */
  launchReports(): StoreChannel;
  /** The built-in simulator: publishes simulated machines to the broker Linewatch reads. */
  launchSimulator(): StoreChannel;
  /** The embedded MQTT broker (aedes), used when no broker is configured. */
  launchBroker(): StoreChannel;
}

export interface BackendOptions {
  dataDir: string;
  launcher: BackgroundLauncher;
  /** Prints report pages to PDF: headless Chromium under Node, printToPDF in the desktop app. */
  pdfPrinter: PdfPrinter;
  /** Where the SQL migrations are; defaults to the folder next to the store process entry. */
  migrationsDir?: string;
  log?: (line: string) => void;
  /** bcrypt cost; tests may lower it, the app never does. */
  bcryptCost?: number;
  flushMs?: number;
  now?: () => number;
  /** Where messages come from; null runs the backend without a broker (tests of the API). */
  ingest?: IngestOptions | null;
}

export interface Backend {
  /** `client`: the caller's address (console mode), counted by the login lockout. */
  call(
    method: MethodName,
    input: unknown,
    token: string | null,
    client?: string,
  ): Promise<CallResult>;
  openLive(
    token: string,
    topics: TopicName[],
    send: (batches: LiveBatch[]) => void,
  ): Promise<{ close(): void } | { error: ApiErrorBody }>;
  readonly databasePath: string;
  /** Runs the once-a-minute maintenance and prediction check now (tools, tests). */
  evaluateMaintenance(): Promise<void>;
  /** Writes the end-of-shift PDFs that are due now (tools, tests); the job checks every minute. */
  exportShiftReportsNow(): Promise<void>;
  /** Applies the telemetry retention now (tools, tests); the job runs hourly anyway. */
  applyRetentionNow(): Promise<{ raw: number; rollups: number }>;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'linewatch.sqlite';
const INSTALL_ID_FILE = 'install-id';

/**
 * The MQTT client id must outlive the database: a damaged database replaced by a fresh one
 * must still resume the broker's persistent session, or the messages queued there are lost.
 */
async function installId(dataDir: string, store: StoreClient): Promise<string> {
  const file = join(dataDir, INSTALL_ID_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const id = await store.installId();
  writeFileSync(file, `${id}\n`);
  return id;
}

/**
 * Builds the backend: the store process, auth, the dispatcher with every handler, and the
 * live hub. The same function serves the desktop app and console mode.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? Date.now;
  mkdirSync(options.dataDir, { recursive: true });
  const unmarkRunning = markRunning(options.dataDir);
  const databasePath = join(options.dataDir, DATABASE_FILE);
  const store = await connectStore(
    options.launcher.launchStore(),
    databasePath,
    options.migrationsDir,
  );

  let settings: Settings = await store.getSettings();
  const settingsCache = { current: () => settings, replace: (next: Settings) => (settings = next) };
  const plant = new PlantRegistry(() => store.listPlant());
  await plant.refresh();
  const hasher = new PasswordHasher(options.bcryptCost);
  const tokens = new TokenIssuer(await store.tokenSecret(), now);
  const auth = new AuthService(store, hasher, tokens, plant, settingsCache.current, now);
  const hub = new LiveHub((sessionId) => auth.isLive(sessionId), options.flushMs);

  const dispatcher = new Dispatcher(auth, log, (caller, method, reason) => {
    void store
      .appendEvent({
        type: 'access.denied',
        actor: caller.user.username,
        target: method,
        message: `${caller.user.username} was refused ${method}: ${reason}`,
      })
      .catch((error: unknown) => log(`could not record a refusal: ${String(error)}`));
  });
  const monitor = new MachineMonitor(
    store,
    (snapshot) => hub.publish('machines.snapshot', snapshot),
    now,
  );
  const services = { store, auth, plant, settings: settingsCache, now };
  registerAllHandlers(dispatcher, services);
  // The broker: the command line decides if it names one; otherwise what an admin saved;
  // otherwise the embedded broker.
  const commandLineBroker = options.ingest?.broker.url ? options.ingest.broker : null;
  const savedBroker = commandLineBroker ? null : await store.savedBroker();
  const ingestOptions = options.ingest
    ? { ...options.ingest, broker: commandLineBroker ?? savedBroker ?? options.ingest.broker }
    : { broker: { url: '', topicRoot: 'factory' }, embeddedPort: 1883 };
  const ingest = new IngestService(
    store,
    ingestOptions,
    (status) => hub.publish('ingest.status', status),
    (results) => results.forEach((result) => hub.publish('results.appended', result)),
    (updates) => {
      if (updates.some((update) => plant.lineOf(update.machineId) === undefined))
        void plant.refresh();
      monitor.apply(updates);
    },
    log,
    () => options.launcher.launchBroker(),
  );
  registerIngestHandlers(dispatcher, services, () => ingest.current(), ingest);
  registerBackupHandlers(dispatcher, services, options.dataDir, async () => {
    // A restored database has its own settings, plant and sessions: reread what is cached.
    settings = await store.getSettings();
    // The store process made a new Store around the restored file; it reads this topic root.
    await store.setTopicRoot(ingest.topicRoot());
    auth.forgetSessions();
    await plant.refresh();
    await monitor.reset();
  });
  registerBrokerHandlers(dispatcher, services, {
    fromCommandLine: commandLineBroker,
    // Without ingest (API tests) the setting is only stored.
    apply: async (broker) => {
      if (options.ingest) await ingest.reconfigure(broker);
    },
  });
  const alertClock = new AlertClock(store, now, log);
  ingest.onStateChange((status) =>
    alertClock.brokerState(status.state, status.brokerUrl, status.detail),
  );
  registerAlertHandlers(dispatcher, services, now);
  const commands = new CommandService(
    store,
    ingest.publisher,
    (record) => hub.publish('commands.changed', record),
    now,
  );
  registerMachineHandlers(dispatcher, services, monitor, commands);
  const reportBuilder = new ReportProcessClient(
    () => options.launcher.launchReports(),
    databasePath,
  );
  const reports = new ReportService({
    builder: reportBuilder,
    printer: options.pdfPrinter,
    store,
    settings: settingsCache.current,
    now,
  });
  registerReportHandlers(dispatcher, reports);
  const simulation = new SimulationService({
    launch: () => options.launcher.launchSimulator(),
    // The broker ingest reads (with the embedded broker, its local URL): what the simulator
    // sends comes back through ingest like real machines. Without ingest there is none.
    broker: () => {
      if (!options.ingest) return null;
      const { url, topicRoot, username, password, caFile, certFile, keyFile } =
        ingest.brokerSettings();
      return { url, topicRoot, username, password, caFile, certFile, keyFile };
    },
    store,
    now,
    log,
  });
  registerSimulatorHandlers(dispatcher, simulation, () => {
    const { brokerUrl, embedded } = ingest.current();
    return { url: brokerUrl, embedded };
  });
  const shiftExport = new ShiftExportJob(reports, store, settingsCache.current, now, log);
  const missing = dispatcher.missingHandlers();
  if (missing.length) throw new Error(`The backend has no handler for: ${missing.join(', ')}`);

  store.onNotice((notice) => {
    if (notice.topic === 'event') hub.publish('events.appended', notice.payload);
    if (notice.topic === 'plant.changed') void plant.refresh().then(() => monitor.reload());
    if (notice.topic === 'command') hub.publish('commands.changed', notice.payload);
    if (notice.topic === 'alert') hub.publish('alerts.changed', notice.payload);
    if (notice.topic === 'accounts.changed') {
      hub.publish('accounts.changed', notice.payload);
      void store
        .getUser(notice.payload.userId)
        .then((user) =>
          hub.updateCaller(user.id, (caller) => ({ ...caller, user, scope: auth.scopeOf(user) })),
        )
        .catch(() => undefined);
    }
  });

  const maintenance = new MaintenanceWatch(
    store,
    () => settings.predictionHorizonMinutes,
    log,
    now,
  );
  await monitor.start();
  maintenance.start();
  const retention = new RetentionJob(store, log, now);
  retention.start();
  commands.start();
  alertClock.start();
  if (store.recovery) {
    log(`database damaged, moved to ${store.recovery.movedTo}: ${store.recovery.reason}`);
    await store.recordRecovery(store.recovery.movedTo, store.recovery.reason);
  }
  if (options.ingest) await ingest.start(`linewatch-${await installId(options.dataDir, store)}`);
  // After ingest: shifts that ended while the app was closed are caught up from here.
  shiftExport.start();
  // The report process boots in the background a little after start (not at once: the store
  // and ingest come first), so the first report someone asks for does not wait for it.
  const warmReports = setTimeout(() => reportBuilder.warm(), 3000);
  warmReports.unref();

  return {
    databasePath,
    evaluateMaintenance: () => maintenance.evaluate(),
    exportShiftReportsNow: () => shiftExport.runOnce(),
    applyRetentionNow: () => store.applyRetention(now()),
    call: (method, input, token, client) => dispatcher.call(method, input, token, client),
    async openLive(token, topicNames, send) {
      try {
        const caller = await auth.authenticate(token, {
          allowLocked: false,
          countsAsActivity: false,
        });
        const refused = hub.refusedTopics(caller, topicNames);
        if (refused.length) {
          return {
            error: {
              code: 'FORBIDDEN',
              message: `Your role may not follow: ${refused.join(', ')}`,
            },
          };
        }
        return { close: hub.subscribe(caller, topicNames, send) };
      } catch (error) {
        return { error: toErrorBody(error, log) };
      }
    },
    async close() {
      // First, while the broker still runs: the simulated machines say goodbye.
      await simulation.close();
      commands.stop();
      shiftExport.stop();
      clearTimeout(warmReports);
      await shiftExport.idle();
      maintenance.stop();
      retention.stop();
      alertClock.stop();
      monitor.stop();
      await ingest.stop();
      hub.close();
      reportBuilder.close();
      await options.pdfPrinter.close();
      await hasher.close();
      await store.close();
      unmarkRunning();
    },
  };
}
