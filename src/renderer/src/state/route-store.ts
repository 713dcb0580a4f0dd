import { create } from 'zustand';
import { isPageId, type PageId } from '../lib/navigation';

interface Route {
  page: PageId;
  /** The machine of the machine page (#/machines/M-1); null on every other page. */
  machineId: string | null;
}

interface RouteState extends Route {
  navigate: (page: PageId) => void;
  openMachine: (machineId: string) => void;
}

const MACHINE_HASH = /^machines\/(.+)$/;

/** The page lives in the URL hash, so a reload stays on it and the browser's back button works. */
function routeFromHash(): Route {
  const path = window.location.hash.replace(/^#\/?/, '');
  const machine = MACHINE_HASH.exec(path);
  if (machine?.[1]) return { page: 'machine', machineId: decodeURIComponent(machine[1]) };
  return { page: isPageId(path) && path !== 'machine' ? path : 'overview', machineId: null };
}

export function machineHash(machineId: string): string {
  return `#/machines/${encodeURIComponent(machineId)}`;
}

function go(hash: string, route: Route, set: (route: Route) => void): void {
  if (window.location.hash !== hash) window.location.hash = hash.slice(1);
  set(route);
}

export const useRoute = create<RouteState>()((set) => ({
  ...routeFromHash(),
  navigate: (page) => go(`#/${page}`, { page, machineId: null }, set),
  openMachine: (machineId) => go(machineHash(machineId), { page: 'machine', machineId }, set),
}));

window.addEventListener('hashchange', () => useRoute.setState(routeFromHash()));
