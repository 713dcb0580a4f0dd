import type { Role } from '../../../shared/contract';

export type PageId =
  | 'overview'
  | 'machine'
  | 'dead-letters'
  | 'lines'
  | 'quality'
  | 'alerts'
  | 'maintenance'
  | 'handover'
  | 'reports'
  | 'events'
  | 'admin'
  | 'simulator'
  | 'settings';

export interface NavItem {
  id: PageId;
  label: string;
  /** Roles that see the entry; the backend enforces the same through permissions. */
  roles: readonly Role[];
}

const everyone: readonly Role[] = ['admin', 'engineer', 'operator'];
/** Testers: the plant view, dead letters and the simulator, nothing else. */
const plantViewers: readonly Role[] = [...everyone, 'tester'];

export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'overview', label: 'Overview', roles: plantViewers },
  { id: 'lines', label: 'Lines', roles: plantViewers },
  { id: 'quality', label: 'Quality', roles: everyone },
  { id: 'alerts', label: 'Alerts', roles: everyone },
  { id: 'maintenance', label: 'Maintenance', roles: everyone },
  { id: 'handover', label: 'Handover', roles: everyone },
  { id: 'reports', label: 'Reports', roles: ['admin', 'engineer'] },
  { id: 'events', label: 'Event log', roles: everyone },
  { id: 'dead-letters', label: 'Dead letters', roles: ['admin', 'engineer', 'tester'] },
  { id: 'admin', label: 'Admin', roles: ['admin'] },
  { id: 'simulator', label: 'Simulator', roles: ['admin', 'engineer', 'tester'] },
  { id: 'settings', label: 'Settings', roles: plantViewers },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

export function isPageId(value: string): value is PageId {
  return value === 'machine' || NAV_ITEMS.some((item) => item.id === value);
}

/**
 * Whether a role may open a page. The machine page has no nav entry (tiles lead there) and is
 * open to every role: the backend returns only machines in the caller's scope.
 */
export function canOpen(role: Role, page: PageId): boolean {
  return page === 'machine' || navItemsFor(role).some((item) => item.id === page);
}

/** What each page not yet built will hold, so users know what is coming (no fake data). */
export const COMING_LATER: Partial<Record<PageId, { summary: string; features: string[] }>> = {};
