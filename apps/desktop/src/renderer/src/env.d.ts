// Globals the renderer may find: the preload's bridge exists only inside Electron.
import type { DesktopBridge } from '../../shared/bridge';

declare global {
  interface Window {
    desktop?: DesktopBridge;
  }
}
