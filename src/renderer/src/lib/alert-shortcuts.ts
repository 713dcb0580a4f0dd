/** What a key does on the Alerts page's open lists. */
export type AlertListAction = 'next' | 'previous' | 'acknowledge' | 'shelve';

const ACTIONS: Readonly<Record<string, AlertListAction>> = {
  j: 'next',
  J: 'next',
  ArrowDown: 'next',
  k: 'previous',
  K: 'previous',
  ArrowUp: 'previous',
  a: 'acknowledge',
  A: 'acknowledge',
  s: 'shelve',
  S: 'shelve',
};

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** What the focused element is, as far as shortcuts care. */
export interface KeyTarget {
  tagName: string;
  isContentEditable: boolean;
  /** Whether it sits inside the alert list (arrow keys scroll the page anywhere else). */
  inAlertList: boolean;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * The action of a key press, or null: never while typing into a field (a reason, a filter),
 * never with a modifier (browser and system shortcuts win), and arrow keys only inside the
 * list, so elsewhere they still scroll the page.
 */
export function alertShortcut(press: KeyPress, target: KeyTarget | null): AlertListAction | null {
  if (press.altKey || press.ctrlKey || press.metaKey) return null;
  if (target && (TYPING_TAGS.has(target.tagName.toUpperCase()) || target.isContentEditable))
    return null;
  const action = ACTIONS[press.key] ?? null;
  if (press.key.startsWith('Arrow') && !target?.inAlertList) return null;
  return action;
}

/** The alert after or before the selected one, staying at the ends; the first when none is. */
export function moveSelection<T extends { id: number }>(
  alerts: readonly T[],
  selectedId: number | null,
  step: 1 | -1,
): T | null {
  if (alerts.length === 0) return null;
  const index = alerts.findIndex((alert) => alert.id === selectedId);
  if (index === -1) return alerts[0] ?? null;
  return alerts[Math.min(alerts.length - 1, Math.max(0, index + step))] ?? null;
}
