import { useEffect } from 'react';
import type { User } from '../../../../shared/contract';
import { TopBar } from '../../components/TopBar';
import { canOpen } from '../../lib/navigation';
import { SimulatorPage } from './SimulatorPage';
import './simulator.css';

/** The desktop app's simulator window: the top bar and the simulator page, nothing else. */
export function SimulatorWindow({ user }: { user: User }) {
  // The window's title follows the page's: say which window this is in the task bar.
  useEffect(() => {
    document.title = 'Linewatch · Simulator';
  }, []);
  return (
    <div className="app-frame simulator-window">
      <TopBar />
      <main className="content" id="main-content" tabIndex={-1}>
        {canOpen(user.role, 'simulator') ? (
          <SimulatorPage />
        ) : (
          <p className="message message-info">
            The simulator is for engineers and admins. Log out and log in as one to use it.
          </p>
        )}
      </main>
    </div>
  );
}
