import { BrowserWindow, type Session } from 'electron';
import { isAppPage, type AppPages } from '../shared/desktop/trusted-url';
import { SIMULATOR_WINDOW_QUERY } from '../shared/desktop/windows';

/** Matches the renderer's dark theme, so no white flash shows before the first paint. */
const BACKGROUND = '#0f1419';

/**
 * The renderer shows data from the plant floor, so it is treated like a web page: no Node,
 * isolated preload, Chromium sandbox, and no way to leave the app's own page.
 */
export function createMainWindow(preloadPath: string, pages: AppPages): BrowserWindow {
  return createAppWindow(preloadPath, pages, { title: 'Linewatch', width: 1440, height: 900 });
}

/**
 * The simulator's own window: the same renderer and the same hardening, loaded with a query
 * flag that makes it show the simulator page only.
 */
export function createSimulatorWindow(preloadPath: string, pages: AppPages): BrowserWindow {
  return createAppWindow(
    preloadPath,
    pages,
    { title: 'Linewatch · Simulator', width: 1200, height: 860 },
    { search: SIMULATOR_WINDOW_QUERY, hash: '/simulator' },
  );
}

function createAppWindow(
  preloadPath: string,
  pages: AppPages,
  look: { title: string; width: number; height: number },
  route?: { search: string; hash: string },
): BrowserWindow {
  const window = new BrowserWindow({
    ...look,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, pages)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url, pages)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());

  if (pages.devServerUrl !== undefined) {
    const url = new URL(pages.devServerUrl);
    if (route) {
      url.search = route.search;
      url.hash = route.hash;
    }
    void window.loadURL(url.toString());
  } else void window.loadFile(pages.rendererIndexFile, route);
  return window;
}

/** The app asks for no camera, microphone, notifications, geolocation or anything else. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
