import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { createBackend, type Backend } from '../backend/backend';
import { brokerSettingsFromEnv } from '../backend/ingest/broker/broker-settings';
import { createFileLogger, processOutputTo } from '../backend/process/logger';
import { installContentSecurityPolicy } from './csp';
import { electronPdfPrinter } from './pdf-printer';
import { registerIpc, type ContractDoor } from './ipc';
import { loadWorkstationConfig } from '../backend/remote/workstation-config';
import type { RemoteBackend } from '../backend/remote/remote-backend';
import { registerWorkstationIpc, remoteDoor, workstationFile } from './workstation';
import { installApplicationMenu } from './menu';
import { utilityProcessLauncher } from './background-launcher';
import type { AppPages } from '../shared/desktop/trusted-url';
import { createMainWindow, createSimulatorWindow, denyAllPermissions } from './window';

/** Electron main process: lifecycle only. Everything that decides anything lives in the backend. */

// Structured logs with rotation in <user data>/logs, the background processes' output too.
const logger = createFileLogger(app.getPath('userData'));
const mainLog = logger.child({ process: 'main' });
const log = (line: string): void => {
  mainLog.info(line);
  console.log(`[linewatch] ${line}`);
};
const crash = (kind: string) => (error: unknown) => {
  mainLog.fatal({ kind, err: error }, `Linewatch crashed (${kind})`);
  logger.flush();
  app.exit(70);
};
process.on('uncaughtException', crash('uncaughtException'));
process.on('unhandledRejection', crash('unhandledRejection'));

const pages: AppPages = {
  rendererIndexFile: join(import.meta.dirname, '../renderer/index.html'),
  // Set by `electron-vite dev`; never honoured in a packaged app.
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
};
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

let backend: Backend | null = null;
/** A workstation's link to the plant's Linewatch server (instead of a local backend). */
let remote: RemoteBackend | null = null;
let door: ContractDoor | null = null;
let disposeIpc: (() => void) | null = null;
let disposeWorkstationIpc: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;
let simulatorWindow: BrowserWindow | null = null;

function showMainWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return;
  }
  mainWindow = createMainWindow(preloadPath, pages);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** At most one simulator window: the menu item brings the open one forward. */
function showSimulatorWindow(): void {
  if (!door) return;
  if (simulatorWindow && !simulatorWindow.isDestroyed()) {
    if (simulatorWindow.isMinimized()) simulatorWindow.restore();
    simulatorWindow.focus();
    return;
  }
  simulatorWindow = createSimulatorWindow(preloadPath, pages);
  simulatorWindow.on('closed', () => {
    simulatorWindow = null;
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  installContentSecurityPolicy(session.defaultSession, pages);
  installApplicationMenu(app.isPackaged, { openSimulator: showSimulatorWindow });
  // Standalone, a station of a server, or (first start) not chosen yet: the page asks.
  const config = loadWorkstationConfig(workstationFile());
  disposeWorkstationIpc = registerWorkstationIpc(config, () => door, pages, log);
  if (!config) {
    disposeIpc = registerIpc(NOT_CHOSEN, pages, log);
    showMainWindow();
    return;
  }
  if (config.mode === 'remote') {
    ({ door, remote } = remoteDoor(config));
    log(`Workstation ${config.station} of ${config.url}`);
    disposeIpc = registerIpc(door, pages, log);
    showMainWindow();
    return;
  }
  try {
    backend = await createBackend({
      dataDir: app.getPath('userData'),
      launcher: utilityProcessLauncher(processOutputTo(logger)),
      pdfPrinter: electronPdfPrinter(),
      log,
      // The embedded broker on 1883 unless LINEWATCH_BROKER_URL (or the admin's saved setting) says otherwise.
      ingest: { broker: brokerSettingsFromEnv(process.env), embeddedPort: 1883 },
    });
  } catch (error) {
    // The usual causes: a database written by a newer version, or a disk that refuses writes.
    dialog.showErrorBox('Linewatch could not start', String(error));
    app.exit(1);
    return;
  }
  const local = backend;
  door = {
    call: (method, input, token) => local.call(method, input, token, 'local', config.station),
    openLive: (peer) => local.openLive(peer),
  };
  disposeIpc = registerIpc(door, pages, log);
  showMainWindow();
}

/** Before the first-start choice there is no backend to talk to. */
const NOT_CHOSEN: ContractDoor = {
  call: () =>
    Promise.resolve({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'Choose what this computer is first.' },
    }),
  openLive: (peer) => {
    queueMicrotask(() => peer.end('not set up'));
    return { receive: () => undefined, closed: () => undefined };
  },
};

// One instance per user: two would fight over the same database file.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (disposeIpc) showMainWindow();
  });
  app.on('activate', () => {
    if (disposeIpc && BrowserWindow.getAllWindows().length === 0) showMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the backend (and with it the store's WAL) before exiting: hold the quit once.
  let closing = false;
  app.on('before-quit', (event) => {
    disposeWorkstationIpc?.();
    disposeWorkstationIpc = null;
    remote?.close();
    remote = null;
    if (!backend || closing) return;
    closing = true;
    event.preventDefault();
    disposeIpc?.();
    const closingBackend = backend;
    backend = null;
    closingBackend
      .close()
      .catch((error: unknown) => log(`Backend close failed: ${String(error)}`))
      .finally(() => app.quit());
  });

  start().catch((error: unknown) => {
    log(`Start failed: ${String(error)}`);
    app.exit(1);
  });
}
