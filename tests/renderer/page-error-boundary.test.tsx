import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../src/shared/contract';
import { AppFrame } from '../../src/renderer/src/components/AppFrame';
import { PageErrorBoundary } from '../../src/renderer/src/components/PageErrorBoundary';
import { useRoute } from '../../src/renderer/src/state/route-store';
import { createServerState } from '../../src/renderer/src/server-state/server-state';

/** The failure the tests inject: set it, and the page below (or the Lines page) throws. */
const failure = vi.hoisted(() => ({ message: null as string | null }));

function ChartThatMayBreak() {
  if (failure.message) throw new Error(failure.message);
  return <p>chart drawn</p>;
}

// The Lines page is replaced by one that throws while it renders, as a broken chart would.
vi.mock('../../src/renderer/src/pages/lines/LinesPage', () => ({
  LinesPage: () => <ChartThatMayBreak />,
}));
// No backend: calls never answer and the live feed is silent; the frame must still stand.
vi.mock('../../src/renderer/src/api/client', async () => ({
  api: (await import('./support/quiet-transport')).quietClient(),
}));

const operator: User = {
  id: 1,
  username: 'olga',
  displayName: 'Olga Operator',
  role: 'operator',
  disabled: false,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  assignments: { lines: [], machines: [] },
};

beforeEach(() => {
  failure.message = null;
  // React reports a caught render error on the console; expected here, so kept quiet.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('PageErrorBoundary', () => {
  it('shows what broke instead of the page, and "Reload this page" renders it again', () => {
    failure.message = 'series data is not an array';
    render(
      <PageErrorBoundary pageName="Lines">
        <ChartThatMayBreak />
      </PageErrorBoundary>,
    );
    const message = screen.getByRole('alert');
    expect(message.textContent).toContain('The Lines page stopped working');
    expect(message.textContent).toContain('series data is not an array');
    expect(screen.queryByText('chart drawn')).toBeNull();

    failure.message = null;
    fireEvent.click(screen.getByRole('button', { name: 'Reload this page' }));
    expect(screen.getByText('chart drawn')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the app frame (top bar, navigation, alarm banner) when a page throws', () => {
    useRoute.getState().navigate('lines');
    failure.message = 'cannot read properties of undefined (reading "oee")';
    render(
      <QueryClientProvider client={createServerState()}>
        <AppFrame user={operator} />
      </QueryClientProvider>,
    );

    expect(screen.getByTestId('page-error').textContent).toContain(
      'The Lines page stopped working',
    );
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Alarms' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Log out' })).toBeTruthy();
  });
});
