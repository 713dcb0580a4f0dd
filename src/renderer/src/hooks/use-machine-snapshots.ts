import { useMemo, useState } from 'react';
import type { MachineSnapshot } from '../../../shared/contract';
import { api } from '../api/client';
import { useLiveTopic } from './use-live-topic';
import { useLoad } from './use-load';

/** Every machine the caller may see, latest snapshot each, sorted by line then machine. */
export function useMachineSnapshots() {
  const initial = useLoad(() => api.call('machines.overview', {}), 'all', {
    onReload: () => setLive(new Map()),
  });
  // Snapshots that came live; they are newer than the first answer, so they win over it.
  const [live, setLive] = useState<ReadonlyMap<string, MachineSnapshot>>(new Map());

  useLiveTopic('machines.snapshot', (items) => {
    setLive((current) => {
      const next = new Map(current);
      for (const snapshot of items) next.set(snapshot.machineId, snapshot);
      return next;
    });
  });

  const machines = useMemo(() => {
    const byId = new Map<string, MachineSnapshot>();
    for (const snapshot of initial.data ?? []) byId.set(snapshot.machineId, snapshot);
    for (const snapshot of live.values()) byId.set(snapshot.machineId, snapshot);
    return [...byId.values()].sort(
      (a, b) => a.lineId.localeCompare(b.lineId) || a.machineId.localeCompare(b.machineId),
    );
  }, [initial.data, live]);

  return { machines, loaded: initial.data !== null, error: initial.error };
}
