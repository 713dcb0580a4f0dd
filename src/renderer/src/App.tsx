import { useCallback, useEffect, useState } from 'react';
import type { ApiErrorBody } from '../../shared/contract';
import { api } from './api/client';
import { AppFrame } from './components/AppFrame';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { ErrorMessage } from './components/ErrorMessage';
import { AuthCard } from './components/AuthCard';
import { WorkstationForm } from './pages/workstation/WorkstationForm';
import { useIdleLock } from './hooks/use-idle-lock';
import { useSessionUpkeep } from './hooks/use-session-upkeep';
import { toApiErrorBody } from './lib/errors';
import { LockScreen } from './pages/LockScreen';
import { LoginPage } from './pages/LoginPage';
import { SimulatorWindow } from './pages/simulator/SimulatorWindow';
import { isSimulatorWindow } from '../../shared/desktop/windows';
import { SetupPage } from './pages/SetupPage';
import { usePlant } from './state/plant-store';
import { useSession } from './state/session-store';

type Boot =
  | { phase: 'starting' }
  | { phase: 'firstStart' }
  | { phase: 'unreachable'; error: ApiErrorBody }
  | { phase: 'ready'; needsSetup: boolean };

/** Decides the screen: first-run setup, login, lock screen or the app itself. */
export function App() {
  const [boot, setBoot] = useState<Boot>({ phase: 'starting' });
  const token = useSession((state) => state.token);
  const user = useSession((state) => state.user);

  const start = useCallback((): void => {
    void bootstrap().then(setBoot);
  }, []);

  useEffect(start, [start]);

  if (boot.phase === 'starting') {
    return (
      <main className="auth-screen" aria-busy="true">
        <p className="lead">Connecting to Linewatch…</p>
      </main>
    );
  }
  if (boot.phase === 'firstStart') {
    if (!window.linewatch) return null;
    return (
      <AuthCard title="Welcome to Linewatch">
        <WorkstationForm bridge={window.linewatch.workstation} current={null} token={null} />
      </AuthCard>
    );
  }
  if (boot.phase === 'unreachable') {
    return (
      <main className="auth-screen">
        <section className="auth-card">
          <h1>Linewatch is not reachable</h1>
          <ErrorMessage error={boot.error} />
          <button
            type="button"
            className="button-primary"
            onClick={() => {
              setBoot({ phase: 'starting' });
              start();
            }}
          >
            Try again
          </button>
        </section>
      </main>
    );
  }
  if (boot.needsSetup) {
    return <SetupPage onDone={() => setBoot({ phase: 'ready', needsSetup: false })} />;
  }
  if (!token || !user) return <LoginPage />;
  return <LoggedIn />;
}

/** Asks the backend whether setup is needed, and checks a session kept over a reload. */
async function bootstrap(): Promise<Boot> {
  // The desktop's first start: standalone or a station of a server, before anything else.
  if (window.linewatch && (await window.linewatch.workstation.info()).firstStart)
    return { phase: 'firstStart' };
  try {
    const status = await api.call('setup.status', {});
    usePlant.getState().setPlantName(status.plantName);
    await confirmStoredSession(status.needsSetup);
    return { phase: 'ready', needsSetup: status.needsSetup };
  } catch (error) {
    return { phase: 'unreachable', error: toApiErrorBody(error) };
  }
}

function LoggedIn() {
  const user = useSession((state) => state.user);
  const locked = useSession((state) => state.locked);
  const idleLockMinutes = useSession((state) => state.idleLockMinutes);
  const lock = useSession((state) => state.lock);
  // A wall display session never idle-locks (the backend does not lock it either).
  const display = useSession((state) => state.displayScreen !== null);
  useIdleLock(idleLockMinutes, !locked && !display, lock);
  useSessionUpkeep(!locked);
  if (locked) return <LockScreen />;
  if (!user) return null;
  // The desktop app's simulator window loads the same renderer with ?window=simulator.
  return isSimulatorWindow(window.location.search) ? (
    <PageErrorBoundary pageName="Simulator">
      <SimulatorWindow user={user} />
    </PageErrorBoundary>
  ) : (
    <AppFrame user={user} />
  );
}

/**
 * After a reload the stored token may have expired or the account changed; ask the backend.
 * A locked session is left to the lock screen (the backend refuses 'auth.me' while locked).
 */
async function confirmStoredSession(needsSetup: boolean): Promise<void> {
  const session = useSession.getState();
  if (!session.token) return;
  if (needsSetup) {
    session.endSession();
    return;
  }
  if (session.locked) return;
  try {
    const me = await api.call('auth.me', {});
    useSession.getState().updateProfile(me.user, me.idleLockMinutes);
  } catch (error) {
    // UNAUTHENTICATED and SESSION_LOCKED already moved the session (onSessionProblem).
    const body = toApiErrorBody(error);
    if (body.code !== 'UNAUTHENTICATED' && body.code !== 'SESSION_LOCKED') throw error;
  }
}
