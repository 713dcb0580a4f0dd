/**
 * The desktop app opens the simulator in a window of its own: the same renderer, loaded with
 * `?window=simulator`, shows only the simulator page there (no navigation). Shared so the
 * shell that opens the window and the renderer that reads the flag agree.
 */
export const SIMULATOR_WINDOW_QUERY = 'window=simulator';

export function isSimulatorWindow(search: string): boolean {
  return new URLSearchParams(search).get('window') === 'simulator';
}
