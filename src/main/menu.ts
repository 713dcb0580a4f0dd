import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * A minimal menu: the standard roles (so copy/paste shortcuts work in inputs, and macOS gets
 * its app menu), a reload for a control-room screen left open for days, and no DevTools in
 * packaged builds.
 */
export function installApplicationMenu(
  isPackaged: boolean,
  actions: { openSimulator: () => void },
): void {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools' });

  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    // Engineers and admins only: the window asks for a login and the backend checks the role.
    { label: 'Tools', submenu: [{ label: 'Simulator…', click: actions.openSimulator }] },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
