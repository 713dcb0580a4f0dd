import { api } from '../api/client';
import { logout } from '../lib/logout';
import { usePlant } from '../state/plant-store';
import { useSession } from '../state/session-store';

const ROLE_LABEL = {
  admin: 'Administrator',
  engineer: 'Engineer',
  operator: 'Operator',
  tester: 'Tester',
} as const;

export function TopBar() {
  const plantName = usePlant((state) => state.plantName);
  const user = useSession((state) => state.user);
  const lock = useSession((state) => state.lock);
  return (
    <header className="top-bar">
      <p className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Linewatch
        <span className="brand-plant" data-testid="plant-name">
          {plantName}
        </span>
      </p>
      {user && (
        <div className="top-bar-user" data-testid="current-user">
          <span className="user-name">{user.displayName}</span>
          <span className={`role-badge role-${user.role}`}>{ROLE_LABEL[user.role]}</span>
        </div>
      )}
      <div className="top-bar-actions">
        <button
          type="button"
          onClick={() => {
            lock();
            // The backend locks the session too, so the token is useless until unlocked.
            void api.call('auth.lock', {}).catch(() => undefined);
          }}
        >
          Lock
        </button>
        <button type="button" onClick={() => void logout()}>
          Log out
        </button>
      </div>
    </header>
  );
}
