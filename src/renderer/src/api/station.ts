import { parseStationName } from '../../../shared/station-name';

const KEY = 'linewatch.station';

/**
 * A console-mode browser's station name ("CR-2"), kept in this browser's local storage and
 * sent with every call. `?station=CR-2` in the address at load sets it (a bookmark per screen).
 */
export function browserStation(): string | null {
  try {
    const fromQuery = new URLSearchParams(window.location.search).get('station');
    if (fromQuery !== null) {
      const parsed = parseStationName(fromQuery);
      if (parsed.ok) saveBrowserStation(parsed.station);
    }
    const stored = window.localStorage.getItem(KEY);
    const parsed = parseStationName(stored);
    return parsed.ok ? parsed.station : null;
  } catch {
    return null; // storage refused (a locked-down browser): no station name
  }
}

export function saveBrowserStation(station: string | null): void {
  if (station) window.localStorage.setItem(KEY, station);
  else window.localStorage.removeItem(KEY);
}
