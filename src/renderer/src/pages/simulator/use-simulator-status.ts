import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody, SimulatorStatus } from '../../../../shared/contract';
import { api } from '../../api/client';
import { toApiErrorBody } from '../../lib/errors';

/** The simulator process reports about once a second; asking more often shows nothing new. */
const POLL_MS = 1000;

export interface SimulatorStatusState {
  status: SimulatorStatus | null;
  error: ApiErrorBody | null;
  /** Shows an answer of start or stop at once, without waiting for the next poll. */
  replace: (status: SimulatorStatus) => void;
}

/** Polls `simulator.status` once a second while the page is open. */
export function useSimulatorStatus(): SimulatorStatusState {
  const [status, setStatus] = useState<SimulatorStatus | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  // An answer that left before a start or stop must not overwrite what that call returned.
  const generation = useRef(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = (): void => {
      const ticket = generation.current;
      api
        .call('simulator.status', {})
        .then((value) => {
          if (stopped || ticket !== generation.current) return;
          setStatus(value);
          setError(null);
        })
        .catch((caught: unknown) => {
          if (!stopped) setError(toApiErrorBody(caught));
        })
        .finally(() => {
          if (!stopped) timer = setTimeout(poll, POLL_MS);
        });
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  const replace = useCallback((next: SimulatorStatus): void => {
    generation.current += 1;
    setStatus(next);
    setError(null);
  }, []);

  return { status, error, replace };
}
