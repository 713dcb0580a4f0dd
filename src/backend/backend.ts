import { join } from 'node:path';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { CallResult } from '../shared/api-client';
import type { MethodName, Settings } from '../shared/contract';
import { toErrorBody } from './api/api-failure';
import { Dispatcher } from './api/dispatcher';
import { registerAllHandlers } from './api/handlers';
import { AuthService } from './auth/auth-service';
import { PasswordHasher } from './auth/password-hasher';
import { TokenIssuer } from './auth/tokens';
import { LiveConnection, type LivePeer } from './live/live-connection';
import { LiveHub } from './live/live-hub';
import { registerBackupHandlers } from './api/handlers/backup';
import { registerBrokerHandlers } from './api/handlers/broker';
import { registerIngestHandlers } from './api/handlers/ingest';
import { IngestService, type IngestOptions } from './ingest/ingest-service';
import { registerMachineHandlers } from './api/handlers/machines';
import { registerAlertHandlers } from './api/handlers/alerts';
import { registerLimitTemplateHandlers } from './api/handlers/limit-templates';
import { AlertClock } from './alerts/alert-clock';
import { CommandService } from './machines/command-service';
import { MachineMonitor } from './machines/machine-monitor';
import { MaintenanceWatch } from './maintenance/maintenance-watch';
import { RetentionJob } from './housekeeping/retention-job';
import { PlantRegistry } from './plant/plant-registry';
import { EventLoopDelayMonitor } from './process/event-loop-delay';
import { healthReport, type HealthReport } from './process/health';
import { PROCESS_TITLES, type BackgroundLauncher, type ProcessName } from './process/launchers';
import { Supervisor } from './process/supervisor';
import { superviseStore, type StoreClient } from './store/store-client';
import type { PdfPrinter } from './reports/pdf/pdf-printer';
import { ReportProcessClient } from './reports/process/report-client';
import { ReportService } from './reports/report-service';
import { registerReportHandlers } from './api/handlers/reports';
import { registerSimulatorHandlers } from './api/handlers/simulator';
import { SimulationService } from './simulation/simulation-service';
import { ShiftExportJob } from './reports/export/shift-export-job';
import { registerStationKeyHandlers } from './api/handlers/station-keys';
import { StationKeyGate } from './station-keys/station-key-gate';
import {
  DEFAULT_STATION_RATE_LIMITS,
  StationRateLimiter,
  type StationRateLimits,
} from './station-keys/rate-limit';
import { markRunning } from './running-marker';

export type { BackgroundLauncher } from './process/launchers';

/** The orderly part of close() gets this long; then every process left is killed. */
const CLOSE_DEADLINE_MS = 3000;

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
  /** How fast one station key may post (tests lower them). */
  stationRateLimits?: StationRateLimits;
}

export interface Backend {
  /** `client`: the caller's address (console mode), counted by the login lockout. */
  call(
    method: MethodName,
    input: unknown,
    token: string | null,
    client?: string,
    /** The operator station the call comes from ("CR-2"), recorded with what it does. */
    workstation?: string | null,
  ): Promise<CallResult>;
  /** One client connection to the live feed (a WebSocket, an IPC feed); see LiveConnection. */
  openLive(peer: LivePeer): LiveConnection;
  readonly databasePath: string;
  /** Runs the once-a-minute maintenance and prediction check now (tools, tests). */
  evaluateMaintenance(): Promise<void>;
  /** Writes the end-of-shift PDFs that are due now (tools, tests); the job checks every minute. */
  exportShiftReportsNow(): Promise<void>;
  /** Applies the telemetry retention now (tools, tests); the job runs hourly anyway. */
  applyRetentionNow(): Promise<{ raw: number; rollups: number }>;
  /** The health report (GET /api/health): no login, no plant data. */
  health(): Promise<HealthReport>;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'linewatch.sqlite';
/** The embedded broker's sessions and queued messages, beside the database. */
export const BROKER_FILE = 'broker.sqlite';
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
  const supervisor = new Supervisor({ log });
  // The main process's own responsiveness, for /api/health (and the soak's figures).
  const eventLoop = new EventLoopDelayMonitor();
  eventLoop.start();
  // Set once ingest exists: what a restarted store must be told before it stores anything.
  let topicRoot: (() => string) | null = null;
  let storeIsBack = (): void => undefined;
  /** A background process ended unexpectedly: an event and a high alert, naming it and why. */
  const processEnded = async (
    name: ProcessName,
    why: string,
    outcome: 'restarted' | 'failed',
    then: string,
  ): Promise<void> => {
    const title = PROCESS_TITLES[name];
    const message = `The ${title} ended unexpectedly (${why}); ${then}`;
    await store
      .recordProcessEnd({ process: name, why, outcome, message }, now())
      .catch((error: unknown) =>
        log(`could not record the end of the ${name} process: ${String(error)}`),
      );
  };
  const store: StoreClient = await superviseStore(
    {
      supervisor,
      launch: () => options.launcher.store(),
      now,
      prepare: async (fresh) => {
        if (topicRoot) await fresh.setTopicRoot(topicRoot());
      },
      restarted: async (_store, why) => {
        await processEnded(
          'store',
          why,
          'restarted',
          'it was restarted, and calls made meanwhile were refused as "the store is restarting"',
        );
        storeIsBack();
      },
    },
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
  const hub = new LiveHub((sessionId) => auth.isLive(sessionId), { flushMs: options.flushMs, now });

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
    ? {
        ...options.ingest,
        broker: commandLineBroker ?? savedBroker ?? options.ingest.broker,
        embeddedBrokerFile: join(options.dataDir, BROKER_FILE),
      }
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
    () => options.launcher.broker(),
    now,
    {
      supervisor,
      restarted: (why) =>
        void processEnded('broker', why, 'restarted', 'a new one was started on the same port'),
    },
  );
  if (options.ingest) topicRoot = () => ingest.topicRoot();
  storeIsBack = () => ingest.storeIsBack();
  registerIngestHandlers(dispatcher, services, () => ingest.current(), ingest);
  const stationKeys = new StationKeyGate(store, now, log);
  dispatcher.useStationKeys(stationKeys);
  registerStationKeyHandlers(
    dispatcher,
    services,
    ingest,
    stationKeys,
    new StationRateLimiter(options.stationRateLimits ?? DEFAULT_STATION_RATE_LIMITS, now),
  );
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
  registerLimitTemplateHandlers(dispatcher, services, log);
  const commands = new CommandService(
    store,
    ingest.publisher,
    (record) => hub.publish('commands.changed', record),
    now,
  );
  registerMachineHandlers(dispatcher, services, monitor, commands);
  const reportBuilder = new ReportProcessClient(() => options.launcher.reports(), databasePath, {
    supervisor,
    ended: (why) =>
      void processEnded(
        'reports',
        why,
        'restarted',
        'it is started again; a report being built at that moment failed',
      ),
  });
  const reports = new ReportService({
    builder: reportBuilder,
    printer: options.pdfPrinter,
    store,
    settings: settingsCache.current,
    now,
  });
  registerReportHandlers(dispatcher, reports);
  const simulation = new SimulationService({
    launch: () => options.launcher.simulator(),
    supervisor,
    failed: (why) =>
      processEnded('simulator', why, 'failed', 'the simulation stopped and was not restarted'),
    // The broker ingest reads (with the embedded broker, its local URL): what the simulator
    // sends comes back through ingest like real machines. Without ingest there is none.
    broker: () => (options.ingest ? ingest.brokerSettings() : null),
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
  // The report process and Chromium start on the first report and stop after 10 idle minutes
  // (ReportProcessClient, ChromiumPdfPrinter): nothing of them runs while nobody reports.

  return {
    databasePath,
    evaluateMaintenance: () => maintenance.evaluate(),
    exportShiftReportsNow: () => shiftExport.runOnce(),
    applyRetentionNow: () => store.applyRetention(now()),
    health: () =>
      healthReport({
        processes: () => supervisor.status(),
        probeWrite: () => store.probeWrite(),
        ingest: options.ingest ? ingest.current() : null,
        backlog: ingest.backlog(),
        eventLoopDelay: () => eventLoop.read(),
      }),
    call: (method, input, token, client, workstation) =>
      dispatcher.call(method, input, token, client, workstation),
    openLive: (peer) =>
      new LiveConnection(
        hub,
        async (token) => {
          try {
            return await auth.authenticate(token, { allowLocked: false, countsAsActivity: false });
          } catch (error) {
            return { error: toErrorBody(error, log) };
          }
        },
        peer,
      ),
    async close() {
      const orderly = async () => {
        // First, while the broker still runs: the simulated machines say goodbye.
        await simulation.close();
        commands.stop();
        shiftExport.stop();
        maintenance.stop();
        retention.stop();
        alertClock.stop();
        monitor.stop();
        await shiftExport.idle();
        await ingest.stop();
        hub.close();
        reportBuilder.close();
        await options.pdfPrinter.close();
        await hasher.close();
        await store.close();
      };
      // Whatever state the processes are in (a dead store, an unreachable broker, a report
      // mid-build), shutdown has a bound: after the deadline every process left is killed.
      let deadline: NodeJS.Timeout | undefined;
      const done = await Promise.race([
        orderly().then(
          () => true,
          (error: unknown) => {
            log(`shutdown: ${String(error)}`);
            return false;
          },
        ),
        new Promise<boolean>(
          (resolve) => (deadline = setTimeout(() => resolve(false), CLOSE_DEADLINE_MS)),
        ),
      ]);
      clearTimeout(deadline);
      if (!done) {
        log('shutdown: not everything ended in time; stopping the processes left');
        hub.close();
        reportBuilder.close();
        void options.pdfPrinter.close().catch(() => undefined);
        void hasher.close().catch(() => undefined);
      }
      await supervisor.shutdown(done ? undefined : 500);
      eventLoop.stop();
      unmarkRunning();
    },
  };
}
