import { useEffect, useState } from 'react';

/** The wall clock, re-read every `everyMs`, so "in state for 3 min" keeps counting. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
