import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { useEffect, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../src/shared/contract';
import { useLiveChanges } from '../../src/renderer/src/hooks/use-live-changes';
import { useLoad } from '../../src/renderer/src/hooks/use-load';
import {
  connectServerState,
  createServerState,
} from '../../src/renderer/src/server-state/server-state';
import { selectCanAct, useConnection } from '../../src/renderer/src/state/connection-store';
import { useSession } from '../../src/renderer/src/state/session-store';
import { scripted } from './support/scripted-backend';

vi.mock('../../src/renderer/src/api/client', async () => {
  const { ApiClient } = await import('../../src/shared/api-client');
  const { scripted: backend } = await import('./support/scripted-backend');
  return { api: new ApiClient(backend.transport) };
});

const SINCE = new Date(Date.now() - 60_000).toISOString();
const operator: User = {
  id: 3,
  username: 'olga',
  displayName: 'Olga Operator',
  role: 'operator',
  disabled: false,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: SINCE,
  assignments: { lines: ['L-1'], machines: [] },
};

/** A loader the test answers by hand, one answer per call, in any order. */
function manualLoader() {
  const pending: Array<(value: string) => void> = [];
  const load = vi.fn(() => new Promise<string>((resolve) => pending.push(resolve)));
  return { load, answer: (index: number, value: string) => pending[index]?.(value) };
}

function Shown({
  label,
  load,
  loadKey = 'k',
  onReload,
}: {
  label: string;
  load: () => Promise<string>;
  loadKey?: string;
  onReload?: () => void;
}) {
  const { data, error, reload } = useLoad(load, loadKey, { onReload });
  return (
    <div>
      <p data-testid={label}>{error ? `error: ${error.message}` : (data ?? 'loading')}</p>
      <button onClick={reload}>reload {label}</button>
    </div>
  );
}

/** A list loaded once and kept by live items, as the Alerts page keeps its alerts. */
let mergeLive: (items: readonly string[]) => void = () => undefined;
function LiveList({ load }: { load: () => Promise<string[]> }) {
  const { changed, merge, onReload } = useLiveChanges((item: string) => item);
  useEffect(() => {
    mergeLive = merge;
  }, [merge]);
  const { data } = useLoad(load, 'list', { onReload });
  const shown = [...new Set([...(data ?? []), ...changed.keys()])].sort();
  return <p data-testid="list">{data === null ? 'loading' : shown.join(',')}</p>;
}

let client: QueryClient;
let disconnect: () => void;

beforeEach(() => {
  useConnection.getState().reset();
  useSession
    .getState()
    .startSession({ token: 'token-1', expiresAt: SINCE, user: operator, idleLockMinutes: 15 });
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
const shown = (label: string) => screen.getByTestId(label).textContent;

describe('useLoad on the one server-state cache', () => {
  it('loads each page again on a resync, and holds actions back until every answer is in', async () => {
    const first = manualLoader();
    const second = manualLoader();
    const dropLive = vi.fn();
    renderWithServerState(
      <>
        <Shown label="a" load={first.load} onReload={dropLive} />
        <Shown label="b" load={second.load} />
      </>,
    );
    act(() => {
      first.answer(0, 'a1');
      second.answer(0, 'b1');
    });
    await waitFor(() => expect([shown('a'), shown('b')]).toEqual(['a1', 'b1']));

    act(() => scripted.event({ kind: 'resync', reason: 'the gap is too old' }));
    await waitFor(() => expect(first.load).toHaveBeenCalledTimes(2));
    expect(second.load).toHaveBeenCalledTimes(2);
    // The merging hook drops its live items as its reload starts.
    expect(dropLive).toHaveBeenCalledTimes(2);
    expect(useConnection.getState().reloadsInFlight).toBe(1);
    // Until the answers are in, the pages keep what they had.
    expect([shown('a'), shown('b')]).toEqual(['a1', 'b1']);

    // The connection banner says the pages started their reloads (it renders last).
    act(() => useConnection.getState().resyncStarted());
    expect(selectCanAct(useConnection.getState())).toBe(false);

    act(() => first.answer(1, 'a2'));
    await waitFor(() => expect(shown('a')).toBe('a2'));
    expect(selectCanAct(useConnection.getState())).toBe(false);
    act(() => second.answer(1, 'b2'));
    await waitFor(() => expect(selectCanAct(useConnection.getState())).toBe(true));
    expect(shown('b')).toBe('b2');
  });

  it('never lets two pages with the same key share an answer', async () => {
    renderWithServerState(
      <>
        <Shown label="alerts" load={() => Promise.resolve('the alerts')} loadKey="all" />
        <Shown label="events" load={() => Promise.resolve('the events')} loadKey="all" />
      </>,
    );
    await waitFor(() => expect(shown('events')).toBe('the events'));
    expect(shown('alerts')).toBe('the alerts');
  });

  it('keeps the newest answer when an older reload answers last', async () => {
    const loader = manualLoader();
    renderWithServerState(<Shown label="a" load={loader.load} />);
    act(() => loader.answer(0, 'first'));
    await waitFor(() => expect(shown('a')).toBe('first'));
    act(() => screen.getByText('reload a').click());
    act(() => screen.getByText('reload a').click());
    await waitFor(() => expect(loader.load).toHaveBeenCalledTimes(3));
    act(() => loader.answer(2, 'newest'));
    await waitFor(() => expect(shown('a')).toBe('newest'));
    act(() => loader.answer(1, 'stale'));
    // Give the stale answer its chance to land before looking again.
    await act(() => Promise.resolve());
    expect(shown('a')).toBe('newest');
  });

  it('shows an error as the contract states it, and what one user loaded never reaches the next', async () => {
    const failing = vi.fn(() =>
      Promise.reject(Object.assign(new Error('Not allowed'), { status: 403, code: 'forbidden' })),
    );
    renderWithServerState(<Shown label="a" load={failing} />);
    await waitFor(() => expect(shown('a')).toMatch(/^error: /));
    expect(client.getQueryCache().getAll().length).toBeGreaterThan(0);
    act(() => useSession.getState().endSession());
    expect(client.getQueryCache().getAll()).toHaveLength(0);
  });

  it('keeps a live item when the reload after it fails, and lets a good answer replace it', async () => {
    const loader = vi.fn<() => Promise<string[]>>();
    loader.mockResolvedValueOnce(['a']);
    renderWithServerState(<LiveList load={loader} />);
    await waitFor(() => expect(shown('list')).toBe('a'));
    act(() => mergeLive(['b']));
    await waitFor(() => expect(shown('list')).toBe('a,b'));

    // A resync whose reload finds the server gone: what the page was told live stays.
    loader.mockRejectedValueOnce(new Error('The server is not reachable'));
    act(() => scripted.event({ kind: 'resync', reason: 'test' }));
    await waitFor(() => expect(loader).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(useConnection.getState().reloadsInFlight).toBe(0));
    expect(shown('list')).toBe('a,b');

    // A reload that answers: items from before its start are dropped (the answer holds what
    // is true now), an item that arrives while it loads is kept.
    let answer: (items: string[]) => void = () => undefined;
    loader.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    act(() => scripted.event({ kind: 'resync', reason: 'test' }));
    await waitFor(() => expect(loader).toHaveBeenCalledTimes(3));
    act(() => mergeLive(['c']));
    act(() => answer(['a']));
    await waitFor(() => expect(shown('list')).toBe('a,c'));
  });
});
