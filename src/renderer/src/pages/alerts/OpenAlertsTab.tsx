import { whoAt } from '../../lib/who-at';
import { useMemo, useState } from 'react';
import './shortcuts.css';
import type { Alert, User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../hooks/use-action';
import { formatUntil } from '../../lib/time';
import { ANY_PLACE, AlertPlaceFilter, inPlace } from './AlertPlaceFilter';
import { AlertDialogs, type AlertDialogKind, type OpenDialog } from './AlertDialogs';
import { AlertTable } from './AlertTable';
import { FloodBanner } from './FloodBanner';
import { mayAcknowledge, mayManage } from './alert-permissions';
import { useAlertList } from './use-alert-list';
import { useAlertShortcuts } from './use-alert-shortcuts';

interface OpenAlertsTabProps {
  user: User;
  view: 'active' | 'shelved';
}

/** The active or the shelved list, with the actions the user's role holds. */
export function OpenAlertsTab({ user, view }: OpenAlertsTabProps) {
  const list = useAlertList(view);
  const [place, setPlace] = useState(ANY_PLACE);
  const shown = useMemo(
    () => list.alerts.filter((alert) => inPlace(alert, place)),
    [list.alerts, place],
  );
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const direct = useAction();
  const manage = mayManage(user);

  const acknowledge = (alert: Alert): void => {
    void direct.run(async () => list.apply(await api.call('alerts.acknowledge', { id: alert.id })));
  };
  const unshelve = (alert: Alert): void => {
    void direct.run(async () => list.apply(await api.call('alerts.unshelve', { id: alert.id })));
  };
  const open = (kind: AlertDialogKind, alert: Alert) => () => setDialog({ kind, alert });
  useAlertShortcuts({
    alerts: shown,
    selectedId,
    onSelect: setSelectedId,
    onAcknowledge: (alert) => {
      if (mayAcknowledge(user, alert)) acknowledge(alert);
    },
    onShelve:
      manage && view === 'active' ? (alert) => setDialog({ kind: 'shelve', alert }) : undefined,
    enabled: dialog === null,
  });

  const actions = (alert: Alert) => (
    <>
      {mayAcknowledge(user, alert) && (
        <button type="button" disabled={direct.disabled} onClick={() => acknowledge(alert)}>
          Acknowledge
        </button>
      )}
      {manage && view === 'active' && (
        <>
          <button type="button" disabled={direct.blocked} onClick={open('shelve', alert)}>
            Shelve
          </button>
          <button type="button" disabled={direct.blocked} onClick={open('resolve', alert)}>
            Resolve
          </button>
          <button type="button" disabled={direct.blocked} onClick={open('out-of-service', alert)}>
            Out of service
          </button>
        </>
      )}
      {manage && view === 'shelved' && alert.shelvedUntil !== null && !alert.outOfService && (
        <button type="button" disabled={direct.disabled} onClick={() => unshelve(alert)}>
          Unshelve
        </button>
      )}
      {manage && view === 'shelved' && alert.outOfService && (
        <button type="button" disabled={direct.blocked} onClick={open('in-service', alert)}>
          Return to service
        </button>
      )}
    </>
  );

  const label = view === 'active' ? 'Active alerts' : 'Shelved and out-of-service alerts';
  return (
    <>
      {view === 'active' && <FloodBanner />}
      {view === 'active' && <AlertPlaceFilter value={place} onChange={setPlace} />}
      <ErrorMessage error={list.error ?? direct.error} />
      {list.loaded && shown.length === 0 ? (
        <p className="empty-state" data-testid="alerts-empty">
          {view === 'active' ? 'No active alerts.' : 'Nothing is shelved or out of service.'}
        </p>
      ) : (
        <AlertTable
          label={label}
          alerts={shown}
          now={list.now}
          selectedId={selectedId}
          onSelect={setSelectedId}
          note={view === 'shelved' ? shelvingNote : undefined}
          actions={actions}
        />
      )}
      <ShortcutHelp shelve={manage && view === 'active'} />
      <AlertDialogs open={dialog} onDone={list.apply} onClose={() => setDialog(null)} />
    </>
  );
}

/** The page's keys, always in view, so nobody has to know them by heart. */
function ShortcutHelp({ shelve }: { shelve: boolean }) {
  return (
    <p className="muted keyboard-hint" data-testid="alert-shortcuts">
      Keys: <kbd>J</kbd> / <kbd>K</kbd> next / previous alert · <kbd>A</kbd> acknowledge
      {shelve && (
        <>
          {' '}
          · <kbd>S</kbd> shelve
        </>
      )}{' '}
      (not while typing in a field)
    </p>
  );
}

function shelvingNote(alert: Alert) {
  const why = alert.outOfService
    ? 'Out of service'
    : `Shelved until ${alert.shelvedUntil ? formatUntil(alert.shelvedUntil) : '—'}`;
  return (
    <p className="alert-note">
      {why}
      {alert.shelvedBy ? ` by ${whoAt(alert.shelvedBy, alert.shelvedStation)}` : ''}
      {alert.shelveReason ? `: ${alert.shelveReason}` : ''}
    </p>
  );
}
