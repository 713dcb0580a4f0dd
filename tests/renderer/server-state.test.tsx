import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { Alert, MachineSnapshot, User } from '../../src/shared/contract';
import { useActiveAlerts } from '../../src/renderer/src/hooks/use-active-alerts';
import { useMachineSnapshots } from '../../src/renderer/src/hooks/use-machine-snapshots';
import {
  connectServerState,
  createServerState,
} from '../../src/renderer/src/server-state/server-state';
import { useConnection } from '../../src/renderer/src/state/connection-store';
import { useSession } from '../../src/renderer/src/state/session-store';
import { anAlert } from '../helpers/alert-fixture';
import { scripted } from './support/scripted-backend';

vi.mock('../../src/renderer/src/api/client', async () => {
  const { ApiClient } = await import('../../src/shared/api-client');
  const { scripted: backend } = await import('./support/scripted-backend');
  return { api: new ApiClient(backend.transport) };
});

const RAISED = new Date(Date.now() - 60_000).toISOString();

function alert(id: number, machineId: string, state: Alert['state'] = 'active_unacked'): Alert {
  return anAlert(id, {
    conditionKey: `threshold:${machineId}:temperature`,
    machineId,
    message: `${machineId} temperature above its high limit`,
    value: 90,
    state,
    raisedAt: RAISED,
  });
}

const engineer: User = {
  id: 7,
  username: 'erik',
  displayName: 'Erik Engineer',
  role: 'engineer',
  disabled: false,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: RAISED,
  assignments: { lines: [], machines: [] },
};

function ActiveAlertIds({ machineId }: { machineId?: string }) {
  const { alerts, loaded } = useActiveAlerts(machineId);
  const label = machineId ?? 'all';
  if (!loaded) return <p>{label}: loading</p>;
  return <p data-testid={`alerts-${label}`}>{alerts.map((item) => item.id).join(',') || '-'}</p>;
}

function snapshot(machineId: string, lineId: string, temperature: number): MachineSnapshot {
  return {
    machineId,
    lineId,
    name: machineId,
    state: 'running',
    stateSince: RAISED,
    reason: null,
    temperature,
    unitsProduced: 0,
    lastSeenAt: RAISED,
    heartbeatTimeoutS: 30,
  };
}

function MachineTemperatures() {
  const { machines, loaded } = useMachineSnapshots();
  if (!loaded) return <p>machines: loading</p>;
  return (
    <p data-testid="machines">
      {machines.map((machine) => `${machine.machineId}=${machine.temperature}`).join(' ')}
    </p>
  );
}

let serverAlerts: Alert[] = [];
let client: QueryClient;
let disconnect: () => void;

beforeAll(() => {
  scripted.answer('alerts.list', (input) => {
    const { machineId } = input as { machineId?: string };
    return { alerts: serverAlerts.filter((a) => !machineId || a.machineId === machineId) };
  });
  scripted.answer('machines.overview', () => [
    snapshot('M-2', 'L-1', 60),
    snapshot('M-1', 'L-1', 50),
  ]);
});

beforeEach(() => {
  serverAlerts = [alert(1, 'M-1'), alert(2, 'M-2')];
  scripted.calls.length = 0;
  useConnection.getState().reset();
  useSession
    .getState()
    .startSession({ token: 'token-1', expiresAt: RAISED, user: engineer, idleLockMinutes: 15 });
  client = createServerState();
  disconnect = connectServerState(client);
});
afterEach(() => {
  disconnect();
  useSession.getState().endSession();
});

function renderWithServerState(ui: ReactNode) {
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

const shown = (label: string) => screen.getByTestId(`alerts-${label}`).textContent;

describe('server state: the active alerts', () => {
  it('loads once for the views that share a list, and the live feed updates them in one place', async () => {
    renderWithServerState(
      <>
        <ActiveAlertIds />
        <ActiveAlertIds />
        <ActiveAlertIds machineId="M-1" />
      </>,
    );
    await waitFor(() => expect(shown('M-1')).toBe('1'));
    expect(screen.getAllByTestId('alerts-all').map((item) => item.textContent)).toEqual([
      '2,1',
      '2,1',
    ]);
    // Two views of the whole scope, one of M-1: two loads, not three.
    expect(scripted.callsOf('alerts.list')).toHaveLength(2);

    act(() => scripted.send('alerts.changed', [alert(3, 'M-1'), alert(2, 'M-2', 'cleared')]));
    await waitFor(() => expect(shown('M-1')).toBe('3,1'));
    expect(screen.getAllByTestId('alerts-all')[0]?.textContent).toBe('3,1');
    // Kept by the feed, not by loading again.
    expect(scripted.callsOf('alerts.list')).toHaveLength(2);
  });

  it('loads every list again on a resync, and holds actions back until the answers are in', async () => {
    renderWithServerState(<ActiveAlertIds />);
    await waitFor(() => expect(shown('all')).toBe('2,1'));
    // While the feed was away, M-1's alert was cleared and M-3's raised, with no live change.
    serverAlerts = [alert(2, 'M-2'), alert(4, 'M-3')];
    act(() => scripted.event({ kind: 'resync', reason: 'the gap is too old' }));
    expect(useConnection.getState().reloadsInFlight).toBe(1);
    await waitFor(() => expect(shown('all')).toBe('4,2'));
    expect(useConnection.getState().reloadsInFlight).toBe(0);
    expect(scripted.callsOf('alerts.list')).toHaveLength(2);
  });

  it('keeps a change that arrives while a load is on its way', async () => {
    let answerLater: (() => void) | null = null;
    scripted.answer('alerts.list', () => ({ alerts: serverAlerts }));
    const original = scripted.transport.call;
    scripted.transport.call = (method, input, token) =>
      method === 'alerts.list'
        ? new Promise((resolve) => {
            answerLater = () => void original(method, input, token).then(resolve);
          })
        : original(method, input, token);
    try {
      renderWithServerState(<ActiveAlertIds />);
      await waitFor(() => expect(answerLater).not.toBeNull());
      // The answer was read before alert 5 was raised; the change comes before the answer.
      act(() => scripted.send('alerts.changed', [alert(5, 'M-5')]));
      act(() => answerLater?.());
      await waitFor(() => expect(shown('all')).toBe('5,2,1'));
    } finally {
      scripted.transport.call = original;
    }
  });

  it('forgets what one user loaded when the session ends', async () => {
    renderWithServerState(<ActiveAlertIds />);
    await waitFor(() => expect(shown('all')).toBe('2,1'));
    act(() => useSession.getState().endSession());
    expect(client.getQueryCache().getAll()).toHaveLength(0);
  });
});

describe('server state: the machine snapshots', () => {
  it('sorts the machines, and a live snapshot replaces its machine in the shared list', async () => {
    renderWithServerState(
      <>
        <MachineTemperatures />
        <MachineTemperatures />
      </>,
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('machines')[0]?.textContent).toBe('M-1=50 M-2=60'),
    );
    act(() =>
      scripted.send('machines.snapshot', [snapshot('M-2', 'L-1', 88), snapshot('M-0', 'L-2', 20)]),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('machines').map((item) => item.textContent)).toEqual([
        'M-1=50 M-2=88 M-0=20',
        'M-1=50 M-2=88 M-0=20',
      ]),
    );
    expect(scripted.callsOf('machines.overview')).toHaveLength(1);
  });
});
