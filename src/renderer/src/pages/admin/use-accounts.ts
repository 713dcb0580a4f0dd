import { useCallback, useEffect, useRef, useState } from 'react';
import type { Plant, User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../hooks/use-action';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useConnection } from '../../state/connection-store';

const EMPTY_PLANT: Plant = { lines: [], machines: [] };

/** Accounts and the plant's lines and machines (for assignment pick-lists), kept current. */
export function useAccounts() {
  const [accounts, setAccounts] = useState<User[]>([]);
  const [plant, setPlant] = useState<Plant>(EMPTY_PLANT);
  const [loaded, setLoaded] = useState(false);
  const loading = useAction();
  const { run } = loading;

  const reload = useCallback(async (): Promise<void> => {
    await run(async () => {
      setAccounts(await api.call('accounts.list', {}));
      setLoaded(true);
    });
  }, [run]);

  useEffect(() => {
    void reload();
    api
      .call('plant.list', {})
      .then(setPlant)
      .catch((error: unknown) => console.warn('Plant list unavailable for pick-lists', error));
  }, [reload]);

  // A resync or a reconnect: load again, like every useLoad (not through `run`, which waits
  // for these reloads).
  const generation = useConnection((state) => state.generation);
  const seenGeneration = useRef(generation);
  useEffect(() => {
    if (seenGeneration.current === generation) return;
    seenGeneration.current = generation;
    const { reloadStarted, reloadSettled } = useConnection.getState();
    reloadStarted();
    api
      .call('accounts.list', {})
      .then(setAccounts)
      .catch(() => undefined)
      .finally(reloadSettled);
  }, [generation]);

  // Another admin (or this one in another window) changed an account.
  useLiveTopic('accounts.changed', () => void reload());

  /** Shows an account the server just returned without waiting for the reload. */
  const replace = useCallback((updated: User) => {
    setAccounts((current) => {
      const known = current.some((account) => account.id === updated.id);
      return known
        ? current.map((account) => (account.id === updated.id ? updated : account))
        : [...current, updated];
    });
  }, []);

  const remove = useCallback((id: number) => {
    setAccounts((current) => current.filter((account) => account.id !== id));
  }, []);

  return { accounts, plant, loaded, loadError: loading.error, reload, replace, remove };
}
