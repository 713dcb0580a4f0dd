import { useEffect, useRef } from 'react';
import type { Alert } from '../../../../shared/contract';
import { alertShortcut, moveSelection } from '../../lib/alert-shortcuts';

interface AlertShortcutOptions {
  alerts: readonly Alert[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  onAcknowledge: (alert: Alert) => void;
  /** Absent where shelving does not apply (the Shelved tab, roles without it). */
  onShelve?: (alert: Alert) => void;
  /** Off while a dialog is open: its fields and buttons own the keyboard. */
  enabled: boolean;
}

/**
 * J/K (and the arrow keys inside the list) move the selection, A acknowledges it and S
 * shelves it, from anywhere on the page except while typing into a field.
 */
export function useAlertShortcuts(options: AlertShortcutOptions): void {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const current = latest.current;
      if (!current.enabled || event.defaultPrevented) return;
      const element = event.target instanceof HTMLElement ? event.target : null;
      const action = alertShortcut(
        event,
        element && {
          tagName: element.tagName,
          isContentEditable: element.isContentEditable,
          inAlertList: element.closest('[data-testid="alert-list"]') !== null,
        },
      );
      if (!action) return;
      const selected = current.alerts.find((alert) => alert.id === current.selectedId);
      if (action === 'next' || action === 'previous') {
        event.preventDefault();
        const next = moveSelection(current.alerts, current.selectedId, action === 'next' ? 1 : -1);
        if (!next) return;
        current.onSelect(next.id);
        document
          .querySelector(`[data-testid="alert-row"][data-id="${next.id}"]`)
          ?.scrollIntoView({ block: 'nearest' });
        return;
      }
      if (!selected) return;
      event.preventDefault();
      if (action === 'acknowledge') current.onAcknowledge(selected);
      else current.onShelve?.(selected);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
