import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/contract';
import { toApiErrorBody } from '../lib/errors';
import { useCanAct } from './use-can-act';

export interface ActionState {
  pending: boolean;
  /** The backend is unreachable, or the page is still catching up after a reconnect. */
  blocked: boolean;
  /** What a submit button uses: pending or blocked. */
  disabled: boolean;
  error: ApiErrorBody | null;
  /** Runs the action; resolves true when it succeeded, and keeps the error otherwise. */
  run: (action: () => Promise<void>) => Promise<boolean>;
  setError: (error: ApiErrorBody | null) => void;
}

const BLOCKED: ApiErrorBody = {
  code: 'INTERNAL',
  message: 'The connection to Linewatch is lost; try again once it is back.',
};

/**
 * Pending flag and last error of a form's submit, so every form reports failures the same way;
 * and the one place that holds commands, acknowledgements and edits back while the data on
 * screen is not live (useCanAct).
 */
export function useAction(): ActionState {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const canAct = useCanAct();
  // Read through a ref: `run` keeps its identity (effects that depend on it do not re-run
  // when the connection comes and goes).
  const canActNow = useRef(canAct);
  useEffect(() => {
    canActNow.current = canAct;
  });
  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    if (!canActNow.current) {
      setError(BLOCKED);
      return false;
    }
    setPending(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(toApiErrorBody(caught));
      return false;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, blocked: !canAct, disabled: pending || !canAct, error, run, setError };
}
