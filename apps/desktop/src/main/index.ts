// The Electron main process: one locked-down window that remembers where it was, the application menu, the IPC
// bridge's handlers, native notifications and portico:// deep links, in a single instance of the app, with the
// renderer served from app://portico.
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  net,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ipcEvents } from '../shared/ipc-channels';
import type { MenuDestination } from '../shared/ipc-payloads';
import { APP_INDEX_URL, APP_SCHEME, resolveAppFile } from './app-protocol';
import { desktopConfig as config } from './env';
import { DEEP_LINK_SCHEME, findDeepLinkInArgv, parseDeepLink } from './deep-link';
import { registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { createAppUrlCheck, isAllowedExternalUrl } from './navigation';
import { createNotifier } from './notifications';
import { createServerUrlStore } from './server-url-store';
import { createTokenStore, type TokenCipher } from './token-store';
import { createWindowStateFile, fitWindowState, MIN_WINDOW_SIZE } from './window-state';

/** Matches electron-builder's appId: Windows ties notifications and the taskbar to it. */
const APP_ID = 'com.portico.desktop';

const rendererDir = path.join(import.meta.dirname, '../renderer');
const isAppUrl = createAppUrlCheck({
  rendererDevUrl: config.rendererDevUrl,
  rendererIndexUrl: APP_INDEX_URL,
});

// Before the app is ready, as Electron requires. Standard + secure give app://portico a real, secure origin
// (an `Origin` the server can trust, 'self' in the page's CSP); fetch and CORS support let module scripts
// load from it. It does not bypass the CSP.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
]);

/** Answers app://portico/… with the bundled renderer's files, and 404 for anything resolveAppFile refuses. */
function serveRendererFiles(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file || !(await isRegularFile(file))) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
}

/** Only regular files are served: a directory's file:// URL would answer with a listing of it. */
async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

let mainWindow: BrowserWindow | null = null;
/** A task to open once the renderer has loaded (a link that arrived before the window or during a reload). */
let pendingTaskId: string | null = null;

function openExternally(url: string): void {
  if (!isAllowedExternalUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => {
    console.error('Could not open an external link', error);
  });
}

const cipher: TokenCipher = {
  async isSecure() {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
    // On Linux without a keyring, "basic_text" is obfuscation with a fixed key: treat it as no encryption.
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  },
  encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
  decrypt: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result,
};

function createMainWindow(): BrowserWindow {
  const stateFile = createWindowStateFile(path.join(app.getPath('userData'), 'window-state.json'));
  const state = fitWindowState(
    stateFile.load(),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Portico',
    backgroundColor: '#f4f5f7',
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  mainWindow = window;
  window.once('ready-to-show', () => {
    if (state.isMaximized) window.maximize();
    window.show();
  });

  // The normal (unmaximized) bounds are what is worth remembering; saved shortly after a change and on close.
  let saveTimer: NodeJS.Timeout | undefined;
  const saveState = () => {
    clearTimeout(saveTimer);
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    stateFile.save({ ...window.getNormalBounds(), isMaximized: window.isMaximized() });
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveState, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', saveState);
  window.on('closed', () => {
    clearTimeout(saveTimer);
    if (mainWindow === window) mainWindow = null;
  });

  // New windows are never opened by the app itself; allowed links go to the system browser, phone or mail app.
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternally(url);
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // The preload holds a task until the signed-in screens listen for it; it only has to have loaded.
  window.webContents.on('did-finish-load', flushPendingTask);

  void window.loadURL(config.rendererDevUrl ?? APP_INDEX_URL);
  return window;
}

/** Brings the window forward (or back, on macOS where closing it leaves the app running). */
function focusMainWindow(): BrowserWindow {
  const window = mainWindow ?? createMainWindow();
  if (window.isMinimized()) window.restore();
  if (!window.isVisible() && !window.webContents.isLoading()) window.show();
  window.focus();
  return window;
}

function flushPendingTask(): void {
  if (!pendingTaskId || !mainWindow || mainWindow.webContents.isLoading()) return;
  mainWindow.webContents.send(ipcEvents.openTask, pendingTaskId);
  pendingTaskId = null;
}

function openTask(taskId: string): void {
  pendingTaskId = taskId;
  if (!app.isReady()) return; // sent once the first window has loaded
  focusMainWindow();
  flushPendingTask();
}

function openDeepLink(url: string): void {
  const link = parseDeepLink(url);
  if (link) openTask(link.taskId);
}

function sendToScreen(to: MenuDestination): void {
  focusMainWindow().webContents.send(ipcEvents.navigate, to);
}

function registerProtocolClient(): void {
  // Started as `electron .` in development: the OS must relaunch Electron with this app's folder.
  const isRegistered =
    process.defaultApp && process.argv[1]
      ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1])])
      : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  if (!isRegistered) console.warn(`Could not register ${DEEP_LINK_SCHEME}:// links with the system.`);
}

if (!app.requestSingleInstanceLock()) {
  // Another Portico is running: it receives this launch's argv (and any link in it) and comes forward.
  app.quit();
} else {
  app.setAppUserModelId(APP_ID);

  // macOS hands links over as an event, possibly before the app is ready: registered right away.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openDeepLink(url);
  });

  app.on('second-instance', (_event, argv) => {
    focusMainWindow();
    const link = findDeepLinkInArgv(argv);
    if (link) openTask(link.taskId);
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    // Web permission prompts (camera, microphone, geolocation, web notifications) are all refused; native
    // notifications go through main (the notify channel), not the renderer's Notification API.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    serveRendererFiles();
    registerProtocolClient();
    const serverUrlStore = createServerUrlStore({
      filePath: path.join(app.getPath('userData'), 'settings.json'),
      environmentUrl: config.serverUrl,
    });
    const notifier = createNotifier({
      isSupported: () => Notification.isSupported(),
      create: ({ title, body }) => {
        const notification = new Notification({ title, body });
        return {
          show: () => notification.show(),
          onClick: (listener) => notification.on('click', listener),
          onDone: (listener) => {
            notification.on('close', listener);
            notification.on('failed', listener);
          },
        };
      },
      focusWindow: () => void focusMainWindow(),
      openTask,
    });
    registerIpcHandlers(ipcMain, {
      serverUrlStore,
      tokenStore: createTokenStore({ filePath: path.join(app.getPath('userData'), 'session.bin'), cipher }),
      notifier,
      getAppInfo: async () => ({
        runtime: 'electron',
        version: app.getVersion(),
        isTokenEncrypted: await cipher.isSecure(),
        isServerUrlFromEnvironment: serverUrlStore.isFromEnvironment(),
      }),
      isTrustedUrl: isAppUrl,
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          isMac: process.platform === 'darwin',
          isPackaged: app.isPackaged,
          appName: 'Portico',
          navigate: sendToScreen,
        }),
      ),
    );

    // Windows and Linux start the app with the link on the command line.
    const link = findDeepLinkInArgv(process.argv);
    if (link) pendingTaskId = link.taskId;
    createMainWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });
}
