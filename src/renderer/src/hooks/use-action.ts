import { useCallback, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/contract';
import { toApiErrorBody } from '../lib/errors';

export interface ActionState {
  pending: boolean;
  error: ApiErrorBody | null;
  /** Runs the action; resolves true when it succeeded, and keeps the error otherwise. */
  run: (action: () => Promise<void>) => Promise<boolean>;
  setError: (error: ApiErrorBody | null) => void;
}

/** Pending flag and last error of a form's submit, so every form reports failures the same way. */
export function useAction(): ActionState {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
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
  return { pending, error, run, setError };
}
