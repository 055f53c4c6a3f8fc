// The Electron main process: one locked-down window, the IPC bridge's handlers, and the token store.
import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readConfig } from './config';
import { registerIpcHandlers } from './ipc';
import { createAppUrlCheck, isAllowedExternalUrl } from './navigation';
import { createTokenStore, type TokenCipher } from './token-store';

const config = readConfig(process.env);
const rendererIndexPath = path.join(import.meta.dirname, '../renderer/index.html');
const isAppUrl = createAppUrlCheck({
  rendererDevUrl: config.rendererDevUrl,
  rendererIndexUrl: pathToFileURL(rendererIndexPath).href,
});

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
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
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
    },
  });
  window.once('ready-to-show', () => window.show());

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

  if (config.rendererDevUrl) void window.loadURL(config.rendererDevUrl);
  else void window.loadFile(rendererIndexPath);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    // The app needs no camera, microphone, notifications or geolocation: refuse every permission prompt.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    registerIpcHandlers(ipcMain, {
      serverUrl: config.serverUrl,
      tokenStore: createTokenStore({ filePath: path.join(app.getPath('userData'), 'session.bin'), cipher }),
      isTrustedUrl: isAppUrl,
    });
    createMainWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });
}
