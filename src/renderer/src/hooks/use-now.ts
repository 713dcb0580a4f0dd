import { useEffect, useState } from 'react';
import { frozenNow, useConnection } from '../state/connection-store';

/**
 * The wall clock, re-read every `everyMs`, so "in state for 3 min" keeps counting; stopped at
 * the moment the connection was lost, so ages do not count on as if the data were live.
 */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  const frozen = useConnection(frozenNow);
  useEffect(() => {
    if (frozen !== null) return;
    // Running again after a stop: catch up at once rather than at the next tick.
    const catchUp = setTimeout(() => setNow(Date.now()), 0);
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => {
      clearTimeout(catchUp);
      clearInterval(timer);
    };
  }, [everyMs, frozen]);
  return frozen ?? now;
}
