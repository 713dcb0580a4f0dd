import { useEffect } from 'react';
import './connection.css';
import { formatClockTime } from '../lib/time';
import { useConnection } from '../state/connection-store';

/**
 * While the backend is unreachable, says since when the data on screen is old; every page
 * shows it (it sits in the app frame above the page). Also closes the resync step: effects run
 * child first, so when this one runs, every page has started its reload of the new generation.
 */
export function ConnectionBanner() {
  const status = useConnection((state) => state.status);
  const lostAt = useConnection((state) => state.lostAt);
  const generation = useConnection((state) => state.generation);
  useEffect(() => {
    useConnection.getState().resyncStarted();
  }, [generation]);

  if (status !== 'lost' || lostAt === null) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      Connection lost at {formatClockTime(lostAt)}; the data shown is from then. Actions wait until
      it is back.
    </div>
  );
}
