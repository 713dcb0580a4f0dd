import type { DesktopBridge } from '../../shared/desktop-bridge';

declare global {
  interface Window {
    /** Present only inside the Electron window (set by the preload script). */
    linewatch?: DesktopBridge;
  }
}

export {};
