// The application menu: File, Edit, View, Go, Window and Help, built from Electron's standard roles.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuDestination } from '../shared/ipc-payloads';

const goItems: { label: string; to: MenuDestination; accelerator: string }[] = [
  { label: 'Tasks', to: '/tasks', accelerator: 'Alt+1' },
  { label: 'Dispatch Board', to: '/board', accelerator: 'Alt+2' },
  { label: 'Appointment Windows', to: '/windows', accelerator: 'Alt+3' },
  { label: 'Customers', to: '/customers', accelerator: 'Alt+4' },
  { label: 'Notification Log', to: '/notifications', accelerator: 'Alt+5' },
];

export function buildMenuTemplate({
  isMac,
  isPackaged,
  appName,
  navigate,
}: {
  isMac: boolean;
  /** Developer tools only in development builds. */
  isPackaged: boolean;
  appName: string;
  /** Sends the focused window's renderer to a screen. */
  navigate: (to: MenuDestination) => void;
}): MenuItemConstructorOptions[] {
  const settings: MenuItemConstructorOptions = {
    label: isMac ? 'Settings…' : 'Settings',
    accelerator: 'CmdOrCtrl+,',
    click: () => navigate('/settings'),
  };
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: isMac ? [{ role: 'close' }] : [settings, { type: 'separator' }, { role: 'quit' }],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(isPackaged ? [] : [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Go',
      // The renderer has the same Alt+digit shortcuts; the menu makes them discoverable.
      submenu: goItems.map(({ label, to, accelerator }) => ({
        label,
        accelerator,
        registerAccelerator: false,
        click: () => navigate(to),
      })),
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: isMac ? [] : [{ role: 'about', label: `About ${appName}` }],
    },
  ];
}
