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
import type { IngestOptions } from './ingest/ingest-service';
import { AlertClock } from './alerts/alert-clock';
import { CommandService } from './machines/command-service';
import { MachineMonitor } from './machines/machine-monitor';
import { MaintenanceWatch } from './maintenance/maintenance-watch';
import { RetentionJob } from './housekeeping/retention-job';
import { PlantRegistry } from './plant/plant-registry';
import { EventLoopDelayMonitor } from './process/event-loop-delay';
import { healthReport, type HealthReport } from './process/health';
import type { BackgroundLauncher } from './process/launchers';
import { Supervisor } from './process/supervisor';
import type { StoreClient } from './store/store-client';
import type { PdfPrinter } from './reports/pdf/pdf-printer';
import { ReportProcessClient } from './reports/process/report-client';
import { ReportService } from './reports/report-service';
import { SimulationService } from './simulation/simulation-service';
import { ShiftExportJob } from './reports/export/shift-export-job';
import { StationKeyGate } from './station-keys/station-key-gate';
import {
  DEFAULT_STATION_RATE_LIMITS,
  StationRateLimiter,
  type StationRateLimits,
} from './station-keys/rate-limit';
import { markRunning } from './running-marker';
import { closeWithinDeadline } from './composition/bounded-close';
import { createIngest } from './composition/start-ingest';
import { startStore } from './composition/start-store';
import { forwardStoreNotices } from './composition/store-notices';
import { systemClock } from '../shared/clock';

export type { BackgroundLauncher } from './process/launchers';
export { BROKER_FILE } from './composition/start-ingest';

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
  /** Tests only: a file that simulates a full disk (store/page-limit-file.ts). */
  storePageLimitFile?: string;
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
 * The composition root: builds the backend (the store process, auth, the live hub, the
 * domain services and jobs, the dispatcher with every handler) and wires them together. The
 * same function serves the desktop app and console mode. The parts live in their folders;
 * `composition/` holds the wiring that is more than a line.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? systemClock;
  mkdirSync(options.dataDir, { recursive: true });
  const unmarkRunning = markRunning(options.dataDir);
  const databasePath = join(options.dataDir, DATABASE_FILE);
  const supervisor = new Supervisor({ log });
  // The main process's own responsiveness, for /api/health (and the soak's figures).
  const eventLoop = new EventLoopDelayMonitor();
  eventLoop.start();
  const { store, processEnded, onRestart } = await startStore({
    launcher: options.launcher,
    supervisor,
    databasePath,
    migrationsDir: options.migrationsDir,
    pageLimitFile: options.storePageLimitFile,
    log,
    now,
  });

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
  const { ingest, broker } = await createIngest(options.ingest, {
    store,
    hub,
    plant,
    monitor,
    launcher: options.launcher,
    supervisor,
    processEnded,
    dataDir: options.dataDir,
    log,
    now,
  });
  onRestart({
    topicRoot: options.ingest ? () => ingest.topicRoot() : null,
    sparkplug: () => (options.ingest ? ingest.sparkplugSetup() : null),
    storeIsBack: () => ingest.storeIsBack(),
  });
  const stationKeys = new StationKeyGate(store, now, log);
  dispatcher.useStationKeys(stationKeys);
  const alertClock = new AlertClock(store, now, log);
  ingest.onStateChange((status) =>
    alertClock.brokerState(status.state, status.brokerUrl, status.detail),
  );
  const commands = new CommandService(
    store,
    ingest.publisher,
    (record) => hub.publish('commands.changed', record),
    now,
    options.ingest ? ingest.sparkplugCommands : null,
  );
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
  registerAllHandlers(dispatcher, {
    store,
    auth,
    plant,
    settings: settingsCache,
    now,
    log,
    dataDir: options.dataDir,
    ingest,
    stationKeys,
    stationLimiter: new StationRateLimiter(
      options.stationRateLimits ?? DEFAULT_STATION_RATE_LIMITS,
      now,
    ),
    afterRestore: async () => {
      // A restored database has its own settings, plant and sessions: reread what is cached.
      settings = await store.getSettings();
      // The store process made a new Store around the restored file; it reads this topic root.
      await store.setTopicRoot(ingest.topicRoot());
      await store.setSparkplug(ingest.sparkplugSetup());
      auth.forgetSessions();
      await plant.refresh();
      await monitor.reset();
    },
    broker,
    monitor,
    commands,
    reports,
    simulation,
  });
  forwardStoreNotices({ store, hub, plant, monitor, auth });

  const shiftExport = new ShiftExportJob(reports, store, settingsCache.current, now, log);
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
      const done = await closeWithinDeadline(
        async () => {
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
        },
        () => {
          hub.close();
          reportBuilder.close();
          void options.pdfPrinter.close().catch(() => undefined);
          void hasher.close().catch(() => undefined);
        },
        CLOSE_DEADLINE_MS,
        log,
      );
      await supervisor.shutdown(done ? undefined : 500);
      eventLoop.stop();
      unmarkRunning();
    },
  };
}
