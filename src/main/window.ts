import { BrowserWindow, type Session } from 'electron';
import { isAppPage, type AppPages } from '../shared/desktop/trusted-url';

/** Matches the renderer's dark theme, so no white flash shows before the first paint. */
const BACKGROUND = '#0f1419';

/**
 * The renderer shows data from the plant floor, so it is treated like a web page: no Node,
 * isolated preload, Chromium sandbox, and no way to leave the app's own page.
 */
export function createMainWindow(preloadPath: string, pages: AppPages): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Linewatch',
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

  if (pages.devServerUrl !== undefined) void window.loadURL(pages.devServerUrl);
  else void window.loadFile(pages.rendererIndexFile);
  return window;
}

/** The app asks for no camera, microphone, notifications, geolocation or anything else. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
